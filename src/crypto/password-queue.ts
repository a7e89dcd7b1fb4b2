import { VecheError } from '../domain/errors.ts';

/** QueueLimits are how many jobs of a queue run at once and how many may wait behind them. */
export interface QueueLimits {
  running: number;
  waiting: number;
}

/**
 * PasswordQueue runs password hashing one job at a time with a bounded line behind it. A password hash is scrypt at
 * 128 MiB on libuv's thread pool (four threads, shared with email signing): left alone, eight wrong logins in flight
 * hold every thread and each signature waits behind them. Through this queue passwords take one thread at most, and
 * a job that finds the line full is refused at once with `rate-limited` (a 429 with Retry-After), never queued
 * without end. p-limit and its kin queue without a bound, which is the very thing to avoid here.
 */
export class PasswordQueue {
  readonly limits: QueueLimits;
  #running = 0;
  readonly #line: (() => void)[] = [];
  #refused = 0;

  constructor(limits: QueueLimits) {
    this.limits = limits;
  }

  /** hasRoom says whether a job sent now would be taken (run or queued) rather than refused. */
  hasRoom(): boolean {
    return this.#running < this.limits.running || this.#line.length < this.limits.waiting;
  }

  /** stats are the queue's counts now, and how many jobs it has refused since it was made. */
  stats(): { running: number; waiting: number; refused: number } {
    return { running: this.#running, waiting: this.#line.length, refused: this.#refused };
  }

  /** run does `job` when its turn comes, or throws `rate-limited` at once when the line is full. */
  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.#running < this.limits.running) {
      this.#running++;
    } else if (this.#line.length < this.limits.waiting) {
      // The job that finishes hands its place straight to this one: #running stays as it is.
      await new Promise<void>((start) => this.#line.push(start));
    } else {
      this.#refused++;
      throw new VecheError(
        'rate-limited',
        'Too many sign-ins are being checked right now; try again in a few seconds.',
      );
    }
    try {
      return await job();
    } finally {
      const next = this.#line.shift();
      if (next) next();
      else this.#running--;
    }
  }
}
