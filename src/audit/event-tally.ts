import { MAX_BATCH } from '../record/sequencer.ts';
import type { DiscrepancyCode, Findings } from './findings.ts';
import { MergeForest } from './merge-forest.ts';
import type { EventEntry, HiddenReason } from '../record/entry.ts';
import { VoteTable } from './vote-table.ts';

// The tally rules of docs/record.md for events, questions and votes. As for petitions, the sequencer shuffles each
// batch (at most MAX_BATCH entries), so counts do not depend on order at all: a question's votes are the votes whose
// vote.added names it or a question merged (transitively) into it, less those withdrawn, each vote known by its id.
// A question's status is order-free too, because its state machine (src/domain/question-states.ts) allows each
// moderation at most once, or alternately: hide and restore take turns, so it is hidden when it has one hide more
// than restores. What must follow something else (a question its event's opening) may come before it by less than a
// batch; what must not follow (a question or vote after the event closed) may follow by less than a batch.

/** RecordedEvent is what the record says of one event. */
export interface RecordedEvent {
  code: string;
  /** opened is the leaf index of its event.opened entry, or −1 when the record has none. */
  opened: number;
  sha256: string | null;
  moderation: 'before' | 'after' | null;
  /** closed is the leaf index of its event.closed entry, or −1. */
  closed: number;
  /** earliest is the leaf index of its first entry other than event.opened, while it is not opened; else −1. */
  earliest: number;
  /** questions are the event's questions in the order the record first names them. */
  questions: RecordedQuestion[];
}

/** RecordedQuestion is what the record says of one question, and of the votes whose vote.added names it. */
export interface RecordedQuestion {
  id: string;
  event: string;
  /** index is its number among all the questions of the record. */
  index: number;
  /** added is the leaf index of its question.added entry, or −1. */
  added: number;
  /** earliest is the leaf index of its first entry, while it is not added; else −1. */
  earliest: number;
  sha256: string | null;
  askedStatus: 'published' | 'pending' | null;
  approvals: number;
  hides: number;
  restores: number;
  /** hiddenReason is the reason of its last question.hidden in log order, or null. */
  hiddenReason: HiddenReason | null;
  answers: number;
  /** merged is the leaf index of its question.merged entry, or −1; into and moved are that entry's. */
  merged: number;
  into: string | null;
  moved: number;
  /** votesAdded counts the votes whose vote.added names this question (not those merged into it). */
  votesAdded: number;
  /** votesWithdrawn counts those of them withdrawn, for any reason; withdrawnAtMerge those withdrawn as duplicates. */
  votesWithdrawn: number;
  withdrawnAtMerge: number;
  /** withdrawnSinceMark counts those withdrawn by entries read after mark(). */
  withdrawnSinceMark: number;
}

/** QuestionStatus is where a question's state machine stands. */
export type QuestionStatus = 'pending' | 'published' | 'answered' | 'hidden' | 'merged';

/** EventCounts are an event's counters as the site shows them: questions by status, hidden by reason, and votes. */
export interface EventCounts {
  asked: number;
  published: number;
  answered: number;
  pending: number;
  merged: number;
  votes: number;
  hidden: Record<string, number>;
}

/** QuestionMark is a question as the record stood when mark() was called. */
export interface QuestionMark {
  votes: number;
  status: QuestionStatus;
  hides: number;
  restores: number;
  hiddenReason: HiddenReason | null;
}

/** EventMark is an event as the record stood when mark() was called. */
export interface EventMark {
  asked: number;
  votes: number;
  closed: boolean;
}

/** questionStatus is a question's status by the record, whatever the order of its entries within a batch. */
export function questionStatus(q: RecordedQuestion): QuestionStatus {
  if (q.merged >= 0) return 'merged';
  if (q.hides > q.restores) return 'hidden';
  if (q.answers > 0) return 'answered';
  if (q.askedStatus === 'published' || q.approvals > 0) return 'published';
  return 'pending';
}

// What the audit keeps of a vote, in one unsigned 32-bit number: the number of the question its vote.added names,
// plus one (0 while the record has not added it), and a flag once it is withdrawn.
const ORIGIN = 0x3fffffff;
const WITHDRAWN = 0x40000000;
// How far up a chain of merges a withdrawal is checked as it is read; anything further is checked at the end.
const NEAR = 32;

type Code = DiscrepancyCode;

/** EventTally reads the entries of events, questions and votes in log order and recomputes what the record defines. */
export class EventTally {
  readonly events = new Map<string, RecordedEvent>();
  readonly questions = new Map<string, RecordedQuestion>();
  readonly #findings: Findings;
  readonly #list: RecordedQuestion[] = [];
  readonly #votes = new VoteTable();
  // Votes withdrawn before the record added them (within one batch, that is fine): where, from which question, why.
  readonly #early = new Map<string, { index: number; at: RecordedQuestion; merged: boolean; sinceMark: boolean }>();
  // Withdrawals naming a question that the vote's own question is not (yet) known to be merged into.
  readonly #unsettled: {
    vote: string;
    origin: RecordedQuestion;
    at: RecordedQuestion;
    merged: boolean;
    index: number;
  }[] = [];
  #marks: Map<RecordedQuestion, QuestionMark> | null = null;
  #eventMarks = new Map<string, EventMark>();

  constructor(findings: Findings) {
    this.#findings = findings;
  }

  /** votes is how many vote ids the audit holds, and voteBytes what they cost. */
  get votes(): number {
    return this.#votes.size;
  }

  get voteBytes(): number {
    return this.#votes.bytes;
  }

  /** add reads one well-formed entry at leaf `index`; entries must come in log order. */
  add(entry: EventEntry, index: number): void {
    const event = this.#event(entry.event);
    if (entry.type === 'event.opened') return this.#opened(event, entry, index);
    if (event.opened < 0 && event.earliest < 0) event.earliest = index;
    if (entry.type === 'event.closed') {
      if (event.closed >= 0)
        this.#problem('event-closed-twice', `event ${event.code} is closed again at entry ${index}`, index, event.code);
      else event.closed = index;
      return;
    }
    const q = this.#question(entry.question, event, index);
    if (q === null) return;
    if (entry.type === 'question.added') return this.#asked(event, q, entry, index);
    if (q.added < 0 && q.earliest < 0) q.earliest = index;
    if (q.merged >= 0 && index - q.merged >= MAX_BATCH && entry.type !== 'question.merged') {
      const message = `question ${q.id} is named by ${entry.type} at entry ${index}, more than one batch (${MAX_BATCH}) after it was merged at ${q.merged}`;
      this.#problem('question-state-mismatch', message, index, event.code, q.id);
    }
    switch (entry.type) {
      case 'question.approved':
        q.approvals++;
        return;
      case 'question.hidden':
        q.hides++;
        q.hiddenReason = entry.reason;
        return;
      case 'question.restored':
        q.restores++;
        return;
      case 'question.answered':
        q.answers++;
        return;
      case 'question.pinned':
      case 'question.unpinned':
        return; // pins are counted by type; they change no count
      case 'question.merged':
        if (q.merged >= 0) {
          this.#problem(
            'question-state-mismatch',
            `question ${q.id} is merged again at entry ${index}`,
            index,
            event.code,
            q.id,
          );
          return;
        }
        q.merged = index;
        q.into = entry.into;
        q.moved = entry.moved;
        return;
      case 'vote.added':
        return this.#voteAdded(event, q, entry.vote, index);
      case 'vote.withdrawn':
        return this.#voteWithdrawn(event, q, entry.vote, entry.reason === 'merged', index);
    }
  }

  /** mark remembers every question's votes and status now, for markOf and removedSinceMark. */
  mark(): void {
    const votes = this.votesNow();
    this.#marks = new Map(
      this.#list.map((q) => [
        q,
        {
          votes: votes[q.index],
          status: questionStatus(q),
          hides: q.hides,
          restores: q.restores,
          hiddenReason: q.hiddenReason,
        },
      ]),
    );
    this.#eventMarks = new Map(
      [...this.events.values()].map((e) => {
        const counts = this.countsOf(e);
        return [e.code, { asked: counts.asked, votes: counts.votes, closed: e.closed >= 0 }];
      }),
    );
    for (const q of this.#list) q.withdrawnSinceMark = 0;
  }

  /** markOf is a question as the record stood at mark(), or undefined if the record did not name it yet. */
  markOf(q: RecordedQuestion): QuestionMark | undefined {
    return this.#marks?.get(q);
  }

  /** eventMarkOf is an event's questions asked, votes, and whether it was closed, at mark(). */
  eventMarkOf(code: string): EventMark {
    return this.#eventMarks.get(code) ?? { asked: 0, votes: 0, closed: false };
  }

  /** votesNow is each question's vote count (by index), merges folded in; a merged question's are also its target's. */
  votesNow(): Float64Array {
    return this.#forest().sum(this.#list.map((q) => q.votesAdded - q.votesWithdrawn));
  }

  /** removedSinceMark is, for each question (by index), how many of the votes folded into it were withdrawn since mark(). */
  removedSinceMark(): Float64Array {
    return this.#forest().sum(this.#list.map((q) => q.withdrawnSinceMark));
  }

  /** countsOf is an event's counters by the record now: its questions by status, hidden ones by reason, its votes. */
  countsOf(event: RecordedEvent): EventCounts {
    const counts: EventCounts = { asked: 0, published: 0, answered: 0, pending: 0, merged: 0, votes: 0, hidden: {} };
    for (const q of event.questions) {
      counts.votes += q.votesAdded - q.votesWithdrawn;
      if (q.added < 0) continue;
      counts.asked++;
      const status = questionStatus(q);
      if (status === 'hidden') counts.hidden[q.hiddenReason!] = (counts.hidden[q.hiddenReason!] ?? 0) + 1;
      else counts[status]++;
    }
    return counts;
  }

  /** finish runs the checks that need the whole record: what was never opened or added, merges, moved votes. */
  finish(): void {
    for (const e of this.events.values()) {
      if (e.opened < 0)
        this.#problem(
          'event-never-opened',
          `event ${e.code} has entries from entry ${e.earliest} on but was never opened`,
          e.earliest,
          e.code,
        );
    }
    for (const q of this.#list) {
      if (q.added < 0) {
        this.#problem(
          'question-never-added',
          `question ${q.id} of event ${q.event} has entries from entry ${q.earliest} on but was never added`,
          q.earliest,
          q.event,
          q.id,
        );
      } else {
        this.#checkStates(q);
      }
      if (q.merged >= 0) this.#checkInto(q);
    }
    for (const [vote, early] of this.#early) {
      const message = `vote ${vote} is withdrawn from question ${early.at.id} at entry ${early.index} but was never added`;
      this.#problem('vote-never-added', message, early.index, early.at.event, early.at.id, vote);
    }
    const forest = this.#forest();
    for (const q of forest.cyclic) {
      const c = this.#list[q];
      this.#problem(
        'question-state-mismatch',
        `question ${c.id} is merged in a cycle (${c.id} into ${c.into}, …)`,
        c.merged,
        c.event,
        c.id,
      );
    }
    this.#checkMoved(forest);
    for (const w of this.#unsettled) {
      if (forest.below(w.origin.index, w.at.index) && (!w.merged || w.at.merged >= 0)) continue;
      const message =
        w.merged && w.at.merged < 0
          ? `vote ${w.vote} is withdrawn as a duplicate at a merge of question ${w.at.id}, at entry ${w.index}, but that question was never merged`
          : `vote ${w.vote} is withdrawn from question ${w.at.id} at entry ${w.index}, but it is a vote for ${w.origin.id}, which was not merged into ${w.at.id}`;
      this.#problem('vote-question-mismatch', message, w.index, w.at.event, w.at.id, w.vote);
    }
  }

  #opened(event: RecordedEvent, entry: Extract<EventEntry, { type: 'event.opened' }>, index: number): void {
    if (event.opened >= 0) {
      this.#problem('event-opened-twice', `event ${event.code} is opened again at entry ${index}`, index, event.code);
      return;
    }
    event.opened = index;
    event.sha256 = entry.sha256;
    event.moderation = entry.moderation;
    if (event.earliest >= 0 && index - event.earliest >= MAX_BATCH) {
      const message = `event ${event.code} has entry ${event.earliest} more than one batch (${MAX_BATCH}) before it was opened at ${index}`;
      this.#problem('entry-before-opened', message, event.earliest, event.code);
    }
    event.earliest = -1;
  }

  #asked(
    event: RecordedEvent,
    q: RecordedQuestion,
    entry: Extract<EventEntry, { type: 'question.added' }>,
    index: number,
  ): void {
    if (q.added >= 0) {
      this.#problem(
        'question-added-twice',
        `question ${q.id} is added again at entry ${index}`,
        index,
        event.code,
        q.id,
      );
      return;
    }
    q.added = index;
    q.sha256 = entry.sha256;
    q.askedStatus = entry.status;
    if (q.earliest >= 0 && index - q.earliest >= MAX_BATCH) {
      const message = `question ${q.id} is named at entry ${q.earliest}, more than one batch (${MAX_BATCH}) before it is added at ${index}`;
      this.#problem('question-entry-before-added', message, q.earliest, event.code, q.id);
    }
    q.earliest = -1;
    this.#afterClose(event, index, `question ${q.id} is asked`, q.id);
  }

  #voteAdded(event: RecordedEvent, q: RecordedQuestion, vote: string, index: number): void {
    this.#afterClose(event, index, `vote ${vote} is cast`, q.id, vote);
    const state = this.#votes.get(vote);
    if (state >= 0 && (state & ORIGIN) !== 0) {
      this.#problem('vote-added-twice', `vote ${vote} is added again at entry ${index}`, index, event.code, q.id, vote);
      return;
    }
    q.votesAdded++;
    if (state < 0) {
      this.#votes.set(vote, q.index + 1);
      return;
    }
    // Withdrawn before it was added: fine within one shuffled batch.
    this.#votes.set(vote, (q.index + 1) | WITHDRAWN);
    const early = this.#early.get(vote)!;
    this.#early.delete(vote);
    if (index - early.index >= MAX_BATCH) {
      const message = `vote ${vote} is withdrawn at entry ${early.index}, more than one batch (${MAX_BATCH}) before it is added at ${index}`;
      this.#problem('vote-withdrawn-before-added', message, early.index, event.code, q.id, vote);
    }
    this.#withdrawn(q, early.at, early.merged, early.sinceMark, vote, early.index);
  }

  #voteWithdrawn(event: RecordedEvent, at: RecordedQuestion, vote: string, merged: boolean, index: number): void {
    // A voter's withdrawal checks that the event is open in its own transaction; a merge may come after closing.
    if (!merged) this.#afterClose(event, index, `vote ${vote} is withdrawn`, at.id, vote);
    const state = this.#votes.get(vote);
    if (state >= 0 && (state & WITHDRAWN) !== 0) {
      this.#problem(
        'vote-withdrawn-twice',
        `vote ${vote} is withdrawn again at entry ${index}`,
        index,
        event.code,
        at.id,
        vote,
      );
      return;
    }
    if (state < 0) {
      this.#votes.set(vote, WITHDRAWN);
      this.#early.set(vote, { index, at, merged, sinceMark: this.#marks !== null });
      return;
    }
    this.#votes.set(vote, state | WITHDRAWN);
    this.#withdrawn(this.#list[(state & ORIGIN) - 1], at, merged, this.#marks !== null, vote, index);
  }

  #withdrawn(
    origin: RecordedQuestion,
    at: RecordedQuestion,
    merged: boolean,
    sinceMark: boolean,
    vote: string,
    index: number,
  ): void {
    origin.votesWithdrawn++;
    if (merged) origin.withdrawnAtMerge++;
    if (sinceMark) origin.withdrawnSinceMark++;
    // A vote is withdrawn from the question it is on: its own, or one its own was merged into (a voter's withdrawal
    // names the question the vote is on now; a duplicate's at a merge, the merged question, which must be merged).
    let on: RecordedQuestion | undefined = origin;
    for (let hops = 0; on !== undefined && on !== at && hops < NEAR; hops++) on = this.#into(on);
    if (on === at && (!merged || at.merged >= 0)) return;
    this.#unsettled.push({ vote, origin, at, merged, index });
  }

  #checkStates(q: RecordedQuestion): void {
    // Each of these is impossible in any order: the state machine allows one approval, and only of a pending
    // question; one answer; hides and restores in turn; votes only on a published question.
    const wrong: string[] = [];
    if (q.approvals > 1 || (q.approvals > 0 && q.askedStatus === 'published'))
      wrong.push(`approved ${q.approvals} time(s) after being asked ${q.askedStatus}`);
    if (q.answers > 1) wrong.push(`answered ${q.answers} times`);
    if (q.restores > q.hides || q.hides > q.restores + 1)
      wrong.push(`hidden ${q.hides} and restored ${q.restores} times`);
    if (q.votesAdded > 0 && q.askedStatus === 'pending' && q.approvals === 0)
      wrong.push(`voted for ${q.votesAdded} time(s) but never published`);
    if (wrong.length > 0)
      this.#problem('question-state-mismatch', `question ${q.id} is ${wrong.join('; ')}`, q.added, q.event, q.id);
  }

  #checkInto(q: RecordedQuestion): void {
    const into = this.questions.get(q.into!);
    if (into === undefined || into.added < 0) {
      const message = `question ${q.id} is merged at entry ${q.merged} into ${q.into}, which the record never added`;
      this.#problem('question-merged-into-unknown', message, q.merged, q.event, q.id);
    } else if (into.event !== q.event) {
      const message = `question ${q.id} of event ${q.event} is merged at entry ${q.merged} into ${into.id} of event ${into.event}`;
      this.#problem('question-event-mismatch', message, q.merged, q.event, q.id);
    }
  }

  #checkMoved(forest: MergeForest): void {
    // moved is the votes on the merged question when it was merged, less the duplicates withdrawn then. Of the
    // votes folded into it, what remains now is that, less what voters withdrew after the merge (from the question
    // merged into); so remaining ≤ moved ≤ remaining + all its voters' withdrawals. Order does not matter.
    const remaining = forest.sum(this.#list.map((q) => q.votesAdded - q.votesWithdrawn));
    const byVoters = forest.sum(this.#list.map((q) => q.votesWithdrawn - q.withdrawnAtMerge));
    for (const q of this.#list) {
      if (q.merged < 0 || forest.inCycle(q.index)) continue;
      const low = remaining[q.index];
      const high = low + byVoters[q.index];
      if (q.moved >= low && q.moved <= high) continue;
      const allowed = low === high ? `${low}` : `${low} to ${high}`;
      const message = `question ${q.id} is merged at entry ${q.merged} moving ${q.moved} votes, but the record's votes for it allow ${allowed}`;
      this.#problem('merge-moved-mismatch', message, q.merged, q.event, q.id);
    }
  }

  #afterClose(event: RecordedEvent, index: number, what: string, question: string, vote?: string): void {
    // Asking, voting and a voter's withdrawal check in their own transaction, under a lock on the event, that it is
    // open; so they can follow its closing only within the batch that took both.
    if (event.closed >= 0 && index - event.closed >= MAX_BATCH) {
      const message = `${what} in event ${event.code} at entry ${index}, more than one batch (${MAX_BATCH}) after it closed at ${event.closed}`;
      this.#problem('entry-after-closed', message, index, event.code, question, vote);
    }
  }

  #into(q: RecordedQuestion): RecordedQuestion | undefined {
    if (q.into === null) return undefined;
    const into = this.questions.get(q.into);
    return into !== undefined && into.event === q.event ? into : undefined;
  }

  #forest(): MergeForest {
    return new MergeForest(this.#list.map((q) => this.#into(q)?.index ?? -1));
  }

  #event(code: string): RecordedEvent {
    let event = this.events.get(code);
    if (event === undefined) {
      event = { code, opened: -1, sha256: null, moderation: null, closed: -1, earliest: -1, questions: [] };
      this.events.set(code, event);
    }
    return event;
  }

  #question(id: string, event: RecordedEvent, index: number): RecordedQuestion | null {
    let q = this.questions.get(id);
    if (q === undefined) {
      if (this.#list.length >= ORIGIN - 1)
        throw new RangeError('the record names more questions than one audit can hold');
      q = {
        id,
        event: event.code,
        index: this.#list.length,
        added: -1,
        earliest: -1,
        sha256: null,
        askedStatus: null,
        approvals: 0,
        hides: 0,
        restores: 0,
        hiddenReason: null,
        answers: 0,
        merged: -1,
        into: null,
        moved: 0,
        votesAdded: 0,
        votesWithdrawn: 0,
        withdrawnAtMerge: 0,
        withdrawnSinceMark: 0,
      };
      this.questions.set(id, q);
      this.#list.push(q);
      event.questions.push(q);
    } else if (q.event !== event.code) {
      const message = `entry ${index} names question ${id} in event ${event.code}, but it belongs to event ${q.event}`;
      this.#problem('question-event-mismatch', message, index, event.code, id);
      return null;
    }
    return q;
  }

  #problem(code: Code, message: string, index: number, event: string, question?: string, vote?: string): void {
    this.#findings.discrepancy({
      code,
      message,
      index,
      event,
      ...(question === undefined ? {} : { question }),
      ...(vote === undefined ? {} : { vote }),
    });
  }
}
