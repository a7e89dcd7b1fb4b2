import { html, type Html } from './html.ts';
import { layout } from './layout.ts';
import type { ViewContext } from '../view-context.ts';
import type { GroupSummary } from '../../read/event-state.ts';
import type { Event } from '../../domain/event.ts';

/** eventSummaryPage lists the largest groups of similar questions, most votes first: what the people asked most. */
export function eventSummaryPage(ctx: ViewContext, event: Event, groups: GroupSummary[]): Html {
  const t = ctx.t;
  const title = t('organiserEvent.summary-title');
  return layout(
    ctx,
    `${title}: ${event.title}`,
    html`
<p class="small"><a href="/organiser/events/${event.code}">${t('organiserEvent.back-to-dashboard')}</a></p>
<h1>${title}</h1>
<p class="lead" lang="${event.language}">${event.title}</p>
<p>${t('organiserEvent.summary-lead')}</p>
${
  groups.length === 0
    ? html`<p class="muted">${t('organiserEvent.summary-empty')}</p>`
    : html`<ol class="summary-list">
${groups.map(
  (g) => html`<li>
  <p class="summary-question">${g.text === null ? html`<span class="muted">${t('organiserEvent.summary-withheld')}</span>` : html`<span lang="${event.language}">${g.text}</span>`}</p>
  <p class="small"><strong>${t('organiserEvent.summary-votes', { count: g.votes })}</strong> · ${g.questions === 1 ? t('organiserEvent.summary-asked-once') : t('organiserEvent.summary-asked', { count: g.questions })}</p>
  ${
    g.wordings.length > 0
      ? html`<details><summary class="small">${t('organiserEvent.summary-wordings', { count: g.wordings.length })}</summary>
    <ul class="small">${g.wordings.map((w) => html`<li lang="${event.language}">${w}</li>`)}</ul></details>`
      : ''
  }
</li>`,
)}
</ol>`
}
<p class="small"><a href="/organiser/events/${event.code}/summary.json" download>${t('organiserEvent.summary-json')}</a></p>`,
    { noindex: true, wide: true, styles: ['/assets/moderate.css'] },
  );
}
