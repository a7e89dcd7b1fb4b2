import { createHash } from 'node:crypto';
import { AuditNetworkError, RecordReader } from '../audit/record-reader.ts';

// SPEC: https://c2sp.org/tlog-witness#monitoring: GET <monitoring prefix>/<hex SHA-256 of the origin>/checkpoint is
// the latest checkpoint of that log a witness cosigned, with the log's signatures and its own; 404 if none. A Veche
// witness serves it at the prefix it takes add-checkpoint at, the URL a policy gives.

/** MAX_WITNESS_ANSWER bounds what is read of a witness's answer: a checkpoint with a few cosignatures. */
const MAX_WITNESS_ANSWER = 64 * 1024;

/**
 * WitnessReader reads a log as one witness saw it: `/log/checkpoint` is the witness's latest cosigned checkpoint, and
 * everything else (the key, the tiles that prove it consistent) comes from a source of the record itself. So the
 * monitor checks what a witness cosigned exactly as it checks what a site or a mirror serves.
 */
export class WitnessReader extends RecordReader {
  readonly #record: RecordReader;
  readonly #checkpointUrl: string;
  readonly #timeoutMs: number;

  constructor(name: string, url: string, origin: string, record: RecordReader, timeoutMs = 10_000) {
    super(`witness ${name} (${url})`);
    this.#record = record;
    const hash = createHash('sha256').update(origin, 'utf8').digest('hex');
    this.#checkpointUrl = `${url.replace(/\/+$/, '')}/${hash}/checkpoint`;
    this.#timeoutMs = timeoutMs;
  }

  protected async fetch(path: string, maxBytes: number): Promise<Uint8Array | null> {
    if (path !== '/log/checkpoint') return this.#record.get(path, maxBytes);
    let response: Response;
    try {
      response = await fetch(this.#checkpointUrl, { signal: AbortSignal.timeout(this.#timeoutMs), redirect: 'error' });
    } catch (error) {
      throw new AuditNetworkError(`could not read ${this.#checkpointUrl}: ${(error as Error).message}`);
    }
    if (response.status === 404) {
      await response.body?.cancel();
      return null;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new AuditNetworkError(`${this.#checkpointUrl} answered ${response.status}`);
    }
    const body = new Uint8Array(await response.arrayBuffer());
    return body.subarray(0, Math.min(body.length, maxBytes + 1, MAX_WITNESS_ANSWER + 1));
  }
}
