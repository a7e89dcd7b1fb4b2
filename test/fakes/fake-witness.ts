import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { parseAddCheckpoint, type AddCheckpointRequest } from '../../src/record/add-checkpoint.ts';
import { parseCheckpoint } from '../../src/record/checkpoint.ts';
import { createCosigner, type CosignatureAlgorithm, type Cosigner } from '../../src/record/cosignature.ts';
import { signNote } from '../../src/record/note.ts';

/** FakeAnswer is what the fake witness does with the next request: cosign, answer a status, or never answer. */
export type FakeAnswer =
  | { kind: 'cosign' }
  | { kind: 'status'; status: number; type?: string; body: string }
  | { kind: 'hang' };

/** Heard is one request the fake witness received: when, and what it said. */
export interface Heard {
  at: number;
  request: AddCheckpointRequest;
  size: number;
}

/**
 * FakeWitness is a witness whose answers a test chooses, one by one (`next`), or by default (`otherwise`). It checks
 * nothing: tests read what it heard. It cosigns with real keys, so the log's checks of a 200 are real.
 */
export class FakeWitness {
  readonly name: string;
  readonly cosigners: Record<CosignatureAlgorithm, Cosigner>;
  readonly heard: Heard[] = [];
  readonly next: FakeAnswer[] = [];
  otherwise: FakeAnswer = { kind: 'cosign' };
  /** delayMs holds every answer back this long. */
  delayMs = 0;
  inFlight = 0;
  maxInFlight = 0;
  url = '';
  readonly #server: Server;
  readonly #hanging = new Set<ServerResponse>();

  constructor(name: string) {
    this.name = name;
    const secret = randomBytes(32);
    this.cosigners = {
      ed25519: createCosigner(name, secret, 'ed25519'),
      'ml-dsa-44': createCosigner(name, secret, 'ml-dsa-44'),
    };
    this.#server = createServer((req, res) => void this.#answer(req, res));
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const res of this.#hanging) res.destroy();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      let body = '';
      for await (const chunk of req) body += chunk;
      const request = parseAddCheckpoint(body);
      const text = request.checkpoint.slice(0, request.checkpoint.lastIndexOf('\n\n') + 1);
      this.heard.push({ at: Date.now(), request, size: parseCheckpoint(text).size });
      const answer = this.next.shift() ?? this.otherwise;
      if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
      if (answer.kind === 'hang') {
        this.#hanging.add(res);
        return;
      }
      if (answer.kind === 'status') {
        res.writeHead(answer.status, { 'content-type': answer.type ?? 'text/plain' }).end(answer.body);
        return;
      }
      const lines = signNote(text, [this.cosigners.ed25519, this.cosigners['ml-dsa-44']]).slice(text.length + 1);
      res.writeHead(200, { 'content-type': 'text/plain' }).end(lines);
    } finally {
      this.inFlight -= 1;
    }
  }
}
