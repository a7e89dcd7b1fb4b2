import { html, type Html } from './html.ts';
import { layout } from './layout.ts';
import type { ViewContext } from '../view-context.ts';
import { joinForm } from './event-join-page.ts';
import { eventTimeRange, zoneOffset } from './event-time.ts';
import { zoneName } from '../../domain/zoned-time.ts';
import { partOf, type EventCataloguePage, type EventSummary } from '../../domain/event-catalogue.ts';

/** EventListing is the part of the list of events a visitor asked for: what they searched, and one page of it. */
export interface EventListing {
  query: string;
  page: EventCataloguePage;
  /** now is the moment the list was read at: an event's badge says whether it had started or ended then. */
  now: number;
}

/** eventsHref is the address of a search and page of the list of events, leaving out what is the default. */
export function eventsHref(query: string, page: number): string {
  const params = new URLSearchParams();
  if (query) params.set('q', query);
  if (page > 1) params.set('page', String(page));
  const search = params.toString();
  return search ? `/events?${search}` : '/events';
}

/**
 * eventListPage is /events: the events their organisers chose to list, those taking questions first, then those that
 * are over, with a search and pages of twenty; and the way in by code, for the events that are not listed.
 */
export function eventListPage(ctx: ViewContext, listing: EventListing): Html {
  const t = ctx.t;
  const { query, page, now } = listing;
  const current = page.events.filter((e) => partOf(e, now) === 'current');
  const past = page.events.filter((e) => partOf(e, now) === 'past');
  // On the first page of the whole list, say so when nothing is on now, rather than begin with what is over.
  const sayNoneNow = !query && page.page === 1 && current.length === 0 && past.length > 0;
  // The list comes first: the way in by code, for events not listed, follows it, with a link to it at the top.
  return layout(
    ctx,
    t('eventList.title'),
    html`
<h1>${t('eventList.heading')}</h1>
<p class="lead">${t('eventList.lead')}</p>
<p class="small">${t('eventList.unlisted-note')} <a href="#join">${t('eventList.join-by-code')}</a></p>
<form method="get" action="/events" role="search" class="search-form">
  <label for="q">${t('eventList.search-label')}</label>
  <div class="search-row">
    <input id="q" name="q" type="search" value="${query}" maxlength="200" autocomplete="off">
    <button type="submit">${t('home.search-button')}</button>
  </div>
</form>
${
  query
    ? html`<p class="search-summary" role="status">${page.total === 0 ? t('eventList.search-none', { query }) : t('eventList.search-found', { count: page.total, query })}
  <a href="${eventsHref('', 1)}">${t('home.search-clear')}</a></p>`
    : ''
}
${page.events.length === 0 && !query ? html`<p class="muted">${page.page > 1 ? t('home.page-empty') : t('eventList.empty')}</p>` : ''}
${current.length > 0 || sayNoneNow ? html`<h2 id="current-h">${t('eventList.current-heading')}</h2>` : ''}
${sayNoneNow ? html`<p class="muted">${t('eventList.current-none')}</p>` : ''}
${current.length > 0 ? eventItems(ctx, current, now, 'current-h') : ''}
${past.length > 0 ? html`<h2 id="past-h">${t('eventList.past-heading')}</h2>${eventItems(ctx, past, now, 'past-h')}` : ''}
${page.pages > 1 ? pager(ctx, listing) : ''}
<section class="card home-join events-join" aria-labelledby="join-h" id="join">
  <h2 id="join-h">${t('event.home-join-heading')}</h2>
  ${joinForm(ctx, { code: '' }, 'join-code', false)}
</section>`,
    {
      description: t('eventList.lead'),
      styles: ['/assets/event.css'],
      canonical: eventsHref('', page.page),
    },
  );
}

function eventItems(ctx: ViewContext, events: EventSummary[], now: number, labelledBy: string): Html {
  return html`<ul class="petition-list event-list" aria-labelledby="${labelledBy}">
${events.map((e) => eventItem(ctx, e, now))}
</ul>`;
}

const languageNames = new Map<string, Intl.DisplayNames>();

/** languageName names an event's language in the page's language: "Russian", «русский», «російська». */
function languageName(pageLanguage: string, language: string): string {
  let names = languageNames.get(pageLanguage);
  if (!names) languageNames.set(pageLanguage, (names = new Intl.DisplayNames(pageLanguage, { type: 'language' })));
  return names.of(language) ?? language;
}

/** eventItem is one event of the list: its status, title, addressee, time in its own zone, language, and the way in. */
function eventItem(ctx: ViewContext, e: EventSummary, now: number): Html {
  const t = ctx.t;
  const phase = e.status !== 'open' || e.endsAt <= now ? 'closed' : e.startsAt > now ? 'upcoming' : 'open';
  const badge =
    phase === 'open'
      ? html`<span class="badge">${t('event.status-open')}</span>`
      : phase === 'upcoming'
        ? html`<span class="badge draft">${t('event.status-upcoming')}</span>`
        : html`<span class="badge closed">${t('event.status-closed')}</span>`;
  // "Questions to:" is in the page's language, the addressee in the event's: each is marked as what it is.
  const [before, after] = t('event.to', { addressee: '\u0000' }).split('\u0000');
  const time = t('event.time', {
    range: eventTimeRange(ctx.lang, e.timeZone, e.startsAt, e.endsAt),
    offset: zoneOffset(ctx.lang, e.timeZone, e.startsAt),
    zone: zoneName(e.timeZone),
  });
  return html`<li>
  <p class="event-status">${badge}</p>
  <h3><a href="/e/${e.code}" id="event-${e.code}" lang="${e.language}">${e.title}</a></h3>
  <p class="muted small">${before}<span lang="${e.language}">${e.addressee}</span>${after}</p>
  <p class="small event-when">${time} · <span class="muted">${t('eventList.language', { language: languageName(ctx.lang, e.language) })}</span></p>
  <p><a href="/e/${e.code}" aria-describedby="event-${e.code}">${phase === 'closed' ? t('eventList.see-questions') : t('eventList.join')}</a></p>
</li>`;
}

function pager(ctx: ViewContext, { query, page }: EventListing): Html {
  const t = ctx.t;
  return html`<nav class="pager" aria-label="${t('eventList.pages-label')}">
  ${page.page > 1 ? html`<a href="${eventsHref(query, page.page - 1)}" rel="prev">${t('home.previous')}</a>` : html`<span></span>`}
  <span>${t('home.page-of', { page: Math.min(page.page, page.pages), pages: page.pages })}</span>
  ${page.page < page.pages ? html`<a href="${eventsHref(query, page.page + 1)}" rel="next">${t('home.next')}</a>` : html`<span></span>`}
</nav>`;
}
