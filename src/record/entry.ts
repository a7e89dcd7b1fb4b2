// The entry format, version 1: every entry the server queues (src/store/record-queue.ts accepts only RecordEntry) and
// every entry the auditor accepts (src/audit/read-entry.ts checks each field against this union), written once here.
// docs/record.md describes each type for auditors. An entry holds public ids, hashes and counts, never personal data.

import type { AttachmentRemovalReason } from '../domain/attachment.ts';
import type { PaperWithdrawalReason } from '../domain/paper-batch.ts';

/** INVALIDATION_REASONS are the public reasons an organiser may give for taking signatures out of the count. */
export const INVALIDATION_REASONS = ['burst', 'duplicates', 'automated', 'other'] as const;

/** InvalidationReason is one of INVALIDATION_REASONS. */
export type InvalidationReason = (typeof INVALIDATION_REASONS)[number];

/** HIDDEN_REASONS are the public reasons a moderator may give for hiding a question. */
export const HIDDEN_REASONS = ['spam', 'abuse', 'personal-data', 'duplicate', 'off-topic'] as const;

/** HiddenReason is one of HIDDEN_REASONS. */
export type HiddenReason = (typeof HIDDEN_REASONS)[number];

/** CORRECTION_REASONS are the public reasons an organiser may give for correcting a published petition's text. */
export const CORRECTION_REASONS = ['typo', 'clarification', 'other'] as const;

/** CorrectionReason is one of CORRECTION_REASONS. */
export type CorrectionReason = (typeof CORRECTION_REASONS)[number];

/** PetitionEntry is an entry of a petition's life and its signatures. */
export type PetitionEntry =
  | {
      type: 'petition.opened';
      v: 1;
      petition: string;
      text: string;
      goal: number | null;
      confirmation: 'none' | 'email';
    }
  | { type: 'petition.closed'; v: 1; petition: string; reason: 'organiser' | 'deadline' }
  | {
      type: 'petition.corrected';
      v: 1;
      petition: string;
      /** version is the number of the text this correction makes: 2 for the first correction, then 3, … */
      version: number;
      /** text is petitionTextHash of the new title, addressee and text; previous that of the text it replaces. */
      text: string;
      previous: string;
      reason: CorrectionReason;
    }
  | { type: 'petition.responded'; v: 1; petition: string; response: string }
  | { type: 'signature.added'; v: 1; petition: string; signature: string; confirmed: boolean }
  | { type: 'signature.withdrawn'; v: 1; petition: string; signature: string }
  | {
      type: 'signature.invalidated';
      v: 1;
      petition: string;
      signature: string;
      invalidation: string;
      reason: InvalidationReason;
    };

/** QuestionEntryType lists the moderation entries that carry nothing but the question they concern. */
export type QuestionEntryType =
  | 'question.approved'
  | 'question.restored'
  | 'question.pinned'
  | 'question.unpinned'
  | 'question.answered';

/** QuestionEntry is, for each of the types given, an entry that names only its event and question. */
type QuestionEntry<T extends QuestionEntryType> = T extends unknown
  ? { type: T; v: 1; event: string; question: string }
  : never;

/** EventEntry is an entry of an open-questions event: the event's life, its questions' moderation, and votes. */
export type EventEntry =
  | { type: 'event.opened'; v: 1; event: string; sha256: string; moderation: 'before' | 'after' }
  | { type: 'event.closed'; v: 1; event: string }
  | { type: 'question.added'; v: 1; event: string; question: string; sha256: string; status: 'published' | 'pending' }
  | QuestionEntry<QuestionEntryType>
  | { type: 'question.hidden'; v: 1; event: string; question: string; reason: HiddenReason }
  | { type: 'question.merged'; v: 1; event: string; question: string; into: string; moved: number }
  | { type: 'vote.added'; v: 1; event: string; question: string; vote: string }
  | { type: 'vote.withdrawn'; v: 1; event: string; question: string; vote: string; reason: 'voter' | 'merged' };

/** AttachedFile names one served file of a published attachment and the SHA-256 of its bytes, in lowercase hex. */
export interface AttachedFile {
  name: string;
  sha256: string;
}

/**
 * AttachmentEntry is an entry of a photo or video attached to a petition: published with the hash of every file that
 * is served of it (so a download can be checked against the record), and later removed with a public reason.
 */
export type AttachmentEntry =
  | {
      type: 'attachment.published';
      v: 1;
      petition: string;
      attachment: string;
      kind: 'image' | 'video';
      files: AttachedFile[];
    }
  | { type: 'attachment.removed'; v: 1; petition: string; attachment: string; reason: AttachmentRemovalReason };

/**
 * PaperEntry is an entry of a batch of signatures gathered on paper: how many an organiser counted on which sheets,
 * from which region, and the SHA-256 of the cleaned scan of the sheets (the scan itself stays private), never who
 * signed. A batch is never changed: it is withdrawn with a public reason, and a corrected batch is a new one.
 */
export type PaperEntry =
  | {
      type: 'signatures.paper_added';
      v: 1;
      petition: string;
      batch: string;
      /** count is the signatures on the batch's sheets, 1 to MAX_PAPER_BATCH (src/domain/paper-batch.ts). */
      count: number;
      /** region is an ISO 3166-2 code, or null when the sheets come from several regions or none was given. */
      region: string | null;
      /** sheets are the sheet numbers, sorted and merged: "1-12,15,20-22" (formatSheets), at most 200 characters. */
      sheets: string;
      /** evidence is the SHA-256 (lowercase hex) of the cleaned scan of the sheets, or null when there is none. */
      evidence: string | null;
    }
  | { type: 'signatures.paper_withdrawn'; v: 1; petition: string; batch: string; reason: PaperWithdrawalReason };

/** RecordEntry is one public state change, exactly as the server writes it and the auditor accepts it. */
export type RecordEntry = PetitionEntry | EventEntry | AttachmentEntry | PaperEntry;

/** EntryType lists every kind of public record entry. */
export type EntryType = RecordEntry['type'];

/** EntryOf is the entry of one type, e.g. EntryOf<'vote.added'>. */
export type EntryOf<T extends EntryType> = Extract<RecordEntry, { type: T }>;

/** isEventEntry tells the entries of events, questions and votes from those of petitions and signatures. */
export function isEventEntry(entry: RecordEntry): entry is EventEntry {
  return 'event' in entry;
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
export function encodeEntry(entry: RecordEntry): string {
  return canonicalJson(entry);
}
