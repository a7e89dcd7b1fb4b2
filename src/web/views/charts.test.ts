import { test } from 'node:test';
import assert from 'node:assert/strict';
import { regionChart } from './charts.ts';

test('the region bars keep every name whole, escaped, largest first, with bars in proportion and no inline style', () => {
  const long = 'Республика Северная Осетия — Алания <b>';
  const chart = regionChart(
    [
      { name: 'Москва', signatures: 50 },
      { name: long, signatures: 200 },
    ],
    { title: 'By region', formatNumber: String },
  ).text;
  assert.match(chart, /<ol class="region-bars" aria-label="By region">/);
  const names = [...chart.matchAll(/<span class="region-name">([^<]*)<\/span>/g)].map((m) => m[1]);
  assert.deepEqual(names, ['Республика Северная Осетия — Алания &lt;b&gt;', 'Москва']);
  const widths = [...chart.matchAll(/<rect width="([\d.]+)"/g)].map((m) => Number(m[1]));
  assert.deepEqual(widths, [100, 25]);
  assert.doesNotMatch(chart, /style=/);
});

test('a region with very few signatures still shows a sliver, and an empty list draws nothing', () => {
  const chart = regionChart(
    [
      { name: 'A', signatures: 100_000 },
      { name: 'B', signatures: 1 },
    ],
    { title: 'x', formatNumber: String },
  ).text;
  assert.match(chart, /<rect width="0.50"/);
  assert.equal(regionChart([], { title: 'x', formatNumber: String }).text, '');
});
