import { Buffer } from 'node:buffer';
import { formatAddCheckpoint, parseTreeSize, TREE_SIZE_TYPE } from '../record/add-checkpoint.ts';
import type { AddCheckpointRequest } from '../record/add-checkpoint.ts';
import { cosignatureTimestamp } from '../record/cosignature.ts';
import type { CosignatureVerifier } from '../record/cosignature.ts';
import { openNote } from '../record/note.ts';
import { RecordError } from '../record/record-error.ts';

// SPEC: https://c2sp.org/tlog-witness#add-checkpoint, the client's side: every answer the spec defines is told apart,
// and a 200 counts only if it holds a valid cosignature by the witness's key on exactly this checkpoint.

/** WitnessReply is what one add-checkpoint request came to. */
export type WitnessReply =
  /** cosigned: a valid cosignature line by the witness's key, with its non-zero timestamp. */
  | { kind: 'cosigned'; line: string; timestamp: number }
  /** conflict: 409, the witness last cosigned another size than the one sent as old. */
  | { kind: 'conflict'; size: number }
  /** refused: 400, 403, 404 or 422 (or a 409 without a size), with the witness's words. */
  | { kind: 'refused'; status: number; message: string }
  /** failed: no answer in time, no connection, another status, or a 200 without a valid cosignature. */
  | { kind: 'failed'; message: string };

/** WitnessEndpoint is a witness as the log knows it: its key and its submission prefix. */
export interface WitnessEndpoint {
  verifier: CosignatureVerifier;
  url: string;
}

/** MAX_ANSWER_BYTES bounds what is read of an answer: a few cosignatures, ML-DSA-44 ones included. */
export const MAX_ANSWER_BYTES = 64 * 1024;

/** askWitness sends one add-checkpoint request and reads the answer; it never throws. */
export async function askWitness(
  witness: WitnessEndpoint,
  request: AddCheckpointRequest,
  options: { timeoutMs: number; fetch?: typeof fetch },
): Promise<WitnessReply> {
  const send = options.fetch ?? fetch;
  let status: number;
  let type: string;
  let body: string;
  try {
    const response = await send(`${witness.url}/add-checkpoint`, {
      method: 'POST',
      body: formatAddCheckpoint(request),
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      signal: AbortSignal.timeout(options.timeoutMs),
      redirect: 'error',
    });
    status = response.status;
    type = response.headers.get('content-type') ?? '';
    body = await readLimited(response);
  } catch (error) {
    const name = (error as Error).name;
    return {
      kind: 'failed',
      message:
        name === 'TimeoutError' || name === 'AbortError'
          ? `no answer within ${options.timeoutMs} ms`
          : (error as Error).message,
    };
  }
  if (status === 200) return readCosignature(witness, request.checkpoint, body);
  if (status === 409) {
    // SPEC: the body is the size last cosigned, then a newline, as text/x.tlog.size.
    const size = type.split(';')[0].trim() === TREE_SIZE_TYPE ? parseTreeSize(body) : null;
    if (size !== null) return { kind: 'conflict', size };
  }
  if ([400, 403, 404, 409, 422].includes(status)) return { kind: 'refused', status, message: firstLine(body) };
  return { kind: 'failed', message: `HTTP ${status}: ${firstLine(body)}` };
}

function readCosignature(witness: WitnessEndpoint, checkpoint: string, body: string): WitnessReply {
  // SPEC: the body is one or more note signature lines; the client ignores other keys' and checks its witness's by
  // appending them to the checkpoint and opening the note with that key alone.
  if (
    body === '' ||
    !body.endsWith('\n') ||
    body
      .slice(0, -1)
      .split('\n')
      .some((line) => !line.startsWith('\u2014 '))
  ) {
    return { kind: 'failed', message: 'a 200 whose body is not signature lines' };
  }
  try {
    const opened = openNote(checkpoint + body, [witness.verifier]);
    const signature = opened.signatures[0];
    const timestamp = cosignatureTimestamp(signature.base64);
    // SPEC: the timestamp MUST NOT be zero in an add-checkpoint answer.
    if (timestamp === null || timestamp === 0) return { kind: 'failed', message: 'a cosignature without its time' };
    return { kind: 'cosigned', line: `\u2014 ${signature.name} ${signature.base64}`, timestamp };
  } catch (error) {
    const why =
      error instanceof RecordError && error.code === 'unverified-note'
        ? 'no cosignature by its key'
        : (error as Error).message;
    return { kind: 'failed', message: `a 200 with ${why}` };
  }
}

async function readLimited(response: Response): Promise<string> {
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_ANSWER_BYTES) {
      await reader.cancel().catch(() => {});
      throw new Error(`an answer longer than ${MAX_ANSWER_BYTES} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function firstLine(body: string): string {
  return body.split('\n', 1)[0].slice(0, 200);
}
