import { InputReader } from '../domain/input.ts';
import { INVALIDATION_REASONS, type InvalidationReason } from '../record/entry.ts';

/** invalidationReasons are the public reasons an organiser may give for taking signatures out of the count. */
export const invalidationReasons = INVALIDATION_REASONS;

/** InvalidationWindow picks signatures by the minute they were counted, and optionally by region. */
export interface InvalidationWindow {
  fromMinute: number;
  toMinute: number;
  region: string | null;
}

/** readInvalidation validates an invalidation: a time window (epoch minutes or datetime-local text), region and reason. */
export function readInvalidation(
  raw: unknown,
  ignore: string[] = [],
): InvalidationWindow & { reason: InvalidationReason } {
  const input = new InputReader(raw);
  input.ignore(...ignore);
  const from = readMinute(input, 'from');
  const to = readMinute(input, 'to');
  const region = input.text('region', { max: 10 });
  const reason = input.choice('reason', invalidationReasons, { required: true });
  if (from !== null && to !== null && to < from) input.add('to', 'before-start');
  if (from !== null && to !== null && to - from > 31 * 1440) input.add('to', 'window-too-long');
  input.done();
  return { fromMinute: from!, toMinute: to!, region, reason: reason! };
}

function readMinute(input: InputReader, field: string): number | null {
  const text = input.text(field, { max: 20, required: true });
  if (text === null) return null;
  if (/^\d{1,10}$/.test(text)) return Number(text);
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(text);
  if (!match) {
    input.add(field, 'not-a-date');
    return null;
  }
  return Math.floor(Date.UTC(+match[1], +match[2] - 1, +match[3], +match[4], +match[5]) / 60_000);
}
