import { escapeHtml, raw, type Html } from './html.ts';

/** ChartText is what a chart says in words, for screen readers and the table beside it. */
export interface ChartText {
  title: string;
  formatDay: (day: number) => string;
  formatNumber: (n: number) => string;
}

/**
 * cumulativeChart draws signatures over time as a step area chart in SVG (no script, no external font), with a
 * title and description for screen readers. Days are days since the epoch; counts are per day.
 */
export function cumulativeChart(byDay: { day: number; signatures: number }[], text: ChartText): Html {
  const width = 520;
  const height = 220;
  const pad = { left: 56, right: 12, top: 12, bottom: 30 };
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
  const summary = `${text.title}: ${text.formatDay(first)} – ${text.formatDay(byDay[byDay.length - 1].day)}, ${text.formatNumber(total)}`;
  return raw(`<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="chart-days-title" xmlns="http://www.w3.org/2000/svg">
<title id="chart-days-title">${escapeHtml(summary)}</title>
${ticks.map((n) => `<line x1="${pad.left}" x2="${width - pad.right}" y1="${y(n).toFixed(1)}" y2="${y(n).toFixed(1)}" stroke="#d9dde3" stroke-width="1"/>
<text x="${pad.left - 8}" y="${(y(n) + 4).toFixed(1)}" text-anchor="end" font-size="14" fill="#3d4a58" font-family="system-ui, sans-serif">${escapeHtml(text.formatNumber(n))}</text>`).join('\n')}
<path d="${area}" fill="#e6eef8"/>
<path d="${path}" fill="none" stroke="#1d4f91" stroke-width="2.5"/>
<text x="${pad.left}" y="${height - 8}" font-size="14" fill="#3d4a58" font-family="system-ui, sans-serif">${escapeHtml(text.formatDay(first))}</text>
<text x="${width - pad.right}" y="${height - 8}" text-anchor="end" font-size="14" fill="#3d4a58" font-family="system-ui, sans-serif">${escapeHtml(text.formatDay(byDay[byDay.length - 1].day))}</text>
</svg>`);
}

/** regionChart draws horizontal bars of the largest regions, labelled with names and counts. */
export function regionChart(rows: { name: string; signatures: number }[], text: Pick<ChartText, 'title' | 'formatNumber'>, limit = 12): Html {
  const shown = [...rows].sort((a, b) => b.signatures - a.signatures).slice(0, limit);
  if (shown.length === 0) return raw('');
  const barHeight = 30;
  const width = 480;
  const labelWidth = 200;
  const height = shown.length * barHeight + 8;
  const max = Math.max(1, ...shown.map((r) => r.signatures));
  const bars = shown.map((r, i) => {
    const y = i * barHeight + 4;
    const w = Math.max(2, (r.signatures / max) * (width - labelWidth - 60));
    return `<text x="${labelWidth - 8}" y="${y + 17}" text-anchor="end" font-size="15" fill="#16202b" font-family="system-ui, sans-serif">${escapeHtml(truncate(r.name, 24))}</text>
<rect x="${labelWidth}" y="${y + 4}" width="${w.toFixed(1)}" height="${barHeight - 8}" rx="3" fill="#1d4f91"/>
<text x="${(labelWidth + w + 6).toFixed(1)}" y="${y + 17}" font-size="15" fill="#16202b" font-family="system-ui, sans-serif">${escapeHtml(text.formatNumber(r.signatures))}</text>`;
  }).join('\n');
  return raw(`<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="chart-regions-title" xmlns="http://www.w3.org/2000/svg">
<title id="chart-regions-title">${escapeHtml(text.title)}</title>
${bars}
</svg>`);
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
