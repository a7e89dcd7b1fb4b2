import type { Transaction } from '../store/open-store.ts';
import type { Store } from '../store/open-store.ts';
import { QuestionIndex, type SimilarQuestion } from '../similarity/question-index.ts';
import { listQuestionTexts } from '../store/questions.ts';

interface EventIndex {
  index: QuestionIndex;
  /** throughId is the highest question row id read into the index. */
  throughId: number;
  /** reading chains refreshes, so two lookups never read the same rows twice. */
  reading: Promise<void>;
}

/**
 * QuestionIndexes keeps one similar-question index per event in memory, built on first use from the database and
 * topped up on each lookup with questions asked since (on any node: the read is by row id, so questions asked on
 * other nodes arrive too). The index holds every question ever asked in the event; callers filter out hidden and
 * merged ones when they read the rows, so a moderator's decision on another node needs no message here.
 * Only the `maxEvents` most recently used events are kept; the others are rebuilt when next asked about.
 */
export class QuestionIndexes {
  private readonly events = new Map<number, EventIndex>();
  private readonly maxEvents: number;

  constructor(maxEvents = 64) {
    this.maxEvents = maxEvents;
  }

  /** similar returns the row ids of an event's questions most like `text`, best first. */
  async similar(db: Transaction, eventId: number, text: string, limit: number): Promise<SimilarQuestion[]> {
    const entry = await this.fresh(db, eventId);
    return entry.index.similar(text, limit);
  }

  /** added puts a question this node just stored into the index, so the next lookup needs no read for it. */
  added(eventId: number, id: number, text: string): void {
    const entry = this.events.get(eventId);
    if (entry && id > entry.throughId - REREAD) entry.index.add(id, text);
  }

  private async fresh(db: Transaction, eventId: number): Promise<EventIndex> {
    let entry = this.events.get(eventId);
    if (entry) {
      this.events.delete(eventId);
    } else {
      entry = { index: new QuestionIndex(), throughId: 0, reading: Promise.resolve() };
      while (this.events.size >= this.maxEvents) this.events.delete(this.events.keys().next().value!);
    }
    this.events.set(eventId, entry);
    const current = entry;
    current.reading = current.reading
      .catch(() => {})
      .then(async () => {
        // On PostgreSQL a lower id can commit after a higher one was read: read the last few again (adding is idempotent).
        let after = Math.max(0, current.throughId - REREAD);
        for (;;) {
          const rows = await listQuestionTexts(db, eventId, after, 5000);
          for (const row of rows) current.index.add(Number(row.id), row.text);
          if (rows.length > 0)
            after = current.throughId = Math.max(current.throughId, Number(rows[rows.length - 1].id));
          if (rows.length < 5000) break;
        }
      });
    await current.reading;
    return current;
  }
}

const REREAD = 200;

const byStore = new WeakMap<Store, QuestionIndexes>();

/** questionIndexesOf returns the indexes kept for one open store (one per process in the server). */
export function questionIndexesOf(store: Store): QuestionIndexes {
  let indexes = byStore.get(store);
  if (!indexes) {
    indexes = new QuestionIndexes();
    byStore.set(store, indexes);
  }
  return indexes;
}
