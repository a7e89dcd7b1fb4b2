import type { ActionContext } from '../../actions/context.ts';
import type { QuestionView } from '../../read/question-view.ts';
import { readEventReading, type EventReading } from '../../read/event-reading.ts';
import type { EventCounts } from '../../domain/question.ts';
import { eventFrame } from './event-stream.ts';

/**
 * EventSnapshot is what every live viewer of an event is sent (`event: state`): the reading and its version, which
 * grows with each new state. It is the time in milliseconds at which a node first saw the state (one more than the
 * last when the clock has not moved), so that a viewer who reconnects to another node can still tell newer from older.
 */
export interface EventSnapshot extends EventReading {
  readonly version: number;
}

/** EventStateSource is where EventLive reads states: the store in the server, a fake in tests. */
export interface EventStateSource {
  /**
   * read MUST return the public state of the event with this (upper-case) code as it is now, including changes made
   * on other nodes, with no withheld text in it; null when no event has the code.
   */
  read(code: string): Promise<EventReading | null>;
  /**
   * onChange calls `listener` with an event's code whenever this node changes it (and, on PostgreSQL, whenever another
   * node does, by the relay), until the returned function is called.
   */
  onChange(listener: (code: string) => void): () => void;
}

/** EventLiveOptions tune how fresh states are and how much they may cost. */
export interface EventLiveOptions {
  /** pollMs is how often a watched event is read, for changes made on other nodes that no announcement reached. */
  pollMs?: number;
  /** minGapMs is the least time between two reads of one event that changes on this node keep asking for. */
  minGapMs?: number;
  /** cacheMs is how long a state read for someone not watching (`current`) is kept for the next one who asks. */
  cacheMs?: number;
  /** sliceSize is how many viewers are sent a new state before the server turns to other work for a moment. */
  sliceSize?: number;
  /** onError hears about a failed read; the watch goes on and tries again at the next poll or change. */
  onError?: (error: unknown) => void;
  /** onSent hears how long a new state took to hand to all its viewers' sockets (for logs and benchmarks). */
  onSent?: (code: string, viewers: number, ms: number) => void;
}

/**
 * EventChange is what a compact viewer is sent instead of a whole state, when it has the one before (`base`): the
 * counters, each list as question ids, every shown question's votes, and in full only the questions it has not seen
 * as they are now (new in a list, or changed other than in votes). A vote costs a viewer a kilobyte or two, not the
 * tens of kilobytes of sixty questions' texts; ten thousand viewers make that the difference between a few states a
 * second and one state every two. A viewer whose version is not `base` (it missed a state) asks for the whole state.
 */
export interface EventChange {
  readonly code: string;
  readonly status: 'open' | 'closed';
  readonly counts: EventCounts;
  readonly pinned: string | null;
  readonly popular: readonly string[];
  readonly recent: readonly string[];
  readonly answered: readonly string[];
  readonly votes: Readonly<Record<string, number>>;
  readonly questions: readonly QuestionView[];
  readonly base: number;
  readonly version: number;
}

/**
 * SharedFrame is one state's Server-Sent Events frames, each made once for all viewers: the whole state
 * (`event: state`, as text and as UTF-8 bytes), and the changes to it (`event: change`) from each earlier state that
 * some compact viewer was last sent (one or two: those who were sent the one before, and those a round passed over).
 */
export interface SharedFrame {
  readonly snapshot: EventSnapshot;
  readonly text: string;
  readonly bytes: Buffer;
  /** changes are keyed weakly: an earlier state stays in memory only while some viewer was last sent it. */
  readonly changes: WeakMap<SharedFrame, Buffer>;
}

/** EventViewer is told each new state: `bytes` is the frame to write (the whole state, or the change for a compact viewer). */
export type EventViewer = (bytes: Buffer, frame: SharedFrame) => void;

/** WatchOptions: `compact` viewers are sent changes (EventChange) rather than whole states, when they have the state before. */
export interface WatchOptions {
  compact?: boolean;
}

/** EventWatching is one viewer's subscription: the state now, and how to stop. */
export interface EventWatching {
  latest: SharedFrame;
  stop(): void;
}

/** Seat is one viewer in a watch, with the last state it was sent: a viewer is never sent the same state twice. */
interface Seat {
  tell: EventViewer;
  compact: boolean;
  last: SharedFrame;
  gone: boolean;
}

interface Watch {
  code: string;
  latest: SharedFrame;
  /** same is the latest reading as JSON without its version: a new reading equal to it changes nothing. */
  same: string;
  seats: Set<Seat>;
  poll: NodeJS.Timeout;
  lastRead: number;
  reading: boolean;
  /** dirty: this node changed the event after the last read began; read again, no sooner than minGapMs after it. */
  dirty: boolean;
  soon: NodeJS.Timeout | null;
  /** sending: a round of sending the latest state to the seats is under way, a slice at a time. */
  sending: boolean;
}

/**
 * EventLive keeps the live state of each event that someone is watching, shared by all its viewers: one watch per
 * event reads the state soon after each change made on this node (a burst of votes costs at most one read per
 * `minGapMs`) and once per `pollMs` for changes made on other nodes, and sends each new state to every viewer as one
 * frame made once. Ten thousand viewers of one event cost a few reads a second and one JSON text per change, not ten
 * thousand; an event nobody watches costs nothing.
 *
 * What remains per viewer is writing the frame to its socket, and for ten thousand sockets that takes a few hundred
 * milliseconds. So states go out in rounds, `sliceSize` viewers at a time with the server free for other requests in
 * between, and each viewer is sent the newest state when its turn comes: a state read while a round is under way
 * reaches those not yet served in that round, and the others in the next round. A viewer waits at most about one
 * round for any state, however fast they change, and a busy event costs one write per viewer per round.
 */
export class EventLive {
  private readonly source: EventStateSource;
  private readonly pollMs: number;
  private readonly minGapMs: number;
  private readonly cacheMs: number;
  private readonly sliceSize: number;
  private readonly onError: (error: unknown) => void;
  private readonly onSent: (code: string, viewers: number, ms: number) => void;
  private readonly watches = new Map<string, Watch>();
  private readonly starting = new Map<string, Promise<Watch | null>>();
  private readonly cache = new Map<string, { at: number; snapshot: Promise<EventSnapshot | null> }>();
  private readonly stopListening: () => void;
  private lastVersion = 0;
  private closed = false;

  constructor(source: EventStateSource, options: EventLiveOptions = {}) {
    this.source = source;
    this.pollMs = options.pollMs ?? 1000;
    this.minGapMs = options.minGapMs ?? 250;
    this.cacheMs = options.cacheMs ?? 1000;
    this.sliceSize = options.sliceSize ?? 500;
    this.onError = options.onError ?? (() => {});
    this.onSent = options.onSent ?? (() => {});
    this.stopListening = source.onChange((code) => {
      this.cache.delete(code);
      const watch = this.watches.get(code);
      if (watch) {
        watch.dirty = true;
        this.readSoon(watch);
      }
    });
  }

  /** watching tells how many events are watched now (each costs about one read a second). */
  get watching(): number {
    return this.watches.size;
  }

  /** viewers tells how many viewers watch an event on this node. */
  viewers(code: string): number {
    return this.watches.get(code)?.seats.size ?? 0;
  }

  /**
   * watch subscribes `viewer` to an event's new states and returns the state now, or null when no event has the
   * code (upper case, as stored). The viewer is not called with the state returned; only with later ones.
   */
  async watch(code: string, viewer: EventViewer, options: WatchOptions = {}): Promise<EventWatching | null> {
    for (;;) {
      if (this.closed) throw new Error('EventLive is closed');
      const watch = this.watches.get(code);
      if (watch) {
        const seat: Seat = { tell: viewer, compact: options.compact === true, last: watch.latest, gone: false };
        watch.seats.add(seat);
        return { latest: watch.latest, stop: () => this.leave(watch, seat) };
      }
      let starting = this.starting.get(code);
      if (!starting) {
        starting = this.start(code);
        this.starting.set(code, starting);
        const forget = () => this.starting.delete(code);
        starting.then(forget, forget);
      }
      // Everyone who came while the first read was running waits for it, then joins the watch it made.
      if ((await starting) === null) return null;
    }
  }

  /**
   * current returns an event's state without watching it: the watch's when someone watches, else one read shared
   * by everyone who asks within `cacheMs` (forgotten at once when this node changes the event); null for no event.
   */
  async current(code: string): Promise<EventSnapshot | null> {
    const watch = this.watches.get(code);
    if (watch) return watch.latest.snapshot;
    const now = Date.now();
    const cached = this.cache.get(code);
    if (cached && now - cached.at < this.cacheMs) return cached.snapshot;
    if (this.cache.size >= 1000) {
      for (const [key, entry] of this.cache) if (now - entry.at >= this.cacheMs) this.cache.delete(key);
    }
    const snapshot = this.source.read(code).then((reading) => (reading ? this.stamp(reading) : null));
    const entry = { at: now, snapshot };
    this.cache.set(code, entry);
    snapshot.catch(() => {
      if (this.cache.get(code) === entry) this.cache.delete(code);
    });
    return snapshot;
  }

  /** close stops every watch and poll; viewers hear nothing more. */
  close(): void {
    this.closed = true;
    this.stopListening();
    this.cache.clear();
    for (const watch of this.watches.values()) this.end(watch);
  }

  private async start(code: string): Promise<Watch | null> {
    const began = Date.now();
    const reading = await this.source.read(code);
    if (!reading) return null;
    const existing = this.watches.get(code);
    if (existing || this.closed) return existing ?? null;
    const watch: Watch = {
      code,
      latest: shared(this.stamp(reading)),
      same: JSON.stringify(reading),
      seats: new Set(),
      poll: setInterval(() => this.poll(watch), this.pollMs),
      lastRead: began,
      reading: false,
      dirty: false,
      soon: null,
      sending: false,
    };
    watch.poll.unref();
    this.watches.set(code, watch);
    return watch;
  }

  private leave(watch: Watch, seat: Seat): void {
    seat.gone = true;
    watch.seats.delete(seat);
    if (watch.seats.size === 0 && this.watches.get(watch.code) === watch) this.end(watch);
  }

  private end(watch: Watch): void {
    clearInterval(watch.poll);
    if (watch.soon) clearTimeout(watch.soon);
    watch.soon = null;
    for (const seat of watch.seats) seat.gone = true;
    watch.seats.clear();
    if (this.watches.get(watch.code) === watch) this.watches.delete(watch.code);
  }

  private poll(watch: Watch): void {
    // A read is running or due, or one has just been made after a change here: this poll would learn nothing new.
    if (watch.reading || watch.soon || Date.now() - watch.lastRead < this.pollMs / 2) return;
    void this.read(watch);
  }

  /** readSoon reads after a change on this node: at once when the last read is old enough, else when it is. */
  private readSoon(watch: Watch): void {
    if (watch.soon || watch.reading) return;
    const wait = Math.max(0, watch.lastRead + this.minGapMs - Date.now());
    watch.soon = setTimeout(() => {
      watch.soon = null;
      void this.read(watch);
    }, wait);
    watch.soon.unref();
  }

  private async read(watch: Watch): Promise<void> {
    if (watch.reading || this.watches.get(watch.code) !== watch) return;
    watch.reading = true;
    watch.dirty = false;
    watch.lastRead = Date.now();
    try {
      const reading = await this.source.read(watch.code);
      if (reading && this.watches.get(watch.code) === watch) this.publish(watch, reading);
    } catch (error) {
      this.onError(error);
    } finally {
      watch.reading = false;
    }
    // Changes made while reading may not be in what was read: read once more for all of them, after the gap.
    if (watch.dirty && this.watches.get(watch.code) === watch) this.readSoon(watch);
  }

  private publish(watch: Watch, reading: EventReading): void {
    const same = JSON.stringify(reading);
    if (same === watch.same) return;
    watch.same = same;
    watch.latest = shared(this.stamp(reading));
    // A round under way sends the new state to those it has not reached yet, and starts another for the rest.
    if (!watch.sending) this.sendRound(watch);
  }

  /** sendRound sends the latest state to every seat that lacks it, a slice at a time, until none lacks it. */
  private sendRound(watch: Watch): void {
    watch.sending = true;
    const round = [...watch.seats];
    const began = performance.now();
    const roundFrame = watch.latest;
    let next = 0;
    const slice = () => {
      if (this.watches.get(watch.code) !== watch) {
        watch.sending = false;
        return;
      }
      const frame = watch.latest;
      const end = Math.min(round.length, next + this.sliceSize);
      for (; next < end; next++) {
        const seat = round[next];
        if (seat.gone || seat.last === frame) continue;
        const bytes = seat.compact ? changeFrom(seat.last, frame) : frame.bytes;
        seat.last = frame;
        try {
          seat.tell(bytes, frame);
        } catch (error) {
          this.onError(error);
        }
      }
      // setImmediate comes after the writes just made have been handed to the sockets (Node flushes them on the next
      // tick), and after the requests that came meanwhile.
      if (next < round.length) return void setImmediate(slice);
      setImmediate(() => {
        watch.sending = false;
        this.onSent(watch.code, round.length, performance.now() - began);
        if (watch.latest !== roundFrame && this.watches.get(watch.code) === watch) this.sendRound(watch);
      });
    };
    slice();
  }

  /** stamp gives a reading the next version: this node's clock, kept increasing. */
  private stamp(reading: EventReading): EventSnapshot {
    this.lastVersion = Math.max(this.lastVersion + 1, Date.now());
    return Object.freeze({ ...reading, version: this.lastVersion });
  }
}

/** shared makes a snapshot's whole frame; its changes are made when a viewer first needs them. */
function shared(snapshot: EventSnapshot): SharedFrame {
  const text = eventFrame('state', snapshot);
  return Object.freeze({ snapshot, text, bytes: Buffer.from(text), changes: new WeakMap() });
}

/** changeFrom is the change frame from the state a compact viewer was last sent to `frame`, made once per such state. */
function changeFrom(last: SharedFrame, frame: SharedFrame): Buffer {
  let bytes = frame.changes.get(last);
  if (bytes === undefined) {
    bytes = Buffer.from(eventFrame('change', changeOf(last.snapshot, frame.snapshot)));
    frame.changes.set(last, bytes);
  }
  return bytes;
}

/** changeOf is the change from one state to the next: see EventChange. */
export function changeOf(before: EventSnapshot, after: EventSnapshot): EventChange {
  const shown = (s: EventSnapshot) => [...(s.pinned ? [s.pinned] : []), ...s.popular, ...s.recent, ...s.answered];
  // A question as shown, but for its votes, which every change carries anyway.
  const look = (q: QuestionView) => JSON.stringify({ ...q, votes: 0 });
  const seen = new Map(shown(before).map((q) => [q.id, look(q)]));
  const votes: Record<string, number> = {};
  const questions: QuestionView[] = [];
  for (const q of shown(after)) {
    if (q.id in votes) continue;
    votes[q.id] = q.votes;
    if (seen.get(q.id) !== look(q)) questions.push(q);
  }
  const ids = (list: readonly QuestionView[]) => list.map((q) => q.id);
  return {
    code: after.code,
    status: after.status,
    counts: after.counts,
    pinned: after.pinned?.id ?? null,
    popular: ids(after.popular),
    recent: ids(after.recent),
    answered: ids(after.answered),
    votes,
    questions,
    base: before.version,
    version: after.version,
  };
}

/** eventStateSourceOf reads live states through the event reading model and hears of changes (this node's, and relayed) through its events. */
export function eventStateSourceOf(ctx: Pick<ActionContext, 'store' | 'events' | 'now'>): EventStateSource {
  return {
    read: (code) => readEventReading(ctx, code),
    onChange: (listener) => ctx.events.onChange(listener),
  };
}
