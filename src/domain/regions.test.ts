import { test } from 'node:test';
import assert from 'node:assert/strict';
import { iso31661, iso31662 } from 'iso-3166';
import names from './region-names.json' with { type: 'json' };
import { countryName, isRegionOf, regionName, regionsOf, supportedCountries, type RegionLanguage } from './regions.ts';

const languages: RegionLanguage[] = ['en', 'ru', 'uk'];
const regionTable: Record<string, Record<string, string>> = names.regions;
const countryTable: Record<string, Record<string, string>> = names.countries;

const isoTopLevel = iso31662.filter((entry) => supportedCountries.includes(entry.parent));
const isoByCode = new Map(iso31662.map((entry) => [entry.code, entry]));

const cyrillicLetter = /\p{Script=Cyrillic}/u;
const latinLetter = /\p{Script=Latin}/u;

function assertScript(text: string, language: RegionLanguage, where: string): void {
  assert.equal(typeof text, 'string', where);
  assert.notEqual(text.trim(), '', `${where} is empty`);
  assert.equal(text, text.trim(), `${where} has surrounding white space`);
  if (language === 'en') {
    assert.match(text, latinLetter, `${where} has no Latin letters`);
    assert.doesNotMatch(text, cyrillicLetter, `${where} has Cyrillic letters`);
  } else {
    assert.match(text, cyrillicLetter, `${where} has no Cyrillic letters`);
    assert.doesNotMatch(text, latinLetter, `${where} has Latin letters`);
  }
  if (language === 'uk') assert.doesNotMatch(text, /[ыэъёЫЭЪЁ]/u, `${where} has Russian-only letters`);
  if (language === 'ru') assert.doesNotMatch(text, /[іїєґІЇЄҐ]/u, `${where} has Ukrainian-only letters`);
}

test('supportedCountries are the seven ISO 3166-1 countries and cannot be changed', () => {
  assert.deepEqual([...supportedCountries], ['RU', 'UA', 'BY', 'KZ', 'MD', 'GE', 'AM']);
  for (const country of supportedCountries) {
    assert.ok(
      iso31661.some((entry) => entry.alpha2 === country),
      `${country} is not in ISO 3166-1`,
    );
  }
  assert.ok(Object.isFrozen(supportedCountries));
});

test('every top-level ISO 3166-2 code of a supported country has names', () => {
  const missing = isoTopLevel.filter((entry) => !Object.hasOwn(regionTable, entry.code)).map((entry) => entry.code);
  assert.deepEqual(missing, []);
});

test('every code in region-names.json is a top-level ISO 3166-2 code of a supported country', () => {
  for (const code of Object.keys(regionTable)) {
    const entry = isoByCode.get(code);
    assert.ok(entry, `${code} is not in ISO 3166-2`);
    assert.ok(supportedCountries.includes(entry.parent), `${code} is not a top-level code of a supported country`);
  }
  assert.deepEqual(Object.keys(countryTable).sort(), [...supportedCountries].sort());
});

test('the lists have the expected sizes', () => {
  const count = (country: string) => regionsOf([country], 'en').length;
  assert.equal(count('RU'), 83);
  assert.equal(count('UA'), 27);
  assert.equal(count('BY'), 7);
  assert.equal(Object.keys(regionTable).length, isoTopLevel.length);
});

test('every name is present in each language and written in its script', () => {
  for (const [code, entry] of Object.entries(regionTable)) {
    assert.deepEqual(Object.keys(entry).sort(), ['en', 'ru', 'uk'], `${code} languages`);
    for (const language of languages) assertScript(regionName(code, language), language, `${code}.${language}`);
  }
  for (const country of supportedCountries) {
    for (const language of languages) assertScript(countryName(country, language), language, `${country}.${language}`);
  }
});

test('names within a country and language are distinct', () => {
  for (const country of supportedCountries) {
    for (const language of languages) {
      const list = regionsOf([country], language).map((region) => region.name);
      assert.equal(new Set(list).size, list.length, `${country} ${language} has duplicate names`);
    }
  }
});

test('regionName and countryName give the known names', () => {
  assert.equal(regionName('RU-MOS', 'en'), 'Moscow Oblast');
  assert.equal(regionName('RU-MOS', 'ru'), 'Московская область');
  assert.equal(regionName('RU-MOS', 'uk'), 'Московська область');
  assert.equal(regionName('RU-MOW', 'ru'), 'Москва');
  assert.equal(regionName('UA-30', 'en'), 'Kyiv');
  assert.equal(regionName('UA-30', 'uk'), 'Київ');
  assert.equal(regionName('UA-46', 'uk'), 'Львівська область');
  assert.equal(regionName('UA-43', 'uk'), 'Автономна Республіка Крим');
  assert.equal(countryName('UA', 'uk'), 'Україна');
  assert.equal(countryName('RU', 'en'), 'Russia');
  assert.equal(countryName('BY', 'ru'), 'Беларусь');
});

test('unknown codes fall back to the code itself', () => {
  for (const code of ['XX-YY', 'US-CA', 'ru-mos', '', '__proto__', 'constructor', 'toString']) {
    assert.equal(regionName(code, 'en'), code);
  }
  assert.equal(countryName('US', 'ru'), 'US');
  assert.equal(countryName('__proto__', 'uk'), '__proto__');
  assert.equal(countryName('RU-MOS', 'en'), 'RU-MOS');
});

test('regionsOf sorts by name with the language collator, grouped by country in the order given', () => {
  for (const language of languages) {
    const collator = new Intl.Collator(language);
    const countries = ['UA', 'RU', 'AM'];
    const list = regionsOf(countries, language);
    assert.deepEqual([...new Set(list.map((region) => region.country))], countries, 'groups follow the order given');
    for (const country of countries) {
      const group = list.filter((region) => region.country === country);
      for (let i = 1; i < group.length; i++) {
        assert.ok(
          collator.compare(group[i - 1].name, group[i].name) <= 0,
          `${language}: ${group[i - 1].name} before ${group[i].name}`,
        );
      }
    }
    for (const region of list) {
      assert.equal(region.name, regionName(region.code, language));
      assert.ok(region.code.startsWith(`${region.country}-`));
    }
  }
  const uk = regionsOf(['UA'], 'uk').map((region) => region.name);
  assert.equal(uk[0], 'Автономна Республіка Крим');
  assert.ok(uk.indexOf('Івано-Франківська область') > uk.indexOf('Запорізька область'), 'і after з in Ukrainian');
  assert.ok(uk.indexOf('Івано-Франківська область') < uk.indexOf('Київ'), 'і before к in Ukrainian');
  const en = regionsOf(['BY'], 'en').map((region) => region.name);
  assert.deepEqual(en, [
    'Brest Region',
    'Gomel Region',
    'Grodno Region',
    'Minsk',
    'Minsk Region',
    'Mogilev Region',
    'Vitebsk Region',
  ]);
});

test('regionsOf skips unsupported and repeated countries', () => {
  assert.deepEqual(regionsOf([], 'en'), []);
  assert.deepEqual(regionsOf(['US', 'XX', '__proto__'], 'en'), []);
  assert.deepEqual(regionsOf(['BY', 'US', 'BY'], 'ru'), regionsOf(['BY'], 'ru'));
});

test('isRegionOf accepts only top-level regions of the given supported countries', () => {
  assert.equal(isRegionOf('RU-MOS', ['RU']), true);
  assert.equal(isRegionOf('RU-MOS', ['UA', 'RU']), true);
  assert.equal(isRegionOf('UA-30', ['UA']), true);
  assert.equal(isRegionOf('RU-MOS', ['UA']), false);
  assert.equal(isRegionOf('RU-MOS', []), false);
  assert.equal(isRegionOf('US-CA', ['US']), false);
  for (const code of ['XX-YY', 'ru-mos', 'RU', '', '__proto__', 'RU-MOS ']) {
    assert.equal(isRegionOf(code, supportedCountries), false, code);
  }
  for (const region of regionsOf(supportedCountries, 'en')) {
    assert.equal(isRegionOf(region.code, [region.country]), true, region.code);
  }
});
