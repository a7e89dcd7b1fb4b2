/** EntryType lists every kind of public record entry; docs/record.md describes each for auditors. */
export type EntryType =
  | 'petition.opened'
  | 'petition.closed'
  | 'petition.responded'
  | 'signature.added'
  | 'signature.withdrawn'
  | 'signature.invalidated'
  | 'event.opened'
  | 'event.closed'
  | 'question.added'
  | 'question.approved'
  | 'question.hidden'
  | 'question.restored'
  | 'question.merged'
  | 'question.pinned'
  | 'question.unpinned'
  | 'question.answered'
  | 'vote.added'
  | 'vote.withdrawn';

/** Entry is one public state change: its type, format version and the public ids it concerns. No personal data. */
export interface Entry {
  type: EntryType;
  v: 1;
  [field: string]: string | number | boolean | null;
}

/**
 * canonicalJson writes a value as JSON with object keys sorted by UTF-16 code units and no white space.
 * SPEC: RFC 8785 (JCS) for the values entries use: strings, safe integers, booleans and null.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new TypeError('entries hold only safe integers');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  throw new TypeError(`cannot write ${typeof value} in an entry`);
}

/** encodeEntry returns an entry's bytes in the record: its canonical JSON in UTF-8. */
export function encodeEntry(entry: Entry): string {
  return canonicalJson(entry);
}
