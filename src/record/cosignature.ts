import { Buffer } from 'node:buffer';
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  hkdfSync,
  sign,
  verify,
} from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { decodeBase64, encodeBase64 } from './bytes.ts';
import { parseCheckpoint } from './checkpoint.ts';
import { hex8, isValidKeyName, splitVerifierKey } from './note-keys.ts';
import type { NoteSigner, NoteVerifier } from './note-keys.ts';
import { RecordError } from './record-error.ts';

// SPEC: https://c2sp.org/tlog-cosignature (the two cosignature types, their key ids and signed messages) and
// https://c2sp.org/signed-note#signature-types (0x04 timestamped Ed25519, 0x06 timestamped ML-DSA-44).
// A cosignature is a note signature whose bytes are `u64be timestamp || signature`. Both kinds are verified here with
// node:crypto alone: Node 24 has ML-DSA-44 (FIPS 204) through OpenSSL 3.5, so no package is needed for it.

/** CosignatureAlgorithm names the two cosignature types of c2sp.org/tlog-cosignature. */
export type CosignatureAlgorithm = 'ed25519' | 'ml-dsa-44';

/** CosignatureVerifier checks one cosigner's cosignatures on checkpoints; `verify` takes the note text. */
export interface CosignatureVerifier extends NoteVerifier {
  readonly algorithm: CosignatureAlgorithm;
  /** vkey is the cosigner's verifier key string, with its own signature type (0x04 or 0x06). */
  readonly vkey: string;
  readonly publicKey: Uint8Array;
  /**
   * checkable is false for an ML-DSA-44 key on a Node without ML-DSA-44 (before 24, as the single-file auditor may
   * run on): its `verify` then always answers false, and a verifier says it could not check rather than that it failed.
   */
  readonly checkable: boolean;
}

/** Cosigner signs checkpoints as a witness: `sign(text)` returns `u64be timestamp || signature` for now(). */
export interface Cosigner extends NoteSigner {
  readonly algorithm: CosignatureAlgorithm;
  readonly vkey: string;
  readonly publicKey: Uint8Array;
}

const TYPE = { ed25519: 0x04, 'ml-dsa-44': 0x06 } as const;
const SIGNATURE_SIZE = { ed25519: 64, 'ml-dsa-44': 2420 } as const;
const PUBLIC_KEY_SIZE = { ed25519: 32, 'ml-dsa-44': 1312 } as const;
const NOTE_ED25519 = 0x01;
const MAX_TIMESTAMP = 2n ** 63n - 1n;
const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');
// PKCS #8 of an ML-DSA-44 key in its seed form (id-ml-dsa-44 is 2.16.840.1.101.3.4.3.17; the seed is [0] IMPLICIT).
const PKCS8_ML_DSA_44_SEED = Buffer.from('3034020100300b060960864801650304031104228020', 'hex');
const SUBTREE_LABEL = Buffer.from('subtree/v1\n\0', 'latin1');

/** cosignatureKeyId is SHA-256(name || 0x0A || type || public key)[:4], type 0x04 for Ed25519 and 0x06 for ML-DSA-44. */
export function cosignatureKeyId(name: string, algorithm: CosignatureAlgorithm, publicKey: Uint8Array): number {
  const digest = createHash('sha256')
    .update(name, 'utf8')
    .update(Uint8Array.of(0x0a, TYPE[algorithm]))
    .update(publicKey);
  return digest.digest().readUInt32BE(0);
}

/** formatCosignatureKey is a cosigner's vkey: `name+hex8(key id)+base64(type || public key)`. */
export function formatCosignatureKey(name: string, algorithm: CosignatureAlgorithm, publicKey: Uint8Array): string {
  if (!isValidKeyName(name)) throw new RecordError('malformed-key', `invalid key name ${JSON.stringify(name)}`);
  if (publicKey.length !== PUBLIC_KEY_SIZE[algorithm])
    throw new RecordError('malformed-key', `bad ${algorithm} public key`);
  const key = encodeBase64(Buffer.concat([Uint8Array.of(TYPE[algorithm]), publicKey]));
  return `${name}+${hex8(cosignatureKeyId(name, algorithm, publicKey))}+${key}`;
}

/**
 * parseCosignatureKey reads a cosigner's vkey (type 0x04 or 0x06), or throws RecordError 'malformed-key'. An Ed25519
 * key written as a plain signed-note key (type 0x01), as some witnesses publish theirs, is read as the cosignature/v1
 * key of the same public key: its key id is computed again with type 0x04, as transparency-dev/formats does.
 */
export function parseCosignatureKey(vkey: string): CosignatureVerifier {
  const { name, keyId, type, key } = splitVerifierKey(vkey);
  const algorithm =
    type === TYPE['ml-dsa-44'] ? 'ml-dsa-44' : type === TYPE.ed25519 || type === NOTE_ED25519 ? 'ed25519' : null;
  if (algorithm === null)
    throw new RecordError('malformed-key', `key type ${type} is not a cosignature key (0x04 or 0x06)`);
  if (key.length !== PUBLIC_KEY_SIZE[algorithm])
    throw new RecordError('malformed-key', `an ${algorithm} public key has ${PUBLIC_KEY_SIZE[algorithm]} bytes`);
  const expected = type === NOTE_ED25519 ? noteKeyId(name, key) : cosignatureKeyId(name, algorithm, key);
  if (keyId !== expected) throw new RecordError('malformed-key', `key id does not match key ${name}+${hex8(keyId)}`);
  const publicKey = new Uint8Array(key);
  let keyObject: KeyObject | null;
  try {
    keyObject =
      algorithm === 'ed25519'
        ? createPublicKey({ key: Buffer.concat([SPKI_ED25519, publicKey]), format: 'der', type: 'spki' })
        : createPublicKey({
            key: { kty: 'AKP', alg: 'ML-DSA-44', pub: Buffer.from(publicKey).toString('base64url') },
            format: 'jwk',
          });
  } catch {
    if (algorithm === 'ed25519' || hasMlDsa44())
      throw new RecordError('malformed-key', `not an ${algorithm} public key: ${name}`);
    keyObject = null;
  }
  return {
    name,
    algorithm,
    publicKey,
    keyId: cosignatureKeyId(name, algorithm, publicKey),
    vkey: formatCosignatureKey(name, algorithm, publicKey),
    checkable: keyObject !== null,
    verify: (text, signature) => keyObject !== null && verifyCosignature(name, algorithm, keyObject, text, signature),
  };
}

/**
 * createCosigner makes a witness's signer from a 32-byte secret: Ed25519 takes it as its seed; ML-DSA-44 takes as its
 * seed (FIPS 204 ξ) HKDF-SHA-256 of it, so that one secret gives two unrelated keys. `now` is in epoch milliseconds.
 */
export function createCosigner(
  name: string,
  secret: Uint8Array,
  algorithm: CosignatureAlgorithm,
  now: () => number = Date.now,
): Cosigner {
  if (!isValidKeyName(name)) throw new RecordError('malformed-key', `invalid key name ${JSON.stringify(name)}`);
  if (Buffer.byteLength(name) > 255) throw new RecordError('malformed-key', 'a cosigner name has at most 255 bytes');
  if (secret.length !== 32) throw new RecordError('malformed-key', `a witness key has 32 bytes, not ${secret.length}`);
  let privateKey: KeyObject;
  if (algorithm === 'ed25519') {
    privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, secret]), format: 'der', type: 'pkcs8' });
  } else {
    const seed = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'veche witness ML-DSA-44 seed', 32));
    privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ML_DSA_44_SEED, seed]), format: 'der', type: 'pkcs8' });
  }
  const publicKey = rawPublicKey(createPublicKey(privateKey), algorithm);
  return {
    name,
    algorithm,
    publicKey,
    keyId: cosignatureKeyId(name, algorithm, publicKey),
    vkey: formatCosignatureKey(name, algorithm, publicKey),
    sign(text) {
      // SPEC: the timestamp MUST NOT be zero (c2sp.org/tlog-witness), and is POSIX seconds.
      const timestamp = Math.max(1, Math.floor(now() / 1000));
      const message =
        algorithm === 'ed25519'
          ? ed25519CosignedMessage(textOf(text), timestamp)
          : checkpointSubtreeMessage(name, timestamp, textOf(text));
      const signature = sign(null, message, privateKey);
      const out = Buffer.alloc(8 + signature.length);
      out.writeBigUInt64BE(BigInt(timestamp), 0);
      signature.copy(out, 8);
      return new Uint8Array(out);
    },
  };
}

/** ed25519CosignedMessage is what a cosignature/v1 signs: `cosignature/v1\ntime <t>\n` and the checkpoint's note text. */
export function ed25519CosignedMessage(text: string, timestamp: number | bigint): Buffer {
  // SPEC: https://c2sp.org/tlog-cosignature#ed25519-signed-message
  return Buffer.from(`cosignature/v1\ntime ${BigInt(timestamp)}\n${text}`, 'utf8');
}

/** SubtreeStatement is what an ML-DSA-44 cosignature signs: a cosigner's statement on leaves [start, end) of a log. */
export interface SubtreeStatement {
  cosigner: string;
  timestamp: number | bigint;
  origin: string;
  start: number;
  end: number;
  root: Uint8Array;
}

/** subtreeCosignedMessage is the `cosigned_message` structure an ML-DSA-44 cosignature signs, or throws RangeError. */
export function subtreeCosignedMessage(statement: SubtreeStatement): Buffer {
  // SPEC: https://c2sp.org/tlog-cosignature#ml-dsa-44-signed-message: "subtree/v1\n\0", opaque<1..255> cosigner name,
  // u64 timestamp, opaque<1..255> log origin, u64 start, u64 end, 32-byte hash; big-endian (RFC 8446 §3).
  const name = Buffer.from(statement.cosigner, 'utf8');
  const origin = Buffer.from(statement.origin, 'utf8');
  if (name.length < 1 || name.length > 255 || origin.length < 1 || origin.length > 255) {
    throw new RangeError('a cosigner name and a log origin have 1 to 255 bytes in a subtree cosignature');
  }
  if (statement.root.length !== 32) throw new RangeError('a subtree hash has 32 bytes');
  const out = Buffer.alloc(SUBTREE_LABEL.length + 1 + name.length + 8 + 1 + origin.length + 8 + 8 + 32);
  let at = SUBTREE_LABEL.copy(out, 0);
  out[at++] = name.length;
  at += name.copy(out, at);
  at = out.writeBigUInt64BE(BigInt(statement.timestamp), at);
  out[at++] = origin.length;
  at += origin.copy(out, at);
  at = out.writeBigUInt64BE(BigInt(statement.start), at);
  at = out.writeBigUInt64BE(BigInt(statement.end), at);
  Buffer.from(statement.root).copy(out, at);
  return out;
}

/** cosignatureTimestamp reads the POSIX time of a cosignature from its signature line's base64, or returns null. */
export function cosignatureTimestamp(base64: string): number | null {
  const blob = decodeBase64(base64);
  if (blob === null || blob.length < 4 + 8) return null;
  const timestamp = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength).readBigUInt64BE(4);
  return timestamp > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(timestamp);
}

function verifyCosignature(
  name: string,
  algorithm: CosignatureAlgorithm,
  key: KeyObject,
  text: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (signature.length !== 8 + SIGNATURE_SIZE[algorithm]) return false;
  const bytes = Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength);
  const timestamp = bytes.readBigUInt64BE(0);
  // SPEC: the timestamp MUST NOT exceed 2^63 - 1.
  if (timestamp > MAX_TIMESTAMP) return false;
  let message: Buffer;
  try {
    const note = Buffer.from(text).toString('utf8');
    message =
      algorithm === 'ed25519'
        ? ed25519CosignedMessage(note, timestamp)
        : checkpointSubtreeMessage(name, timestamp, note);
  } catch {
    return false; // not a checkpoint, or an origin too long to be cosigned with ML-DSA-44
  }
  return verify(null, message, key, bytes.subarray(8));
}

function checkpointSubtreeMessage(cosigner: string, timestamp: number | bigint, text: string): Buffer {
  // SPEC: when signing a checkpoint, start MUST be zero and end is the tree size; the hash is the checkpoint's root.
  // Extension lines are not in the message: an ML-DSA-44 cosignature says nothing of them.
  const checkpoint = parseCheckpoint(text);
  return subtreeCosignedMessage({
    cosigner,
    timestamp,
    origin: checkpoint.origin,
    start: 0,
    end: checkpoint.size,
    root: checkpoint.root,
  });
}

function textOf(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

let mlDsa44: boolean | undefined;

/** hasMlDsa44 reports whether this Node's crypto has ML-DSA-44 (Node 24 with OpenSSL 3.5 does; Node 20 does not). */
function hasMlDsa44(): boolean {
  if (mlDsa44 === undefined) {
    try {
      generateKeyPairSync('ml-dsa-44' as Parameters<typeof generateKeyPairSync>[0]);
      mlDsa44 = true;
    } catch {
      mlDsa44 = false;
    }
  }
  return mlDsa44;
}

function noteKeyId(name: string, publicKey: Uint8Array): number {
  return createHash('sha256')
    .update(name, 'utf8')
    .update(Uint8Array.of(0x0a, NOTE_ED25519))
    .update(publicKey)
    .digest()
    .readUInt32BE(0);
}

function rawPublicKey(key: KeyObject, algorithm: CosignatureAlgorithm): Uint8Array {
  if (algorithm === 'ed25519') {
    const spki = key.export({ format: 'der', type: 'spki' });
    return new Uint8Array(spki.subarray(spki.length - 32));
  }
  const jwk = key.export({ format: 'jwk' }) as { pub?: string };
  return new Uint8Array(Buffer.from(jwk.pub ?? '', 'base64url'));
}
