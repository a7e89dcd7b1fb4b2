import { checkIdentity, MAX_BATCH, recoverRecord, sequenceBatch } from './sequencer.ts';
import type { LogIdentity, TickResult } from './sequencer.ts';
import { LedgerConflict } from './tile-store.ts';
import type { RecordLedger, TileStore } from './tile-store.ts';

/** SequencerHold is this node's turn to sequence: the ledger and tile store to write through while it lasts. */
export interface SequencerHold {
  ledger: RecordLedger;
  tiles: TileStore;
  /** release gives the turn back; it MUST be safe to call after the hold was lost. */
  release(): Promise<void>;
}

/** SequencerLease decides which node of a deployment sequences the record. */
export interface SequencerLease {
  /**
   * acquire returns a hold, or null when another node holds one. While a hold is live, no other acquire MUST
   * succeed; once it is lost, writes through it MUST fail rather than land, so that a node that lost its turn cannot
   * overwrite what the next one writes.
   */
  acquire(): Promise<SequencerHold | null>;
}

/** LogBacklog tells signing whether the record takes new entries, or pushes back because too many wait. */
export interface LogBacklog {
  /** pending is how many entries waited unsequenced when last counted (at most the limit plus one). */
  pending(): number;
  accepting(): boolean;
}

/** SequencerLog is the part of pino the sequencer uses. */
export interface SequencerLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** SequencerOptions configure startSequencer. */
export interface SequencerOptions {
  lease: SequencerLease;
  /** ledger reads through any connection, on every node: the start-up identity check and the backlog count. */
  ledger: RecordLedger;
  identity: LogIdentity;
  /** tickMs is the time between ticks (VECHE_SEQUENCER_TICK_MS), and between counts of the backlog. */
  tickMs: number;
  /** queueLimit is how many pending entries are accepted before pushback (VECHE_LOG_QUEUE_LIMIT). */
  queueLimit: number;
  batchLimit?: number;
  /** retryMs is how long a node waits before trying to take the turn again; 3 s unless set. */
  retryMs?: number;
  /** loop false: recover at start, then sequence only when tick() is called (tests, and `jobs: false`). */
  loop?: boolean;
  log: SequencerLog;
}

/**
 * SequencerHealth is how this node's part of the record is doing: sequencing (it holds the turn and its last step
 * worked), standby (another node holds the turn), or failing (its steps have failed since `failingSince`, e.g. a tile
 * folder it cannot write), with the failure's code only: messages may hold paths, and health is public.
 */
export interface SequencerHealth {
  state: 'sequencing' | 'standby' | 'failing';
  failingSince: number | null;
  problem: string | null;
  pending: number;
}

/** RecordSequencer runs the sequencer on a tick while this node holds the lease, and counts the backlog. */
export class RecordSequencer implements LogBacklog {
  readonly #options: Required<SequencerOptions>;
  #hold: SequencerHold | null = null;
  #lastAttempt = -Infinity;
  #pending = 0;
  #counting: Promise<number> | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  #timer: NodeJS.Timeout | undefined;
  #countTimer: NodeJS.Timeout | undefined;
  #stopped = false;
  #failingSince: number | null = null;
  #problem: string | null = null;

  constructor(options: SequencerOptions) {
    this.#options = { batchLimit: MAX_BATCH, retryMs: 3000, loop: true, ...options };
  }

  /** pending is the backlog as last counted. */
  pending(): number {
    return this.#pending;
  }

  /** accepting is false while more than queueLimit entries wait. */
  accepting(): boolean {
    return this.#pending <= this.#options.queueLimit;
  }

  /** health reports whether this node sequences, stands by, or fails to sequence, and since when. */
  health(): SequencerHealth {
    const state = this.#failingSince !== null ? 'failing' : this.#hold !== null ? 'sequencing' : 'standby';
    return { state, failingSince: this.#failingSince, problem: this.#problem, pending: this.#pending };
  }

  /** sequencing reports whether this node holds the turn to sequence. */
  get sequencing(): boolean {
    return this.#hold !== null;
  }

  /** start takes the turn if it is free (recovering the record) and starts the ticks and the backlog count. */
  async start(): Promise<void> {
    await this.tick().catch((error) => this.#report(error));
    await this.countBacklog().catch((error) => this.#report(error));
    if (!this.#options.loop) return;
    this.#countTimer = setInterval(
      () => void this.countBacklog().catch((error) => this.#report(error)),
      this.#options.tickMs,
    );
    this.#countTimer.unref();
    this.#schedule(this.#options.tickMs);
  }

  /** tick runs one step now, after any running one: takes the turn if it is free, then sequences one batch. */
  tick(): Promise<TickResult | null> {
    return this.#serial(() => this.#step(true));
  }

  /** countBacklog counts the pending entries again, up to one past the limit, and returns the count. */
  countBacklog(): Promise<number> {
    // The count runs beside the ticks, never behind them, so that a stalled sequencer still turns into pushback.
    this.#counting ??= this.#options.ledger
      .countPending(this.#options.queueLimit + 1)
      .then((pending) => (this.#pending = pending))
      .finally(() => (this.#counting = null));
    return this.#counting;
  }

  /** stop ends the ticks, waits for the running one, and gives the turn back. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    clearInterval(this.#countTimer);
    await this.#queue;
    await this.#counting?.catch(() => {});
    await this.#drop();
  }

  async #step(eager: boolean): Promise<TickResult | null> {
    if (this.#stopped) return null;
    let hold = this.#hold;
    if (hold === null) {
      // Nodes that do not sequence try again every few seconds; one of them takes over when the holder dies.
      if (!eager && Date.now() - this.#lastAttempt < this.#options.retryMs) return null;
      this.#lastAttempt = Date.now();
      hold = await this.#options.lease.acquire();
      if (hold === null) {
        // Another node holds the turn and sequences: this one is a healthy standby, whatever failed before.
        this.#failingSince = null;
        this.#problem = null;
        return null;
      }
      try {
        await recoverRecord(hold.ledger, hold.tiles, this.#options.identity);
      } catch (error) {
        await hold.release().catch(() => {});
        throw error;
      }
      this.#hold = hold;
      this.#options.log.info({}, 'this node sequences the public record');
    }
    try {
      const result = await sequenceBatch(hold.ledger, hold.tiles, this.#options.identity, this.#options.batchLimit);
      this.#failingSince = null;
      this.#problem = null;
      return result;
    } catch (error) {
      // Whatever failed, start again from the ledger: give the turn back, and recover when it is taken again.
      this.#lastAttempt = Date.now();
      await this.#drop();
      throw error;
    }
  }

  #schedule(delay: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      const started = Date.now();
      this.#serial(() => this.#step(false)).then(
        // Ticks start tickMs apart, start to start, so a slow tick does not add its own length to the wait. A full
        // batch means more are waiting: go on at once, so that a backlog drains as fast as it can.
        (result) =>
          this.#schedule(
            result !== null && result.sequenced >= this.#options.batchLimit
              ? 0
              : Math.max(0, this.#options.tickMs - (Date.now() - started)),
          ),
        (error) => {
          this.#report(error);
          this.#schedule(this.#options.tickMs);
        },
      );
    }, delay);
    this.#timer.unref();
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work);
    this.#queue = next.catch(() => {});
    return next;
  }

  async #drop(): Promise<void> {
    const hold = this.#hold;
    this.#hold = null;
    await hold?.release().catch((error) => this.#report(error));
  }

  #report(error: unknown): void {
    this.#failingSince ??= Date.now();
    const code = (error as { code?: unknown }).code;
    this.#problem =
      typeof code === 'string' && /^[A-Za-z0-9_-]{1,40}$/.test(code)
        ? code
        : error instanceof Error
          ? error.name
          : 'error';
    if (error instanceof LedgerConflict) {
      this.#options.log.error(
        { err: error },
        'another sequencer committed to this record: run one server per data folder',
      );
    } else {
      this.#options.log.error({ err: error }, 'sequencing the public record failed; retrying');
    }
  }
}

/**
 * startSequencer checks that the record was signed by this server's key and origin (throwing if not, so that a
 * misconfigured server does not start), then starts a RecordSequencer.
 */
export async function startSequencer(options: SequencerOptions): Promise<RecordSequencer> {
  const committed = await options.ledger.committed();
  if (committed !== null) checkIdentity(committed, options.identity);
  const sequencer = new RecordSequencer(options);
  await sequencer.start();
  return sequencer;
}
