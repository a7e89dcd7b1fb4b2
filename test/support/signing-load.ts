import { sleep } from './browser.ts';

/** Acknowledgement is a signature the server answered 201 for: a promise, to that signer, that it counts. */
export interface Acknowledgement {
  petition: string;
  /** round is the caller's label for the server process that gave it (which life between two kills). */
  round: number;
}

/** SigningLoad's tallies: what the signers were answered. */
export interface SigningTallies {
  counted: number;
  pushedBack: number;
  /** failed counts requests with no answer (a refused or reset connection, a timeout): nothing was promised. */
  failed: number;
  /** unexpected lists answers other than 201 and 503 `log-pushback`, which no signer should ever get here. */
  unexpected: string[];
}

/**
 * SigningLoad signs petitions from several concurrent clients in a loop, through POST /api/petitions/{id}/signatures,
 * against whatever server `target` names at the moment (null: none is up; the clients wait). It keeps every
 * signature acknowledged with a 201, and the last pushback answer (503) it saw, for the caller to look at.
 */
export class SigningLoad {
  /** acknowledged maps each signature id answered 201 to what it was acknowledged for. */
  readonly acknowledged = new Map<string, Acknowledgement>();
  readonly tallies: SigningTallies = { counted: 0, pushedBack: 0, failed: 0, unexpected: [] };
  /** lastPushback is the most recent 503: its headers and body, exactly as received. */
  lastPushback: { headers: Headers; body: string } | null = null;
  /** round labels new acknowledgements; the caller moves it on at each restart. */
  round = 0;
  readonly #clients: Promise<void>[] = [];
  #stopped = false;
  #paused = false;

  constructor(target: () => string | null, petitions: readonly string[], clients: number) {
    for (let i = 0; i < clients; i++) this.#clients.push(this.#client(target, petitions, i));
  }

  /** countedSince returns how many 201s arrived after `tallies.counted` was `before`. */
  countedSince(before: number): number {
    return this.tallies.counted - before;
  }

  /** pause stops new requests until resume (those in flight finish). */
  pause(): void {
    this.#paused = true;
  }

  /** resume lets the clients sign again. */
  resume(): void {
    this.#paused = false;
  }

  /** stop ends the clients and waits for the requests in flight. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await Promise.all(this.#clients);
  }

  async #client(target: () => string | null, petitions: readonly string[], client: number): Promise<void> {
    for (let i = 0; !this.#stopped; i++) {
      const base = target();
      if (base === null || this.#paused) {
        await sleep(10);
        continue;
      }
      const petition = petitions[(client + i) % petitions.length];
      const round = this.round;
      try {
        const response = await fetch(`${base}/api/petitions/${petition}/signatures`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: `Signer ${client}-${i}` }),
          signal: AbortSignal.timeout(10_000),
        });
        const body = await response.text();
        const signature = response.status === 201 ? counted(body) : null;
        if (signature !== null) {
          this.acknowledged.set(signature, { petition, round });
          this.tallies.counted++;
        } else if (response.status === 503 && body.includes('log-pushback')) {
          this.tallies.pushedBack++;
          this.lastPushback = { headers: response.headers, body };
          await sleep(20);
        } else {
          this.tallies.unexpected.push(`${response.status} ${body.slice(0, 300)}`);
        }
      } catch {
        // No whole answer (a body cut by a kill included): nothing was promised.
        this.tallies.failed++;
        await sleep(10);
      }
    }
  }
}

/** counted reads the signature id out of a 201's body, or null if the body is not the documented answer. */
function counted(body: string): string | null {
  try {
    const answer = JSON.parse(body) as { status?: unknown; signature?: unknown };
    return answer.status === 'counted' && typeof answer.signature === 'string' ? answer.signature : null;
  } catch {
    return null;
  }
}

/** CheckpointWatch fetches /log/checkpoint every few ms and keeps every distinct note it was served. */
export class CheckpointWatch {
  readonly notes = new Set<string>();
  #stopped = false;
  readonly #loop: Promise<void>;

  constructor(target: () => string | null, everyMs = 40) {
    this.#loop = (async () => {
      while (!this.#stopped) {
        const base = target();
        if (base !== null) {
          try {
            const response = await fetch(`${base}/log/checkpoint`, { signal: AbortSignal.timeout(2000) });
            if (response.ok) this.notes.add(await response.text());
          } catch {
            // the server is down between a kill and its restart
          }
        }
        await sleep(everyMs);
      }
    })();
  }

  /** stop ends the polling and waits for the fetch in flight. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#loop;
  }
}
