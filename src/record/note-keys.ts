import { Buffer } from 'node:buffer';
import { createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { decodeBase64, encodeBase64 } from './bytes.ts';
import { RecordError } from './record-error.ts';

// SPEC: https://c2sp.org/signed-note#signatures, #ed25519-signatures and #verifier-keys.

const ED25519 = 0x01;
// DER framing of a raw Ed25519 key (RFC 8410), so that node:crypto takes a 32-byte seed or public key.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** NoteSigner signs note text as the key `name` with key id `keyId` (a uint32). */
export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  /** sign returns the signature of the note text's UTF-8 bytes, without the key id. */
  sign(message: Uint8Array): Uint8Array;
}

/** NoteVerifier checks signatures by one key, named `name` with key id `keyId`. */
export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  /** verify reports whether `signature` (without the key id) signs `message`. */
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

/** Ed25519Signer is a NoteSigner holding an Ed25519 key; it knows its public key and verifier key string. */
export interface Ed25519Signer extends NoteSigner {
  readonly publicKey: Uint8Array;
  readonly verifierKey: string;
}

// Go's unicode.IsSpace: the ASCII spaces, U+0085, U+00A0 and the Unicode space separators Z*.
const UNICODE_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
const CONTROL = /[\u0000-\u001f]/;

/** isValidKeyName reports whether a key name is non-empty, well-formed, without Unicode spaces, '+' or controls. */
export function isValidKeyName(name: string): boolean {
  // SPEC: https://c2sp.org/signed-note#format: key names MUST be non-empty and MUST NOT contain Unicode spaces or '+'.
  // Control characters cannot appear in a note at all, so a name with one could never sign anything.
  return (
    name.length > 0 && name.isWellFormed() && !name.includes('+') && !UNICODE_SPACE.test(name) && !CONTROL.test(name)
  );
}

/** ed25519KeyId is the key id of an Ed25519 key: the first 4 bytes of SHA-256(name || 0x0A || 0x01 || public key). */
export function ed25519KeyId(name: string, publicKey: Uint8Array): number {
  // SPEC: https://c2sp.org/signed-note#ed25519-signatures
  const digest = createHash('sha256').update(name, 'utf8').update(Uint8Array.of(0x0a, ED25519)).update(publicKey);
  return digest.digest().readUInt32BE(0);
}

/** createEd25519Signer makes the signer for key `name` from a 32-byte Ed25519 seed (the RFC 8032 private key). */
export function createEd25519Signer(name: string, seed: Uint8Array): Ed25519Signer {
  if (!isValidKeyName(name)) throw new RecordError('malformed-key', `invalid key name ${JSON.stringify(name)}`);
  if (seed.length !== 32) throw new RecordError('malformed-key', `an Ed25519 seed has 32 bytes, not ${seed.length}`);
  const der = Buffer.concat([PKCS8_PREFIX, seed]);
  const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  der.fill(0);
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  const publicKey = new Uint8Array(spki.subarray(spki.length - 32));
  return {
    name,
    keyId: ed25519KeyId(name, publicKey),
    publicKey,
    verifierKey: formatVerifierKey(name, publicKey),
    sign: (message) => new Uint8Array(sign(null, message, privateKey)),
  };
}

/** formatVerifierKey is the verifier key string `name+hex8(key id)+base64(0x01 || public key)` of an Ed25519 key. */
export function formatVerifierKey(name: string, publicKey: Uint8Array): string {
  if (!isValidKeyName(name)) throw new RecordError('malformed-key', `invalid key name ${JSON.stringify(name)}`);
  if (publicKey.length !== 32) throw new RecordError('malformed-key', 'an Ed25519 public key has 32 bytes');
  return `${name}+${hex8(ed25519KeyId(name, publicKey))}+${encodeBase64(Uint8Array.of(ED25519, ...publicKey))}`;
}

/** VerifierKeyParts is a verifier key string taken apart: key name, key id, signature type, and key material. */
export interface VerifierKeyParts {
  name: string;
  keyId: number;
  type: number;
  key: Uint8Array;
}

/** splitVerifierKey reads `name+hex8(key id)+base64(type || key)` of any signature type, or throws 'malformed-key'. */
export function splitVerifierKey(vkey: string): VerifierKeyParts {
  // SPEC: https://c2sp.org/signed-note#verifier-keys. The base64 part may itself contain '+': split at the first two.
  const [name, idHex, keyData] = chop(vkey, 2);
  const bytes = decodeBase64(keyData);
  if (!isValidKeyName(name) || !/^[0-9a-f]{8}$/.test(idHex) || bytes === null || bytes.length < 2) {
    throw new RecordError('malformed-key', `malformed key ${vkey.length > 80 ? `${vkey.slice(0, 80)}…` : vkey}`);
  }
  return { name, keyId: Number.parseInt(idHex, 16), type: bytes[0], key: bytes.subarray(1) };
}

/** parseVerifierKey reads an Ed25519 verifier key string, or throws RecordError 'malformed-key'. */
export function parseVerifierKey(vkey: string): NoteVerifier {
  // The base64 part may itself contain '+', so split only at the first two.
  const [name, idHex, keyData] = chop(vkey, 2);
  const { keyId, publicKey } = readKey(name, idHex, keyData, vkey);
  if (keyId !== ed25519KeyId(name, publicKey)) {
    throw new RecordError('malformed-key', `key id does not match key ${vkey}`);
  }
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' });
  } catch {
    throw new RecordError('malformed-key', `not an Ed25519 public key: ${vkey}`);
  }
  return {
    name,
    keyId,
    verify: (message, signature) => signature.length === 64 && verify(null, message, key, signature),
  };
}

/** parseGoSignerKey reads Go's `PRIVATE+KEY+name+hex8(key id)+base64(0x01 || seed)` (golang.org/x/mod/sumdb/note). */
export function parseGoSignerKey(skey: string): Ed25519Signer {
  if (!skey.startsWith('PRIVATE+KEY+')) throw new RecordError('malformed-key', 'not a PRIVATE+KEY string');
  const [name, idHex, keyData] = chop(skey.slice('PRIVATE+KEY+'.length), 2);
  const { keyId, publicKey: seed } = readKey(name, idHex, keyData, 'PRIVATE+KEY+…');
  const signer = createEd25519Signer(name, seed);
  if (signer.keyId !== keyId) throw new RecordError('malformed-key', 'key id does not match the private key');
  return signer;
}

/** hex8 is a key id as 8 lowercase hex digits. */
export function hex8(keyId: number): string {
  return keyId.toString(16).padStart(8, '0');
}

function readKey(name: string, idHex: string, keyData: string, shown: string): KeyParts {
  const bytes = decodeBase64(keyData);
  if (!isValidKeyName(name) || !/^[0-9a-f]{8}$/.test(idHex) || bytes === null || bytes.length === 0) {
    throw new RecordError('malformed-key', `malformed key ${shown}`);
  }
  if (bytes[0] !== ED25519) throw new RecordError('malformed-key', `unsupported key type ${bytes[0]}`);
  if (bytes.length !== 33) {
    throw new RecordError('malformed-key', `Ed25519 keys have 32 bytes, not ${bytes.length - 1}`);
  }
  return { keyId: Number.parseInt(idHex, 16), publicKey: bytes.subarray(1) };
}

interface KeyParts {
  keyId: number;
  publicKey: Uint8Array;
}

function chop(text: string, times: number): string[] {
  const parts: string[] = [];
  let rest = text;
  for (let i = 0; i < times; i++) {
    const plus = rest.indexOf('+');
    if (plus < 0) return [...parts, rest, ...Array<string>(times - i).fill('')];
    parts.push(rest.slice(0, plus));
    rest = rest.slice(plus + 1);
  }
  return [...parts, rest];
}
