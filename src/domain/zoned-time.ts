/** timeZones lists the IANA time zones an event may be given, as this Node's Intl knows them. */
export const timeZones: readonly string[] = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];

const zoneSet = new Set(timeZones);

/**
 * canonicalTimeZone returns the name this Node's list uses for a zone, or null for no zone. Browsers send current
 * names (Europe/Kyiv) that an older list may know only as an alias (Europe/Kiev); both mean one zone.
 */
export function canonicalTimeZone(name: string): string | null {
  if (zoneSet.has(name)) return name;
  try {
    const resolved = new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
    if (zoneSet.has(resolved)) return resolved;
    for (const zone of timeZones) {
      if (new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone === resolved) return zone;
    }
  } catch {
    // Not a zone at all.
  }
  return null;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(zone: string): Intl.DateTimeFormat {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, format);
  }
  return format;
}

/** offsetAt returns how far a zone's wall clock is ahead of UTC at an instant, in ms. */
export function offsetAt(zone: string, instant: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatterOf(zone).formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * zonedToEpoch reads a wall-clock time in a zone (as an `<input type="datetime-local">` sends it) as epoch ms.
 * A time skipped by a clock change is read with the offset before the change; that is what people mean by it.
 */
export function zonedToEpoch(
  wall: { year: number; month: number; day: number; hour: number; minute: number },
  zone: string,
): number {
  const guess = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const first = guess - offsetAt(zone, guess);
  const second = guess - offsetAt(zone, first);
  return second;
}

/** epochToLocalInput writes epoch ms as a zone's wall time in the `YYYY-MM-DDTHH:MM` form of a datetime-local input. */
export function epochToLocalInput(instant: number, zone: string): string {
  const local = new Date(instant + offsetAt(zone, instant));
  return local.toISOString().slice(0, 16);
}

// Zones this Node's list knows only by an older name, and the name people use now.
const currentNames: Record<string, string> = {
  'Europe/Kiev': 'Europe/Kyiv',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Rangoon': 'Asia/Yangon',
};

/** zoneName is how a zone is shown to people: its current name (Europe/Kyiv, not Europe/Kiev). */
export function zoneName(zone: string): string {
  return currentNames[zone] ?? zone;
}
