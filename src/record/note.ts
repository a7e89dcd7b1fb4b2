import { Buffer } from 'node:buffer';
import { decodeBase64, encodeBase64 } from './bytes.ts';
import { hex8, isValidKeyName } from './note-keys.ts';
import type { NoteSigner, NoteVerifier } from './note-keys.ts';
import { RecordError } from './record-error.ts';

// SPEC: https://c2sp.org/signed-note#format: the text, ending in a newline; a blank line; then one or more lines
// `— <key name> <base64(key id || signature)>`, each ending in a newline. The signed bytes are the text.

/** NoteSignature is one signature line of a note: key name, key id, and the base64 of key id and signature. */
export interface NoteSignature {
  name: string;
  keyId: number;
  base64: string;
}

/** OpenedNote is a note that a known key signed: its text, the signatures verified, and those of unknown keys. */
export interface OpenedNote {
  text: string;
  signatures: NoteSignature[];
  unknown: NoteSignature[];
}

/** MAX_NOTE_SIGNATURES is how many signature lines openNote reads before refusing a note; the spec's floor is 16. */
export const MAX_NOTE_SIGNATURES = 100;

const SIGNATURE_PREFIX = '\u2014 '; // em dash, space
const FORBIDDEN_CONTROL = /[\u0000-\u0009\u000b-\u001f]/;
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** signNote signs `text` (well-formed, ending in a newline, no control character but newline) with every signer. */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  checkText(text);
  if (signers.length === 0) throw new RangeError('a note needs at least one signer');
  const message = Buffer.from(text, 'utf8');
  let note = `${text}\n`;
  for (const signer of signers) {
    if (!isValidKeyName(signer.name)) {
      throw new RecordError('malformed-key', `invalid key name ${JSON.stringify(signer.name)}`);
    }
    if (!Number.isInteger(signer.keyId) || signer.keyId < 0 || signer.keyId > 0xffff_ffff) {
      throw new RangeError(`bad key id ${signer.keyId}`);
    }
    const signature = signer.sign(message);
    const blob = new Uint8Array(4 + signature.length);
    new DataView(blob.buffer).setUint32(0, signer.keyId);
    blob.set(signature, 4);
    note += `${SIGNATURE_PREFIX}${signer.name} ${encodeBase64(blob)}\n`;
  }
  return note;
}

/** openNote parses a signed note and verifies it against the known verifiers, or throws RecordError. */
export function openNote(note: string | Uint8Array, verifiers: readonly NoteVerifier[]): OpenedNote {
  // Signatures of unknown keys are listed, not checked. Codes: 'malformed-note' for bad syntax, bad UTF-8, a control
  // character or more than MAX_NOTE_SIGNATURES lines; 'invalid-signature' if a known key's signature fails;
  // 'unverified-note' if no known key signed; 'malformed-key' if two verifiers share a name and key id and it signed.
  const all = decodeNote(note);
  // SPEC: the text is separated from the signatures by the last empty line.
  const split = all.lastIndexOf('\n\n');
  if (split < 0) throw malformed('no blank line before the signatures');
  const text = all.slice(0, split + 1);
  const block = all.slice(split + 2);
  if (block === '' || !block.endsWith('\n')) throw malformed('the signatures must end in a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) throw malformed(`more than ${MAX_NOTE_SIGNATURES} signatures`);

  const known = indexVerifiers(verifiers);
  const message = Buffer.from(text, 'utf8');
  const signatures: NoteSignature[] = [];
  const unknown: NoteSignature[] = [];
  const seen = new Set<string>();
  for (const line of lines) {
    if (!line.startsWith(SIGNATURE_PREFIX)) throw malformed('a signature line starts with an em dash and a space');
    const rest = line.slice(SIGNATURE_PREFIX.length);
    const space = rest.indexOf(' ');
    const name = space < 0 ? rest : rest.slice(0, space);
    const base64 = space < 0 ? '' : rest.slice(space + 1);
    const blob = decodeBase64(base64);
    if (!isValidKeyName(name) || blob === null || blob.length < 5) throw malformed('bad signature line');
    const keyId = new DataView(blob.buffer, blob.byteOffset).getUint32(0);
    const signature = { name, keyId, base64 };
    const key = `${keyId} ${name}`;
    const verifier = known.get(key);
    // SPEC: verifiers MUST ignore signatures from unknown keys, even if they share a name or key id with a known one.
    if (verifier === undefined) {
      if (!seen.has(line)) unknown.push(signature);
      seen.add(line);
      continue;
    }
    if (verifier === 'ambiguous') throw new RecordError('malformed-key', `two verifiers for ${name}+${hex8(keyId)}`);
    if (seen.has(line)) continue; // a line repeated is read once
    seen.add(line);
    // SPEC: if a signature from a known key fails to verify, clients SHOULD reject the whole note; so a second, different
    // line of a known key is verified too (c2sp.org/tlog-witness answers 403 for any such line that fails).
    if (!verifier.verify(message, blob.subarray(4))) {
      throw new RecordError('invalid-signature', `invalid signature by ${name}+${hex8(keyId)}`);
    }
    if (seen.has(key)) continue; // a key is listed once among the signatures, however many lines it signed
    seen.add(key);
    signatures.push(signature);
  }
  if (signatures.length === 0) throw new RecordError('unverified-note', 'no known key signed this note');
  return { text, signatures, unknown };
}

function decodeNote(note: string | Uint8Array): string {
  let all: string;
  if (typeof note === 'string') {
    if (!note.isWellFormed()) throw malformed('not well-formed Unicode');
    all = note;
  } else {
    try {
      all = UTF8.decode(note);
    } catch {
      throw malformed('not UTF-8');
    }
  }
  // SPEC: signed notes MUST be valid UTF-8 and MUST NOT contain ASCII control characters other than newline.
  if (FORBIDDEN_CONTROL.test(all)) throw malformed('a control character other than newline');
  return all;
}

function checkText(text: string): void {
  if (!text.isWellFormed() || !text.endsWith('\n') || FORBIDDEN_CONTROL.test(text)) {
    const why = 'note text must be well-formed, end in a newline and hold no control character but newline';
    throw new RecordError('malformed-note', why);
  }
}

function indexVerifiers(verifiers: readonly NoteVerifier[]): Map<string, NoteVerifier | 'ambiguous'> {
  const known = new Map<string, NoteVerifier | 'ambiguous'>();
  for (const v of verifiers) {
    const key = `${v.keyId} ${v.name}`;
    const earlier = known.get(key);
    known.set(key, earlier === undefined || earlier === v ? v : 'ambiguous');
  }
  return known;
}

function malformed(why: string): RecordError {
  return new RecordError('malformed-note', `malformed note: ${why}`);
}
