import { html, type Html } from './html.ts';
import { layout } from './layout.ts';
import type { ViewContext } from '../view-context.ts';
import { zoneName } from '../../domain/zoned-time.ts';
import type { Event } from '../../domain/event.ts';

/** EventLists are the events a signed-in person looks after: those they organise (all, for an admin) and those they moderate. */
export interface EventLists {
  organised: Event[];
  moderated: Event[];
  /** mayCreate is false for moderators, who cannot open events. */
  mayCreate: boolean;
}

/** eventListPage lists the person's events: organised ones link to their dashboard, moderated ones to the console. */
export function eventListPage(ctx: ViewContext, lists: EventLists): Html {
  const t = ctx.t;
  const when = (e: Event) =>
    new Intl.DateTimeFormat(ctx.lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: e.timeZone }).format(
      Number(e.startsAt),
    );
  const table = (
    events: Event[],
    link: (e: Event) => string,
    caption: string,
  ) => html`<ul class="petition-list event-list" aria-label="${caption}">
${events.map(
  (e) => html`<li><h3><a href="${link(e)}" lang="${e.language}">${e.title}</a></h3>
  <p class="small muted event-line"><span class="badge ${e.status}">${t(`organiserEvent.status-${e.status}`)}</span>
    <span>${t('organiserEvent.col-code')}: <span class="join-code-small">${e.code}</span></span>
    <span>${t('organiserEvent.col-starts')}: ${when(e)} (${zoneName(e.timeZone)})</span></p></li>`,
)}
</ul>`;
  return layout(
    ctx,
    t('organiserEvent.list-title'),
    html`
<p class="small"><a href="/admin">${t('organiserEvent.back-to-admin')}</a></p>
<h1>${t('organiserEvent.list-title')}</h1>
<p class="lead">${t('organiserEvent.list-lead')}</p>
${
  lists.mayCreate
    ? html`<p><a class="button" href="/organiser/events/new">${t('organiserEvent.new-button')}</a></p>
<h2>${ctx.account?.role === 'admin' ? t('organiserEvent.all-events') : t('organiserEvent.your-events')}</h2>
${
  lists.organised.length === 0
    ? html`<p class="muted">${t('organiserEvent.no-events')}</p>`
    : table(lists.organised, (e) => `/organiser/events/${e.code}`, t('organiserEvent.your-events'))
}`
    : ''
}
${
  lists.moderated.length > 0 || !lists.mayCreate
    ? html`<h2>${t('organiserEvent.moderated-events')}</h2>
<p class="small muted">${t('organiserEvent.moderated-lead')}</p>
${
  lists.moderated.length === 0
    ? html`<p class="muted">${t('organiserEvent.no-moderated')}</p>`
    : table(lists.moderated, (e) => `/moderate/${e.code}`, t('organiserEvent.moderated-events'))
}`
    : ''
}`,
    { noindex: true, wide: true, styles: ['/assets/moderate.css'] },
  );
}
