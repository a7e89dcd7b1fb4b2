import type { Language } from '../../i18n/i18n.ts';

// Like src/i18n/formats.ts, but in an event's own time zone: a person in the hall reads the hall's clock, wherever
// the server is. Each formatter is made once per language and zone.
const ranges = new Map<string, Intl.DateTimeFormat>();
const clocks = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, Intl.DateTimeFormat>();

function cached(
  map: Map<string, Intl.DateTimeFormat>,
  language: Language,
  zone: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${language}\u0000${zone}`;
  let format = map.get(key);
  if (!format) {
    if (map.size > 2000) map.clear();
    map.set(key, (format = new Intl.DateTimeFormat(language, { ...options, timeZone: zone })));
  }
  return format;
}

/** eventTimeRange formats an event's start and end in its zone: "Mon, 12 May, 18:00–20:30". */
export function eventTimeRange(language: Language, zone: string, start: number, end: number): string {
  return cached(ranges, language, zone, {
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).formatRange(start, end);
}

/** eventClock formats an instant as the zone's wall-clock time, with the date when `withDate`: "18:05", "12 May, 18:05". */
export function eventClock(language: Language, zone: string, instant: number, withDate = false): string {
  if (!withDate) return cached(clocks, language, zone, { hour: 'numeric', minute: '2-digit' }).format(instant);
  return cached(ranges, language, zone, {
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(instant);
}

/** zoneOffset names a zone's offset from UTC at an instant: "GMT+3". */
export function zoneOffset(language: Language, zone: string, instant: number): string {
  const parts = cached(offsets, language, zone, { timeZoneName: 'shortOffset' }).formatToParts(instant);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? zone;
}
