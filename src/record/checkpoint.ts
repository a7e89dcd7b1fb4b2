import { decodeBase64, encodeBase64 } from './bytes.ts';
import { HASH_SIZE } from './merkle.ts';
import { isValidKeyName } from './note-keys.ts';
import type { NoteSigner, NoteVerifier } from './note-keys.ts';
import { openNote, signNote } from './note.ts';
import type { OpenedNote } from './note.ts';
import { RecordError } from './record-error.ts';

// SPEC: https://c2sp.org/tlog-checkpoint#note-text: origin, tree size, base64 root hash, then optional extension lines.

/** Checkpoint is a log's tree head: who (origin), how many entries (size), and their root hash. */
export interface Checkpoint {
  origin: string;
  size: number;
  root: Uint8Array;
  /** extensions are opaque, non-empty lines after the root; the spec does not recommend them, and we write none. */
  extensions: string[];
}

const SIZE = /^(?:0|[1-9][0-9]*)$/;

/** formatCheckpoint is the note text of a checkpoint, every line ending in a newline. */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { origin, size, root, extensions } = checkpoint;
  if (origin === '' || origin.includes('\n')) throw new RangeError('an origin is one non-empty line');
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`bad tree size ${size}`);
  if (root.length !== HASH_SIZE) throw new RangeError('a root hash has 32 bytes');
  if (extensions.some((line) => line === '' || line.includes('\n'))) {
    throw new RangeError('extension lines are non-empty lines');
  }
  return [origin, String(size), encodeBase64(root), ...extensions].map((line) => `${line}\n`).join('');
}

/** parseCheckpoint reads checkpoint note text strictly, or throws RecordError 'malformed-checkpoint'. */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw malformed('the text must end in a newline');
  const [origin, sizeText, rootText, ...extensions] = text.slice(0, -1).split('\n');
  if (rootText === undefined) throw malformed('fewer than three lines');
  if (origin === '') throw malformed('empty origin');
  // SPEC: the tree size is ASCII decimal with no leading zeroes.
  if (!SIZE.test(sizeText) || !Number.isSafeInteger(Number(sizeText))) {
    throw malformed(`bad tree size ${JSON.stringify(sizeText)}`);
  }
  const root = decodeBase64(rootText);
  if (root === null || root.length !== HASH_SIZE) throw malformed('the root hash is not base64 of 32 bytes');
  if (extensions.includes('')) throw malformed('empty extension line');
  return { origin, size: Number(sizeText), root, extensions };
}

/** signCheckpoint is the signed note of a checkpoint. */
export function signCheckpoint(checkpoint: Checkpoint, signers: readonly NoteSigner[]): string {
  return signNote(formatCheckpoint(checkpoint), signers);
}

/** openCheckpoint verifies a signed checkpoint (see openNote), parses it, and checks that it is `origin`'s. */
export function openCheckpoint(
  note: string | Uint8Array,
  verifiers: readonly NoteVerifier[],
  origin: string,
): Checkpoint & { note: OpenedNote } {
  // A valid signature on another log's checkpoint proves nothing here: RecordError 'origin-mismatch'.
  const opened = openNote(note, verifiers);
  const checkpoint = parseCheckpoint(opened.text);
  if (checkpoint.origin !== origin) {
    const why = `checkpoint of ${JSON.stringify(checkpoint.origin)}, want ${JSON.stringify(origin)}`;
    throw new RecordError('origin-mismatch', why);
  }
  return { ...checkpoint, note: opened };
}

/** originFromPublicUrl is the origin of the log at `url`: https://rome.example/tevere/ → rome.example/tevere. */
export function originFromPublicUrl(url: string): string {
  // The origin is also the log's key name, so a URL with credentials, a query, a fragment, or a '+' in its path is
  // refused with a RangeError.
  // SPEC: https://c2sp.org/tlog-tiles#parameters: the origin SHOULD be the schema-less URL prefix, no trailing slashes.
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RangeError(`not a URL: ${url}`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new RangeError(`not an http(s) URL: ${url}`);
  if (parsed.username !== '' || parsed.password !== '' || parsed.search !== '' || parsed.hash !== '') {
    throw new RangeError(`a log prefix has no credentials, query or fragment: ${url}`);
  }
  const origin = `${parsed.host}${parsed.pathname.replace(/\/+$/, '')}`;
  if (!isValidKeyName(origin)) throw new RangeError(`${JSON.stringify(origin)} cannot be a key name`);
  return origin;
}

function malformed(why: string): RecordError {
  return new RecordError('malformed-checkpoint', `malformed checkpoint: ${why}`);
}
