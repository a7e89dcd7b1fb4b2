/**
 * AddressLimiterOptions: the length of a window, how many keys are kept at most, and the clock (tests move it).
 * `capacity` bounds memory: about 150 bytes a key, so the default 100,000 is about 15 MB at most.
 */
export interface AddressLimiterOptions {
  windowMs: number;
  capacity?: number;
  now?: () => number;
}

/** Counter is one key's requests in the current fixed window and the one before it. */
interface Counter {
  window: number;
  current: number;
  previous: number;
}

/**
 * AddressLimiter counts requests per key (a bucket and the keyed hash of an address, never an address) in a sliding
 * window: the count of the current fixed window plus the previous one's, weighted by how much of it still overlaps,
 * so a limit cannot be doubled by sending at a window's end and again at the next one's start.
 *
 * Memory is bounded without ever forgetting everyone at once (which let a flood of addresses reset every limit). Keys
 * live in two maps kept in least-recently-used order by their insertion order: new keys start in `probation`, and a
 * key that has used half its limit moves to `protected`. When full, the least recently used key of probation goes
 * first, so a flood of new addresses (each seen once) only pushes out other light users; an address at its limit is
 * forgotten only after half the capacity of other addresses have each used half their limits more recently.
 */
export class AddressLimiter {
  private readonly probation = new Map<string, Counter>();
  private readonly protected = new Map<string, Counter>();
  private readonly windowMs: number;
  private readonly capacity: number;
  private readonly protectedCapacity: number;
  private readonly now: () => number;

  constructor(options: AddressLimiterOptions) {
    this.windowMs = options.windowMs;
    this.capacity = Math.max(2, options.capacity ?? 100_000);
    this.protectedCapacity = Math.floor(this.capacity / 2);
    this.now = options.now ?? Date.now;
  }

  /** size is how many keys are held; never more than the capacity. */
  get size(): number {
    return this.probation.size + this.protected.size;
  }

  /**
   * take counts one request of `key` and returns true, or returns false (counting nothing) when the key has made
   * `limit` requests in the sliding window already.
   */
  take(key: string, limit: number): boolean {
    const now = this.now();
    let counter = this.protected.get(key);
    const trusted = counter !== undefined;
    if (counter) this.protected.delete(key);
    else {
      counter = this.probation.get(key);
      if (counter) this.probation.delete(key);
      else counter = { window: Math.floor(now / this.windowMs), current: 0, previous: 0 };
    }
    const used = this.used(counter, now);
    const allowed = used + 1 <= limit;
    if (allowed) counter.current++;
    // Put back as the most recently used, in protected once it has used half its limit (or was there already).
    if (trusted || used + 1 >= Math.max(2, Math.ceil(limit / 2))) this.protected.set(key, counter);
    else this.probation.set(key, counter);
    this.evict();
    return allowed;
  }

  /** used is the key's weighted count in the sliding window ending now, rolling its fixed windows on first. */
  private used(counter: Counter, now: number): number {
    const window = Math.floor(now / this.windowMs);
    if (window !== counter.window) {
      counter.previous = window === counter.window + 1 ? counter.current : 0;
      counter.current = 0;
      counter.window = window;
    }
    const overlap = 1 - (now - window * this.windowMs) / this.windowMs;
    return counter.previous * overlap + counter.current;
  }

  private evict(): void {
    while (this.protected.size > this.protectedCapacity) {
      // The least recently used protected key goes back to probation, as its most recent entry.
      const [key, counter] = this.protected.entries().next().value!;
      this.protected.delete(key);
      this.probation.set(key, counter);
    }
    while (this.size > this.capacity) {
      const oldest = this.probation.keys().next();
      if (!oldest.done) this.probation.delete(oldest.value);
      else this.protected.delete(this.protected.keys().next().value!);
    }
  }
}
