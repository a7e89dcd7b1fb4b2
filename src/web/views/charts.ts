import { escapeHtml, html, raw, type Html } from './html.ts';

/** ChartText is what a chart says in words, for screen readers and the table beside it. */
export interface ChartText {
  title: string;
  formatDay: (day: number) => string;
  formatNumber: (n: number) => string;
}

/**
 * chartLabel is how a chart's words are drawn: at 15 units, which every chart is drawn so that a phone shows as 14 px
 * or more, in the page's own fonts; the class lets site.css recolour them (dark mode).
 */
export const chartLabel = 'class="chart-label" font-size="15" fill="#3d4a58" font-family="system-ui, sans-serif"';

/**
 * cumulativeChart draws signatures over time as a step area chart in SVG (no script, no external font), with a
 * title and description for screen readers. Days are days since the epoch; counts are per day.
 */
export function cumulativeChart(byDay: { day: number; signatures: number }[], text: ChartText): Html {
  // Drawn at about a phone's width, so that its 15-unit text is at least 14 px on a 390 px phone; CSS caps its width
  // elsewhere (site.css, .chart-days), so that the text grows no larger than about 18 px on a desktop.
  const width = 360;
  const height = 200;
  const pad = { left: 56, right: 10, top: 12, bottom: 30 };
  if (byDay.length === 0) return raw('');
  // With one day only, start the line the day before so it rises from zero instead of lying flat.
  const first = byDay.length === 1 ? byDay[0].day - 1 : byDay[0].day;
  const last = Math.max(byDay[byDay.length - 1].day, first + 1);
  let total = 0;
  const points = byDay.map((d) => ({ day: d.day, total: (total += d.signatures) }));
  const max = Math.max(1, ...points.map((p) => p.total));
  const x = (day: number) => pad.left + ((day - first) / (last - first)) * (width - pad.left - pad.right);
  const y = (n: number) => height - pad.bottom - (n / max) * (height - pad.top - pad.bottom);
  let path = `M${x(first).toFixed(1)},${y(0).toFixed(1)}`;
  let previous = 0;
  for (const p of points) {
    path += ` L${x(p.day).toFixed(1)},${y(previous).toFixed(1)} L${x(p.day).toFixed(1)},${y(p.total).toFixed(1)}`;
    previous = p.total;
  }
  path += ` L${x(last).toFixed(1)},${y(previous).toFixed(1)}`;
  const area = `${path} L${x(last).toFixed(1)},${y(0).toFixed(1)} Z`;
  const ticks = [...new Set([0, max / 2, max].map((n) => Math.round(n)))];
  const label = chartLabel;
  const summary = `${text.title}: ${text.formatDay(first)} – ${text.formatDay(byDay[byDay.length - 1].day)}, ${text.formatNumber(total)}`;
  return raw(`<svg class="chart chart-days" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="chart-days-title" xmlns="http://www.w3.org/2000/svg">
<title id="chart-days-title">${escapeHtml(summary)}</title>
${ticks
  .map(
    (
      n,
    ) => `<line x1="${pad.left}" x2="${width - pad.right}" y1="${y(n).toFixed(1)}" y2="${y(n).toFixed(1)}" class="chart-grid" stroke="#d9dde3" stroke-width="1"/>
<text x="${pad.left - 8}" y="${(y(n) + 5).toFixed(1)}" text-anchor="end" ${label}>${escapeHtml(text.formatNumber(n))}</text>`,
  )
  .join('\n')}
<path d="${area}" class="chart-area" fill="#e6eef8"/>
<path d="${path}" class="chart-line" fill="none" stroke="#1d4f91" stroke-width="2.5"/>
<text x="${pad.left}" y="${height - 8}" ${label}>${escapeHtml(text.formatDay(first))}</text>
<text x="${width - pad.right}" y="${height - 8}" text-anchor="end" ${label}>${escapeHtml(text.formatDay(byDay[byDay.length - 1].day))}</text>
</svg>`);
}

/**
 * regionChart lists the largest regions as bars, in HTML: names at the page's own text size that wrap instead of
 * being cut, whatever the width of the phone. Each bar is a one-rectangle SVG, because the Content-Security-Policy
 * allows no inline style to set a width. With `more`, the regions past the first `limit` follow behind a disclosure
 * that `more` names, so that the list holds every region the map beside it shades (its text alternative).
 */
export function regionChart(
  rows: { name: string; signatures: number }[],
  text: Pick<ChartText, 'title' | 'formatNumber'> & { more?: (count: number) => string },
  limit = 12,
): Html {
  const sorted = [...rows].sort((a, b) => b.signatures - a.signatures);
  const shown = sorted.slice(0, limit);
  if (shown.length === 0) return raw('');
  const max = Math.max(1, ...shown.map((r) => r.signatures));
  const bars = (list: typeof rows) =>
    list.map(
      (r) => html`
  <li><span class="region-name">${r.name}</span><span class="region-bar" aria-hidden="true"><svg viewBox="0 0 100 1" preserveAspectRatio="none" focusable="false"><rect width="${Math.max(0.5, (r.signatures / max) * 100).toFixed(2)}" height="1"/></svg></span><span class="region-n">${text.formatNumber(r.signatures)}</span></li>`,
    );
  const rest = sorted.slice(limit);
  return html`<ol class="region-bars" aria-label="${text.title}">${bars(shown)}
</ol>${
    text.more && rest.length > 0
      ? html`<details class="region-more"><summary>${text.more(sorted.length)}</summary>
<ol class="region-bars" start="${limit + 1}" aria-label="${text.title}">${bars(rest)}
</ol></details>`
      : ''
  }`;
}
