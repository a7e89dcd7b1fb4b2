import { bytesEqual } from '../record/bytes.ts';
import type { CosignatureStore } from '../record/cosignature-store.ts';
import { consistencyProof } from '../record/proofs.ts';
import { fetchTilesFor } from '../record/sequencer.ts';
import type { CommittedTree, RecordLedger, TileStore } from '../record/tile-store.ts';
import { quorumMet } from '../record/witness-policy.ts';
import type { PolicyWitness, WitnessPolicy } from '../record/witness-policy.ts';
import { askWitness } from './ask-witness.ts';
import type { WitnessReply } from './ask-witness.ts';

// SPEC: https://c2sp.org/tlog-witness (the log's side). The sequencer never waits for a witness: cosigning runs beside
// it, on the node that sequences, and /log/checkpoint serves each new checkpoint at once with whatever cosignatures
// have come for exactly it. Per witness: one request in flight at most, at most one every intervalMs (the rate budget
// a witness network asks a log to declare: 86,400 a day at the default second), always the newest checkpoint, so
// checkpoints made in between are never sent (batching); the size it last cosigned is kept, and a 409 corrects it.
// Rounds start every intervalMs for all witnesses together, so that healthy witnesses cosign the same checkpoint and
// it meets the quorum; a witness that fails or does not answer in time is left out for a while that doubles each time.

/** MAX_BACKOFF_MS is the longest a failing witness is left alone. */
export const MAX_BACKOFF_MS = 10 * 60_000;

/** CollectorLog is the part of pino the collector uses. */
export interface CollectorLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** CollectorOptions configure a CosignatureCollector. */
export interface CollectorOptions {
  /** policy lists the witnesses (with their submission prefixes) and the quorum of the witnessed checkpoint. */
  policy: WitnessPolicy;
  ledger: Pick<RecordLedger, 'committed'>;
  /** tiles give the consistency proofs; they are the record's own. */
  tiles: TileStore;
  store: CosignatureStore;
  /** sequencing tells whether this node sequences: only that node asks witnesses. */
  sequencing(): boolean;
  intervalMs: number;
  timeoutMs: number;
  log: CollectorLog;
  now?(): number;
  fetch?: typeof fetch;
}

interface Peer {
  witness: PolicyWitness & { url: string };
  /** size is the size the witness last cosigned, as far as this log knows (0 before the first answer). */
  size: number;
  root: Uint8Array | null;
  line: string | null;
  inFlight: Promise<void> | null;
  lastAsked: number;
  retryAt: number;
  failures: number;
}

/** CosignatureCollector asks the policy's witnesses to cosign the newest checkpoint and stores what they answer. */
export class CosignatureCollector {
  readonly #options: CollectorOptions;
  readonly #peers: Peer[];
  readonly #now: () => number;
  #timer: NodeJS.Timeout | undefined;
  #loaded: Promise<void> | null = null;
  #reading = false;
  #stopped = false;

  constructor(options: CollectorOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#peers = options.policy.witnesses.map((witness) => {
      if (witness.url === undefined) throw new Error(`witness ${witness.name} has no submission URL`);
      return {
        witness: { ...witness, url: witness.url },
        size: 0,
        root: null,
        line: null,
        inFlight: null,
        lastAsked: -Infinity,
        retryAt: 0,
        failures: 0,
      };
    });
  }

  /** start loads what is known of each witness and asks them in rounds, intervalMs apart, looking for news 5 times as often. */
  async start(): Promise<void> {
    await this.#load();
    const poll = Math.max(10, Math.min(200, Math.floor(this.#options.intervalMs / 5)));
    const tick = () => {
      if (this.#stopped) return;
      void this.round().catch((error) =>
        this.#options.log.error({ err: error }, 'asking the witnesses failed; trying again'),
      );
      this.#timer = setTimeout(tick, poll);
      this.#timer.unref();
    };
    tick();
  }

  /** round asks every witness that is due, has no request in flight and lacks the newest checkpoint; it resolves when they answered. */
  async round(): Promise<void> {
    await this.#load();
    if (this.#stopped || this.#reading || !this.#options.sequencing()) return;
    this.#reading = true;
    let tree: CommittedTree | null;
    try {
      tree = await this.#options.ledger.committed();
    } finally {
      this.#reading = false;
    }
    if (tree === null) return;
    const now = this.#now();
    const asked: Promise<void>[] = [];
    for (const peer of this.#peers) {
      if (peer.inFlight !== null || now < peer.retryAt || now - peer.lastAsked < this.#options.intervalMs) continue;
      if (peer.line !== null && peer.size === tree.size && peer.root !== null && bytesEqual(peer.root, tree.root))
        continue;
      peer.lastAsked = now;
      const request = this.#ask(peer, tree)
        .catch((error) => this.#fail(peer, tree, `${(error as Error).message}`))
        .finally(() => {
          peer.inFlight = null;
        });
      peer.inFlight = request;
      asked.push(request);
    }
    await Promise.all(asked);
  }

  /** stop ends the rounds and waits for the requests in flight. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await Promise.all(this.#peers.map((peer) => peer.inFlight));
  }

  async #ask(peer: Peer, tree: CommittedTree): Promise<void> {
    const old = peer.size;
    if (old > tree.size) {
      // Told by a 409 earlier; see #conflict.
      return this.#fail(peer, tree, `it cosigned size ${old}, beyond this log's ${tree.size}`, true);
    }
    const proof = old === 0 || old === tree.size ? [] : await this.#proof(old, tree.size);
    const reply = await askWitness(
      peer.witness,
      { oldSize: old, proof, checkpoint: tree.checkpoint },
      {
        timeoutMs: this.#options.timeoutMs,
        fetch: this.#options.fetch,
      },
    );
    await this.#hear(peer, tree, old, reply);
  }

  async #hear(peer: Peer, tree: CommittedTree, old: number, reply: WitnessReply): Promise<void> {
    const log = this.#options.log;
    const who = { witness: peer.witness.name, size: tree.size, old };
    if (reply.kind === 'cosigned') {
      Object.assign(peer, { size: tree.size, root: tree.root, line: reply.line, failures: 0, retryAt: 0 });
      await this.#options.store.saveWitnessState({
        witness: peer.witness.verifier.vkey,
        size: tree.size,
        root: tree.root,
        line: reply.line,
      });
      await this.#updateWitnessed(tree);
      return;
    }
    if (reply.kind === 'conflict') {
      if (reply.size > tree.size) {
        // The witness cosigned more of this log than this log has: it was shown another history (a fork), or this
        // database was restored from a backup older than what was published. Either must be found out.
        log.error(
          { ...who, witnessSize: reply.size },
          'a witness has cosigned a larger tree of this log than the log has committed: a split view or a database restored from an old backup',
        );
        Object.assign(peer, { size: reply.size, root: null, line: null });
        return this.#backOff(peer, true);
      }
      // SPEC: a client that does not know the witness's size learns it from the 409 and asks again with a proof.
      log.info({ ...who, witnessSize: reply.size }, 'a witness last cosigned another size; asking again from it');
      Object.assign(peer, { size: reply.size, root: null, line: null });
      await this.#options.store.saveWitnessState({
        witness: peer.witness.verifier.vkey,
        size: reply.size,
        root: null,
        line: null,
      });
      return;
    }
    if (reply.kind === 'refused') {
      const why: Record<number, string> = {
        400: 'the witness refused the request as malformed (400)',
        403: "the witness does not trust this log's key (403): give its operator the key at /log/key",
        404: "the witness does not witness this log (404): give its operator the log's origin and key",
        409: 'the witness answered 409 without its size',
        422: 'the witness found the checkpoint inconsistent with the tree it cosigned before (422): if the proof was right, it saw another history of this log',
      };
      const level = reply.status === 422 ? 'error' : 'warn';
      log[level]({ ...who, status: reply.status, answer: reply.message }, why[reply.status] ?? 'the witness refused');
      return this.#backOff(peer, false);
    }
    return this.#fail(peer, tree, reply.message);
  }

  async #updateWitnessed(tree: CommittedTree): Promise<void> {
    const cosigned = this.#peers.filter(
      (p) => p.line !== null && p.size === tree.size && p.root !== null && bytesEqual(p.root, tree.root),
    );
    if (!quorumMet(this.#options.policy, new Set(cosigned.map((p) => p.witness.name)))) return;
    await this.#options.store.saveWitnessed(tree.size, tree.checkpoint + cosigned.map((p) => `${p.line}\n`).join(''));
  }

  async #proof(oldSize: number, size: number): Promise<Uint8Array[]> {
    const reader = await fetchTilesFor(this.#options.tiles, size, (read) => consistencyProof(oldSize, size, read));
    return consistencyProof(oldSize, size, reader);
  }

  #fail(peer: Peer, tree: CommittedTree, message: string, serious = false): void {
    const level = serious ? 'error' : 'warn';
    this.#options.log[level](
      { witness: peer.witness.name, size: tree.size, answer: message },
      'a witness did not cosign; the record goes on without it',
    );
    this.#backOff(peer, serious);
  }

  #backOff(peer: Peer, long: boolean): void {
    peer.failures += 1;
    const wait = long
      ? MAX_BACKOFF_MS
      : Math.min(MAX_BACKOFF_MS, this.#options.intervalMs * 2 ** Math.min(peer.failures, 20));
    peer.retryAt = this.#now() + wait;
  }

  #load(): Promise<void> {
    this.#loaded ??= this.#options.store
      .witnessStates()
      .then((states) => {
        for (const peer of this.#peers) {
          const state = states.find((s) => s.witness === peer.witness.verifier.vkey);
          if (state !== undefined) Object.assign(peer, { size: state.size, root: state.root, line: state.line });
        }
      })
      .catch((error) => {
        this.#loaded = null;
        throw error;
      });
    return this.#loaded;
  }
}
