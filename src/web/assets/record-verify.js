// record-verify.js checks the public record in the browser with nothing but Web Crypto: the checkpoint's Ed25519
// signed note against the record's verifier key, RFC 6962 leaf and node hashes, and inclusion proofs. It trusts
// nothing the site says without checking it against the key. receipt.js and audit.js use it.
// SPEC: https://c2sp.org/signed-note, https://c2sp.org/tlog-checkpoint, RFC 9162 §2.1.

/** @import { CosignerStatus, Cosigner } from '../../audit/check-cosignatures.ts' */
/** @import { FailureCode } from '../views/record-parts.ts' */

/**
 * Verifier is the record's key, imported: its name (the record's origin), key id, and the key to verify with.
 * @typedef {object} Verifier
 * @property {string} name
 * @property {Uint8Array} keyId
 * @property {CryptoKey} key
 * @property {string} text the key as served, `name+hex(keyid)+base64(0x01 || public key)`
 */

/**
 * OpenCheckpoint is a checkpoint whose signature verified: what its text says, and the signed note itself.
 * @typedef {object} OpenCheckpoint
 * @property {string} origin
 * @property {number} size
 * @property {Uint8Array} root
 * @property {string} note
 */

/**
 * BrowserWitness is a witness of a policy as the browser holds it: its key is null when Web Crypto cannot check it.
 * @typedef {object} BrowserWitness
 * @property {string} name
 * @property {string} vkey
 * @property {string | null} url
 * @property {string} keyName
 * @property {Uint8Array} keyId
 * @property {Cosigner['algorithm']} algorithm
 * @property {CryptoKey | null} key
 */

/**
 * BrowserPolicy is a witness policy (c2sp.org/tlog-policy) as the browser reads it; src/record/witness-policy.ts is the
 * server's.
 * @typedef {object} BrowserPolicy
 * @property {string[]} logs the logs' verifier keys
 * @property {BrowserWitness[]} witnesses
 * @property {Map<string, { threshold: number, members: string[] }>} groups
 * @property {string} quorum a witness's or group's name, or 'none'
 */

/**
 * WitnessCheck is one witness's cosignature on a checkpoint, as the browser judged it.
 * @typedef {Pick<Cosigner, 'name' | 'algorithm' | 'url' | 'status' | 'timestamp'> & { vkey: string }} WitnessCheck
 */

/**
 * CosignatureCheck is what a policy makes of a checkpoint's cosignatures: each witness, and whether the quorum is met.
 * @typedef {object} CosignatureCheck
 * @property {WitnessCheck[]} witnesses
 * @property {number} cosigned the witnesses whose cosignature verified
 * @property {boolean} quorumMet
 */

/** Failure is a failed check; its code names the reason, which the page has in words. */
export class Failure extends Error {
  /**
   * @param {FailureCode} code
   * @param {string} [detail]
   */
  constructor(code, detail) {
    super(detail ? `${code}: ${detail}` : code);
    this.code = code;
  }
}

const utf8 = new TextEncoder();

/**
 * supported reports whether this browser can check signatures and hashes itself.
 *
 * @returns {Promise<boolean>}
 */
export async function supported() {
  if (!globalThis.crypto || !crypto.subtle) return false;
  try {
    // A valid 32-byte Ed25519 public key (RFC 8032 test vector 1): a browser without Ed25519 throws here.
    const key = fromHex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
    await crypto.subtle.importKey('raw', key, { name: 'Ed25519' }, false, ['verify']);
    return true;
  } catch {
    return false;
  }
}

/**
 * fetchText fetches a same-origin URL as text, or fails with 'network'.
 *
 * @param {string} url
 * @returns {Promise<string>}
 */
export async function fetchText(url) {
  const response = await fetch(url, { cache: 'no-store' }).catch(() => null);
  if (!response?.ok) throw new Failure('network', url);
  return response.text();
}

/**
 * fetchBytes fetches a same-origin URL as bytes, or fails with 'network'.
 *
 * @param {string} url
 * @returns {Promise<Uint8Array>}
 */
export async function fetchBytes(url) {
  const response = await fetch(url).catch(() => null);
  if (!response?.ok) throw new Failure('network', url);
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * sha256 is the SHA-256 digest of bytes.
 *
 * @param {Uint8Array<ArrayBuffer>} bytes
 * @returns {Promise<Uint8Array>}
 */
export async function sha256(bytes) {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

/**
 * leafHash is SHA-256(0x00 || entry), RFC 6962's hash of a log entry.
 *
 * @param {Uint8Array} entry
 * @returns {Promise<Uint8Array>}
 */
export function leafHash(entry) {
  const data = new Uint8Array(entry.length + 1);
  data.set(entry, 1);
  return sha256(data);
}

/**
 * nodeHash is SHA-256(0x01 || left || right), RFC 6962's hash of two subtrees.
 *
 * @param {Uint8Array} left
 * @param {Uint8Array} right
 * @returns {Promise<Uint8Array>}
 */
export function nodeHash(left, right) {
  const data = new Uint8Array(65);
  data[0] = 1;
  data.set(left, 1);
  data.set(right, 33);
  return sha256(data);
}

/**
 * importVerifierKey reads `name+hex(keyid)+base64(0x01 || public key)` and checks its key id, or fails with 'key'.
 *
 * @param {string} text
 * @returns {Promise<Verifier>}
 */
export async function importVerifierKey(text) {
  const vkey = text.trim();
  const first = vkey.indexOf('+');
  const second = vkey.indexOf('+', first + 1);
  if (first <= 0 || second < 0) throw new Failure('key');
  const name = vkey.slice(0, first);
  const idHex = vkey.slice(first + 1, second);
  const data = fromBase64(vkey.slice(second + 1));
  if (!/^[0-9a-f]{8}$/.test(idHex) || data === null || data.length !== 33 || data[0] !== 1) throw new Failure('key');
  const publicKey = data.slice(1);
  // SPEC: the key id is the first 4 bytes of SHA-256(name || 0x0A || 0x01 || public key).
  const digest = await sha256(concat(utf8.encode(name), Uint8Array.of(0x0a, 0x01), publicKey));
  const keyId = digest.slice(0, 4);
  if (toHex(keyId) !== idHex) throw new Failure('key', 'the key id does not match the key');
  let key;
  try {
    key = await crypto.subtle.importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify']);
  } catch {
    throw new Failure('key');
  }
  return { name, keyId, key, text: vkey };
}

/**
 * openCheckpoint verifies a signed checkpoint note with the verifier key and returns its origin, size and root; it
 * fails with 'signature' unless the key signed it, and with 'checkpoint' if it is malformed or of another log.
 *
 * @param {string} note
 * @param {Verifier} verifier
 * @returns {Promise<OpenCheckpoint>}
 */
export async function openCheckpoint(note, verifier) {
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) throw new Failure('checkpoint');
  const text = note.slice(0, split + 1);
  let signed = false;
  for (const line of note.slice(split + 2, -1).split('\n')) {
    // SPEC: a signature line is "— <key name> <base64(key id || signature)>"; lines of other keys are ignored.
    if (!line.startsWith('\u2014 ')) throw new Failure('checkpoint');
    const [name, blobText] = line.slice(2).split(' ');
    const blob = fromBase64(blobText ?? '');
    if (name !== verifier.name || blob === null || blob.length !== 68 || !equal(blob.slice(0, 4), verifier.keyId))
      continue;
    const valid = await crypto.subtle.verify({ name: 'Ed25519' }, verifier.key, blob.slice(4), utf8.encode(text));
    if (!valid) throw new Failure('signature');
    signed = true;
  }
  if (!signed) throw new Failure('signature');
  // SPEC: https://c2sp.org/tlog-checkpoint: origin, decimal size without leading zeros, base64 root of 32 bytes.
  const [origin, sizeText, rootText] = text.slice(0, -1).split('\n');
  const root = fromBase64(rootText ?? '');
  if (!origin || !/^(0|[1-9][0-9]*)$/.test(sizeText ?? '') || root === null || root.length !== 32)
    throw new Failure('checkpoint');
  // The origin is the key's name: a valid signature on another log's checkpoint proves nothing here.
  if (origin !== verifier.name) throw new Failure('checkpoint', 'another log');
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) throw new Failure('checkpoint');
  return { origin, size, root, note };
}

/**
 * verifyInclusion reports whether `proof` shows `leaf` at `index` in the tree of `size` with this root.
 *
 * @param {Uint8Array} leaf
 * @param {number} index
 * @param {number} size
 * @param {Uint8Array[]} proof
 * @param {Uint8Array} root
 * @returns {Promise<boolean>}
 */
export async function verifyInclusion(leaf, index, size, proof, root) {
  // SPEC: RFC 9162 §2.1.3.2, with division for the shifts so that sizes beyond 2^32 stay exact.
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0 || p.length !== 32) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equal(r, root);
}

/**
 * verifyConsistency reports whether `proof` shows the tree of `first` leaves with `firstRoot` to be a prefix of the
 * tree of `second` leaves with `secondRoot`.
 *
 * @param {number} first
 * @param {number} second
 * @param {Uint8Array[]} proof
 * @param {Uint8Array} firstRoot
 * @param {Uint8Array} secondRoot
 * @returns {Promise<boolean>}
 */
export async function verifyConsistency(first, second, proof, firstRoot, secondRoot) {
  // SPEC: RFC 9162 §2.1.4.2, with division for the shifts so that sizes beyond 2^32 stay exact.
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 1 || first > second) return false;
  if (first === second) return proof.length === 0 && equal(firstRoot, secondRoot);
  if (proof.length === 0 || proof.some((p) => p.length !== 32)) return false;
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : proof;
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = await nodeHash(c, fr);
      sr = await nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = await nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equal(fr, firstRoot) && equal(sr, secondRoot);
}

/**
 * isPowerOfTwo reports whether n is 2^k for some k ≥ 0.
 *
 * @param {number} n
 */
function isPowerOfTwo(n) {
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
}

/**
 * parsePolicy reads a witness policy (c2sp.org/tlog-policy: log, witness, group and quorum lines) and imports each
 * witness's key; it fails with 'policy' if it cannot. An ML-DSA-44 witness key is kept with no key to check with:
 * Web Crypto has no ML-DSA-44, and its cosignatures are reported as not checked.
 *
 * @param {string} text
 * @returns {Promise<BrowserPolicy>}
 */
export async function parsePolicy(text) {
  /** @type {Omit<BrowserPolicy, 'quorum'> & { quorum: string | null }} */
  const policy = { logs: [], witnesses: [], groups: new Map(), quorum: null };
  /** @type {Set<string>} */
  const names = new Set();
  for (const raw of String(text).split('\n')) {
    const words = raw.split(/[ \t]+/).filter((w) => w !== '');
    if (words.length === 0 || words[0].startsWith('#')) continue;
    const [keyword, ...args] = words;
    if (keyword === 'log' && (args.length === 1 || args.length === 2)) {
      policy.logs.push(args[0]);
    } else if (keyword === 'witness' && (args.length === 2 || args.length === 3)) {
      if (names.has(args[0])) throw new Failure('policy', `${args[0]} twice`);
      names.add(args[0]);
      policy.witnesses.push({
        name: args[0],
        vkey: args[1],
        url: args[2] ?? null,
        ...(await importCosignatureKey(args[1])),
      });
    } else if (keyword === 'group' && args.length >= 3) {
      const [name, k, ...members] = args;
      const threshold = k === 'all' ? members.length : k === 'any' ? 1 : /^[1-9][0-9]*$/.test(k) ? Number(k) : 0;
      if (names.has(name) || threshold < 1 || threshold > members.length || members.some((m) => !names.has(m)))
        throw new Failure('policy', raw);
      names.add(name);
      policy.groups.set(name, { threshold, members });
    } else if (keyword === 'quorum' && args.length === 1 && policy.quorum === null) {
      if (args[0] !== 'none' && !names.has(args[0])) throw new Failure('policy', raw);
      policy.quorum = args[0];
    } else {
      throw new Failure('policy', raw);
    }
  }
  if (policy.quorum === null) throw new Failure('policy', 'no quorum line');
  return { ...policy, quorum: policy.quorum };
}

/**
 * importCosignatureKey reads a witness's vkey (c2sp.org/tlog-cosignature: type 0x04 Ed25519, 0x06 ML-DSA-44).
 *
 * @param {string} vkey
 * @returns {Promise<Pick<BrowserWitness, 'keyName' | 'keyId' | 'algorithm' | 'key'>>}
 */
async function importCosignatureKey(vkey) {
  const first = vkey.indexOf('+');
  const second = vkey.indexOf('+', first + 1);
  const data = second < 0 ? null : fromBase64(vkey.slice(second + 1));
  if (first <= 0 || data === null || data.length < 2) throw new Failure('policy', vkey);
  const name = vkey.slice(0, first);
  const type = data[0];
  const publicKey = data.slice(1);
  if (type === 0x06 && publicKey.length === 1312) {
    const id = (await sha256(concat(utf8.encode(name), Uint8Array.of(0x0a, 0x06), publicKey))).slice(0, 4);
    return { keyName: name, keyId: id, algorithm: 'ml-dsa-44', key: null };
  }
  // A plain signed-note Ed25519 key (0x01) is read as the cosignature/v1 key (0x04) of the same public key.
  if ((type !== 0x04 && type !== 0x01) || publicKey.length !== 32) throw new Failure('policy', vkey);
  const id = (await sha256(concat(utf8.encode(name), Uint8Array.of(0x0a, 0x04), publicKey))).slice(0, 4);
  const key = await crypto.subtle.importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify']).catch(() => null);
  if (key === null) throw new Failure('policy', vkey);
  return { keyName: name, keyId: id, algorithm: 'ed25519', key };
}

/**
 * checkCosignatures checks a checkpoint note's cosignature lines against each witness of a policy: 'verified' (with
 * the time the witness says it signed), 'absent', 'invalid' (a line of its key that does not verify) or 'unchecked'
 * (an ML-DSA-44 key, which this browser cannot check; it does not count). Then whether the quorum is met.
 *
 * @param {string} note
 * @param {BrowserPolicy} policy
 * @returns {Promise<CosignatureCheck>}
 */
export async function checkCosignatures(note, policy) {
  const split = note.lastIndexOf('\n\n');
  const text = note.slice(0, split + 1);
  const lines = note
    .slice(split + 2)
    .split('\n')
    .filter((l) => l.startsWith('\u2014 '));
  /** @type {WitnessCheck[]} */
  const witnesses = [];
  for (const witness of policy.witnesses) {
    const mine = lines
      .map((line) => line.slice(2).split(' '))
      .filter(([name, blobText]) => {
        const blob = fromBase64(blobText ?? '');
        return name === witness.keyName && blob !== null && blob.length > 12 && equal(blob.slice(0, 4), witness.keyId);
      })
      // The filter kept only the lines whose blob decodes.
      .map(([, blobText]) => /** @type {Uint8Array} */ (fromBase64(blobText)));
    /** @type {CosignerStatus} */
    let status = 'absent';
    /** @type {number | null} */
    let timestamp = null;
    if (mine.length > 0 && witness.key === null) status = 'unchecked';
    else if (mine.length > 0 && witness.key !== null) {
      status = 'verified';
      for (const blob of mine) {
        // SPEC: c2sp.org/tlog-cosignature: the signed message is "cosignature/v1\ntime <t>\n" and the note text.
        const view = new DataView(blob.buffer, blob.byteOffset);
        const time = view.getUint32(4) * 2 ** 32 + view.getUint32(8);
        const message = utf8.encode(`cosignature/v1\ntime ${time}\n${text}`);
        const valid =
          blob.length === 76 && (await crypto.subtle.verify({ name: 'Ed25519' }, witness.key, blob.slice(12), message));
        if (!valid) status = 'invalid';
        timestamp ??= time;
      }
      if (status !== 'verified') timestamp = null;
    }
    witnesses.push({
      name: witness.name,
      vkey: witness.vkey,
      url: witness.url,
      algorithm: witness.algorithm,
      status,
      timestamp,
    });
  }
  const cosigned = new Set(witnesses.filter((w) => w.status === 'verified').map((w) => w.name));
  /**
   * satisfied reports whether a witness cosigned, or enough members of a group are satisfied.
   * @param {string} name
   * @returns {boolean}
   */
  const satisfied = (name) => {
    const group = policy.groups.get(name);
    return group === undefined ? cosigned.has(name) : group.members.filter(satisfied).length >= group.threshold;
  };
  return { witnesses, cosigned: cosigned.size, quorumMet: policy.quorum === 'none' || satisfied(policy.quorum) };
}

/**
 * tilePath is a tile's or bundle's URL under /log/: tile/<L>/<N>[.p/<W>] with N written as x001/x234/067.
 *
 * @param {number | 'entries'} level
 * @param {number} n
 * @param {number} width
 * @returns {string}
 */
export function tilePath(level, n, width) {
  // SPEC: https://c2sp.org/tlog-tiles#merkle-tree
  let rest = Math.floor(n / 1000);
  let path = String(n % 1000).padStart(3, '0');
  while (rest > 0) {
    path = `x${String(rest % 1000).padStart(3, '0')}/${path}`;
    rest = Math.floor(rest / 1000);
  }
  return `/log/tile/${level}/${path}${width === 256 ? '' : `.p/${width}`}`;
}

/**
 * decodeBundle splits an entry bundle (big-endian uint16 length before each entry), or fails with 'tiles'.
 *
 * @param {Uint8Array} bytes
 * @param {number} width
 * @returns {Uint8Array[]}
 */
export function decodeBundle(bytes, width) {
  const entries = [];
  let at = 0;
  while (at < bytes.length) {
    if (at + 2 > bytes.length) throw new Failure('tiles', 'truncated bundle');
    const length = (bytes[at] << 8) | bytes[at + 1];
    if (at + 2 + length > bytes.length) throw new Failure('tiles', 'truncated bundle');
    entries.push(bytes.subarray(at + 2, at + 2 + length));
    at += 2 + length;
  }
  if (entries.length !== width) throw new Failure('tiles', `a bundle of ${entries.length} entries, want ${width}`);
  return entries;
}

/**
 * fromBase64 decodes standard padded base64 strictly, or returns null.
 *
 * @param {unknown} text
 * @returns {Uint8Array | null}
 */
export function fromBase64(text) {
  if (typeof text !== 'string' || !/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text))
    return null;
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return toBase64(bytes) === text ? bytes : null;
}

/**
 * toBase64 is the standard padded base64 of bytes.
 *
 * @param {Uint8Array} bytes
 * @returns {string}
 */
export function toBase64(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
  return btoa(binary);
}

/**
 * equal reports whether two byte arrays hold the same bytes.
 *
 * @param {Uint8Array} a
 * @param {Uint8Array} b
 * @returns {boolean}
 */
export function equal(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * fill puts numbers, formatted for the page's language, into a template's `{name}` places.
 *
 * @template V
 * @param {string} template
 * @param {Record<string, V>} values
 * @param {(value: V) => string} format
 * @returns {string}
 */
export function fill(template, values, format) {
  return template.replace(/\{(\w+)\}/g, (all, name) => (name in values ? format(values[name]) : all));
}

/**
 * messagesOf reads the translated messages a page gives its script in data-messages.
 *
 * @template T
 * @param {Element} element
 * @returns {T}
 */
export function messagesOf(element) {
  try {
    return JSON.parse(element.getAttribute('data-messages') || '{}');
  } catch {
    // No words, as before the types: the type is what the view writes, which is JSON it made itself.
    return /** @type {T} */ ({});
  }
}

/**
 * concat joins byte arrays into a new one.
 *
 * @param {Uint8Array[]} parts
 * @returns {Uint8Array<ArrayBuffer>}
 */
function concat(...parts) {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * toHex is bytes in lower-case hexadecimal.
 *
 * @param {Uint8Array} bytes
 */
function toHex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * fromHex is the bytes of a hexadecimal text.
 *
 * @param {string} hex
 */
function fromHex(hex) {
  return new Uint8Array((hex.match(/../g) ?? []).map((pair) => parseInt(pair, 16)));
}
