import { iso31662 } from 'iso-3166';
import names from './region-names.json' with { type: 'json' };

/** RegionLanguage is a language that country and region names are available in: English, Russian or Ukrainian. */
type Language = 'en' | 'ru' | 'uk';
export type { Language as RegionLanguage };

type Names = Record<string, Partial<Record<Language, string>>>;

const countryNames: Names = names.countries;
const regionNames: Names = names.regions;

/** supportedCountries lists the ISO 3166-1 codes whose regions a petition may offer to its signers. */
export const supportedCountries: readonly string[] = Object.freeze(['RU', 'UA', 'BY', 'KZ', 'MD', 'GE', 'AM']);

// The codes come from iso-3166 (the authority); only top-level subdivisions, whose parent is the country itself.
const codesByCountry: ReadonlyMap<string, readonly string[]> = new Map(
  supportedCountries.map((country) => [
    country,
    iso31662.filter((entry) => entry.parent === country).map((entry) => entry.code),
  ]),
);

const countryOfRegion: ReadonlyMap<string, string> = new Map(
  [...codesByCountry].flatMap(([country, codes]) => codes.map((code) => [code, country] as const)),
);

const collators = new Map<Language, Intl.Collator>();

function collatorFor(language: Language): Intl.Collator {
  let collator = collators.get(language);
  if (!collator) {
    collator = new Intl.Collator(language);
    collators.set(language, collator);
  }
  return collator;
}

function lookup(table: Names, code: string, language: Language): string {
  if (!Object.hasOwn(table, code)) return code;
  const name = table[code][language];
  return typeof name === 'string' && name !== '' ? name : code;
}

/** countryName gives a supported country's name in the language, or the code itself when the country is unknown. */
export function countryName(code: string, language: Language): string {
  return lookup(countryNames, code, language);
}

/** regionName gives a region's name in the language, or the code itself when the region is unknown. */
export function regionName(code: string, language: Language): string {
  return lookup(regionNames, code, language);
}

/** regionsOf lists the top-level regions of the countries, grouped by country in the order given and sorted by name within each; unsupported and repeated countries are skipped. */
export function regionsOf(
  countries: readonly string[],
  language: Language,
): { code: string; name: string; country: string }[] {
  const collator = collatorFor(language);
  const result: { code: string; name: string; country: string }[] = [];
  for (const country of new Set(countries)) {
    const codes = codesByCountry.get(country);
    if (!codes) continue;
    const group = codes.map((code) => ({ code, name: regionName(code, language), country }));
    group.sort((a, b) => collator.compare(a.name, b.name) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    result.push(...group);
  }
  return result;
}

/** isRegionOf tells whether the code is a top-level region of one of the countries (supported countries only). */
export function isRegionOf(code: string, countries: readonly string[]): boolean {
  const country = countryOfRegion.get(code);
  return country !== undefined && countries.includes(country);
}
