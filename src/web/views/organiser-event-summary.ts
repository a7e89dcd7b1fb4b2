import { html, type Html } from './html.ts';
import { layout } from './layout.ts';
import type { ViewContext } from '../view-context.ts';
import type { GroupSummary } from '../../actions/read-event.ts';
import type { EventRow } from '../../store/schema.ts';

/** eventSummaryPage lists the largest groups of similar questions, most votes first: what the people asked most. */
export function eventSummaryPage(ctx: ViewContext, event: EventRow, groups: GroupSummary[]): Html {
  const t = ctx.t;
  const n = new Intl.NumberFormat(ctx.lang);
  const title = t('organiserEvent.summary-title');
  return layout(ctx, `${title}: ${event.title}`, html`
<p class="small"><a href="/organiser/events/${event.code}">${t('organiserEvent.back-to-dashboard')}</a></p>
<h1>${title}</h1>
<p class="lead" lang="${event.language}">${event.title}</p>
<p>${t('organiserEvent.summary-lead')}</p>
${groups.length === 0 ? html`<p class="muted">${t('organiserEvent.summary-empty')}</p>` : html`<div class="table-wrap"><table class="summary-table">
<thead><tr><th scope="col" class="num">#</th><th scope="col">${t('organiserEvent.summary-col-question')}</th><th scope="col" class="num">${t('organiserEvent.summary-col-questions')}</th><th scope="col" class="num">${t('organiserEvent.summary-col-votes')}</th></tr></thead>
<tbody>${groups.map((g, i) => html`<tr><td class="num">${n.format(i + 1)}</td>
  <td>${g.text === null ? html`<span class="muted">${t('organiserEvent.summary-withheld')}</span>` : html`<span lang="${event.language}">${g.text}</span>`} <span class="small muted">${g.group}</span></td>
  <td class="num">${n.format(g.questions)}</td><td class="num">${n.format(g.votes)}</td></tr>`)}</tbody>
</table></div>`}
<p class="small"><a href="/organiser/events/${event.code}/summary.json" download>${t('organiserEvent.summary-json')}</a></p>`, { noindex: true, wide: true, styles: ['/assets/moderate.css'] });
}
