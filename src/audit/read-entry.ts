import { canonicalJson, CORRECTION_REASONS, HIDDEN_REASONS, INVALIDATION_REASONS } from '../record/entry.ts';
import { ATTACHMENT_REMOVAL_REASONS } from '../domain/attachment.ts';
import { isRecordSheets, MAX_PAPER_BATCH, PAPER_WITHDRAWAL_REASONS, REGION_CODE } from '../domain/paper-batch.ts';
import type { EntryOf, EntryType, RecordEntry } from '../record/entry.ts';
import type { DiscrepancyCode } from './findings.ts';

// readEntry accepts exactly the entries of RecordEntry (src/record/entry.ts), the union the server's queue takes:
// ENTRY_FIELDS is typed from it, so a field added to or taken from an entry type fails the type check until its check
// here changes too.

/** EntryProblem is why an entry is not a well-formed version 1 entry. */
export interface EntryProblem {
  code: Extract<DiscrepancyCode, 'malformed-entry' | 'non-canonical-entry' | 'unknown-entry-type' | 'bad-entry-field'>;
  message: string;
}

type FieldCheck = (value: unknown) => boolean;

// Public ids are a letter and base58 characters (src/crypto/tokens.ts randomId): p for petitions, s for signatures,
// i for invalidations, q for questions, v for votes, a for attachments, b for paper batches. The length is not part of the format, so that a longer id stays readable.
const id = (letter: string): FieldCheck => {
  const pattern = new RegExp(`^${letter}[1-9A-HJ-NP-Za-km-z]{1,63}$`);
  return (value) => typeof value === 'string' && pattern.test(value);
};
const sha256Hex: FieldCheck = (value) => typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
const oneOf =
  (...choices: readonly unknown[]): FieldCheck =>
  (value) =>
    choices.includes(value);
const goal: FieldCheck = (value) => value === null || (Number.isSafeInteger(value) && (value as number) >= 1);
const boolean: FieldCheck = (value) => typeof value === 'boolean';
const count: FieldCheck = (value) => Number.isSafeInteger(value) && (value as number) >= 0;
// A correction makes version 2 or later: version 1 is the text petition.opened records.
const textVersion: FieldCheck = (value) => Number.isSafeInteger(value) && (value as number) >= 2;
// An event is named by its join code (normaliseJoinCode in src/domain/join-code.ts): new ones are six
// characters without 0, O, 1 or I, but any code of 4 to 12 capital letters and digits is a code.
const eventCode: FieldCheck = (value) => typeof value === 'string' && /^[A-Z0-9]{4,12}$/.test(value);
const question = { event: eventCode, question: id('q') };
// The files of a published attachment: one to eight, each named as /a/{attachment}/{name} serves it (a width and an
// image type, or video.mp4), with the SHA-256 of its bytes, every name once and nothing else in them.
const attachedFileName = /^(\d{1,5}\.(jpg|webp)|video\.mp4)$/;
const attachedFiles: FieldCheck = (value) => {
  if (!Array.isArray(value) || value.length < 1 || value.length > 8) return false;
  const names = new Set<string>();
  for (const file of value) {
    if (file === null || typeof file !== 'object' || Array.isArray(file)) return false;
    const keys = Object.keys(file).sort();
    if (keys.length !== 2 || keys[0] !== 'name' || keys[1] !== 'sha256') return false;
    if (typeof file.name !== 'string' || !attachedFileName.test(file.name) || !sha256Hex(file.sha256)) return false;
    if (names.has(file.name)) return false;
    names.add(file.name);
  }
  return true;
};

// A paper batch counts 1 to MAX_PAPER_BATCH signatures; its region is an ISO 3166-2 code by shape (the auditor does
// not need the list of codes) or null; its sheets are written in the one sorted, merged form; its evidence a hash or null.
const paperCount: FieldCheck = (value) =>
  Number.isSafeInteger(value) && (value as number) >= 1 && (value as number) <= MAX_PAPER_BATCH;
const region: FieldCheck = (value) => value === null || (typeof value === 'string' && REGION_CODE.test(value));
const evidence: FieldCheck = (value) => value === null || sha256Hex(value);

/** FieldChecks has one check for each field of an entry besides `type` and `v`. */
type FieldChecks<E> = { [K in Exclude<keyof E, 'type' | 'v'>]-?: FieldCheck };

/** ENTRY_FIELDS lists, for each entry type, every field besides `type` and `v`; an entry has exactly these. */
export const ENTRY_FIELDS: { [T in EntryType]: FieldChecks<EntryOf<T>> } = {
  'petition.opened': { petition: id('p'), text: sha256Hex, goal, confirmation: oneOf('none', 'email') },
  'petition.closed': { petition: id('p'), reason: oneOf('organiser', 'deadline') },
  'petition.corrected': {
    petition: id('p'),
    version: textVersion,
    text: sha256Hex,
    previous: sha256Hex,
    reason: oneOf(...CORRECTION_REASONS),
  },
  'petition.responded': { petition: id('p'), response: sha256Hex },
  'signature.added': { petition: id('p'), signature: id('s'), confirmed: boolean },
  'signature.withdrawn': { petition: id('p'), signature: id('s') },
  'signature.invalidated': {
    petition: id('p'),
    signature: id('s'),
    invalidation: id('i'),
    reason: oneOf(...INVALIDATION_REASONS),
  },
  'event.opened': { event: eventCode, sha256: sha256Hex, moderation: oneOf('before', 'after') },
  'event.closed': { event: eventCode },
  'question.added': { ...question, sha256: sha256Hex, status: oneOf('published', 'pending') },
  'question.approved': question,
  'question.hidden': { ...question, reason: oneOf(...HIDDEN_REASONS) },
  'question.restored': question,
  'question.merged': { ...question, into: id('q'), moved: count },
  'question.pinned': question,
  'question.unpinned': question,
  'question.answered': question,
  'vote.added': { ...question, vote: id('v') },
  'vote.withdrawn': { ...question, vote: id('v'), reason: oneOf('voter', 'merged') },
  'attachment.published': {
    petition: id('p'),
    attachment: id('a'),
    kind: oneOf('image', 'video'),
    files: attachedFiles,
  },
  'attachment.removed': { petition: id('p'), attachment: id('a'), reason: oneOf(...ATTACHMENT_REMOVAL_REASONS) },
  'signatures.paper_added': {
    petition: id('p'),
    batch: id('b'),
    count: paperCount,
    region,
    sheets: isRecordSheets,
    evidence,
  },
  'signatures.paper_withdrawn': { petition: id('p'), batch: id('b'), reason: oneOf(...PAPER_WITHDRAWAL_REASONS) },
};

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * readEntry reads one entry's bytes: UTF-8, JSON, canonical (re-serialised by canonicalJson, byte for byte the same),
 * a known type at version 1 with exactly its fields, each well-formed. It returns the entry or the first problem.
 */
export function readEntry(bytes: Uint8Array): RecordEntry | EntryProblem {
  let text: string;
  let value: unknown;
  try {
    text = UTF8.decode(bytes);
    value = JSON.parse(text);
  } catch {
    return { code: 'malformed-entry', message: 'not UTF-8 JSON' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { code: 'malformed-entry', message: 'not a JSON object' };
  }
  // Canonical form makes an entry's bytes a function of its content: two spellings of one entry would give two leaf
  // hashes, and a duplicate key would hide a value from some readers and show it to others.
  let canonical: string;
  try {
    canonical = canonicalJson(value);
  } catch {
    canonical = '';
  }
  if (canonical !== text)
    return { code: 'non-canonical-entry', message: 'not canonical JSON (sorted keys, no white space, one spelling)' };
  const entry = value as Record<string, unknown>;
  const fields: Record<string, FieldCheck> | undefined =
    typeof entry.type === 'string' ? ENTRY_FIELDS[entry.type as EntryType] : undefined;
  if (fields === undefined || !Object.hasOwn(ENTRY_FIELDS, entry.type as string)) {
    return { code: 'unknown-entry-type', message: `unknown type ${JSON.stringify(entry.type)}` };
  }
  if (entry.v !== 1)
    return { code: 'bad-entry-field', message: `${entry.type} has version ${JSON.stringify(entry.v)}, want 1` };
  for (const key of Object.keys(entry)) {
    if (key !== 'type' && key !== 'v' && !Object.hasOwn(fields, key)) {
      // An unknown field is a discrepancy, not noise: it is where something personal could slip into the record.
      return { code: 'bad-entry-field', message: `${entry.type} has an unexpected field ${JSON.stringify(key)}` };
    }
  }
  for (const [key, check] of Object.entries(fields)) {
    if (!Object.hasOwn(entry, key)) return { code: 'bad-entry-field', message: `${entry.type} lacks ${key}` };
    if (!check(entry[key]))
      return {
        code: 'bad-entry-field',
        message: `${entry.type} has a malformed ${key}: ${JSON.stringify(entry[key])}`,
      };
  }
  return entry as unknown as RecordEntry;
}

/** isEntryProblem tells a problem from an entry. */
export function isEntryProblem(read: RecordEntry | EntryProblem): read is EntryProblem {
  return 'code' in read;
}
