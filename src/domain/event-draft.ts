import { InputReader } from './input.ts';
import { canonicalTimeZone, zonedToEpoch } from './zoned-time.ts';

/** EventDraft is everything an organiser writes to open an event. */
export interface EventDraft {
  title: string;
  description: string;
  addressee: string;
  language: 'en' | 'ru' | 'uk';
  timeZone: string;
  startsAt: number;
  endsAt: number;
  moderation: 'before' | 'after';
  anonymousAllowed: boolean;
  maxLength: number;
  /** listed shows the event in the public list of events; unlisted, it is reached by its code or link alone. */
  listed: boolean;
}

/** eventLimits are the lengths an event's fields may have, shown beside the form's fields. */
export const eventLimits = {
  title: 200,
  description: 5000,
  addressee: 300,
  minQuestion: 40,
  maxQuestion: 2000,
  defaultQuestion: 300,
  longestDays: 366,
} as const;

/** readEventDraft validates a submitted event, throwing `invalid-input` that names every bad field. */
export function readEventDraft(raw: unknown, now: number, ignore: string[] = []): EventDraft {
  const input = new InputReader(raw);
  input.ignore(...ignore);
  const title = input.text('title', { max: eventLimits.title, min: 3, required: true }) ?? '';
  const description = input.text('description', { max: eventLimits.description, multiline: true }) ?? '';
  const addressee = input.text('addressee', { max: eventLimits.addressee, required: true }) ?? '';
  const language = input.choice('language', ['en', 'ru', 'uk'] as const, { required: true }) ?? 'en';
  const zone = canonicalTimeZone(input.text('timeZone', { max: 64 }) ?? 'UTC');
  if (zone === null) input.add('timeZone', 'not-a-time-zone');
  const timeZone = zone ?? 'UTC';
  const startsAt = readLocalTime(input, 'startsAt', timeZone);
  const endsAt = readLocalTime(input, 'endsAt', timeZone);
  const moderation = input.choice('moderation', ['before', 'after'] as const, { fallback: 'after' }) ?? 'after';
  const anonymousAllowed = input.flag('anonymousAllowed');
  const maxLength =
    input.integer('maxLength', { min: eventLimits.minQuestion, max: eventLimits.maxQuestion }) ??
    eventLimits.defaultQuestion;
  // A checkbox: left out of the form when unticked, so an event is listed only when asked (the form ticks it at first).
  const listed = input.flag('listed');
  // One problem per field: the first that applies.
  if (startsAt !== null && endsAt !== null && endsAt <= startsAt) input.add('endsAt', 'before-start');
  else if (endsAt !== null && endsAt <= now) input.add('endsAt', 'date-in-past');
  else if (startsAt !== null && endsAt !== null && endsAt - startsAt > eventLimits.longestDays * 86_400_000) {
    input.add('endsAt', 'out-of-range', { min: 1, max: eventLimits.longestDays });
  }
  input.done();
  return {
    title,
    description,
    addressee,
    language,
    timeZone,
    startsAt: startsAt!,
    endsAt: endsAt!,
    moderation,
    anonymousAllowed,
    maxLength,
    listed,
  };
}

function readLocalTime(input: InputReader, field: string, zone: string): number | null {
  const text = input.text(field, { max: 19, required: true });
  if (text === null) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2})?$/.exec(text);
  if (!match) {
    input.add(field, 'not-a-time');
    return null;
  }
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  const check = new Date(Date.UTC(year, month - 1, day, hour, minute));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) {
    input.add(field, 'not-a-time');
    return null;
  }
  return zonedToEpoch({ year, month, day, hour, minute }, zone);
}
