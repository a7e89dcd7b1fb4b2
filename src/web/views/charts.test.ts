import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cumulativeChart, regionChart } from './charts.ts';

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

test('the days chart draws its words at 14 px or more on a 390 px phone, and recolours with the page', () => {
  const chart = cumulativeChart(
    [
      { day: 20_000, signatures: 3 },
      { day: 20_010, signatures: 720 },
    ],
    { title: 'Over time', formatDay: (d) => `day ${d}`, formatNumber: String },
  ).text;
  const width = Number(/viewBox="0 0 ([\d.]+) /.exec(chart)![1]);
  const sizes = [...chart.matchAll(/<text[^>]* font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
  assert.ok(sizes.length >= 3);
  // A phone 390 px wide shows the chart about 356 px wide, inside the page's margins.
  for (const size of sizes) assert.ok((size * 356) / width >= 14, `${size} units in ${width} is under 14 px`);
  assert.equal([...chart.matchAll(/<text [^>]*class="chart-label"/g)].length, sizes.length);
  assert.match(chart, /<title id="chart-days-title">Over time: day 20000 – day 20010, 723<\/title>/);
});

test('with `more`, the regions past the limit follow behind a disclosure, so that the list holds every region', () => {
  const rows = Array.from({ length: 15 }, (_, i) => ({ name: `R${i}`, signatures: 100 - i }));
  const chart = regionChart(rows, { title: 'By region', formatNumber: String, more: (n) => `All ${n}` }, 12).text;
  const [top, rest] = chart.split('<details');
  assert.equal([...top.matchAll(/class="region-name"/g)].length, 12);
  assert.match(rest, /^ class="region-more"><summary>All 15<\/summary>/);
  assert.deepEqual(
    [...rest.matchAll(/<span class="region-name">([^<]*)</g)].map((m) => m[1]),
    ['R12', 'R13', 'R14'],
  );
  // Without `more`, the list stops at the limit, as before.
  assert.doesNotMatch(regionChart(rows, { title: 'x', formatNumber: String }, 12).text, /<details/);
});
