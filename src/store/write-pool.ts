import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

/** Work is one caller's part of a pooled transaction. */
export type Work<T> = (trx: Transaction<Database>) => Promise<T>;

interface Waiting {
  work: Work<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * WritePool commits the small writes that arrive together in one transaction instead of one each: a transaction
 * costs far more than its two inserts (shared/reference/performance-facts.md), and on SQLite every transaction holds
 * the only connection. Each caller's promise settles only after the commit that holds its writes, so an answer
 * never gets ahead of the data. If the shared transaction fails, each piece of work is run again alone, so one
 * bad request (a unique violation, a refused state change) fails by itself and never takes others down with it.
 */
export class WritePool {
  private readonly db: Kysely<Database>;
  private readonly maxBatch: number;
  private queue: Waiting[] = [];
  private flushing: Promise<void> | null = null;

  constructor(db: Kysely<Database>, maxBatch = 256) {
    this.db = db;
    this.maxBatch = maxBatch;
  }

  /** run does `work` inside a transaction shared with other work queued in the same moment, after it commits. */
  run<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.flushing)
        this.flushing = new Promise<void>((done) => setImmediate(() => this.flush().then(done, done)));
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      if (batch.length === 1) {
        await this.alone(batch[0]);
        continue;
      }
      let results: unknown[] | null = null;
      try {
        results = await this.db.transaction().execute(async (trx) => {
          const out: unknown[] = [];
          for (const item of batch) out.push(await item.work(trx));
          return out;
        });
      } catch {
        results = null;
      }
      if (results) batch.forEach((item, i) => item.resolve(results![i]));
      else for (const item of batch) await this.alone(item);
    }
    this.flushing = null;
  }

  private async alone(item: Waiting): Promise<void> {
    try {
      item.resolve(await this.db.transaction().execute((trx) => item.work(trx)));
    } catch (error) {
      item.reject(error);
    }
  }
}
