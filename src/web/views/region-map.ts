import { escapeHtml, html, raw, type Html } from './html.ts';
import shapes from './region-shapes.json' with { type: 'json' };
import type { ViewContext } from '../view-context.ts';
import { countryName, regionName } from '../../domain/regions.ts';
import { numberFormat } from '../../i18n/formats.ts';

/** MapText is what the map says in words: its name, how to read it, and how to write a number. */
export interface MapText {
  /** title names the map for screen readers, e.g. "Map of signatures by region: Russia". */
  title: string;
  /** description says how to read it and where its numbers are in words (the list beside it). */
  description: string;
  /** legend heads the key of colours. */
  legend: string;
  /** none labels regions nobody from has signed. */
  none: string;
  formatNumber: (n: number) => string;
  /** regionName names a region (ISO 3166-2 code) in the page's language. */
  regionName: (code: string) => string;
}

interface CountryShapes {
  width: number;
  height: number;
  regions: Record<string, string>;
}

const countries: Record<string, CountryShapes> = shapes.countries;

/** mappedCountries are the countries whose regions have shapes (scripts/build-region-shapes.ts made them). */
export const mappedCountries: readonly string[] = Object.freeze(Object.keys(countries));

/** classes is how many shades the map has for regions with signatures, lightest to darkest. */
const classes = 5;

/**
 * quantileBreaks splits the counts into at most five groups of about as many regions each, and returns each group's
 * lowest and highest count, lowest group first. Equal counts stay in one group, so there may be fewer than five.
 */
export function quantileBreaks(counts: readonly number[]): { from: number; to: number }[] {
  const sorted = counts.filter((n) => n > 0).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const groups: { from: number; to: number }[] = [];
  let start = 0;
  for (let k = 1; k <= classes && start < sorted.length; k++) {
    let end = Math.max(start + 1, Math.round((k / classes) * sorted.length));
    // Never split a count between two groups: the group takes every region with its highest count.
    while (end < sorted.length && sorted[end] === sorted[end - 1]) end++;
    groups.push({ from: sorted[start], to: sorted[end - 1] });
    start = end;
  }
  return groups;
}

/**
 * regionMap draws one country's regions as an SVG map on the server, each shaded by its count of signatures (five
 * shades by quantile; a region without signatures is left pale), with a key beside it. It needs no script and
 * loads nothing. The map is an image with a name and a description; the numbers themselves are in the list that the
 * page shows beside it, which is its text alternative, and each region's own title gives its name and count.
 * A country without shapes, or without a region that has signatures, draws nothing. `named` shows the title above
 * the map too, where a page shows maps of more than one country.
 */
export function regionMap(country: string, counts: ReadonlyMap<string, number>, text: MapText, named = false): Html {
  const map = Object.hasOwn(countries, country) ? countries[country] : undefined;
  if (!map) return raw('');
  const codes = Object.keys(map.regions);
  const present = codes.map((code) => counts.get(code) ?? 0);
  const breaks = quantileBreaks(present);
  if (breaks.length === 0) return raw('');
  const shade = (n: number) => (n <= 0 ? 0 : 1 + breaks.findIndex((b) => n <= b.to));
  const id = `region-map-${country.toLowerCase()}`;
  const paths = codes
    .map((code) => {
      const n = counts.get(code) ?? 0;
      const name = text.regionName(code);
      const label = `${name}: ${n > 0 ? text.formatNumber(n) : text.none}`;
      return `<path class="map-shade-${shade(n)}" fill="${fills[shade(n)]}" d="${map.regions[code]}"><title>${escapeHtml(label)}</title></path>`;
    })
    .join('\n');
  const svg =
    raw(`<svg class="region-map-svg" viewBox="0 0 ${map.width} ${map.height}" role="img" aria-labelledby="${id}-title ${id}-desc" xmlns="http://www.w3.org/2000/svg">
<title id="${id}-title">${escapeHtml(text.title)}</title>
<desc id="${id}-desc">${escapeHtml(text.description)}</desc>
<g stroke="#ffffff" stroke-width="0.6" stroke-linejoin="round" class="map-regions">
${paths}
</g>
</svg>`);
  const range = (b: { from: number; to: number }) =>
    b.from === b.to ? text.formatNumber(b.from) : `${text.formatNumber(b.from)}–${text.formatNumber(b.to)}`;
  return html`<figure class="region-map">
  ${named ? html`<p class="region-map-country" aria-hidden="true">${text.title}</p>` : ''}
  ${svg}
  <figcaption>
    <p class="region-map-legend-title">${text.legend}</p>
    <ul class="region-map-legend">
      <li><span class="map-swatch map-shade-0" aria-hidden="true"></span>${text.none}</li>
      ${breaks.map((b, i) => html`<li><span class="map-swatch map-shade-${i + 1}" aria-hidden="true"></span>${range(b)}</li>`)}
    </ul>
  </figcaption>
</figure>`;
}

/** fills are the shades for readers without the site's CSS (site.css sets them from the palette): pale, then blues. */
const fills = ['#e4e8ee', '#c6d7ee', '#94b4dd', '#5f8cc6', '#2f64a8', '#1a3f73'];

/**
 * regionMaps draws the map of each of the countries (in their order) that has shapes and a region with signatures,
 * each named above it where there are several, or nothing.
 */
export function regionMaps(
  countries: readonly string[],
  counts: ReadonlyMap<string, number>,
  text: Omit<MapText, 'title'> & { title: (country: string) => string },
): Html {
  const maps = [...new Set(countries)]
    .map((country) => regionMap(country, counts, { ...text, title: text.title(country) }, countries.length > 1))
    .filter((map) => map.text !== '');
  return maps.length === 0 ? raw('') : html`<div class="region-maps">${maps}</div>`;
}

/** mapText is what the map of signatures by region says in the page's language (the petition page, the dashboard). */
export function mapText(ctx: ViewContext): Omit<MapText, 'title'> & { title: (country: string) => string } {
  const number = numberFormat(ctx.lang);
  return {
    title: (country) => ctx.t('petition.map-title', { country: countryName(country, ctx.lang) }),
    description: ctx.t('petition.map-description'),
    legend: ctx.t('petition.map-legend'),
    none: ctx.t('petition.map-none'),
    formatNumber: (n) => number.format(n),
    regionName: (code) => regionName(code, ctx.lang),
  };
}
