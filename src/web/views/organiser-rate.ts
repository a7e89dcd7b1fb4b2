import { escapeHtml, html, raw, type Html } from './html.ts';
import type { ViewContext } from '../view-context.ts';
import { chartLabel } from './charts.ts';

/** MinuteCount is how many signatures were counted in one minute (epoch minutes, UTC). */
export interface MinuteCount {
  minute: number;
  signatures: number;
}

/** burstFloor is the fewest signatures in a minute that can ever be called a burst. */
export const burstFloor = 10;

/** burstFactor is how many times the window's median a minute must exceed to be called a burst. */
export const burstFactor = 5;

/**
 * burstThreshold is the count a minute must exceed to be an "unusual burst": max(10, 5 × the median of the window's
 * per-minute counts), quiet minutes (0) included. The median, not the mean, so that the burst itself does not raise
 * the bar; the floor of 10, so that a small petition's first share in a chat is not flagged; 5×, so that a petition
 * steadily taking 40 a minute is flagged at 201, not at 41. It is a hint for the organiser, who decides.
 */
export function burstThreshold(counts: number[]): number {
  if (counts.length === 0) return burstFloor;
  const sorted = [...counts].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return Math.max(burstFloor, burstFactor * median);
}

/** minuteWindow fills the `size` minutes ending at `lastMinute` from sparse rows, zero where nothing was counted. */
export function minuteWindow(
  rows: { minute: number | null; signatures: number }[],
  lastMinute: number,
  size = 60,
): MinuteCount[] {
  const counts = new Map(rows.map((r) => [Number(r.minute), Number(r.signatures)]));
  return Array.from({ length: size }, (_, i) => {
    const minute = lastMinute - size + 1 + i;
    return { minute, signatures: counts.get(minute) ?? 0 };
  });
}

/** utcTime formats an epoch minute as HH:MM in UTC. */
export function utcTime(minute: number): string {
  return new Date(minute * 60_000).toISOString().slice(11, 16);
}

/** utcLocal formats an epoch minute as a datetime-local value in UTC (YYYY-MM-DDTHH:MM), as the invalidation form takes. */
export function utcLocal(minute: number): string {
  return new Date(minute * 60_000).toISOString().slice(0, 16);
}

/**
 * rateSection shows the last 60 minutes: a bar chart made on the server (bursts in red, the burst threshold as a
 * dashed line), a list of bursts each with a link that fills in the invalidation form, and the counts as a table.
 */
export function rateSection(ctx: ViewContext, petitionId: string, window: MinuteCount[]): Html {
  const t = ctx.t;
  const number = new Intl.NumberFormat(ctx.lang);
  const threshold = burstThreshold(window.map((m) => m.signatures));
  const bursts = window.filter((m) => m.signatures > threshold);
  const total = window.reduce((sum, m) => sum + m.signatures, 0);
  const busy = window.filter((m) => m.signatures > 0);
  return html`<section aria-labelledby="rate-h">
  <h2 id="rate-h">${t('organiser.rate-heading')}</h2>
  <p class="muted small">${t('organiser.rate-lead', { count: total, threshold })}</p>
  ${rateChart(window, threshold, t('organiser.rate-chart-title', { count: total, bursts: bursts.length }), number)}
  ${
    bursts.length > 0
      ? html`<div class="notice burst-notice" role="status">
    <p><strong>${t('organiser.bursts-found', { count: bursts.length })}</strong></p>
    <ul>${bursts.map(
      (b) => html`<li>${t('organiser.burst-line', { time: utcTime(b.minute), count: b.signatures })}
      <a href="/admin/petitions/${petitionId}?from=${utcLocal(b.minute)}&amp;to=${utcLocal(b.minute)}&amp;reason=burst#invalidate">${t('organiser.burst-review')}</a></li>`,
    )}</ul>
  </div>`
      : html`<p class="small">${t('organiser.no-bursts')}</p>`
  }
  ${
    busy.length > 0
      ? html`<details>
    <summary>${t('organiser.rate-table')}</summary>
    <div class="table-wrap"><table>
      <thead><tr><th scope="col">${t('organiser.col-minute')}</th><th scope="col" class="num">${t('organiser.col-signatures')}</th></tr></thead>
      <tbody>${busy.map((m) => html`<tr class="${m.signatures > threshold ? 'burst' : ''}"><td>${utcTime(m.minute)}</td><td class="num">${number.format(m.signatures)}${m.signatures > threshold ? html` <span class="badge burst">${t('organiser.burst-badge')}</span>` : ''}</td></tr>`)}</tbody>
    </table></div>
  </details>`
      : ''
  }
</section>`;
}

function rateChart(window: MinuteCount[], threshold: number, title: string, number: Intl.NumberFormat): Html {
  // Narrower than the public charts: on a phone the SVG shrinks less, so its labels stay readable.
  // Drawn at a phone's width, as the other charts are (chartLabel in charts.ts): its words are 14 px or more there.
  const width = 360;
  const height = 190;
  const pad = { left: 44, right: 10, top: 12, bottom: 30 };
  const plotWidth = width - pad.left - pad.right;
  const plotHeight = height - pad.top - pad.bottom;
  const top = Math.max(1, threshold, ...window.map((m) => m.signatures));
  const step = plotWidth / window.length;
  const y = (n: number) => pad.top + plotHeight - (n / top) * plotHeight;
  const font = chartLabel;
  const bars = window
    .map((m, i) => {
      if (m.signatures === 0) return '';
      const h = Math.max(1.5, (m.signatures / top) * plotHeight);
      const fill = m.signatures > threshold ? '#a11d2b' : '#1d4f91';
      const kind = m.signatures > threshold ? 'chart-bar over' : 'chart-bar';
      return `<rect class="${kind}" x="${(pad.left + i * step + 0.75).toFixed(1)}" y="${(pad.top + plotHeight - h).toFixed(1)}" width="${Math.max(1, step - 1.5).toFixed(1)}" height="${h.toFixed(1)}" fill="${fill}"/>`;
    })
    .join('');
  const labels = [0, 20, 40, window.length - 1]
    .filter((i) => i < window.length)
    .map((i) => {
      const anchor = i === 0 ? 'start' : i === window.length - 1 ? 'end' : 'middle';
      const x = i === window.length - 1 ? width - pad.right : pad.left + i * step + step / 2;
      return `<text x="${x.toFixed(1)}" y="${height - 8}" text-anchor="${anchor}" ${font}>${utcTime(window[i].minute)}</text>`;
    })
    .join('');
  return raw(`<svg class="chart rate-chart" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="chart-rate-title" xmlns="http://www.w3.org/2000/svg">
<title id="chart-rate-title">${escapeHtml(title)}</title>
<line x1="${pad.left}" x2="${width - pad.right}" y1="${y(0).toFixed(1)}" y2="${y(0).toFixed(1)}" class="chart-axis" stroke="#8593a3" stroke-width="1"/>
<line x1="${pad.left}" x2="${width - pad.right}" y1="${y(threshold).toFixed(1)}" y2="${y(threshold).toFixed(1)}" class="chart-threshold" stroke="#8a4b00" stroke-width="1" stroke-dasharray="4 3"/>
<text x="${pad.left - 6}" y="${(y(0) + 5).toFixed(1)}" text-anchor="end" ${font}>0</text>
<text x="${pad.left - 6}" y="${(y(threshold) + 5).toFixed(1)}" text-anchor="end" ${font}>${escapeHtml(number.format(threshold))}</text>
${top > threshold * 1.15 ? `<text x="${pad.left - 6}" y="${(y(top) + 10).toFixed(1)}" text-anchor="end" ${font}>${escapeHtml(number.format(top))}</text>` : ''}
${bars}
${labels}
</svg>`);
}
