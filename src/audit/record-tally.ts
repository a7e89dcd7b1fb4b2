import type { EntryType } from '../record/entry.ts';
import { MAX_BATCH } from '../record/sequencer.ts';
import { EventTally } from './event-tally.ts';
import { AttachmentTally } from './attachment-tally.ts';
import type { Findings } from './findings.ts';
import { isEntryProblem, readEntry } from './read-entry.ts';
import { isEventEntry } from '../record/entry.ts';
import type { CorrectionReason, EntryOf, InvalidationReason, RecordEntry } from '../record/entry.ts';

// The tally rules of docs/record.md. The sequencer shuffles the entries of each batch (at most MAX_BATCH of them), so
// the order of two entries less than MAX_BATCH apart tells nothing; an entry that must follow another (a withdrawal
// its signature, anything its petition's opening) may come before it only by less than that. Counts do not depend on
// order at all: the count of a petition is its signature.added entries less its signature.withdrawn and
// signature.invalidated ones. Events, questions and votes are EventTally's.

/** PetitionTally is what the record says of one petition. */
export interface PetitionTally {
  id: string;
  /** opened is the leaf index of its petition.opened entry, or -1 when the record has none. */
  opened: number;
  /** text is the hash of the text it opened with (version 1); versions, after finish(), that of every version. */
  text: string | null;
  /** corrections are its petition.corrected entries, in log order (which, within a batch, is not their order). */
  corrections: CorrectionTally[];
  /** versions are, after finish(), the text hashes of versions 1, 2, … as the record gives them; empty if never opened. */
  versions: string[];
  goal: number | null;
  confirmation: 'none' | 'email' | null;
  /** closed is the leaf index of its petition.closed entry, or -1. */
  closed: number;
  closedReason: 'organiser' | 'deadline' | null;
  /** responses are the SHA-256 (hex) of each response recorded, in log order. */
  responses: string[];
  added: number;
  /** confirmed is how many of the added signatures were confirmed by email. */
  confirmed: number;
  withdrawn: number;
  invalidated: number;
  /** count is added − withdrawn − invalidated: the signatures made online. */
  count: number;
  /** paperAdded is the signatures of every paper batch added, paperWithdrawn those of the batches withdrawn since. */
  paperAdded: number;
  paperWithdrawn: number;
  /** paper is paperAdded − paperWithdrawn: the signatures on paper that count; count + paper is the petition's total. */
  paper: number;
  /** batches is how many paper batches were added, withdrawn or not. */
  batches: number;
  /** earliest is the leaf index of its first entry other than petition.opened, while it is not opened; else -1. */
  earliest: number;
}

/** PaperBatchTally is one batch of paper signatures as the record gives it. */
export interface PaperBatchTally {
  id: string;
  petition: string;
  /** count is its signatures; 0 until its signatures.paper_added entry is read. */
  count: number;
  /** added and withdrawn are the leaf indexes of its entries, or -1. */
  added: number;
  withdrawn: number;
}

/** CorrectionTally is one correction of a petition's text, as its entry gives it, and where the record holds it. */
export interface CorrectionTally {
  version: number;
  text: string;
  previous: string;
  reason: CorrectionReason;
  index: number;
}

/** InvalidationTally is one invalidation: an organiser's decision to take a group of signatures out, with a reason. */
export interface InvalidationTally {
  id: string;
  petition: string;
  reason: InvalidationReason;
  signatures: number;
}

// What the record says of a signature, in one number: its petition's place in the list, times 8, plus these flags.
const ADDED = 1;
const WITHDRAWN = 2;
const INVALIDATED = 4;

/** RecordTally reads entries in log order and recomputes every count the record defines. */
export class RecordTally {
  readonly petitions = new Map<string, PetitionTally>();
  readonly invalidations = new Map<string, InvalidationTally>();
  /** events tallies the entries of events, questions and votes. */
  readonly events: EventTally;
  /** attachments tallies the entries of petitions' photos and videos. */
  readonly attachments: AttachmentTally;
  /** byType counts the well-formed entries of each type. */
  readonly byType: Record<EntryType, number> = {
    'petition.opened': 0,
    'petition.closed': 0,
    'petition.corrected': 0,
    'petition.responded': 0,
    'signature.added': 0,
    'signature.withdrawn': 0,
    'signature.invalidated': 0,
    'event.opened': 0,
    'event.closed': 0,
    'question.added': 0,
    'question.approved': 0,
    'question.hidden': 0,
    'question.restored': 0,
    'question.merged': 0,
    'question.pinned': 0,
    'question.unpinned': 0,
    'question.answered': 0,
    'vote.added': 0,
    'vote.withdrawn': 0,
    'attachment.published': 0,
    'attachment.removed': 0,
    'signatures.paper_added': 0,
    'signatures.paper_withdrawn': 0,
  };
  /** batches are the paper batches the record names, by id. */
  readonly batches = new Map<string, PaperBatchTally>();
  /** entries is how many entries were read, well-formed or not. */
  entries = 0;
  /** markedAt is how many entries were read when mark() was called (the size the site's counts were read after). */
  markedAt = 0;
  readonly #findings: Findings;
  readonly #list: PetitionTally[] = [];
  readonly #indexes = new Map<PetitionTally, number>();
  // About 70 bytes a signature: the one thing an audit keeps that grows with the record.
  readonly #signatures = new Map<string, number>();
  // Signatures taken out before the record added them (within one batch, that is fine): where that happened.
  readonly #early = new Map<string, number>();
  // For the comparison with the site: each petition's count when mark() was called, and what was taken out since.
  #marked = new Map<string, { count: number; removedSince: number; paper: number; paperRemovedSince: number }>();

  constructor(findings: Findings) {
    this.#findings = findings;
    this.events = new EventTally(findings);
    this.attachments = new AttachmentTally(findings);
  }

  /** add reads the entry at leaf `index`; entries must come in log order. */
  add(bytes: Uint8Array, index: number): void {
    this.entries++;
    const entry = readEntry(bytes);
    if (isEntryProblem(entry)) {
      this.#findings.discrepancy({ code: entry.code, message: `entry ${index}: ${entry.message}`, index });
      return;
    }
    this.byType[entry.type]++;
    if (isEventEntry(entry)) return this.events.add(entry, index);
    const petition = this.#petition(entry.petition);
    if (entry.type === 'petition.opened') return this.#opened(petition, entry, index);
    if (petition.opened < 0 && petition.earliest < 0) petition.earliest = index;
    switch (entry.type) {
      case 'petition.closed':
        if (petition.closed >= 0) {
          this.#problem(
            'petition-closed-twice',
            `petition ${petition.id} is closed again at entry ${index}`,
            index,
            petition.id,
          );
        } else {
          petition.closed = index;
          petition.closedReason = entry.reason;
        }
        return;
      case 'petition.corrected':
        return this.#corrected(petition, entry, index);
      case 'petition.responded':
        petition.responses.push(entry.response);
        return;
      case 'signature.added':
        return this.#added(petition, entry.signature, entry.confirmed, index);
      case 'signature.withdrawn':
        return this.#removed(petition, entry.signature, WITHDRAWN, index);
      case 'signature.invalidated':
        this.#invalidation(petition, entry.invalidation, entry.reason, index);
        return this.#removed(petition, entry.signature, INVALIDATED, index);
      case 'attachment.published':
      case 'attachment.removed':
        return this.attachments.add(entry, index);
      case 'signatures.paper_added':
        return this.#paperAdded(petition, entry, index);
      case 'signatures.paper_withdrawn':
        return this.#paperWithdrawn(petition, entry, index);
    }
  }

  /** mark remembers every petition's count and every question's votes and status now, for the comparison with the site. */
  mark(): void {
    this.markedAt = this.entries;
    this.#marked = new Map(
      this.#list.map((p) => [p.id, { count: p.count, removedSince: 0, paper: p.paper, paperRemovedSince: 0 }]),
    );
    this.events.mark();
  }

  /**
   * countAtMark is a petition's count when mark() was called, and removedSince how many of its signatures the record
   * took out after: a site's count read in between may be as low as countAtMark − removedSince.
   */
  countAtMark(petition: string): { count: number; removedSince: number; paper: number; paperRemovedSince: number } {
    return this.#marked.get(petition) ?? { count: 0, removedSince: 0, paper: 0, paperRemovedSince: 0 };
  }

  /** finish runs the checks that need the whole record: what was never opened, never added. */
  finish(): void {
    for (const p of this.#list) {
      if (p.opened < 0) {
        this.#problem(
          'petition-never-opened',
          `petition ${p.id} has entries from entry ${p.earliest} on but was never opened`,
          p.earliest,
          p.id,
        );
      }
    }
    for (const p of this.#list) this.#chain(p);
    for (const [signature, index] of this.#early) {
      const petition = this.#list[Math.floor(this.#signatures.get(signature)! / 8)].id;
      this.#findings.discrepancy({
        code: 'signature-never-added',
        message: `signature ${signature} is taken out at entry ${index} but was never added`,
        index,
        petition,
        signature,
      });
    }
    for (const batch of this.batches.values()) {
      if (batch.added < 0) {
        this.#problem(
          'paper-batch-never-added',
          `paper batch ${batch.id} is withdrawn at entry ${batch.withdrawn} but was never added`,
          batch.withdrawn,
          batch.petition,
        );
      }
    }
    this.events.finish();
    this.attachments.finish();
  }

  #batch(id: string, petition: PetitionTally, index: number): PaperBatchTally | null {
    let batch = this.batches.get(id);
    if (batch === undefined) {
      batch = { id, petition: petition.id, count: 0, added: -1, withdrawn: -1 };
      this.batches.set(id, batch);
    } else if (batch.petition !== petition.id) {
      const message = `paper batch ${id} belongs to petition ${batch.petition}, but entry ${index} names ${petition.id}`;
      this.#problem('paper-batch-petition-mismatch', message, index, petition.id);
      return null;
    }
    return batch;
  }

  #paperAdded(petition: PetitionTally, entry: EntryOf<'signatures.paper_added'>, index: number): void {
    const batch = this.#batch(entry.batch, petition, index);
    if (batch === null) return;
    if (batch.added >= 0) {
      const message = `paper batch ${batch.id} is added again at entry ${index} (first at ${batch.added})`;
      this.#problem('paper-batch-added-twice', message, index, petition.id);
      return;
    }
    batch.added = index;
    batch.count = entry.count;
    petition.batches++;
    petition.paperAdded += entry.count;
    // The site adds a batch only while its petition is open, in the transaction that checks it; one that raced the
    // closing lands within a batch of it.
    if (petition.closed >= 0 && index - petition.closed >= MAX_BATCH) {
      const message = `paper batch ${batch.id} is added to petition ${petition.id} at entry ${index}, more than one batch after it closed at ${petition.closed}`;
      this.#problem('entry-after-closed', message, index, petition.id);
    }
    if (batch.withdrawn >= 0) {
      // Withdrawn before the record added it: fine within one batch (the sequencer shuffles), counted as withdrawn.
      petition.paperWithdrawn += entry.count;
      if (index - batch.withdrawn >= MAX_BATCH) {
        const message = `paper batch ${batch.id} is withdrawn at entry ${batch.withdrawn}, more than one batch (${MAX_BATCH}) before it is added at ${index}`;
        this.#problem('paper-batch-withdrawn-before-added', message, batch.withdrawn, petition.id);
      }
      return;
    }
    petition.paper += entry.count;
  }

  #paperWithdrawn(petition: PetitionTally, entry: EntryOf<'signatures.paper_withdrawn'>, index: number): void {
    const batch = this.#batch(entry.batch, petition, index);
    if (batch === null) return;
    if (batch.withdrawn >= 0) {
      const message = `paper batch ${batch.id} is withdrawn again at entry ${index} (first at ${batch.withdrawn})`;
      this.#problem('paper-batch-withdrawn-twice', message, index, petition.id);
      return;
    }
    batch.withdrawn = index;
    if (batch.added < 0) return; // counted when (if) the record adds it; finish() reports it if never
    petition.paper -= batch.count;
    petition.paperWithdrawn += batch.count;
    const marked = this.#marked.get(petition.id);
    if (marked !== undefined) marked.paperRemovedSince += batch.count;
  }

  #opened(petition: PetitionTally, entry: Extract<RecordEntry, { type: 'petition.opened' }>, index: number): void {
    if (petition.opened >= 0) {
      this.#problem(
        'petition-opened-twice',
        `petition ${petition.id} is opened again at entry ${index}`,
        index,
        petition.id,
      );
      return;
    }
    petition.opened = index;
    petition.text = entry.text;
    petition.goal = entry.goal;
    petition.confirmation = entry.confirmation;
    if (petition.earliest >= 0 && index - petition.earliest >= MAX_BATCH) {
      const message = `petition ${petition.id} has entry ${petition.earliest} more than one batch (${MAX_BATCH}) before it was opened at ${index}`;
      this.#problem('entry-before-opened', message, petition.earliest, petition.id);
    }
    petition.earliest = -1;
  }

  #corrected(
    petition: PetitionTally,
    entry: Extract<RecordEntry, { type: 'petition.corrected' }>,
    index: number,
  ): void {
    const { version, text, previous, reason } = entry;
    petition.corrections.push({ version, text, previous, reason, index });
    // A correction checks that the petition is open in its own transaction, so only one that raced the closing may land
    // after it, within a batch; the sequencer's shuffle may put it there.
    if (petition.closed >= 0 && index - petition.closed >= MAX_BATCH) {
      const message = `petition ${petition.id} is corrected (version ${version}) at entry ${index}, more than one batch after it closed at ${petition.closed}`;
      this.#problem('entry-after-closed', message, index, petition.id);
    }
  }

  /**
   * chain checks a petition's corrections once the whole record is read: their versions are 2, 3, … each once, and
   * each replaces the text of the version before (the opened text for version 2). The order of entries does not matter:
   * two corrections in one batch may be shuffled. It sets `versions` to the text hash of each version.
   */
  #chain(p: PetitionTally): void {
    if (p.text === null) return;
    p.versions = [p.text];
    const byVersion = new Map<number, CorrectionTally[]>();
    for (const c of p.corrections) byVersion.set(c.version, [...(byVersion.get(c.version) ?? []), c]);
    const last = Math.max(1, ...byVersion.keys());
    for (let version = 2; version <= last; version++) {
      const made = byVersion.get(version) ?? [];
      if (made.length !== 1) {
        const message =
          made.length === 0
            ? `petition ${p.id} has a correction to version ${last} but none to version ${version}`
            : `petition ${p.id} is corrected to version ${version} ${made.length} times (entries ${made.map((c) => c.index).join(', ')})`;
        this.#problem('correction-version-mismatch', message, made[1]?.index ?? p.opened, p.id);
        if (made.length === 0) return;
      }
      const c = made[0];
      const before = p.versions[version - 2];
      if (c.previous !== before) {
        const message = `petition ${p.id}: the correction to version ${version} at entry ${c.index} replaces a text that is not version ${version - 1}`;
        this.#problem('correction-previous-mismatch', message, c.index, p.id);
      }
      p.versions.push(c.text);
    }
  }

  #added(petition: PetitionTally, signature: string, confirmed: boolean, index: number): void {
    petition.added++;
    petition.count++;
    if (confirmed) petition.confirmed++;
    this.#afterClose(petition, index, signature);
    const state = this.#signatures.get(signature);
    if (state === undefined) {
      this.#signatures.set(signature, this.#indexOf(petition) * 8 + ADDED);
      return;
    }
    if (!this.#samePetition(state, petition, signature, index)) return;
    if ((state & ADDED) !== 0) {
      this.#problem(
        'signature-added-twice',
        `signature ${signature} is added again at entry ${index}`,
        index,
        petition.id,
        signature,
      );
      return;
    }
    this.#signatures.set(signature, state | ADDED);
    const early = this.#early.get(signature)!;
    this.#early.delete(signature);
    if (index - early >= MAX_BATCH) {
      const message = `signature ${signature} is taken out at entry ${early}, more than one batch (${MAX_BATCH}) before it is added at ${index}`;
      this.#problem('signature-removed-before-added', message, early, petition.id, signature);
    }
  }

  #removed(
    petition: PetitionTally,
    signature: string,
    how: typeof WITHDRAWN | typeof INVALIDATED,
    index: number,
  ): void {
    if (how === WITHDRAWN) petition.withdrawn++;
    else petition.invalidated++;
    petition.count--;
    const marked = this.#marked.get(petition.id);
    if (marked !== undefined) marked.removedSince++;
    if (how === WITHDRAWN) this.#afterClose(petition, index, signature);
    const state = this.#signatures.get(signature);
    if (state === undefined) {
      this.#signatures.set(signature, this.#indexOf(petition) * 8 + how);
      this.#early.set(signature, index);
      return;
    }
    if (!this.#samePetition(state, petition, signature, index)) return;
    if ((state & (WITHDRAWN | INVALIDATED)) !== 0) {
      this.#problem(
        'signature-removed-twice',
        `signature ${signature} is taken out again at entry ${index}`,
        index,
        petition.id,
        signature,
      );
      return;
    }
    this.#signatures.set(signature, state | how);
  }

  #invalidation(petition: PetitionTally, id: string, reason: InvalidationReason, index: number): void {
    const known = this.#invalidations(id, petition.id, reason);
    if (known.petition !== petition.id || known.reason !== reason) {
      const message = `invalidation ${id} is for ${known.petition} (${known.reason}), but entry ${index} gives ${petition.id} (${reason})`;
      this.#problem('invalidation-mismatch', message, index, petition.id);
      return;
    }
    known.signatures++;
  }

  #invalidations(id: string, petition: string, reason: InvalidationReason): InvalidationTally {
    let tally = this.invalidations.get(id);
    if (tally === undefined) this.invalidations.set(id, (tally = { id, petition, reason, signatures: 0 }));
    return tally;
  }

  #afterClose(petition: PetitionTally, index: number, signature: string): void {
    // Signing and withdrawing check that the petition is open just before their own transaction, so one that raced
    // the closing may land after it; it counts, and is reported so that a person can look.
    if (petition.closed >= 0 && index - petition.closed >= MAX_BATCH) {
      const message = `signature ${signature} changes petition ${petition.id} at entry ${index}, more than one batch after it closed at ${petition.closed}`;
      this.#findings.note({ code: 'after-close', message, index, petition: petition.id, signature });
    }
  }

  #samePetition(state: number, petition: PetitionTally, signature: string, index: number): boolean {
    const first = this.#list[Math.floor(state / 8)];
    if (first === petition) return true;
    const message = `signature ${signature} belongs to petition ${first.id}, but entry ${index} names ${petition.id}`;
    this.#problem('signature-petition-mismatch', message, index, petition.id, signature);
    return false;
  }

  #petition(id: string): PetitionTally {
    let petition = this.petitions.get(id);
    if (petition === undefined) {
      petition = {
        id,
        opened: -1,
        text: null,
        corrections: [],
        versions: [],
        goal: null,
        confirmation: null,
        closed: -1,
        closedReason: null,
        responses: [],
        added: 0,
        confirmed: 0,
        withdrawn: 0,
        invalidated: 0,
        count: 0,
        paperAdded: 0,
        paperWithdrawn: 0,
        paper: 0,
        batches: 0,
        earliest: -1,
      };
      this.petitions.set(id, petition);
      this.#list.push(petition);
      this.#indexes.set(petition, this.#list.length - 1);
    }
    return petition;
  }

  #indexOf(petition: PetitionTally): number {
    return this.#indexes.get(petition)!;
  }

  #problem(
    code: Parameters<Findings['discrepancy']>[0]['code'],
    message: string,
    index: number,
    petition: string,
    signature?: string,
  ): void {
    this.#findings.discrepancy({ code, message, index, petition, ...(signature === undefined ? {} : { signature }) });
  }
}
