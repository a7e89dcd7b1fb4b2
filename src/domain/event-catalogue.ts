import { pageSize, searchKey } from './petition-catalogue.ts';

/** EventSummary is what the public list of events shows of one event its organiser chose to list. */
export interface EventSummary {
  code: string;
  title: string;
  addressee: string;
  language: string;
  timeZone: string;
  startsAt: number;
  endsAt: number;
  status: 'open' | 'closed';
}

/** EventPart is where an event falls in the list: taking questions now or soon, or over. */
export type EventPart = 'current' | 'past';

/** partOf says whether an event still takes questions (open and not yet ended) or is over. */
export function partOf(event: EventSummary, now: number): EventPart {
  return event.status === 'open' && event.endsAt > now ? 'current' : 'past';
}

/**
 * sortEvents orders the list as people look for an event: those taking questions now or soon first, the soonest
 * first (so one under way comes before one next week), then those that are over, the latest first.
 */
export function sortEvents(all: readonly EventSummary[], now: number): EventSummary[] {
  const byCode = (a: EventSummary, b: EventSummary) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  const current = all
    .filter((e) => partOf(e, now) === 'current')
    .sort((a, b) => a.startsAt - b.startsAt || byCode(a, b));
  const past = all.filter((e) => partOf(e, now) === 'past').sort((a, b) => b.startsAt - a.startsAt || byCode(a, b));
  return [...current, ...past];
}

/** eventSearchKey is what a search of the list matches an event by: its title and addressee, folded as searchKey folds. */
export function eventSearchKey(event: EventSummary): string {
  return searchKey(`${event.title} ${event.addressee}`);
}

/** EventCataloguePage is one page of the list of events, with what the person needs to move between pages. */
export interface EventCataloguePage {
  events: EventSummary[];
  total: number;
  page: number;
  pages: number;
}

/** pickEventPage returns one page (of twenty, as the petitions' list) of events whose title or addressee holds every word. */
export function pickEventPage(
  sorted: readonly EventSummary[],
  keys: ReadonlyMap<string, string>,
  words: string[],
  page: number,
): EventCataloguePage {
  const found =
    words.length === 0
      ? sorted
      : sorted.filter((e) => {
          const key = keys.get(e.code) ?? '';
          return words.every((word) => key.includes(word));
        });
  const pages = Math.max(1, Math.ceil(found.length / pageSize));
  return { events: found.slice((page - 1) * pageSize, page * pageSize), total: found.length, page, pages };
}
