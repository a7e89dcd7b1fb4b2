// record-verify.js checks the public record in the browser with nothing but Web Crypto: the checkpoint's Ed25519
// signed note against the record's verifier key, RFC 6962 leaf and node hashes, and inclusion proofs. It trusts
// nothing the site says without checking it against the key. receipt.js and audit.js use it.
// SPEC: https://c2sp.org/signed-note, https://c2sp.org/tlog-checkpoint, RFC 9162 §2.1.

/** Failure is a failed check; its code names the reason, which the page has in words. */
export class Failure extends Error {
  constructor(code, detail) {
    super(detail ? `${code}: ${detail}` : code);
    this.code = code;
  }
}

const utf8 = new TextEncoder();

/** supported reports whether this browser can check signatures and hashes itself. */
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

/** fetchText fetches a same-origin URL as text, or fails with 'network'. */
export async function fetchText(url) {
  const response = await fetch(url, { cache: 'no-store' }).catch(() => null);
  if (!response?.ok) throw new Failure('network', url);
  return response.text();
}

/** fetchBytes fetches a same-origin URL as bytes, or fails with 'network'. */
export async function fetchBytes(url) {
  const response = await fetch(url).catch(() => null);
  if (!response?.ok) throw new Failure('network', url);
  return new Uint8Array(await response.arrayBuffer());
}

/** sha256 is the SHA-256 digest of bytes. */
export async function sha256(bytes) {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

/** leafHash is SHA-256(0x00 || entry), RFC 6962's hash of a log entry. */
export function leafHash(entry) {
  const data = new Uint8Array(entry.length + 1);
  data.set(entry, 1);
  return sha256(data);
}

/** nodeHash is SHA-256(0x01 || left || right), RFC 6962's hash of two subtrees. */
export function nodeHash(left, right) {
  const data = new Uint8Array(65);
  data[0] = 1;
  data.set(left, 1);
  data.set(right, 33);
  return sha256(data);
}

/** importVerifierKey reads `name+hex(keyid)+base64(0x01 || public key)` and checks its key id, or fails with 'key'. */
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

/** verifyInclusion reports whether `proof` shows `leaf` at `index` in the tree of `size` with this root. */
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

/** tilePath is a tile's or bundle's URL under /log/: tile/<L>/<N>[.p/<W>] with N written as x001/x234/067. */
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

/** decodeBundle splits an entry bundle (big-endian uint16 length before each entry), or fails with 'tiles'. */
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

/** fromBase64 decodes standard padded base64 strictly, or returns null. */
export function fromBase64(text) {
  if (typeof text !== 'string' || !/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text))
    return null;
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return toBase64(bytes) === text ? bytes : null;
}

/** toBase64 is the standard padded base64 of bytes. */
export function toBase64(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
  return btoa(binary);
}

/** equal reports whether two byte arrays hold the same bytes. */
export function equal(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** fill puts numbers, formatted for the page's language, into a template's `{name}` places. */
export function fill(template, values, format) {
  return template.replace(/\{(\w+)\}/g, (all, name) => (name in values ? format(values[name]) : all));
}

/** messagesOf reads the translated messages a page gives its script in data-messages. */
export function messagesOf(element) {
  try {
    return JSON.parse(element.getAttribute('data-messages') || '{}');
  } catch {
    return {};
  }
}

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function toHex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function fromHex(hex) {
  return new Uint8Array(hex.match(/../g).map((pair) => parseInt(pair, 16)));
}
