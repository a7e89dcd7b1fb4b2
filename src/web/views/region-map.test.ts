import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mappedCountries, quantileBreaks, regionMap, regionMaps, type MapText } from './region-map.ts';
import { regionName, regionsOf } from '../../domain/regions.ts';

const text: MapText = {
  title: 'Signatures by region',
  description: 'Darker regions have more signatures.',
  legend: 'Signatures',
  none: 'none',
  formatNumber: String,
  regionName: (code) => regionName(code, 'en'),
};

/** shadesOf reads each region's shade from the map, keyed by the region's name in its title. */
function shadesOf(svg: string): Map<string, number> {
  return new Map(
    [...svg.matchAll(/<path class="map-shade-(\d)"[^>]*><title>([^<]*): [^<]*<\/title>/g)].map((m) => [
      m[2],
      Number(m[1]),
    ]),
  );
}

test('the maps cover Russia and Ukraine region by region, and every region the demo signs from is on one', () => {
  assert.ok(mappedCountries.includes('RU') && mappedCountries.includes('UA'));
  // The demo's petitions ask for regions of Russia and Ukraine (src/cli/demo.ts): each of them must have a shape.
  for (const country of ['RU', 'UA']) {
    const regions = regionsOf([country], 'en');
    const counts = new Map(regions.map((r, i) => [r.code, i + 1]));
    const shades = shadesOf(regionMap(country, counts, text).text);
    for (const r of regions) assert.ok(shades.has(r.name), `${r.code} (${r.name}) is not on the map`);
  }
});

test('regions are shaded by quantile: five groups of about as many regions, darker for more signatures', () => {
  const regions = regionsOf(['UA'], 'en');
  // 27 regions with 1…27 signatures: five groups of five or six, the most signatures in the darkest.
  const counts = new Map(regions.map((r, i) => [r.code, i + 1]));
  const shades = shadesOf(regionMap('UA', counts, text).text);
  const byShade = [1, 2, 3, 4, 5].map((s) => [...shades.values()].filter((v) => v === s).length);
  for (const n of byShade) assert.ok(n >= 5 && n <= 6, `groups of ${byShade.join(', ')}`);
  assert.equal(shades.get(regions[26].name), 5);
  assert.equal(shades.get(regions[0].name), 1);
  const breaks = quantileBreaks([...counts.values()]);
  assert.deepEqual(breaks[0], { from: 1, to: 5 });
  assert.equal(breaks.at(-1)!.to, 27);
});

test('a region nobody signed from is pale, equal counts share a shade, and the key says what each shade means', () => {
  const counts = new Map([
    ['UA-30', 500],
    ['UA-46', 7],
    ['UA-51', 7],
  ]);
  const map = regionMap('UA', counts, text).text;
  const shades = shadesOf(map);
  assert.equal(shades.get(regionName('UA-46', 'en')), shades.get(regionName('UA-51', 'en')));
  assert.ok(shades.get(regionName('UA-30', 'en'))! > shades.get(regionName('UA-46', 'en'))!);
  assert.equal(shades.get(regionName('UA-05', 'en')), 0);
  assert.deepEqual(quantileBreaks([...counts.values()]), [
    { from: 7, to: 7 },
    { from: 500, to: 500 },
  ]);
  const legend = [
    ...map.matchAll(/<li><span class="map-swatch map-shade-(\d)" aria-hidden="true"><\/span>([^<]*)<\/li>/g),
  ];
  assert.deepEqual(
    legend.map((m) => [Number(m[1]), m[2]]),
    [
      [0, 'none'],
      [1, '7'],
      [2, '500'],
    ],
  );
});

test('the map is an image with a name and a description, and escapes every word it is given', () => {
  const map = regionMap('UA', new Map([['UA-30', 3]]), {
    ...text,
    title: 'Map <script>',
    regionName: (code) => (code === 'UA-30' ? 'Kyiv & "<b>"' : code),
  }).text;
  assert.match(
    map,
    /<svg class="region-map-svg" viewBox="0 0 600 \d+" role="img" aria-labelledby="region-map-ua-title region-map-ua-desc"/,
  );
  assert.match(map, /<title id="region-map-ua-title">Map &lt;script&gt;<\/title>/);
  assert.match(map, /<desc id="region-map-ua-desc">Darker regions have more signatures.<\/desc>/);
  assert.match(map, /<title>Kyiv &amp; &quot;&lt;b&gt;&quot;: 3<\/title>/);
  assert.doesNotMatch(map, /<b>|<script>/);
  assert.doesNotMatch(map, /style=/);
});

test('no signatures from any region, or a country without shapes, draws nothing', () => {
  assert.equal(regionMap('UA', new Map(), text).text, '');
  assert.equal(regionMap('UA', new Map([['UA-30', 0]]), text).text, '');
  assert.equal(regionMap('RU', new Map([['UA-30', 5]]), text).text, '');
  assert.equal(regionMap('XX', new Map([['XX-01', 5]]), text).text, '');
  assert.equal(quantileBreaks([]).length, 0);
  // Two countries asked for, signatures from one: one map.
  const both = regionMaps(['RU', 'UA'], new Map([['UA-30', 5]]), { ...text, title: (c) => `Map ${c}` }).text;
  assert.equal([...both.matchAll(/<figure class="region-map">/g)].length, 1);
  assert.match(both, /Map UA/);
  assert.equal(regionMaps(['RU', 'UA'], new Map(), { ...text, title: (c) => c }).text, '');
});

test('where a page shows the maps of several countries, each is named above it', () => {
  const counts = new Map([
    ['RU-MOW', 5],
    ['UA-30', 2],
  ]);
  const both = regionMaps(['RU', 'UA'], counts, { ...text, title: (c) => `Map ${c}` }).text;
  assert.deepEqual(
    [...both.matchAll(/<p class="region-map-country" aria-hidden="true">([^<]*)<\/p>/g)].map((m) => m[1]),
    ['Map RU', 'Map UA'],
  );
  const one = regionMaps(['UA'], counts, { ...text, title: (c) => `Map ${c}` }).text;
  assert.doesNotMatch(one, /region-map-country/);
});
