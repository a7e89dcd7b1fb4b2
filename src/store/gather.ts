/**
 * Gather hands the items that arrive in one turn of the event loop to `handle` together, and gives each caller its
 * own item's outcome. Votes use it: fifty votes arriving at once become one insert and one count update per question
 * instead of fifty of each (docs/benchmarks.md, "Open questions"). If `handle` fails, every caller in that batch gets
 * the error; `handle` must therefore turn what one item can get wrong (a double vote) into that item's outcome.
 */
export class Gather<I, O> {
  private readonly handle: (items: I[]) => Promise<O[]>;
  private readonly maxBatch: number;
  private waiting: { item: I; resolve(outcome: O): void; reject(error: unknown): void }[] = [];
  private scheduled = false;

  constructor(handle: (items: I[]) => Promise<O[]>, maxBatch = 256) {
    this.handle = handle;
    this.maxBatch = maxBatch;
  }

  /** add queues one item and settles with its outcome once its batch is handled. */
  add(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatch);
      this.handle(batch.map((w) => w.item)).then(
        (outcomes) => batch.forEach((w, i) => w.resolve(outcomes[i])),
        (error) => batch.forEach((w) => w.reject(error)),
      );
    }
  }
}
