import { decodeBase64, encodeBase64 } from './bytes.ts';
import { HASH_SIZE } from './merkle.ts';
import { RecordError } from './record-error.ts';

// SPEC: https://c2sp.org/tlog-witness#add-checkpoint: the body of POST <submission prefix>/add-checkpoint is a line
// `old <size>`, up to 63 lines of base64 consistency-proof hashes, an empty line, then the signed checkpoint; every
// line ends in a newline. A 409 answers the witness's size as `<size>\n`, Content-Type text/x.tlog.size.

/** MAX_PROOF_LINES is the most consistency-proof lines a request may carry. */
export const MAX_PROOF_LINES = 63;

/** TREE_SIZE_TYPE is the content type of a 409's body: the size the witness last cosigned. */
export const TREE_SIZE_TYPE = 'text/x.tlog.size';

/** AddCheckpointRequest is what a log sends a witness: its old size, a consistency proof from it, and the checkpoint. */
export interface AddCheckpointRequest {
  oldSize: number;
  proof: Uint8Array[];
  /** checkpoint is the signed note, as the log publishes it. */
  checkpoint: string;
}

const SIZE = /^(?:0|[1-9][0-9]*)$/;

/** formatAddCheckpoint is the request body for add-checkpoint. */
export function formatAddCheckpoint(request: AddCheckpointRequest): string {
  if (!Number.isSafeInteger(request.oldSize) || request.oldSize < 0)
    throw new RangeError(`bad old size ${request.oldSize}`);
  if (request.proof.length > MAX_PROOF_LINES) throw new RangeError(`more than ${MAX_PROOF_LINES} proof hashes`);
  const proof = request.proof.map((hash) => `${encodeBase64(hash)}\n`).join('');
  return `old ${request.oldSize}\n${proof}\n${request.checkpoint}`;
}

/** parseAddCheckpoint reads an add-checkpoint body strictly, or throws RecordError 'malformed-witness-request'. */
export function parseAddCheckpoint(body: string): AddCheckpointRequest {
  const blank = body.indexOf('\n\n');
  if (blank < 0) throw malformed('no empty line after the old size and the proof');
  const [oldLine, ...proofLines] = body.slice(0, blank).split('\n');
  if (!oldLine.startsWith('old ') || !SIZE.test(oldLine.slice(4)) || !Number.isSafeInteger(Number(oldLine.slice(4)))) {
    throw malformed('the first line must be "old <size>", a decimal without leading zeros');
  }
  if (proofLines.length > MAX_PROOF_LINES) throw malformed(`more than ${MAX_PROOF_LINES} proof lines`);
  const proof = proofLines.map((line) => {
    const hash = decodeBase64(line);
    if (hash === null || hash.length !== HASH_SIZE) throw malformed('a proof line is not the base64 of a 32-byte hash');
    return hash;
  });
  const checkpoint = body.slice(blank + 2);
  if (checkpoint === '') throw malformed('no checkpoint after the empty line');
  return { oldSize: Number(oldLine.slice(4)), proof, checkpoint };
}

/** formatTreeSize is a 409's body: the size in decimal and a newline. */
export function formatTreeSize(size: number): string {
  return `${size}\n`;
}

/** parseTreeSize reads a 409's body, `<size>\n`, or returns null. */
export function parseTreeSize(body: string): number | null {
  if (!body.endsWith('\n') || !SIZE.test(body.slice(0, -1))) return null;
  const size = Number(body.slice(0, -1));
  return Number.isSafeInteger(size) ? size : null;
}

function malformed(why: string): RecordError {
  return new RecordError('malformed-witness-request', `malformed add-checkpoint request: ${why}`);
}
