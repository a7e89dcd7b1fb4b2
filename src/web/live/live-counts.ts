/** LiveCount is what a live viewer of a petition is told: its public count and whether it still takes signatures. */
export interface LiveCount {
  readonly signatures: number;
  readonly status: 'open' | 'closed';
}

/** CountSource is where LiveCounts reads counts: the store in the server, a fake in tests. */
export interface CountSource {
  /** find MUST return a published petition's row id and status, and null for an unknown id or a draft. */
  find(publicId: string): Promise<{ rowId: number; status: 'open' | 'closed' } | null>;
  /** count MUST return the exact public count, including signatures made on other nodes. */
  count(rowId: number): Promise<number>;
  /** onChange calls `listener` whenever this node (or, by the relay, another) changes a petition, until the returned function is called. */
  onChange(listener: (publicId: string) => void): () => void;
}

/** LiveCountOptions tune how fresh counts are and how much they may cost. */
export interface LiveCountOptions {
  /** pollMs is how often a watched petition's count is read, for changes made on other nodes that no announcement reached. */
  pollMs?: number;
  /** statusEvery reads the status (not only the count) on every n-th poll; a change on this node reads it at once. */
  statusEvery?: number;
  /** minGapMs is the least time between two reads of one petition that changes on this node keep asking for. */
  minGapMs?: number;
  /** onError hears about a failed read; the watch goes on and tries again at the next poll. */
  onError?: (error: unknown) => void;
}

/** Watching is one viewer's subscription: the count now, and how to stop. */
export interface Watching {
  latest: LiveCount;
  stop(): void;
}

type Viewer = (count: LiveCount) => void;

interface Watch {
  publicId: string;
  rowId: number;
  latest: LiveCount;
  viewers: Set<Viewer>;
  poll: NodeJS.Timeout;
  polls: number;
  lastRead: number;
  reading: boolean;
  again: boolean;
  soon: NodeJS.Timeout | null;
}

/**
 * LiveCounts keeps the count of each petition that someone is watching, shared by all its viewers: one watch per
 * petition reads the count once per `pollMs` (for signatures made on other nodes) and soon after each change made on
 * this node, and tells every viewer when the count or status changes. Ten thousand viewers of one petition cost one
 * query per second, not ten thousand; a petition nobody watches costs nothing.
 */
export class LiveCounts {
  private readonly source: CountSource;
  private readonly pollMs: number;
  private readonly statusEvery: number;
  private readonly minGapMs: number;
  private readonly onError: (error: unknown) => void;
  private readonly watches = new Map<string, Watch>();
  private readonly starting = new Map<string, Promise<Watch | null>>();
  private readonly stopListening: () => void;
  private closed = false;

  constructor(source: CountSource, options: LiveCountOptions = {}) {
    this.source = source;
    this.pollMs = options.pollMs ?? 1000;
    this.statusEvery = options.statusEvery ?? 5;
    this.minGapMs = options.minGapMs ?? 200;
    this.onError = options.onError ?? (() => {});
    this.stopListening = source.onChange((publicId) => {
      const watch = this.watches.get(publicId);
      if (watch) this.readSoon(watch);
    });
  }

  /** watching tells how many petitions are watched now (each costs one read per poll). */
  get watching(): number {
    return this.watches.size;
  }

  /**
   * watch subscribes `viewer` to a petition's changes and returns the count now, or null for an unknown petition
   * or a draft. The viewer is not called with the count returned; only with later changes.
   */
  async watch(publicId: string, viewer: Viewer): Promise<Watching | null> {
    for (;;) {
      if (this.closed) throw new Error('LiveCounts is closed');
      const watch = this.watches.get(publicId);
      if (watch) {
        watch.viewers.add(viewer);
        return { latest: watch.latest, stop: () => this.leave(watch, viewer) };
      }
      let starting = this.starting.get(publicId);
      if (!starting) {
        starting = this.start(publicId);
        this.starting.set(publicId, starting);
        const forget = () => this.starting.delete(publicId);
        starting.then(forget, forget);
      }
      // Everyone who came while the first read was running waits for it, then joins the watch it made.
      if ((await starting) === null) return null;
    }
  }

  /** close stops every watch and poll; viewers hear nothing more. */
  close(): void {
    this.closed = true;
    this.stopListening();
    for (const watch of this.watches.values()) this.end(watch);
  }

  private async start(publicId: string): Promise<Watch | null> {
    const found = await this.source.find(publicId);
    if (!found) return null;
    const signatures = await this.source.count(found.rowId);
    const existing = this.watches.get(publicId);
    if (existing || this.closed) return existing ?? null;
    const watch: Watch = {
      publicId,
      rowId: found.rowId,
      latest: Object.freeze({ signatures, status: found.status }),
      viewers: new Set(),
      poll: setInterval(() => this.poll(watch), this.pollMs),
      polls: 0,
      lastRead: Date.now(),
      reading: false,
      again: false,
      soon: null,
    };
    watch.poll.unref();
    this.watches.set(publicId, watch);
    return watch;
  }

  private leave(watch: Watch, viewer: Viewer): void {
    watch.viewers.delete(viewer);
    if (watch.viewers.size === 0 && this.watches.get(watch.publicId) === watch) this.end(watch);
  }

  private end(watch: Watch): void {
    clearInterval(watch.poll);
    if (watch.soon) clearTimeout(watch.soon);
    watch.viewers.clear();
    if (this.watches.get(watch.publicId) === watch) this.watches.delete(watch.publicId);
  }

  private poll(watch: Watch): void {
    watch.polls++;
    // A read is running, or a change on this node has just been read: this poll would learn nothing new.
    if (watch.reading || Date.now() - watch.lastRead < this.pollMs / 2) return;
    void this.read(watch, watch.polls % this.statusEvery === 0);
  }

  /** readSoon reads after a change on this node, at most once per `minGapMs` however many signatures arrive. */
  private readSoon(watch: Watch): void {
    if (watch.soon) return;
    const wait = Math.max(0, watch.lastRead + this.minGapMs - Date.now());
    watch.soon = setTimeout(() => {
      watch.soon = null;
      void this.read(watch, true);
    }, wait);
    watch.soon.unref();
  }

  private async read(watch: Watch, withStatus: boolean): Promise<void> {
    if (watch.reading) {
      // Changes that come while reading may not be in what is being read: read once more, for all of them.
      watch.again = true;
      return;
    }
    watch.reading = true;
    try {
      for (let status = withStatus; ; status = true) {
        watch.again = false;
        watch.lastRead = Date.now();
        const found = status ? await this.source.find(watch.publicId) : null;
        const signatures = await this.source.count(watch.rowId);
        this.publish(watch, { signatures, status: found?.status ?? watch.latest.status });
        if (!watch.again || this.watches.get(watch.publicId) !== watch) break;
      }
    } catch (error) {
      this.onError(error);
    } finally {
      watch.reading = false;
    }
  }

  private publish(watch: Watch, next: LiveCount): void {
    if (next.signatures === watch.latest.signatures && next.status === watch.latest.status) return;
    watch.latest = Object.freeze(next);
    for (const viewer of watch.viewers) {
      try {
        viewer(watch.latest);
      } catch (error) {
        this.onError(error);
      }
    }
  }
}
