/**
 * DiscrepancyCode names every way the record or the site can fail an audit; each is stable, for machines, and
 * docs/record.md explains each one.
 */
export type DiscrepancyCode =
  // The key and the checkpoint
  | 'key-changed'
  | 'malformed-key'
  | 'origin-changed'
  | 'bad-checkpoint-signature'
  | 'malformed-checkpoint'
  // The tree
  | 'missing-tile'
  | 'malformed-tile'
  | 'malformed-bundle'
  | 'leaf-hash-mismatch'
  | 'tile-hash-mismatch'
  | 'root-mismatch'
  | 'checkpoint-rolled-back'
  | 'inconsistent-checkpoint'
  // The entries
  | 'malformed-entry'
  | 'non-canonical-entry'
  | 'unknown-entry-type'
  | 'bad-entry-field'
  | 'petition-never-opened'
  | 'petition-opened-twice'
  | 'petition-closed-twice'
  | 'entry-before-opened'
  | 'correction-version-mismatch'
  | 'correction-previous-mismatch'
  | 'signature-added-twice'
  | 'signature-removed-twice'
  | 'signature-never-added'
  | 'signature-removed-before-added'
  | 'signature-petition-mismatch'
  | 'invalidation-mismatch'
  | 'event-never-opened'
  | 'event-opened-twice'
  | 'event-closed-twice'
  | 'entry-after-closed'
  | 'question-added-twice'
  | 'question-never-added'
  | 'question-entry-before-added'
  | 'question-event-mismatch'
  | 'question-merged-into-unknown'
  | 'question-state-mismatch'
  | 'merge-moved-mismatch'
  | 'vote-added-twice'
  | 'vote-withdrawn-twice'
  | 'vote-never-added'
  | 'vote-withdrawn-before-added'
  | 'vote-question-mismatch'
  // Photos and videos
  | 'attachment-published-twice'
  | 'attachment-removed-twice'
  | 'attachment-never-published'
  | 'attachment-removed-before-published'
  | 'attachment-petition-mismatch'
  | 'attachment-file-missing'
  | 'attachment-file-mismatch'
  // Paper signatures
  | 'paper-batch-added-twice'
  | 'paper-batch-withdrawn-twice'
  | 'paper-batch-never-added'
  | 'paper-batch-withdrawn-before-added'
  | 'paper-batch-petition-mismatch'
  // The site against the record
  | 'api-malformed'
  | 'api-petition-missing'
  | 'api-count-lower'
  | 'api-paper-count-lower'
  | 'api-status-mismatch'
  | 'api-text-mismatch'
  | 'api-version-missing'
  | 'api-goal-mismatch'
  | 'api-confirmation-mismatch'
  | 'api-response-missing'
  | 'api-invalidation-mismatch'
  | 'api-event-missing'
  | 'api-moderation-mismatch'
  | 'api-question-misplaced'
  // The witnesses (c2sp.org/tlog-policy)
  | 'malformed-policy'
  | 'policy-log-mismatch'
  | 'bad-cosignature'
  | 'quorum-not-met';

/** NoteCode names what an audit reports without failing: things that are expected while a site is busy. */
export type NoteCode =
  | 'trusted-on-first-use'
  | 'not-yet-in-record'
  | 'site-count-ahead'
  | 'after-close'
  | 'record-grew'
  | 'site-policy'
  | 'no-witness-policy'
  | 'witness-unchecked';

/** Finding is one discrepancy or note: its code, a sentence for people, and where it was found. */
export interface Finding<Code extends string> {
  code: Code;
  message: string;
  petition?: string;
  signature?: string;
  event?: string;
  question?: string;
  vote?: string;
  index?: number;
  path?: string;
}

/** MAX_LISTED is how many findings of one code a report lists; the rest are only counted. */
export const MAX_LISTED = 50;

/** Findings collects discrepancies and notes, listing the first MAX_LISTED of each code and counting all of them. */
export class Findings {
  readonly discrepancies: Finding<DiscrepancyCode>[] = [];
  readonly notes: Finding<NoteCode>[] = [];
  /** counts is how many of each code were found, listed or not. */
  readonly counts = new Map<string, number>();
  #tree = 0;

  /** discrepancy records a failure of the audit. */
  discrepancy(finding: Finding<DiscrepancyCode>): void {
    if (TREE_CODES.has(finding.code)) this.#tree++;
    if (this.#count(finding.code) <= MAX_LISTED) this.discrepancies.push(finding);
  }

  /** note records something worth telling that is not a failure. */
  note(finding: Finding<NoteCode>): void {
    if (this.#count(finding.code) <= MAX_LISTED) this.notes.push(finding);
  }

  /** discrepancyCount is how many discrepancies were found in all. */
  get discrepancyCount(): number {
    let total = 0;
    for (const [code, n] of this.counts) if (!NOTE_CODES.has(code)) total += n;
    return total;
  }

  /** treeFailed reports whether anything about the key, the checkpoint or the tree failed: then no state is saved. */
  get treeFailed(): boolean {
    return this.#tree > 0;
  }

  #count(code: string): number {
    const n = (this.counts.get(code) ?? 0) + 1;
    this.counts.set(code, n);
    return n;
  }
}

const TREE_CODES = new Set<string>([
  'key-changed',
  'malformed-key',
  'origin-changed',
  'bad-checkpoint-signature',
  'malformed-checkpoint',
  'missing-tile',
  'malformed-tile',
  'malformed-bundle',
  'leaf-hash-mismatch',
  'tile-hash-mismatch',
  'root-mismatch',
  'checkpoint-rolled-back',
  'inconsistent-checkpoint',
]);

const NOTE_CODES = new Set<string>([
  'trusted-on-first-use',
  'not-yet-in-record',
  'site-count-ahead',
  'after-close',
  'record-grew',
  'site-policy',
  'no-witness-policy',
  'witness-unchecked',
]);
