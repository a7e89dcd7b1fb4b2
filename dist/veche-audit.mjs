#!/usr/bin/env node
// veche-audit.mjs 0.1.0: the auditor of Veche's public record, for Node.js 20 or newer, with no dependency.
// Built from the Veche source (src/cli/veche-audit.ts) by scripts/build-auditor.ts; licence AGPL-3.0-or-later.
// Run `node veche-audit.mjs --help`. Its SHA-256 is in docs/record.md; rebuild it from the source to compare.

// src/cli/veche-audit.ts
import { fileURLToPath as fileURLToPath2 } from "node:url";

// src/cli/audit.ts
import { readFileSync as readFileSync2 } from "node:fs";
import { parseArgs } from "node:util";

// src/record/bytes.ts
import { Buffer as Buffer2 } from "node:buffer";
var BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
function encodeBase64(bytes) {
  return Buffer2.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}
function decodeBase64(text) {
  if (!BASE64.test(text)) return null;
  const bytes = Buffer2.from(text, "base64");
  if (bytes.toString("base64") !== text) return null;
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
function bytesEqual(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
function toHex(bytes) {
  return Buffer2.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}

// scripts/node20-crypto.ts
import * as crypto from "node:crypto";
import {
  createHash as createHash2,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  randomInt,
  sign,
  verify
} from "node:crypto";
var hash2 = crypto.hash ?? ((algorithm, data, outputEncoding = "hex") => {
  const digest = crypto.createHash(algorithm).update(data);
  return outputEncoding === "buffer" ? digest.digest() : digest.digest(outputEncoding);
});

// src/record/merkle.ts
var HASH_SIZE = 32;
var LEAF_SCRATCH_MAX = 1 + 65536;
var leafScratch = new Uint8Array(1 + 1024);
var nodeScratch = new Uint8Array(1 + 2 * HASH_SIZE);
function leafHash(entry) {
  const length = entry.length + 1;
  if (length > LEAF_SCRATCH_MAX) return plain(createHash2("sha256").update(Uint8Array.of(0)).update(entry).digest());
  if (length > leafScratch.length) {
    leafScratch = new Uint8Array(Math.min(LEAF_SCRATCH_MAX, 2 ** Math.ceil(Math.log2(length))));
  }
  leafScratch[0] = 0;
  leafScratch.set(entry, 1);
  return sha256(leafScratch.subarray(0, length));
}
function nodeHash(left, right) {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) throw new RangeError("children must be 32-byte hashes");
  nodeScratch[0] = 1;
  nodeScratch.set(left, 1);
  nodeScratch.set(right, 1 + HASH_SIZE);
  return sha256(nodeScratch);
}
function emptyRoot() {
  return sha256(new Uint8Array(0));
}
function splitPoint(n) {
  if (!Number.isSafeInteger(n) || n < 2) throw new RangeError(`no split point for ${n} leaves`);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
var RootBuilder = class {
  // The roots of the perfect subtrees that the leaves so far fill, largest first.
  #stack = [];
  #size = 0;
  /** size is the number of leaf hashes appended so far. */
  get size() {
    return this.#size;
  }
  /** append adds the next leaf hash. */
  append(leafHash2) {
    if (leafHash2.length !== HASH_SIZE) throw new RangeError("a leaf hash has 32 bytes");
    let top = leafHash2;
    for (let count3 = ++this.#size; count3 % 2 === 0; count3 /= 2) top = nodeHash(this.#stack.pop(), top);
    this.#stack.push(top);
  }
  /** root is the Merkle Tree Hash of the leaves appended so far. */
  root() {
    const stack = this.#stack;
    if (stack.length === 0) return emptyRoot();
    let root = stack[stack.length - 1];
    for (let i = stack.length - 2; i >= 0; i--) root = nodeHash(stack[i], root);
    return root;
  }
};
function packedRoot(hashes) {
  if (hashes.length % HASH_SIZE !== 0) throw new RangeError("packed hashes must be a multiple of 32 bytes");
  const builder = new RootBuilder();
  for (let at = 0; at < hashes.length; at += HASH_SIZE) builder.append(hashes.subarray(at, at + HASH_SIZE));
  return builder.root();
}
function rangeHash(start, end, read) {
  const size = end - start;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || size < 1) {
    throw new RangeError(`bad range [${start}, ${end})`);
  }
  let aligned = 1;
  while (aligned < size) aligned *= 2;
  if (start % aligned !== 0) throw new RangeError(`[${start}, ${end}) is not a subtree`);
  let root = null;
  let cursor = end;
  for (let level = 0, width = 1; cursor > start; level++, width *= 2) {
    if (Math.floor(size / width) % 2 === 0) continue;
    cursor -= width;
    const h = read(level, cursor / width);
    if (h.length !== HASH_SIZE) throw new RangeError(`read ${h.length} bytes for ${level}/${cursor / width}`);
    root = root === null ? h : nodeHash(h, root);
  }
  return root;
}
function treeRoot(size, read) {
  return size === 0 ? emptyRoot() : rangeHash(0, size, read);
}
function sha256(data) {
  return plain(hash2("sha256", data, "buffer"));
}
function plain(buffer) {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

// src/record/note-keys.ts
import { Buffer as Buffer3 } from "node:buffer";

// src/record/record-error.ts
var RecordError = class extends Error {
  code;
  constructor(code, message) {
    super(message);
    this.name = "RecordError";
    this.code = code;
  }
};

// src/record/note-keys.ts
var ED25519 = 1;
var PKCS8_PREFIX = Buffer3.from("302e020100300506032b657004220420", "hex");
var SPKI_PREFIX = Buffer3.from("302a300506032b6570032100", "hex");
var UNICODE_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
var CONTROL = /[\u0000-\u001f]/;
function isValidKeyName(name) {
  return name.length > 0 && name.isWellFormed() && !name.includes("+") && !UNICODE_SPACE.test(name) && !CONTROL.test(name);
}
function ed25519KeyId(name, publicKey) {
  const digest = createHash2("sha256").update(name, "utf8").update(Uint8Array.of(10, ED25519)).update(publicKey);
  return digest.digest().readUInt32BE(0);
}
function splitVerifierKey(vkey) {
  const [name, idHex, keyData] = chop(vkey, 2);
  const bytes = decodeBase64(keyData);
  if (!isValidKeyName(name) || !/^[0-9a-f]{8}$/.test(idHex) || bytes === null || bytes.length < 2) {
    throw new RecordError("malformed-key", `malformed key ${vkey.length > 80 ? `${vkey.slice(0, 80)}\u2026` : vkey}`);
  }
  return { name, keyId: Number.parseInt(idHex, 16), type: bytes[0], key: bytes.subarray(1) };
}
function parseVerifierKey(vkey) {
  const [name, idHex, keyData] = chop(vkey, 2);
  const { keyId, publicKey } = readKey(name, idHex, keyData, vkey);
  if (keyId !== ed25519KeyId(name, publicKey)) {
    throw new RecordError("malformed-key", `key id does not match key ${vkey}`);
  }
  let key2;
  try {
    key2 = createPublicKey({ key: Buffer3.concat([SPKI_PREFIX, publicKey]), format: "der", type: "spki" });
  } catch {
    throw new RecordError("malformed-key", `not an Ed25519 public key: ${vkey}`);
  }
  return {
    name,
    keyId,
    verify: (message, signature) => signature.length === 64 && verify(null, message, key2, signature)
  };
}
function hex8(keyId) {
  return keyId.toString(16).padStart(8, "0");
}
function readKey(name, idHex, keyData, shown) {
  const bytes = decodeBase64(keyData);
  if (!isValidKeyName(name) || !/^[0-9a-f]{8}$/.test(idHex) || bytes === null || bytes.length === 0) {
    throw new RecordError("malformed-key", `malformed key ${shown}`);
  }
  if (bytes[0] !== ED25519) throw new RecordError("malformed-key", `unsupported key type ${bytes[0]}`);
  if (bytes.length !== 33) {
    throw new RecordError("malformed-key", `Ed25519 keys have 32 bytes, not ${bytes.length - 1}`);
  }
  return { keyId: Number.parseInt(idHex, 16), publicKey: bytes.subarray(1) };
}
function chop(text, times) {
  const parts = [];
  let rest2 = text;
  for (let i = 0; i < times; i++) {
    const plus = rest2.indexOf("+");
    if (plus < 0) return [...parts, rest2, ...Array(times - i).fill("")];
    parts.push(rest2.slice(0, plus));
    rest2 = rest2.slice(plus + 1);
  }
  return [...parts, rest2];
}

// src/record/note.ts
import { Buffer as Buffer4 } from "node:buffer";
var MAX_NOTE_SIGNATURES = 100;
var SIGNATURE_PREFIX = "\u2014 ";
var FORBIDDEN_CONTROL = /[\u0000-\u0009\u000b-\u001f]/;
var UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
function openNote(note, verifiers) {
  const all = decodeNote(note);
  const split = all.lastIndexOf("\n\n");
  if (split < 0) throw malformed("no blank line before the signatures");
  const text = all.slice(0, split + 1);
  const block = all.slice(split + 2);
  if (block === "" || !block.endsWith("\n")) throw malformed("the signatures must end in a newline");
  const lines = block.slice(0, -1).split("\n");
  if (lines.length > MAX_NOTE_SIGNATURES) throw malformed(`more than ${MAX_NOTE_SIGNATURES} signatures`);
  const known = indexVerifiers(verifiers);
  const message = Buffer4.from(text, "utf8");
  const signatures = [];
  const unknown = [];
  const seen = /* @__PURE__ */ new Set();
  for (const line of lines) {
    if (!line.startsWith(SIGNATURE_PREFIX)) throw malformed("a signature line starts with an em dash and a space");
    const rest2 = line.slice(SIGNATURE_PREFIX.length);
    const space = rest2.indexOf(" ");
    const name = space < 0 ? rest2 : rest2.slice(0, space);
    const base64 = space < 0 ? "" : rest2.slice(space + 1);
    const blob = decodeBase64(base64);
    if (!isValidKeyName(name) || blob === null || blob.length < 5) throw malformed("bad signature line");
    const keyId = new DataView(blob.buffer, blob.byteOffset).getUint32(0);
    const signature = { name, keyId, base64 };
    const key2 = `${keyId} ${name}`;
    const verifier = known.get(key2);
    if (verifier === void 0) {
      if (!seen.has(line)) unknown.push(signature);
      seen.add(line);
      continue;
    }
    if (verifier === "ambiguous") throw new RecordError("malformed-key", `two verifiers for ${name}+${hex8(keyId)}`);
    if (seen.has(line)) continue;
    seen.add(line);
    if (!verifier.verify(message, blob.subarray(4))) {
      throw new RecordError("invalid-signature", `invalid signature by ${name}+${hex8(keyId)}`);
    }
    if (seen.has(key2)) continue;
    seen.add(key2);
    signatures.push(signature);
  }
  if (signatures.length === 0) throw new RecordError("unverified-note", "no known key signed this note");
  return { text, signatures, unknown };
}
function decodeNote(note) {
  let all;
  if (typeof note === "string") {
    if (!note.isWellFormed()) throw malformed("not well-formed Unicode");
    all = note;
  } else {
    try {
      all = UTF8.decode(note);
    } catch {
      throw malformed("not UTF-8");
    }
  }
  if (FORBIDDEN_CONTROL.test(all)) throw malformed("a control character other than newline");
  return all;
}
function indexVerifiers(verifiers) {
  const known = /* @__PURE__ */ new Map();
  for (const v of verifiers) {
    const key2 = `${v.keyId} ${v.name}`;
    const earlier = known.get(key2);
    known.set(key2, earlier === void 0 || earlier === v ? v : "ambiguous");
  }
  return known;
}
function malformed(why) {
  return new RecordError("malformed-note", `malformed note: ${why}`);
}

// src/record/checkpoint.ts
var SIZE = /^(?:0|[1-9][0-9]*)$/;
function parseCheckpoint(text) {
  if (!text.endsWith("\n")) throw malformed2("the text must end in a newline");
  const [origin, sizeText, rootText, ...extensions] = text.slice(0, -1).split("\n");
  if (rootText === void 0) throw malformed2("fewer than three lines");
  if (origin === "") throw malformed2("empty origin");
  if (!SIZE.test(sizeText) || !Number.isSafeInteger(Number(sizeText))) {
    throw malformed2(`bad tree size ${JSON.stringify(sizeText)}`);
  }
  const root = decodeBase64(rootText);
  if (root === null || root.length !== HASH_SIZE) throw malformed2("the root hash is not base64 of 32 bytes");
  if (extensions.includes("")) throw malformed2("empty extension line");
  return { origin, size: Number(sizeText), root, extensions };
}
function openCheckpoint(note, verifiers, origin) {
  const opened = openNote(note, verifiers);
  const checkpoint = parseCheckpoint(opened.text);
  if (checkpoint.origin !== origin) {
    const why = `checkpoint of ${JSON.stringify(checkpoint.origin)}, want ${JSON.stringify(origin)}`;
    throw new RecordError("origin-mismatch", why);
  }
  return { ...checkpoint, note: opened };
}
function malformed2(why) {
  return new RecordError("malformed-checkpoint", `malformed checkpoint: ${why}`);
}

// src/record/proofs.ts
function consistencyProof(oldSize, newSize, read) {
  if (!isCount(oldSize) || !isCount(newSize) || oldSize < 1 || oldSize > newSize) {
    throw new RangeError(`no consistency proof from ${oldSize} to ${newSize}`);
  }
  const proof = [];
  let m = oldSize;
  let start = 0;
  let end = newSize;
  let whole = true;
  while (m !== end - start) {
    const k = splitPoint(end - start);
    if (m <= k) {
      proof.push(rangeHash(start + k, end, read));
      end = start + k;
    } else {
      proof.push(rangeHash(start, start + k, read));
      start += k;
      m -= k;
      whole = false;
    }
  }
  if (!whole) proof.push(rangeHash(start, end, read));
  return proof.reverse();
}
function verifyConsistency(oldSize, newSize, proof, oldRoot, newRoot) {
  if (oldSize === newSize && isCount(oldSize) && oldSize > 0) return proof.length === 0 && bytesEqual(oldRoot, newRoot);
  const roots = consistencyRoots(oldSize, newSize, proof, oldRoot);
  return roots !== null && bytesEqual(roots.oldRoot, oldRoot) && bytesEqual(roots.newRoot, newRoot);
}
function consistencyRoots(oldSize, newSize, proof, oldRoot) {
  if (!isCount(oldSize) || !isCount(newSize) || oldSize >= newSize || oldSize === 0) return null;
  if (proof.length === 0 || oldRoot.length !== HASH_SIZE || !allHashes(proof)) return null;
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : proof;
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0];
  let sr = path[0];
  for (let i = 1; i < path.length; i++) {
    const c = path[i];
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? { oldRoot: fr, newRoot: sr } : null;
}
function isCount(n) {
  return Number.isSafeInteger(n) && n >= 0;
}
function isPowerOfTwo(n) {
  let p = 1;
  while (p < n) p *= 2;
  return p === n;
}
function allHashes(proof) {
  return proof.every((p) => p instanceof Uint8Array && p.length === HASH_SIZE);
}

// src/audit/audit-state.ts
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
var AuditUsageError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "AuditUsageError";
  }
};
function defaultStatePath(origin, env = process.env) {
  const config = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), ".config");
  let name = origin.replace(/\/+$/, "").replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\./, "_");
  if (name.length > 100) name = `${name.slice(0, 90)}-${createHash2("sha256").update(origin).digest("hex").slice(0, 8)}`;
  return join(config, "veche-audit", `${name || "_"}.json`);
}
function readState(path) {
  let text;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if (error.code === "ENOENT") return null;
    throw new AuditUsageError(`cannot read the state file ${path}: ${error.message}`);
  }
  let state;
  try {
    state = JSON.parse(text);
  } catch {
    throw new AuditUsageError(
      `the state file ${path} is not JSON; move it away to start again (and lose the pinned key)`
    );
  }
  const valid = state !== null && typeof state === "object" && state.version === 1 && typeof state.origin === "string" && typeof state.key === "string" && typeof state.checkpoint === "string" && Number.isSafeInteger(state.size) && typeof state.root === "string" && decodeBase64(state.root)?.length === 32;
  if (!valid) throw new AuditUsageError(`the state file ${path} is not a veche audit state (version 1)`);
  return state;
}
function writeState(path, state) {
  mkdirSync(dirname(path), { recursive: true, mode: 448 });
  const temporary = `${path}.${randomBytes(6).toString("hex")}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state, null, 2)}
`, { mode: 384 });
  renameSync(temporary, path);
}

// src/record/entry-hashes.ts
function petitionTextHash(title, addressee, text) {
  return hash2("sha256", JSON.stringify([title, addressee, text]), "hex");
}
function responseHash(response) {
  return hash2("sha256", response, "hex");
}
function eventTextHash(title, addressee, description) {
  return hash2("sha256", JSON.stringify([title, addressee, description]), "hex");
}
function questionTextHash(text) {
  return hash2("sha256", text, "hex");
}

// src/record/tile-path.ts
var FULL_WIDTH = 256;
var MAX_TILE_LEVEL = 63;
function encodeTileIndex(n) {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`bad tile index ${n}`);
  let rest2 = Math.floor(n / 1e3);
  let path = threeDigits(n % 1e3);
  while (rest2 > 0) {
    path = `x${threeDigits(rest2 % 1e3)}/${path}`;
    rest2 = Math.floor(rest2 / 1e3);
  }
  return path;
}
function tilePath(level, n, width = FULL_WIDTH) {
  if (!Number.isInteger(level) || level < 0 || level > MAX_TILE_LEVEL) throw new RangeError(`bad tile level ${level}`);
  return `tile/${level}/${encodeTileIndex(n)}${widthSuffix(width)}`;
}
function entriesPath(n, width = FULL_WIDTH) {
  return `tile/entries/${encodeTileIndex(n)}${widthSuffix(width)}`;
}
var TILE_PATH = /^tile\/(entries|0|[1-9][0-9]?)\/((?:x[0-9]{3}\/)*)([0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/;
function parseTilePath(path) {
  const match = TILE_PATH.exec(path);
  if (match === null) return null;
  const [, levelText, groups, last, widthText] = match;
  const level = levelText === "entries" ? "entries" : Number(levelText);
  if (level !== "entries" && level > MAX_TILE_LEVEL) return null;
  const width = widthText === void 0 ? FULL_WIDTH : Number(widthText);
  if (widthText !== void 0 && width >= FULL_WIDTH) return null;
  let n = 0;
  for (const group of groups.split("/")) {
    if (group !== "") n = n * 1e3 + Number(group.slice(1));
  }
  n = n * 1e3 + Number(last);
  if (!Number.isSafeInteger(n)) return null;
  if (encodeTileIndex(n) !== `${groups}${last}`) return null;
  return { level, n, width };
}
function widthSuffix(width) {
  if (!Number.isInteger(width) || width < 1 || width > FULL_WIDTH) throw new RangeError(`bad tile width ${width}`);
  return width === FULL_WIDTH ? "" : `.p/${width}`;
}
function threeDigits(n) {
  return String(n).padStart(3, "0");
}

// src/record/bundle.ts
function decodeBundle(bundle, width) {
  if (width !== void 0 && (!Number.isInteger(width) || width < 1 || width > FULL_WIDTH)) {
    throw new RangeError(`bad bundle width ${width}`);
  }
  const entries = [];
  let at = 0;
  while (at < bundle.length) {
    if (entries.length === FULL_WIDTH) throw new RecordError("malformed-bundle", `more than ${FULL_WIDTH} entries`);
    if (at + 2 > bundle.length) throw new RecordError("malformed-bundle", `truncated length at byte ${at}`);
    const length = bundle[at] << 8 | bundle[at + 1];
    const end = at + 2 + length;
    if (end > bundle.length) throw new RecordError("malformed-bundle", `entry ${entries.length} truncated`);
    entries.push(bundle.subarray(at + 2, end));
    at = end;
  }
  if (entries.length === 0) throw new RecordError("malformed-bundle", "empty bundle");
  if (width !== void 0 && entries.length !== width) {
    throw new RecordError("malformed-bundle", `${entries.length} entries, want ${width}`);
  }
  return entries;
}

// src/record/tiles.ts
var TILE_HEIGHT = 8;
function tileCounts(size, level) {
  checkSize(size);
  if (!Number.isInteger(level) || level < 0 || level > MAX_TILE_LEVEL) throw new RangeError(`bad tile level ${level}`);
  const hashes = Math.floor(size / FULL_WIDTH ** level);
  return { full: Math.floor(hashes / FULL_WIDTH), partialWidth: hashes % FULL_WIDTH };
}
function partialTiles(size) {
  checkSize(size);
  const tiles = [];
  for (let level = 0; Math.floor(size / FULL_WIDTH ** level) > 0; level++) {
    const { full, partialWidth } = tileCounts(size, level);
    if (partialWidth > 0) tiles.push({ level, n: full, width: partialWidth });
  }
  return tiles;
}
function tileHashes(tile, data) {
  const wanted = tile.width * HASH_SIZE;
  if (data.length < wanted || data.length > FULL_WIDTH * HASH_SIZE || data.length % HASH_SIZE !== 0) {
    throw new RecordError("malformed-tile", `tile ${tile.level}/${tile.n} has ${data.length} bytes, want ${wanted}`);
  }
  return data.subarray(0, wanted);
}
function tileHashReader(size, readTile3) {
  checkSize(size);
  return (level, index) => {
    const { tile, start, count: count3 } = locate(size, level, index);
    const hashes = tileHashes(tile, readTile3(tile)).subarray(start * HASH_SIZE, (start + count3) * HASH_SIZE);
    return count3 === 1 ? new Uint8Array(hashes) : packedRoot(hashes);
  };
}
function locate(size, level, index) {
  checkSize(size);
  if (!Number.isInteger(level) || level < 0 || level > 63) throw new RangeError(`bad tree level ${level}`);
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`bad subtree index ${index}`);
  const tileLevel = Math.floor(level / TILE_HEIGHT);
  const count3 = 2 ** (level - tileLevel * TILE_HEIGHT);
  const first = index * count3;
  const n = Math.floor(first / FULL_WIDTH);
  const start = first - n * FULL_WIDTH;
  const available = Math.floor(size / FULL_WIDTH ** tileLevel) - n * FULL_WIDTH;
  if (available < start + count3) throw new RangeError(`subtree ${level}/${index} is not complete in a tree of ${size}`);
  return { tile: { level: tileLevel, n, width: Math.min(FULL_WIDTH, available) }, start, count: count3 };
}
function checkSize(size) {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`bad tree size ${size}`);
}

// src/record/sequencer.ts
var MAX_BATCH = 1e4;

// src/audit/merge-forest.ts
var MergeForest = class {
  /** cyclic lists the questions on a cycle of merges, or merged into one: the record is wrong about them. */
  cyclic = [];
  // Post-order numbering, children before parents: q is number order[q], and the questions below it are numbered
  // first[q] to order[q] − 1. −1 for the cyclic ones.
  #order;
  #first;
  #post;
  #numbered;
  constructor(into) {
    const n = into.length;
    const childCount = new Int32Array(n + 1);
    for (let q = 0; q < n; q++) if (into[q] >= 0) childCount[into[q] + 1]++;
    for (let q = 0; q < n; q++) childCount[q + 1] += childCount[q];
    const children = new Int32Array(Math.max(1, childCount[n]));
    const fill = childCount.slice(0, n);
    for (let q = 0; q < n; q++) if (into[q] >= 0) children[fill[into[q]]++] = q;
    this.#order = new Int32Array(n).fill(-1);
    this.#first = new Int32Array(n).fill(-1);
    this.#post = new Int32Array(n);
    let next = 0;
    const stack = [];
    const cursor = new Int32Array(n);
    for (let root = 0; root < n; root++) {
      if (into[root] >= 0) continue;
      stack.push(root);
      this.#first[root] = next;
      cursor[root] = childCount[root];
      while (stack.length > 0) {
        const q = stack[stack.length - 1];
        if (cursor[q] < childCount[q + 1]) {
          const child = children[cursor[q]++];
          this.#first[child] = next;
          cursor[child] = childCount[child];
          stack.push(child);
        } else {
          stack.pop();
          this.#order[q] = next;
          this.#post[next++] = q;
        }
      }
    }
    this.#numbered = next;
    for (let q = 0; q < n; q++) if (this.#order[q] < 0) this.cyclic.push(q);
  }
  /** sum returns, for each question, the sum of `values` over it and every question merged into it, transitively. */
  sum(values) {
    const sums = new Float64Array(this.#order.length);
    const prefix = new Float64Array(this.#numbered + 1);
    for (let i = 0; i < this.#numbered; i++) prefix[i + 1] = prefix[i] + values[this.#post[i]];
    for (let q = 0; q < sums.length; q++) {
      if (this.#order[q] >= 0) sums[q] = prefix[this.#order[q] + 1] - prefix[this.#first[q]];
    }
    return sums;
  }
  /** inCycle tells whether `q` is one of `cyclic`. */
  inCycle(q) {
    return this.#order[q] < 0;
  }
  /** below tells whether `q` is `ancestor` or was merged into it, transitively. */
  below(q, ancestor) {
    if (this.#order[q] < 0 || this.#order[ancestor] < 0) return q === ancestor;
    return this.#first[ancestor] <= this.#order[q] && this.#order[q] <= this.#order[ancestor];
  }
};

// src/audit/vote-table.ts
var ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
var DIGITS = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DIGITS[ALPHABET.charCodeAt(i)] = i;
var HALF = 6;
var TWO_32 = 2 ** 32;
var MAX_LOAD = 0.7;
var VoteTable = class {
  /** size is how many vote ids the table holds. */
  size = 0;
  // Four words a slot: the low 32 bits of each half of the id, then (the high bits of both halves) + 1, 0 when the
  // slot is empty; then the number kept.
  #slots;
  #mask;
  #used = 0;
  #seed = randomBytes(4).readUInt32LE(0);
  #other = /* @__PURE__ */ new Map();
  constructor(capacity = 1024) {
    const slots = 2 ** Math.ceil(Math.log2(Math.max(16, capacity)));
    this.#slots = new Uint32Array(slots * 4);
    this.#mask = slots - 1;
  }
  /** get returns the number kept for a vote id, or -1 when there is none. */
  get(id2) {
    const key2 = pack(id2);
    if (key2 === null) return this.#other.get(id2) ?? -1;
    const slot = this.#find(key2[0], key2[1], key2[2]);
    return this.#slots[slot * 4 + 2] === 0 ? -1 : this.#slots[slot * 4 + 3];
  }
  /** set keeps `value` (0 to 2^32 − 1) for a vote id. */
  set(id2, value) {
    const key2 = pack(id2);
    if (key2 === null) {
      if (!this.#other.has(id2)) this.size++;
      this.#other.set(id2, value >>> 0);
      return;
    }
    let slot = this.#find(key2[0], key2[1], key2[2]);
    if (this.#slots[slot * 4 + 2] === 0) {
      if (this.#used + 1 > MAX_LOAD * (this.#mask + 1)) {
        this.#grow();
        slot = this.#find(key2[0], key2[1], key2[2]);
      }
      this.#slots.set(key2, slot * 4);
      this.#used++;
      this.size++;
    }
    this.#slots[slot * 4 + 3] = value;
  }
  /** entries yields every vote id and the number kept for it, in no particular order. */
  *entries() {
    const slots = this.#slots;
    for (let slot = 0; slot <= this.#mask; slot++) {
      const high = slots[slot * 4 + 2];
      if (high === 0) continue;
      const first = Math.floor((high - 1) / 16) * TWO_32 + slots[slot * 4];
      const second = (high - 1) % 16 * TWO_32 + slots[slot * 4 + 1];
      yield [`v${base58(first)}${base58(second)}`, slots[slot * 4 + 3]];
    }
    yield* this.#other;
  }
  /** bytes is the memory the table holds, for a report on its cost. */
  get bytes() {
    return this.#slots.byteLength;
  }
  // Linear probing from a seeded hash: ids are random, but a record is not trusted, and ids made to collide under a
  // hash it can predict would make the audit quadratic.
  #find(a, b, c) {
    const slots = this.#slots;
    let slot = mix(mix(a ^ this.#seed) ^ Math.imul(b, 2654435761) ^ Math.imul(c, 2246822507)) & this.#mask;
    for (; ; ) {
      const at = slot * 4;
      if (slots[at + 2] === 0 || slots[at] === a && slots[at + 1] === b && slots[at + 2] === c) return slot;
      slot = slot + 1 & this.#mask;
    }
  }
  #grow() {
    const old = this.#slots;
    this.#slots = new Uint32Array(old.length * 2);
    this.#mask = old.length / 2 - 1;
    for (let at = 0; at < old.length; at += 4) {
      if (old[at + 2] === 0) continue;
      this.#slots.set(old.subarray(at, at + 4), this.#find(old[at], old[at + 1], old[at + 2]) * 4);
    }
  }
};
function pack(id2) {
  if (id2.length !== 1 + 2 * HALF || id2.charCodeAt(0) !== 118) return null;
  let first = 0;
  let second = 0;
  for (let i = 0; i < HALF; i++) {
    const x = DIGITS[id2.charCodeAt(1 + i) & 127];
    const y = DIGITS[id2.charCodeAt(1 + HALF + i) & 127];
    if (x < 0 || y < 0 || id2.charCodeAt(1 + i) > 127 || id2.charCodeAt(1 + HALF + i) > 127) return null;
    first = first * 58 + x;
    second = second * 58 + y;
  }
  const high = Math.floor(first / TWO_32) * 16 + Math.floor(second / TWO_32) + 1;
  return [first >>> 0, second >>> 0, high];
}
function base58(value) {
  let out = "";
  for (let i = 0; i < HALF; i++) {
    out = ALPHABET[value % 58] + out;
    value = Math.floor(value / 58);
  }
  return out;
}
function mix(h) {
  h = Math.imul(h ^ h >>> 16, 2246822507);
  h = Math.imul(h ^ h >>> 13, 3266489909);
  return (h ^ h >>> 16) >>> 0;
}

// src/audit/event-tally.ts
function questionStatus(q) {
  if (q.merged >= 0) return "merged";
  if (q.hides > q.restores) return "hidden";
  if (q.answers > 0) return "answered";
  if (q.askedStatus === "published" || q.approvals > 0) return "published";
  return "pending";
}
var ORIGIN = 1073741823;
var WITHDRAWN = 1073741824;
var NEAR = 32;
var EventTally = class {
  events = /* @__PURE__ */ new Map();
  questions = /* @__PURE__ */ new Map();
  #findings;
  #list = [];
  #votes = new VoteTable();
  // Votes withdrawn before the record added them (within one batch, that is fine): where, from which question, why.
  #early = /* @__PURE__ */ new Map();
  // Withdrawals naming a question that the vote's own question is not (yet) known to be merged into.
  #unsettled = [];
  #marks = null;
  #eventMarks = /* @__PURE__ */ new Map();
  constructor(findings) {
    this.#findings = findings;
  }
  /** votes is how many vote ids the audit holds, and voteBytes what they cost. */
  get votes() {
    return this.#votes.size;
  }
  get voteBytes() {
    return this.#votes.bytes;
  }
  /** add reads one well-formed entry at leaf `index`; entries must come in log order. */
  add(entry, index) {
    const event = this.#event(entry.event);
    if (entry.type === "event.opened") return this.#opened(event, entry, index);
    if (event.opened < 0 && event.earliest < 0) event.earliest = index;
    if (entry.type === "event.closed") {
      if (event.closed >= 0)
        this.#problem("event-closed-twice", `event ${event.code} is closed again at entry ${index}`, index, event.code);
      else event.closed = index;
      return;
    }
    const q = this.#question(entry.question, event, index);
    if (q === null) return;
    if (entry.type === "question.added") return this.#asked(event, q, entry, index);
    if (q.added < 0 && q.earliest < 0) q.earliest = index;
    if (q.merged >= 0 && index - q.merged >= MAX_BATCH && entry.type !== "question.merged") {
      const message = `question ${q.id} is named by ${entry.type} at entry ${index}, more than one batch (${MAX_BATCH}) after it was merged at ${q.merged}`;
      this.#problem("question-state-mismatch", message, index, event.code, q.id);
    }
    switch (entry.type) {
      case "question.approved":
        q.approvals++;
        return;
      case "question.hidden":
        q.hides++;
        q.hiddenReason = entry.reason;
        return;
      case "question.restored":
        q.restores++;
        return;
      case "question.answered":
        q.answers++;
        return;
      case "question.pinned":
      case "question.unpinned":
        return;
      // pins are counted by type; they change no count
      case "question.merged":
        if (q.merged >= 0) {
          this.#problem(
            "question-state-mismatch",
            `question ${q.id} is merged again at entry ${index}`,
            index,
            event.code,
            q.id
          );
          return;
        }
        q.merged = index;
        q.into = entry.into;
        q.moved = entry.moved;
        return;
      case "vote.added":
        return this.#voteAdded(event, q, entry.vote, index);
      case "vote.withdrawn":
        return this.#voteWithdrawn(event, q, entry.vote, entry.reason === "merged", index);
    }
  }
  /** mark remembers every question's votes and status now, for markOf and removedSinceMark. */
  mark() {
    const votes = this.votesNow();
    this.#marks = new Map(
      this.#list.map((q) => [
        q,
        {
          votes: votes[q.index],
          status: questionStatus(q),
          hides: q.hides,
          restores: q.restores,
          hiddenReason: q.hiddenReason
        }
      ])
    );
    this.#eventMarks = new Map(
      [...this.events.values()].map((e) => {
        const counts = this.countsOf(e);
        return [e.code, { asked: counts.asked, votes: counts.votes, closed: e.closed >= 0 }];
      })
    );
    for (const q of this.#list) q.withdrawnSinceMark = 0;
  }
  /** markOf is a question as the record stood at mark(), or undefined if the record did not name it yet. */
  markOf(q) {
    return this.#marks?.get(q);
  }
  /** eventMarkOf is an event's questions asked, votes, and whether it was closed, at mark(). */
  eventMarkOf(code) {
    return this.#eventMarks.get(code) ?? { asked: 0, votes: 0, closed: false };
  }
  /** votesNow is each question's vote count (by index), merges folded in; a merged question's are also its target's. */
  votesNow() {
    return this.#forest().sum(this.#list.map((q) => q.votesAdded - q.votesWithdrawn));
  }
  /** removedSinceMark is, for each question (by index), how many of the votes folded into it were withdrawn since mark(). */
  removedSinceMark() {
    return this.#forest().sum(this.#list.map((q) => q.withdrawnSinceMark));
  }
  /** countsOf is an event's counters by the record now: its questions by status, hidden ones by reason, its votes. */
  countsOf(event) {
    const counts = { asked: 0, published: 0, answered: 0, pending: 0, merged: 0, votes: 0, hidden: {} };
    for (const q of event.questions) {
      counts.votes += q.votesAdded - q.votesWithdrawn;
      if (q.added < 0) continue;
      counts.asked++;
      const status = questionStatus(q);
      if (status === "hidden") counts.hidden[q.hiddenReason] = (counts.hidden[q.hiddenReason] ?? 0) + 1;
      else counts[status]++;
    }
    return counts;
  }
  /** finish runs the checks that need the whole record: what was never opened or added, merges, moved votes. */
  finish() {
    for (const e of this.events.values()) {
      if (e.opened < 0)
        this.#problem(
          "event-never-opened",
          `event ${e.code} has entries from entry ${e.earliest} on but was never opened`,
          e.earliest,
          e.code
        );
    }
    for (const q of this.#list) {
      if (q.added < 0) {
        this.#problem(
          "question-never-added",
          `question ${q.id} of event ${q.event} has entries from entry ${q.earliest} on but was never added`,
          q.earliest,
          q.event,
          q.id
        );
      } else {
        this.#checkStates(q);
      }
      if (q.merged >= 0) this.#checkInto(q);
    }
    for (const [vote, early] of this.#early) {
      const message = `vote ${vote} is withdrawn from question ${early.at.id} at entry ${early.index} but was never added`;
      this.#problem("vote-never-added", message, early.index, early.at.event, early.at.id, vote);
    }
    const forest = this.#forest();
    for (const q of forest.cyclic) {
      const c = this.#list[q];
      this.#problem(
        "question-state-mismatch",
        `question ${c.id} is merged in a cycle (${c.id} into ${c.into}, \u2026)`,
        c.merged,
        c.event,
        c.id
      );
    }
    this.#checkMoved(forest);
    for (const w of this.#unsettled) {
      if (forest.below(w.origin.index, w.at.index) && (!w.merged || w.at.merged >= 0)) continue;
      const message = w.merged && w.at.merged < 0 ? `vote ${w.vote} is withdrawn as a duplicate at a merge of question ${w.at.id}, at entry ${w.index}, but that question was never merged` : `vote ${w.vote} is withdrawn from question ${w.at.id} at entry ${w.index}, but it is a vote for ${w.origin.id}, which was not merged into ${w.at.id}`;
      this.#problem("vote-question-mismatch", message, w.index, w.at.event, w.at.id, w.vote);
    }
  }
  #opened(event, entry, index) {
    if (event.opened >= 0) {
      this.#problem("event-opened-twice", `event ${event.code} is opened again at entry ${index}`, index, event.code);
      return;
    }
    event.opened = index;
    event.sha256 = entry.sha256;
    event.moderation = entry.moderation;
    if (event.earliest >= 0 && index - event.earliest >= MAX_BATCH) {
      const message = `event ${event.code} has entry ${event.earliest} more than one batch (${MAX_BATCH}) before it was opened at ${index}`;
      this.#problem("entry-before-opened", message, event.earliest, event.code);
    }
    event.earliest = -1;
  }
  #asked(event, q, entry, index) {
    if (q.added >= 0) {
      this.#problem(
        "question-added-twice",
        `question ${q.id} is added again at entry ${index}`,
        index,
        event.code,
        q.id
      );
      return;
    }
    q.added = index;
    q.sha256 = entry.sha256;
    q.askedStatus = entry.status;
    if (q.earliest >= 0 && index - q.earliest >= MAX_BATCH) {
      const message = `question ${q.id} is named at entry ${q.earliest}, more than one batch (${MAX_BATCH}) before it is added at ${index}`;
      this.#problem("question-entry-before-added", message, q.earliest, event.code, q.id);
    }
    q.earliest = -1;
    this.#afterClose(event, index, `question ${q.id} is asked`, q.id);
  }
  #voteAdded(event, q, vote, index) {
    this.#afterClose(event, index, `vote ${vote} is cast`, q.id, vote);
    const state = this.#votes.get(vote);
    if (state >= 0 && (state & ORIGIN) !== 0) {
      this.#problem("vote-added-twice", `vote ${vote} is added again at entry ${index}`, index, event.code, q.id, vote);
      return;
    }
    q.votesAdded++;
    if (state < 0) {
      this.#votes.set(vote, q.index + 1);
      return;
    }
    this.#votes.set(vote, q.index + 1 | WITHDRAWN);
    const early = this.#early.get(vote);
    this.#early.delete(vote);
    if (index - early.index >= MAX_BATCH) {
      const message = `vote ${vote} is withdrawn at entry ${early.index}, more than one batch (${MAX_BATCH}) before it is added at ${index}`;
      this.#problem("vote-withdrawn-before-added", message, early.index, event.code, q.id, vote);
    }
    this.#withdrawn(q, early.at, early.merged, early.sinceMark, vote, early.index);
  }
  #voteWithdrawn(event, at, vote, merged, index) {
    if (!merged) this.#afterClose(event, index, `vote ${vote} is withdrawn`, at.id, vote);
    const state = this.#votes.get(vote);
    if (state >= 0 && (state & WITHDRAWN) !== 0) {
      this.#problem(
        "vote-withdrawn-twice",
        `vote ${vote} is withdrawn again at entry ${index}`,
        index,
        event.code,
        at.id,
        vote
      );
      return;
    }
    if (state < 0) {
      this.#votes.set(vote, WITHDRAWN);
      this.#early.set(vote, { index, at, merged, sinceMark: this.#marks !== null });
      return;
    }
    this.#votes.set(vote, state | WITHDRAWN);
    this.#withdrawn(this.#list[(state & ORIGIN) - 1], at, merged, this.#marks !== null, vote, index);
  }
  #withdrawn(origin, at, merged, sinceMark, vote, index) {
    origin.votesWithdrawn++;
    if (merged) origin.withdrawnAtMerge++;
    if (sinceMark) origin.withdrawnSinceMark++;
    let on = origin;
    for (let hops = 0; on !== void 0 && on !== at && hops < NEAR; hops++) on = this.#into(on);
    if (on === at && (!merged || at.merged >= 0)) return;
    this.#unsettled.push({ vote, origin, at, merged, index });
  }
  #checkStates(q) {
    const wrong = [];
    if (q.approvals > 1 || q.approvals > 0 && q.askedStatus === "published")
      wrong.push(`approved ${q.approvals} time(s) after being asked ${q.askedStatus}`);
    if (q.answers > 1) wrong.push(`answered ${q.answers} times`);
    if (q.restores > q.hides || q.hides > q.restores + 1)
      wrong.push(`hidden ${q.hides} and restored ${q.restores} times`);
    if (q.votesAdded > 0 && q.askedStatus === "pending" && q.approvals === 0)
      wrong.push(`voted for ${q.votesAdded} time(s) but never published`);
    if (wrong.length > 0)
      this.#problem("question-state-mismatch", `question ${q.id} is ${wrong.join("; ")}`, q.added, q.event, q.id);
  }
  #checkInto(q) {
    const into = this.questions.get(q.into);
    if (into === void 0 || into.added < 0) {
      const message = `question ${q.id} is merged at entry ${q.merged} into ${q.into}, which the record never added`;
      this.#problem("question-merged-into-unknown", message, q.merged, q.event, q.id);
    } else if (into.event !== q.event) {
      const message = `question ${q.id} of event ${q.event} is merged at entry ${q.merged} into ${into.id} of event ${into.event}`;
      this.#problem("question-event-mismatch", message, q.merged, q.event, q.id);
    }
  }
  #checkMoved(forest) {
    const remaining = forest.sum(this.#list.map((q) => q.votesAdded - q.votesWithdrawn));
    const byVoters = forest.sum(this.#list.map((q) => q.votesWithdrawn - q.withdrawnAtMerge));
    for (const q of this.#list) {
      if (q.merged < 0 || forest.inCycle(q.index)) continue;
      const low = remaining[q.index];
      const high = low + byVoters[q.index];
      if (q.moved >= low && q.moved <= high) continue;
      const allowed = low === high ? `${low}` : `${low} to ${high}`;
      const message = `question ${q.id} is merged at entry ${q.merged} moving ${q.moved} votes, but the record's votes for it allow ${allowed}`;
      this.#problem("merge-moved-mismatch", message, q.merged, q.event, q.id);
    }
  }
  #afterClose(event, index, what, question2, vote) {
    if (event.closed >= 0 && index - event.closed >= MAX_BATCH) {
      const message = `${what} in event ${event.code} at entry ${index}, more than one batch (${MAX_BATCH}) after it closed at ${event.closed}`;
      this.#problem("entry-after-closed", message, index, event.code, question2, vote);
    }
  }
  #into(q) {
    if (q.into === null) return void 0;
    const into = this.questions.get(q.into);
    return into !== void 0 && into.event === q.event ? into : void 0;
  }
  #forest() {
    return new MergeForest(this.#list.map((q) => this.#into(q)?.index ?? -1));
  }
  #event(code) {
    let event = this.events.get(code);
    if (event === void 0) {
      event = { code, opened: -1, sha256: null, moderation: null, closed: -1, earliest: -1, questions: [] };
      this.events.set(code, event);
    }
    return event;
  }
  #question(id2, event, index) {
    let q = this.questions.get(id2);
    if (q === void 0) {
      if (this.#list.length >= ORIGIN - 1)
        throw new RangeError("the record names more questions than one audit can hold");
      q = {
        id: id2,
        event: event.code,
        index: this.#list.length,
        added: -1,
        earliest: -1,
        sha256: null,
        askedStatus: null,
        approvals: 0,
        hides: 0,
        restores: 0,
        hiddenReason: null,
        answers: 0,
        merged: -1,
        into: null,
        moved: 0,
        votesAdded: 0,
        votesWithdrawn: 0,
        withdrawnAtMerge: 0,
        withdrawnSinceMark: 0
      };
      this.questions.set(id2, q);
      this.#list.push(q);
      event.questions.push(q);
    } else if (q.event !== event.code) {
      const message = `entry ${index} names question ${id2} in event ${event.code}, but it belongs to event ${q.event}`;
      this.#problem("question-event-mismatch", message, index, event.code, id2);
      return null;
    }
    return q;
  }
  #problem(code, message, index, event, question2, vote) {
    this.#findings.discrepancy({
      code,
      message,
      index,
      event,
      ...question2 === void 0 ? {} : { question: question2 },
      ...vote === void 0 ? {} : { vote }
    });
  }
};

// src/audit/compare-events.ts
var QUESTION_LISTS = ["popular", "recent", "answered", "hidden"];
var MAX_JSON = 64 * 1024 * 1024;
var PAGE = 200;
var MAX_PAGES = 5e3;
async function readSiteEvents(client, codes, findings) {
  const events = /* @__PURE__ */ new Map();
  await Promise.all(
    codes.map(async (code) => {
      const path = `/api/events/${encodeURIComponent(code)}`;
      const raw = await client.json(path, MAX_JSON);
      if (raw === null) {
        events.set(code, null);
        return;
      }
      const event = readSiteEvent(raw);
      if (event === null) {
        findings.discrepancy({
          code: "api-malformed",
          event: code,
          message: `GET ${path} is not an event with counts`
        });
        return;
      }
      const view = { event, lists: /* @__PURE__ */ new Map() };
      await Promise.all(
        QUESTION_LISTS.map(async (list) => {
          const questions = await readList(client, `${path}/questions?list=${list}`);
          if (questions !== null) view.lists.set(list, questions);
          else
            findings.discrepancy({
              code: "api-malformed",
              event: code,
              message: `GET ${path}/questions?list=${list} is not a list of questions`
            });
        })
      );
      events.set(code, view);
    })
  );
  return events;
}
async function readList(client, path) {
  const questions = /* @__PURE__ */ new Map();
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = readSiteQuestions(await client.json(`${path}&limit=${PAGE}&offset=${page * PAGE}`, MAX_JSON));
    if (answer === null) return null;
    const before = questions.size;
    for (const q of answer) if (!questions.has(q.id)) questions.set(q.id, q);
    if (answer.length < PAGE || questions.size === before) break;
  }
  return [...questions.values()];
}
function eventsBehindRecord(tally, site2) {
  return compare(tally, site2).filter((f) => f.kind === "discrepancy" && f.settles).map((f) => f.finding.question ?? f.finding.event);
}
function compareEvents(tally, site2, findings) {
  for (const f of compare(tally, site2)) {
    if (f.kind === "discrepancy") findings.discrepancy(f.finding);
    else findings.note(f.finding);
  }
  return [...tally.events.values()].map((e) => {
    const view = site2.get(e.code);
    return {
      code: e.code,
      status: e.opened < 0 ? "never-opened" : e.closed >= 0 ? "closed" : "open",
      moderation: e.moderation,
      record: tally.countsOf(e),
      site: view?.event.counts ?? null,
      siteStatus: view?.event.status ?? null
    };
  }).sort((a, b) => b.record.votes - a.record.votes || (a.code < b.code ? -1 : 1));
}
function compare(tally, site2) {
  const found = [];
  const votesNow = tally.votesNow();
  const removedSince = tally.removedSinceMark();
  const seen = /* @__PURE__ */ new Set();
  const add = (finding) => {
    const key2 = finding.finding.question === void 0 ? null : `${finding.finding.code} ${finding.finding.question}`;
    if (key2 === null || !seen.has(key2)) found.push(finding);
    if (key2 !== null) seen.add(key2);
  };
  const problem = (code, message, where, settles = false) => add({ kind: "discrepancy", finding: { code, message, ...where }, settles });
  const note = (code, message, where) => add({ kind: "note", finding: { code, message, ...where }, settles: false });
  for (const e of tally.events.values()) {
    if (e.opened < 0 || !site2.has(e.code)) continue;
    const view = site2.get(e.code);
    const where = { event: e.code };
    if (view === null || view === void 0) {
      problem("api-event-missing", `the record opened event ${e.code}, the site answers 404 for it`, where);
      continue;
    }
    compareEvent(tally, e, view.event, removedSince, problem, note);
    for (const [list, questions] of view.lists) {
      for (const shown of questions) {
        compareQuestion(e, list, shown, tally.questions.get(shown.id), tally, votesNow, removedSince, problem, note);
      }
    }
  }
  return found;
}
function compareEvent(tally, e, shown, removedSince, problem, note) {
  const where = { event: e.code };
  const now = tally.countsOf(e);
  const marked = tally.eventMarkOf(e.code);
  let removed = 0;
  for (const q of e.questions) removed += removedSince[q.index];
  if (shown.counts.asked < marked.asked) {
    problem(
      "api-count-lower",
      `event ${e.code}: the site shows ${shown.counts.asked} questions asked, the record holds ${marked.asked}`,
      where,
      true
    );
  } else if (shown.counts.asked > now.asked) {
    note(
      "site-count-ahead",
      `event ${e.code}: the site shows ${shown.counts.asked} questions asked, ${shown.counts.asked - now.asked} more than the record holds yet`,
      where
    );
  }
  if (shown.counts.votes < marked.votes - removed) {
    problem(
      "api-count-lower",
      `event ${e.code}: the site shows ${shown.counts.votes} votes, the record holds ${now.votes}`,
      where,
      true
    );
  } else if (shown.counts.votes > now.votes) {
    note(
      "site-count-ahead",
      `event ${e.code}: the site shows ${shown.counts.votes} votes, ${shown.counts.votes - now.votes} more than the record holds yet`,
      where
    );
  }
  if (marked.closed && shown.status === "open") {
    problem("api-status-mismatch", `the record closed event ${e.code}, the site shows it open`, where);
  } else if (e.closed < 0 && shown.status === "closed") {
    note("not-yet-in-record", `the site shows event ${e.code} closed; the record does not close it yet`, where);
  }
  if (shown.text !== null && eventTextHash(shown.text.title, shown.text.addressee, shown.text.description) !== e.sha256) {
    problem(
      "api-text-mismatch",
      `event ${e.code}: the title, addressee or description on the site is not what the record opened`,
      where
    );
  }
  if (shown.moderation !== null && shown.moderation !== e.moderation) {
    problem(
      "api-moderation-mismatch",
      `event ${e.code}: the site says moderation "${shown.moderation}", the record "${e.moderation}"`,
      where
    );
  }
}
function compareQuestion(e, list, shown, q, tally, votesNow, removedSince, problem, note) {
  const where = { event: e.code, question: shown.id };
  const name = `question ${shown.id} of event ${e.code} (listed as ${list})`;
  if (shown.text !== null && questionTextHash(shown.text) !== shown.sha256) {
    problem("api-text-mismatch", `${name}: the text on the site does not hash to the sha256 it shows`, where);
  } else if (shown.text === null && !(list === "hidden" && (shown.hiddenReason === "abuse" || shown.hiddenReason === "personal-data"))) {
    problem(
      "api-text-mismatch",
      `${name}: the site withholds its text without showing it hidden as abuse or personal data`,
      where
    );
  }
  if (q === void 0 || q.added < 0) {
    note("not-yet-in-record", `${name}: the record does not add it yet`, where);
    return;
  }
  if (q.event !== e.code) {
    problem("api-question-misplaced", `${name}: the record added it to event ${q.event}`, where);
    return;
  }
  if (shown.sha256 !== q.sha256)
    problem("api-text-mismatch", `${name}: the site shows sha256 ${shown.sha256}, the record ${q.sha256}`, where);
  const marked = tally.markOf(q);
  if (marked === void 0) {
    if (shown.votes > votesNow[q.index])
      note(
        "site-count-ahead",
        `${name}: the site shows ${shown.votes} votes, the record holds ${votesNow[q.index]} yet`,
        where
      );
    return;
  }
  compareStatus(name, list, shown, q, marked, problem, note, where);
  if (marked.status === "merged") return;
  const low = marked.votes - removedSince[q.index];
  if (shown.votes < low) {
    problem(
      "api-count-lower",
      `${name}: the site shows ${shown.votes} votes, the record holds ${votesNow[q.index]}`,
      where,
      true
    );
  } else if (shown.votes > votesNow[q.index]) {
    note(
      "site-count-ahead",
      `${name}: the site shows ${shown.votes} votes, ${shown.votes - votesNow[q.index]} more than the record holds yet`,
      where
    );
  }
}
function compareStatus(name, list, shown, q, marked, problem, note, where) {
  const restoredSince = q.restores > marked.restores;
  const recorded = questionStatus(q);
  if (marked.status === "merged") {
    problem(
      "api-status-mismatch",
      `${name}: the record merged it into ${q.into}, and a merged question is never listed again`,
      where
    );
  } else if ((list === "popular" || list === "recent") && marked.status === "answered") {
    problem(
      "api-status-mismatch",
      `${name}: the record answered it, and an answered question is never published again`,
      where
    );
  } else if (list !== "hidden" && marked.status === "hidden" && !restoredSince) {
    problem(
      "api-status-mismatch",
      `${name}: the record hid it (${marked.hiddenReason}) and has not restored it`,
      where,
      true
    );
  } else if (list === "hidden" && marked.status === "hidden" && shown.hiddenReason !== marked.hiddenReason && q.hides === marked.hides && !restoredSince) {
    problem(
      "api-status-mismatch",
      `${name}: the site gives the reason ${shown.hiddenReason}, the record ${marked.hiddenReason}`,
      where,
      true
    );
  } else if (listOf(recorded) !== list && !(list === "recent" && recorded === "published")) {
    note("not-yet-in-record", `${name}: the record has it ${recorded} yet`, where);
  }
}
function listOf(status) {
  return status === "published" ? "popular" : status === "answered" || status === "hidden" ? status : null;
}
function readSiteEvent(value) {
  if (!isObject(value) || !isObject(value.counts)) return null;
  const c = value.counts;
  const numbers = ["asked", "published", "answered", "pending", "merged", "votes"];
  if (!numbers.every((k) => isCount2(c[k])) || !isObject(c.hidden) || !Object.values(c.hidden).every(isCount2))
    return null;
  const optional = (key2) => typeof value[key2] === "string" ? value[key2] : null;
  const [title, addressee, description] = [optional("title"), optional("addressee"), optional("description")];
  const rules = isObject(value.rules) ? value.rules : {};
  return {
    counts: {
      asked: c.asked,
      published: c.published,
      answered: c.answered,
      pending: c.pending,
      merged: c.merged,
      votes: c.votes,
      hidden: { ...c.hidden }
    },
    status: optional("status"),
    moderation: typeof rules.moderation === "string" ? rules.moderation : optional("moderation"),
    text: title !== null && addressee !== null && description !== null ? { title, addressee, description } : null
  };
}
function readSiteQuestions(value) {
  const list = Array.isArray(value) ? value : isObject(value) && Array.isArray(value.questions) ? value.questions : null;
  if (list === null || !list.every(isSiteQuestion)) return null;
  return list;
}
function isSiteQuestion(value) {
  return isObject(value) && typeof value.id === "string" && (value.text === null || typeof value.text === "string") && typeof value.sha256 === "string" && isCount2(value.votes) && typeof value.status === "string" && (value.hiddenReason === null || typeof value.hiddenReason === "string");
}
function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
function isCount2(value) {
  return Number.isSafeInteger(value) && value >= 0;
}

// src/audit/check-attachment-files.ts
var MAX_FILE = 320 * 1024 * 1024;
async function checkAttachmentFiles(client, attachments, findings) {
  if (client.mirror !== null) return 0;
  let checked = 0;
  for (const a of attachments.attachments.values()) {
    if (a.published < 0 || a.removed >= 0) continue;
    for (const file of a.files) {
      const path = `/a/${a.id}/${file.name}`;
      const body = await client.get(path, MAX_FILE);
      checked++;
      if (body === null) {
        const message = `${path}, published at entry ${a.published}, is not served`;
        findings.discrepancy({ code: "attachment-file-missing", message, petition: a.petition, path });
      } else if (createHash2("sha256").update(body).digest("hex") !== file.sha256) {
        const message = `${path} does not hash to the SHA-256 that entry ${a.published} published`;
        findings.discrepancy({ code: "attachment-file-mismatch", message, petition: a.petition, path });
      }
    }
  }
  return checked;
}

// src/audit/compare-with-site.ts
function onlineOf(shown) {
  return shown.signatures - (shown.paper ?? 0);
}
function paperLower(tally, p, shown) {
  const { paper, paperRemovedSince } = tally.countAtMark(p.id);
  return (shown.paper ?? 0) < paper - paperRemovedSince;
}
var MAX_JSON2 = 64 * 1024 * 1024;
async function readSite(client, findings, eventCodes = []) {
  const petitions = /* @__PURE__ */ new Map();
  const details = /* @__PURE__ */ new Map();
  const [list, events] = await Promise.all([
    client.json("/api/petitions", MAX_JSON2),
    readSiteEvents(client, eventCodes, findings)
  ]);
  if (!Array.isArray(list) || !list.every(isSitePetition)) {
    findings.discrepancy({
      code: "api-malformed",
      message: "GET /api/petitions is not a list of petitions with id, status and signatures"
    });
    return { petitions, details, events };
  }
  for (const p of list) petitions.set(p.id, p);
  await Promise.all(
    list.map(async (p) => {
      const detail = await client.json(`/api/petitions/${encodeURIComponent(p.id)}`, MAX_JSON2);
      if (isSiteDetail(detail)) details.set(p.id, detail);
      else
        findings.discrepancy({
          code: "api-malformed",
          petition: p.id,
          message: `GET /api/petitions/${p.id} is not a petition`
        });
    })
  );
  return { petitions, details, events };
}
function lowerThanRecord(tally, site2) {
  const lower = [];
  for (const p of tally.petitions.values()) {
    const shown = site2.petitions.get(p.id);
    if (p.opened < 0 || shown === void 0) continue;
    const { count: count3, removedSince } = tally.countAtMark(p.id);
    if (onlineOf(shown) < count3 - removedSince || paperLower(tally, p, shown)) lower.push(p.id);
  }
  return [...lower, ...eventsBehindRecord(tally.events, site2.events)];
}
function compareWithSite(tally, site2, findings) {
  const rows = [];
  const lower = new Set(lowerThanRecord(tally, site2));
  for (const p of tally.petitions.values()) {
    const shown = site2.petitions.get(p.id);
    rows.push(row(p, shown));
    if (p.opened < 0) continue;
    if (shown === void 0) {
      findings.discrepancy({
        code: "api-petition-missing",
        petition: p.id,
        message: `the record opened petition ${p.id}, the site does not list it`
      });
      continue;
    }
    const online = onlineOf(shown);
    const { count: count3, removedSince } = tally.countAtMark(p.id);
    if (lower.has(p.id) && online < count3 - removedSince) {
      findings.discrepancy({
        code: "api-count-lower",
        petition: p.id,
        message: `petition ${p.id}: the site shows ${online} signatures online, the record holds ${p.count}`
      });
    } else if (online > p.count) {
      findings.note({
        code: "site-count-ahead",
        petition: p.id,
        message: `petition ${p.id}: the site shows ${online} signatures online, ${online - p.count} more than the record holds yet`
      });
    }
    const paper = shown.paper ?? 0;
    if (lower.has(p.id) && paperLower(tally, p, shown)) {
      findings.discrepancy({
        code: "api-paper-count-lower",
        petition: p.id,
        message: `petition ${p.id}: the site shows ${paper} signatures on paper, the record holds ${p.paper}`
      });
    } else if (paper > p.paper) {
      findings.note({
        code: "site-count-ahead",
        petition: p.id,
        message: `petition ${p.id}: the site shows ${paper} signatures on paper, ${paper - p.paper} more than the record holds yet`
      });
    }
    if (p.closed >= 0 && p.closed < tally.markedAt && shown.status === "open") {
      findings.discrepancy({
        code: "api-status-mismatch",
        petition: p.id,
        message: `the record closed petition ${p.id}, the site shows it open`
      });
    } else if (p.closed < 0 && shown.status === "closed") {
      findings.note({
        code: "not-yet-in-record",
        petition: p.id,
        message: `the site shows petition ${p.id} closed; the record does not close it yet`
      });
    }
    const detail = site2.details.get(p.id);
    if (detail !== void 0) compareDetail(p, detail, tally, findings);
  }
  for (const shown of site2.petitions.values()) {
    if ((tally.petitions.get(shown.id)?.opened ?? -1) >= 0) continue;
    findings.note({
      code: "not-yet-in-record",
      petition: shown.id,
      message: `the site lists petition ${shown.id} (${shown.signatures} signatures); the record does not open it yet`
    });
  }
  return rows.sort((a, b) => b.record + b.paper - a.record - a.paper || (a.id < b.id ? -1 : 1));
}
function compareDetail(p, detail, tally, findings) {
  compareTexts(p, detail, findings);
  if (detail.goal !== p.goal) {
    findings.discrepancy({
      code: "api-goal-mismatch",
      petition: p.id,
      message: `petition ${p.id}: the site gives the goal ${detail.goal}, the record ${p.goal}`
    });
  }
  if (detail.confirmation !== p.confirmation) {
    const message = `petition ${p.id}: the site says confirmation "${detail.confirmation}", the record "${p.confirmation}"`;
    findings.discrepancy({ code: "api-confirmation-mismatch", petition: p.id, message });
  }
  if (detail.response === null && p.responses.length > 0) {
    findings.discrepancy({
      code: "api-response-missing",
      petition: p.id,
      message: `petition ${p.id}: the record holds a response, the site shows none`
    });
  } else if (detail.response !== null && !p.responses.includes(responseHash(detail.response))) {
    findings.note({
      code: "not-yet-in-record",
      petition: p.id,
      message: `petition ${p.id}: the response on the site is not in the record yet`
    });
  }
  const shown = new Map(detail.invalidations.map((i) => [i.id, i]));
  for (const recorded of tally.invalidations.values()) {
    if (recorded.petition !== p.id) continue;
    const i = shown.get(recorded.id);
    shown.delete(recorded.id);
    if (i === void 0 || i.reason !== recorded.reason || i.signatures < recorded.signatures) {
      const site2 = i === void 0 ? "the site does not show it" : `the site shows ${i.signatures} (${i.reason})`;
      const message = `invalidation ${recorded.id} of petition ${p.id}: the record takes out ${recorded.signatures} (${recorded.reason}), ${site2}`;
      findings.discrepancy({ code: "api-invalidation-mismatch", petition: p.id, message });
    }
  }
  for (const i of shown.values()) {
    findings.note({
      code: "not-yet-in-record",
      petition: p.id,
      message: `invalidation ${i.id} of petition ${p.id} is not in the record yet`
    });
  }
}
function compareTexts(p, detail, findings) {
  const recorded = p.versions.length > 0 ? p.versions : [p.text];
  const current = detail.version ?? 1;
  const shown = [
    ...detail.versions ?? [],
    { version: current, title: detail.title, addressee: detail.addressee, text: detail.text }
  ];
  for (const v of shown) {
    if (v.version > recorded.length) {
      findings.note({
        code: "not-yet-in-record",
        petition: p.id,
        message: `petition ${p.id}: version ${v.version} of the text on the site is not in the record yet`
      });
    } else if (petitionTextHash(v.title, v.addressee, v.text) !== recorded[v.version - 1]) {
      const which = v.version === current ? "the title, addressee or text on the site" : `version ${v.version} on the site`;
      findings.discrepancy({
        code: "api-text-mismatch",
        petition: p.id,
        message: `petition ${p.id}: ${which} is not version ${v.version} as the record holds it`
      });
    }
  }
  const seen = new Set(shown.map((v) => v.version));
  for (let version = 1; version <= recorded.length; version++) {
    if (seen.has(version)) continue;
    findings.discrepancy({
      code: "api-version-missing",
      petition: p.id,
      message: version > current ? `petition ${p.id}: the record corrects the text to version ${version}, the site shows version ${current}` : `petition ${p.id}: the site does not show version ${version} of the text, which the record holds`
    });
  }
}
function row(p, shown) {
  return {
    id: p.id,
    status: p.opened < 0 ? "never-opened" : p.closed >= 0 ? "closed" : "open",
    responses: p.responses.length,
    added: p.added,
    confirmed: p.confirmed,
    withdrawn: p.withdrawn,
    invalidated: p.invalidated,
    record: p.count,
    site: shown === void 0 ? null : onlineOf(shown),
    batches: p.batches,
    paper: p.paper,
    sitePaper: shown?.paper ?? null,
    siteStatus: shown?.status ?? null
  };
}
function isSitePetition(value) {
  const p = value;
  return p !== null && typeof p === "object" && typeof p.id === "string" && typeof p.status === "string" && Number.isSafeInteger(p.signatures) && (p.online === void 0 || Number.isSafeInteger(p.online)) && (p.paper === void 0 || Number.isSafeInteger(p.paper));
}
function isSiteDetail(value) {
  const d = value;
  return d !== null && typeof d === "object" && typeof d.title === "string" && typeof d.addressee === "string" && typeof d.text === "string" && (d.response === null || typeof d.response === "string") && (d.goal === null || Number.isSafeInteger(d.goal)) && typeof d.confirmation === "string" && (d.version === void 0 || Number.isSafeInteger(d.version) && d.version >= 1) && (d.versions === void 0 || Array.isArray(d.versions) && d.versions.every(
    (v) => v !== null && typeof v === "object" && Number.isSafeInteger(v.version) && v.version >= 1 && typeof v.title === "string" && typeof v.addressee === "string" && typeof v.text === "string"
  )) && Array.isArray(d.invalidations) && d.invalidations.every(
    (i) => i !== null && typeof i === "object" && typeof i.id === "string" && typeof i.reason === "string" && Number.isSafeInteger(i.signatures)
  );
}

// src/audit/findings.ts
var MAX_LISTED = 50;
var Findings = class {
  discrepancies = [];
  notes = [];
  /** counts is how many of each code were found, listed or not. */
  counts = /* @__PURE__ */ new Map();
  #tree = 0;
  /** discrepancy records a failure of the audit. */
  discrepancy(finding) {
    if (TREE_CODES.has(finding.code)) this.#tree++;
    if (this.#count(finding.code) <= MAX_LISTED) this.discrepancies.push(finding);
  }
  /** note records something worth telling that is not a failure. */
  note(finding) {
    if (this.#count(finding.code) <= MAX_LISTED) this.notes.push(finding);
  }
  /** discrepancyCount is how many discrepancies were found in all. */
  get discrepancyCount() {
    let total = 0;
    for (const [code, n] of this.counts) if (!NOTE_CODES.has(code)) total += n;
    return total;
  }
  /** treeFailed reports whether anything about the key, the checkpoint or the tree failed: then no state is saved. */
  get treeFailed() {
    return this.#tree > 0;
  }
  #count(code) {
    const n = (this.counts.get(code) ?? 0) + 1;
    this.counts.set(code, n);
    return n;
  }
};
var TREE_CODES = /* @__PURE__ */ new Set([
  "key-changed",
  "malformed-key",
  "origin-changed",
  "bad-checkpoint-signature",
  "malformed-checkpoint",
  "missing-tile",
  "malformed-tile",
  "malformed-bundle",
  "leaf-hash-mismatch",
  "tile-hash-mismatch",
  "root-mismatch",
  "checkpoint-rolled-back",
  "inconsistent-checkpoint"
]);
var NOTE_CODES = /* @__PURE__ */ new Set([
  "trusted-on-first-use",
  "not-yet-in-record",
  "site-count-ahead",
  "after-close",
  "record-grew",
  "site-policy",
  "no-witness-policy",
  "witness-unchecked"
]);

// src/audit/open-record.ts
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

// src/audit/folder-reader.ts
import { open } from "node:fs/promises";
import { join as join2, sep } from "node:path";

// src/audit/mirror-layout.ts
var MIRROR_MANIFEST = "/veche-mirror.json";
var SEGMENT = /^[A-Za-z0-9_-]{1,64}$/;
function mirrorApiPath(manifest, path) {
  const [route, query] = path.split("?", 2);
  if (!route.startsWith("/api/")) return null;
  const segments = route.slice("/api/".length).split("/").map(decodeSegment);
  if (query !== void 0) segments.push([...new URLSearchParams(query).values()].join("-"));
  if (!segments.every((s) => s !== null && SEGMENT.test(s))) return null;
  return `/${manifest.snapshot}/${segments.join("/")}.json`;
}
function readMirrorManifest(value) {
  const m = value;
  if (m === null || typeof m !== "object" || m.version !== 1) return "it is not a Veche mirror manifest of version 1";
  if (typeof m.origin !== "string" || m.origin === "") return "it names no origin";
  if (typeof m.snapshot !== "string" || !m.snapshot.split("/").every((s) => SEGMENT.test(s)))
    return "its snapshot is not a folder name";
  if (!Number.isSafeInteger(m.after) || m.after < 0) return 'its "after" is not a size';
  if (!Array.isArray(m.events) || !m.events.every((e) => typeof e === "string" && SEGMENT.test(e)))
    return "its events are not join codes";
  return { version: 1, origin: m.origin, snapshot: m.snapshot, after: m.after, events: m.events };
}
function decodeSegment(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

// src/audit/record-reader.ts
var AuditNetworkError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "AuditNetworkError";
  }
};
var RecordReader = class {
  /** base is where the record is, as a person would write it: the site's or mirror's URL, or the folder. */
  base;
  /** bytes is how many body bytes were read so far. */
  bytes = 0;
  /** requests is how many reads were answered so far. */
  requests = 0;
  /** mirror is the manifest of a mirror (veche-mirror.json), or null for a live site. */
  mirror = null;
  constructor(base) {
    this.base = base;
  }
  /** close lets go of what the reader holds open. */
  close() {
  }
  /** get returns the body of base + path (an `/api/` path of a mirror from its snapshot), or null when there is none. */
  async get(path, maxBytes) {
    let where = path;
    if (this.mirror !== null && path.startsWith("/api/")) {
      const mapped = mirrorApiPath(this.mirror, path);
      if (mapped === null) return null;
      where = mapped;
    }
    const body = await this.fetch(where, maxBytes);
    this.requests++;
    if (body !== null) this.bytes += body.length;
    return body;
  }
  /** text returns a UTF-8 body, or null when there is none. */
  async text(path, maxBytes) {
    const body = await this.get(path, maxBytes);
    return body === null ? null : new TextDecoder().decode(body);
  }
  /** json returns a parsed JSON body, null when there is none, or throws AuditNetworkError if it is not JSON. */
  async json(path, maxBytes) {
    const text = await this.text(path, maxBytes);
    if (text === null) return null;
    try {
      return JSON.parse(text);
    } catch {
      throw new AuditNetworkError(`${this.base}${path} did not answer JSON`);
    }
  }
};

// src/audit/folder-reader.ts
var FolderReader = class extends RecordReader {
  #root;
  constructor(root) {
    super(root.endsWith(sep) && root.length > 1 ? root.slice(0, -1) : root);
    this.#root = this.base;
  }
  async fetch(path, maxBytes) {
    const [route] = path.split("?", 1);
    const segments = route.split("/").filter((s) => s !== "");
    if (segments.some((s) => s === "." || s === ".." || s.includes("\\"))) return null;
    let handle;
    try {
      handle = await open(join2(this.#root, ...segments), "r");
    } catch (error) {
      if (isAbsent(error)) return null;
      throw error;
    }
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) return null;
      const buffer = new Uint8Array(Math.min(stat.size, maxBytes + 1));
      let read = 0;
      while (read < buffer.length) {
        const { bytesRead } = await handle.read(buffer, read, buffer.length - read, read);
        if (bytesRead === 0) break;
        read += bytesRead;
      }
      return buffer.subarray(0, read);
    } catch (error) {
      if (isAbsent(error)) return null;
      throw error;
    } finally {
      await handle.close();
    }
  }
};
function isAbsent(error) {
  const code = error.code;
  return code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR";
}

// src/audit/site-client.ts
import http from "node:http";
import https from "node:https";
var RETRY_STATUS = /* @__PURE__ */ new Set([429, 500, 502, 503, 504]);
var SiteClient = class extends RecordReader {
  #concurrency;
  #attempts;
  #timeoutMs;
  #agents;
  #running = 0;
  #waiting = [];
  constructor(base, options = {}) {
    super(base.replace(/\/+$/, ""));
    this.#concurrency = options.concurrency ?? 8;
    this.#attempts = options.attempts ?? 4;
    this.#timeoutMs = options.timeoutMs ?? 3e4;
    const agent = { keepAlive: true, maxSockets: this.#concurrency };
    this.#agents = { http: new http.Agent(agent), https: new https.Agent(agent) };
  }
  /** close lets go of the kept-alive connections. */
  close() {
    this.#agents.http.destroy();
    this.#agents.https.destroy();
  }
  /** fetch returns the body of base + path, null on 404, or at most maxBytes + 1 bytes of a longer body. */
  async fetch(path, maxBytes) {
    await this.#turn();
    try {
      for (let attempt = 1; ; attempt++) {
        let wait;
        try {
          const answer = await this.#request(new URL(this.base + path), maxBytes, 0);
          if (answer.status === 404) return null;
          if (answer.status >= 200 && answer.status < 300) return answer.body;
          if (!RETRY_STATUS.has(answer.status) || attempt >= this.#attempts) {
            throw new AuditNetworkError(`${this.base}${path} answered ${answer.status}`);
          }
          wait = retryAfter(answer.retryAfter) ?? 250 * 2 ** attempt;
        } catch (error) {
          if (error instanceof AuditNetworkError) throw error;
          if (attempt >= this.#attempts)
            throw new AuditNetworkError(`could not read ${this.base}${path}: ${describe(error)}`);
          wait = 250 * 2 ** attempt;
        }
        await new Promise((resolve2) => setTimeout(resolve2, Math.min(wait, 1e4)));
      }
    } finally {
      this.#release();
    }
  }
  #request(url, maxBytes, redirects) {
    const secure = url.protocol === "https:";
    if (!secure && url.protocol !== "http:")
      return Promise.reject(new Error(`cannot follow a redirect to ${url.href}`));
    return new Promise((resolve2, reject) => {
      const request = (secure ? https : http).get(
        url,
        { agent: secure ? this.#agents.https : this.#agents.http },
        (response) => {
          const status = response.statusCode ?? 0;
          const location = response.headers.location;
          if (status >= 300 && status < 400 && location !== void 0 && redirects < 5) {
            response.resume();
            resolve2(this.#request(new URL(location, url), maxBytes, redirects + 1));
            return;
          }
          const retryAfterHeader = response.headers["retry-after"] ?? null;
          if (status < 200 || status >= 300) {
            response.resume();
            resolve2({ status, body: new Uint8Array(0), retryAfter: retryAfterHeader });
            return;
          }
          const chunks = [];
          let length = 0;
          let settled = false;
          const finish = (error) => {
            if (settled) return;
            settled = true;
            if (error !== void 0) return reject(error);
            const body = Buffer.concat(chunks).subarray(0, maxBytes + 1);
            resolve2({
              status,
              body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength),
              retryAfter: retryAfterHeader
            });
          };
          response.on("data", (chunk) => {
            chunks.push(chunk);
            length += chunk.length;
            if (length > maxBytes) {
              finish();
              response.destroy();
            }
          });
          response.on("end", () => finish());
          response.on("error", (error) => finish(error));
          response.on("close", () => finish(new Error("the answer was cut short")));
        }
      );
      request.setTimeout(
        this.#timeoutMs,
        () => request.destroy(Object.assign(new Error("timed out"), { code: "timed out" }))
      );
      request.on("error", reject);
    });
  }
  async #turn() {
    if (this.#running < this.#concurrency) {
      this.#running++;
      return;
    }
    await new Promise((resolve2) => this.#waiting.push(resolve2));
  }
  #release() {
    const next = this.#waiting.shift();
    if (next !== void 0) next();
    else this.#running--;
  }
};
function retryAfter(header) {
  if (header === null || !/^\d{1,4}$/.test(header.trim())) return null;
  return Number(header.trim()) * 1e3;
}
function describe(error) {
  const e = error;
  return e?.code ?? e?.message ?? String(error);
}

// src/audit/open-record.ts
function readLocation(text) {
  if (/^https?:\/\//i.test(text)) {
    let url;
    try {
      url = new URL(text);
    } catch {
      throw new AuditUsageError(`not a URL: ${text}`);
    }
    if (url.search !== "" || url.hash !== "") throw new AuditUsageError("give the address without a query or fragment");
    return { kind: "url", url: url.href.replace(/\/+$/, "") };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text) && !/^file:/i.test(text))
    throw new AuditUsageError(`not an http(s) URL, a file: URL or a folder: ${text}`);
  let path;
  try {
    path = /^file:/i.test(text) ? fileURLToPath(text) : resolve(text);
  } catch {
    throw new AuditUsageError(`not a file: URL of a folder: ${text}`);
  }
  return { kind: "folder", path };
}
async function openRecord(location, options = {}) {
  const where = readLocation(location);
  let reader;
  if (where.kind === "folder") {
    let isFolder = false;
    try {
      isFolder = statSync(where.path).isDirectory();
    } catch {
    }
    if (!isFolder) {
      const hint = /^[\w-]+(\.[\w-]+)+(:\d+)?(\/|$)/.test(location) ? ` (for a site, write its address with https://)` : "";
      throw new AuditUsageError(`${where.path} is not a folder${hint}`);
    }
    reader = new FolderReader(where.path);
  } else {
    reader = new SiteClient(where.url, { concurrency: options.concurrency });
  }
  try {
    reader.mirror = await readManifest(reader, where.kind === "folder");
    return reader;
  } catch (error) {
    reader.close();
    throw error;
  }
}
async function readManifest(reader, required) {
  const body = await reader.get(MIRROR_MANIFEST, 1024 * 1024);
  if (body === null) {
    if (required)
      throw new AuditUsageError(
        `${reader.base} holds no Veche mirror (no ${MIRROR_MANIFEST.slice(1)}): give a mirror's folder or a site's URL`
      );
    return null;
  }
  let value;
  try {
    value = JSON.parse(new TextDecoder().decode(body));
  } catch {
    if (required) throw new AuditNetworkError(`${reader.base}${MIRROR_MANIFEST} is not JSON`);
    return null;
  }
  const manifest = readMirrorManifest(value);
  if (typeof manifest === "string") throw new AuditNetworkError(`${reader.base}${MIRROR_MANIFEST}: ${manifest}`);
  return manifest;
}

// src/audit/attachment-tally.ts
var AttachmentTally = class {
  attachments = /* @__PURE__ */ new Map();
  #findings;
  constructor(findings) {
    this.#findings = findings;
  }
  /** add reads one attachment entry at leaf `index`, in log order. */
  add(entry, index) {
    let known = this.attachments.get(entry.attachment);
    if (!known) {
      known = {
        id: entry.attachment,
        petition: entry.petition,
        kind: null,
        files: [],
        published: -1,
        removed: -1,
        reason: null
      };
      this.attachments.set(entry.attachment, known);
    } else if (known.petition !== entry.petition) {
      const message = `attachment ${entry.attachment} of petition ${known.petition} is named under petition ${entry.petition} at entry ${index}`;
      this.#problem("attachment-petition-mismatch", message, index, entry);
      return;
    }
    if (entry.type === "attachment.published") {
      if (known.published >= 0) {
        this.#problem(
          "attachment-published-twice",
          `attachment ${entry.attachment} is published again at entry ${index}`,
          index,
          entry
        );
        return;
      }
      known.published = index;
      known.kind = entry.kind;
      known.files = entry.files;
      if (known.removed >= 0 && index - known.removed >= MAX_BATCH) {
        const message = `attachment ${entry.attachment} is removed at entry ${known.removed}, more than one batch (${MAX_BATCH}) before it was published at ${index}`;
        this.#problem("attachment-removed-before-published", message, known.removed, entry);
      }
      return;
    }
    if (known.removed >= 0) {
      this.#problem(
        "attachment-removed-twice",
        `attachment ${entry.attachment} is removed again at entry ${index}`,
        index,
        entry
      );
      return;
    }
    known.removed = index;
    known.reason = entry.reason;
  }
  /** finish reports the attachments removed that the whole record never published. */
  finish() {
    for (const a of this.attachments.values()) {
      if (a.published < 0 && a.removed >= 0) {
        const message = `attachment ${a.id} is removed at entry ${a.removed} but was never published`;
        this.#findings.discrepancy({
          code: "attachment-never-published",
          message,
          index: a.removed,
          petition: a.petition
        });
      }
    }
  }
  #problem(code, message, index, entry) {
    this.#findings.discrepancy({ code, message, index, petition: entry.petition });
  }
};

// src/record/entry.ts
var INVALIDATION_REASONS = ["burst", "duplicates", "automated", "other"];
var HIDDEN_REASONS = ["spam", "abuse", "personal-data", "duplicate", "off-topic"];
var CORRECTION_REASONS = ["typo", "clarification", "other"];
function isEventEntry(entry) {
  return "event" in entry;
}
function canonicalJson(value) {
  if (value === null || typeof value === "boolean" || typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new TypeError("entries hold only safe integers");
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object") {
    const keys = Object.keys(value).filter((k) => value[k] !== void 0).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(",")}}`;
  }
  throw new TypeError(`cannot write ${typeof value} in an entry`);
}

// src/domain/attachment.ts
var ATTACHMENT_REMOVAL_REASONS = ["identifies-someone", "wrong-file", "other"];

// src/domain/paper-batch.ts
var MAX_PAPER_BATCH = 1e5;
var MAX_SHEET = 99999;
var MAX_SHEETS_LENGTH = 200;
var PAPER_WITHDRAWAL_REASONS = ["corrected", "entered-twice", "sheets-unreliable", "other"];
var REGION_CODE = /^[A-Z]{2}-[A-Z0-9]{1,3}$/;
function parseSheets(text) {
  const parts = text.replace(/[\u2010-\u2015\u2212]/g, "-").split(/[\s,;]+/).filter((part) => part !== "");
  if (parts.length === 0 || parts.length > MAX_SHEETS_LENGTH) return null;
  const ranges = [];
  for (const part of parts) {
    const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(part);
    if (match === null) return null;
    const from = Number(match[1]);
    const to = match[2] === void 0 ? from : Number(match[2]);
    if (from < 1 || to < from || to > MAX_SHEET) return null;
    ranges.push({ from, to });
  }
  ranges.sort((a, b) => a.from - b.from);
  const merged = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last !== void 0 && range.from <= last.to + 1) last.to = Math.max(last.to, range.to);
    else merged.push({ ...range });
  }
  return merged;
}
function formatSheets(ranges) {
  return ranges.map((r) => r.from === r.to ? String(r.from) : `${r.from}-${r.to}`).join(",");
}
function normaliseSheets(text) {
  const ranges = parseSheets(text);
  if (ranges === null) return null;
  const written = formatSheets(ranges);
  return written.length <= MAX_SHEETS_LENGTH ? written : null;
}
function isRecordSheets(value) {
  return typeof value === "string" && value.length <= MAX_SHEETS_LENGTH && normaliseSheets(value) === value;
}

// src/audit/read-entry.ts
var id = (letter) => {
  const pattern = new RegExp(`^${letter}[1-9A-HJ-NP-Za-km-z]{1,63}$`);
  return (value) => typeof value === "string" && pattern.test(value);
};
var sha256Hex = (value) => typeof value === "string" && /^[0-9a-f]{64}$/.test(value);
var oneOf = (...choices) => (value) => choices.includes(value);
var goal = (value) => value === null || Number.isSafeInteger(value) && value >= 1;
var boolean = (value) => typeof value === "boolean";
var count = (value) => Number.isSafeInteger(value) && value >= 0;
var textVersion = (value) => Number.isSafeInteger(value) && value >= 2;
var eventCode = (value) => typeof value === "string" && /^[A-Z0-9]{4,12}$/.test(value);
var question = { event: eventCode, question: id("q") };
var attachedFileName = /^(\d{1,5}\.(jpg|webp)|video\.mp4)$/;
var attachedFiles = (value) => {
  if (!Array.isArray(value) || value.length < 1 || value.length > 8) return false;
  const names = /* @__PURE__ */ new Set();
  for (const file of value) {
    if (file === null || typeof file !== "object" || Array.isArray(file)) return false;
    const keys = Object.keys(file).sort();
    if (keys.length !== 2 || keys[0] !== "name" || keys[1] !== "sha256") return false;
    if (typeof file.name !== "string" || !attachedFileName.test(file.name) || !sha256Hex(file.sha256)) return false;
    if (names.has(file.name)) return false;
    names.add(file.name);
  }
  return true;
};
var paperCount = (value) => Number.isSafeInteger(value) && value >= 1 && value <= MAX_PAPER_BATCH;
var region = (value) => value === null || typeof value === "string" && REGION_CODE.test(value);
var evidence = (value) => value === null || sha256Hex(value);
var ENTRY_FIELDS = {
  "petition.opened": { petition: id("p"), text: sha256Hex, goal, confirmation: oneOf("none", "email") },
  "petition.closed": { petition: id("p"), reason: oneOf("organiser", "deadline") },
  "petition.corrected": {
    petition: id("p"),
    version: textVersion,
    text: sha256Hex,
    previous: sha256Hex,
    reason: oneOf(...CORRECTION_REASONS)
  },
  "petition.responded": { petition: id("p"), response: sha256Hex },
  "signature.added": { petition: id("p"), signature: id("s"), confirmed: boolean },
  "signature.withdrawn": { petition: id("p"), signature: id("s") },
  "signature.invalidated": {
    petition: id("p"),
    signature: id("s"),
    invalidation: id("i"),
    reason: oneOf(...INVALIDATION_REASONS)
  },
  "event.opened": { event: eventCode, sha256: sha256Hex, moderation: oneOf("before", "after") },
  "event.closed": { event: eventCode },
  "question.added": { ...question, sha256: sha256Hex, status: oneOf("published", "pending") },
  "question.approved": question,
  "question.hidden": { ...question, reason: oneOf(...HIDDEN_REASONS) },
  "question.restored": question,
  "question.merged": { ...question, into: id("q"), moved: count },
  "question.pinned": question,
  "question.unpinned": question,
  "question.answered": question,
  "vote.added": { ...question, vote: id("v") },
  "vote.withdrawn": { ...question, vote: id("v"), reason: oneOf("voter", "merged") },
  "attachment.published": {
    petition: id("p"),
    attachment: id("a"),
    kind: oneOf("image", "video"),
    files: attachedFiles
  },
  "attachment.removed": { petition: id("p"), attachment: id("a"), reason: oneOf(...ATTACHMENT_REMOVAL_REASONS) },
  "signatures.paper_added": {
    petition: id("p"),
    batch: id("b"),
    count: paperCount,
    region,
    sheets: isRecordSheets,
    evidence
  },
  "signatures.paper_withdrawn": { petition: id("p"), batch: id("b"), reason: oneOf(...PAPER_WITHDRAWAL_REASONS) }
};
var UTF82 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
function readEntry(bytes) {
  let text;
  let value;
  try {
    text = UTF82.decode(bytes);
    value = JSON.parse(text);
  } catch {
    return { code: "malformed-entry", message: "not UTF-8 JSON" };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { code: "malformed-entry", message: "not a JSON object" };
  }
  let canonical;
  try {
    canonical = canonicalJson(value);
  } catch {
    canonical = "";
  }
  if (canonical !== text)
    return { code: "non-canonical-entry", message: "not canonical JSON (sorted keys, no white space, one spelling)" };
  const entry = value;
  const fields = typeof entry.type === "string" ? ENTRY_FIELDS[entry.type] : void 0;
  if (fields === void 0 || !Object.hasOwn(ENTRY_FIELDS, entry.type)) {
    return { code: "unknown-entry-type", message: `unknown type ${JSON.stringify(entry.type)}` };
  }
  if (entry.v !== 1)
    return { code: "bad-entry-field", message: `${entry.type} has version ${JSON.stringify(entry.v)}, want 1` };
  for (const key2 of Object.keys(entry)) {
    if (key2 !== "type" && key2 !== "v" && !Object.hasOwn(fields, key2)) {
      return { code: "bad-entry-field", message: `${entry.type} has an unexpected field ${JSON.stringify(key2)}` };
    }
  }
  for (const [key2, check] of Object.entries(fields)) {
    if (!Object.hasOwn(entry, key2)) return { code: "bad-entry-field", message: `${entry.type} lacks ${key2}` };
    if (!check(entry[key2]))
      return {
        code: "bad-entry-field",
        message: `${entry.type} has a malformed ${key2}: ${JSON.stringify(entry[key2])}`
      };
  }
  return entry;
}
function isEntryProblem(read) {
  return "code" in read;
}

// src/audit/record-tally.ts
var ADDED = 1;
var WITHDRAWN2 = 2;
var INVALIDATED = 4;
var RecordTally = class {
  petitions = /* @__PURE__ */ new Map();
  invalidations = /* @__PURE__ */ new Map();
  /** events tallies the entries of events, questions and votes. */
  events;
  /** attachments tallies the entries of petitions' photos and videos. */
  attachments;
  /** byType counts the well-formed entries of each type. */
  byType = {
    "petition.opened": 0,
    "petition.closed": 0,
    "petition.corrected": 0,
    "petition.responded": 0,
    "signature.added": 0,
    "signature.withdrawn": 0,
    "signature.invalidated": 0,
    "event.opened": 0,
    "event.closed": 0,
    "question.added": 0,
    "question.approved": 0,
    "question.hidden": 0,
    "question.restored": 0,
    "question.merged": 0,
    "question.pinned": 0,
    "question.unpinned": 0,
    "question.answered": 0,
    "vote.added": 0,
    "vote.withdrawn": 0,
    "attachment.published": 0,
    "attachment.removed": 0,
    "signatures.paper_added": 0,
    "signatures.paper_withdrawn": 0
  };
  /** batches are the paper batches the record names, by id. */
  batches = /* @__PURE__ */ new Map();
  /** entries is how many entries were read, well-formed or not. */
  entries = 0;
  /** markedAt is how many entries were read when mark() was called (the size the site's counts were read after). */
  markedAt = 0;
  #findings;
  #list = [];
  #indexes = /* @__PURE__ */ new Map();
  // About 70 bytes a signature: the one thing an audit keeps that grows with the record.
  #signatures = /* @__PURE__ */ new Map();
  // Signatures taken out before the record added them (within one batch, that is fine): where that happened.
  #early = /* @__PURE__ */ new Map();
  // For the comparison with the site: each petition's count when mark() was called, and what was taken out since.
  #marked = /* @__PURE__ */ new Map();
  constructor(findings) {
    this.#findings = findings;
    this.events = new EventTally(findings);
    this.attachments = new AttachmentTally(findings);
  }
  /** add reads the entry at leaf `index`; entries must come in log order. */
  add(bytes, index) {
    this.entries++;
    const entry = readEntry(bytes);
    if (isEntryProblem(entry)) {
      this.#findings.discrepancy({ code: entry.code, message: `entry ${index}: ${entry.message}`, index });
      return;
    }
    this.byType[entry.type]++;
    if (isEventEntry(entry)) return this.events.add(entry, index);
    const petition = this.#petition(entry.petition);
    if (entry.type === "petition.opened") return this.#opened(petition, entry, index);
    if (petition.opened < 0 && petition.earliest < 0) petition.earliest = index;
    switch (entry.type) {
      case "petition.closed":
        if (petition.closed >= 0) {
          this.#problem(
            "petition-closed-twice",
            `petition ${petition.id} is closed again at entry ${index}`,
            index,
            petition.id
          );
        } else {
          petition.closed = index;
          petition.closedReason = entry.reason;
        }
        return;
      case "petition.corrected":
        return this.#corrected(petition, entry, index);
      case "petition.responded":
        petition.responses.push(entry.response);
        return;
      case "signature.added":
        return this.#added(petition, entry.signature, entry.confirmed, index);
      case "signature.withdrawn":
        return this.#removed(petition, entry.signature, WITHDRAWN2, index);
      case "signature.invalidated":
        this.#invalidation(petition, entry.invalidation, entry.reason, index);
        return this.#removed(petition, entry.signature, INVALIDATED, index);
      case "attachment.published":
      case "attachment.removed":
        return this.attachments.add(entry, index);
      case "signatures.paper_added":
        return this.#paperAdded(petition, entry, index);
      case "signatures.paper_withdrawn":
        return this.#paperWithdrawn(petition, entry, index);
    }
  }
  /** mark remembers every petition's count and every question's votes and status now, for the comparison with the site. */
  mark() {
    this.markedAt = this.entries;
    this.#marked = new Map(
      this.#list.map((p) => [p.id, { count: p.count, removedSince: 0, paper: p.paper, paperRemovedSince: 0 }])
    );
    this.events.mark();
  }
  /**
   * countAtMark is a petition's count when mark() was called, and removedSince how many of its signatures the record
   * took out after: a site's count read in between may be as low as countAtMark − removedSince.
   */
  countAtMark(petition) {
    return this.#marked.get(petition) ?? { count: 0, removedSince: 0, paper: 0, paperRemovedSince: 0 };
  }
  /** finish runs the checks that need the whole record: what was never opened, never added. */
  finish() {
    for (const p of this.#list) {
      if (p.opened < 0) {
        this.#problem(
          "petition-never-opened",
          `petition ${p.id} has entries from entry ${p.earliest} on but was never opened`,
          p.earliest,
          p.id
        );
      }
    }
    for (const p of this.#list) this.#chain(p);
    for (const [signature, index] of this.#early) {
      const petition = this.#list[Math.floor(this.#signatures.get(signature) / 8)].id;
      this.#findings.discrepancy({
        code: "signature-never-added",
        message: `signature ${signature} is taken out at entry ${index} but was never added`,
        index,
        petition,
        signature
      });
    }
    for (const batch of this.batches.values()) {
      if (batch.added < 0) {
        this.#problem(
          "paper-batch-never-added",
          `paper batch ${batch.id} is withdrawn at entry ${batch.withdrawn} but was never added`,
          batch.withdrawn,
          batch.petition
        );
      }
    }
    this.events.finish();
    this.attachments.finish();
  }
  #batch(id2, petition, index) {
    let batch = this.batches.get(id2);
    if (batch === void 0) {
      batch = { id: id2, petition: petition.id, count: 0, added: -1, withdrawn: -1 };
      this.batches.set(id2, batch);
    } else if (batch.petition !== petition.id) {
      const message = `paper batch ${id2} belongs to petition ${batch.petition}, but entry ${index} names ${petition.id}`;
      this.#problem("paper-batch-petition-mismatch", message, index, petition.id);
      return null;
    }
    return batch;
  }
  #paperAdded(petition, entry, index) {
    const batch = this.#batch(entry.batch, petition, index);
    if (batch === null) return;
    if (batch.added >= 0) {
      const message = `paper batch ${batch.id} is added again at entry ${index} (first at ${batch.added})`;
      this.#problem("paper-batch-added-twice", message, index, petition.id);
      return;
    }
    batch.added = index;
    batch.count = entry.count;
    petition.batches++;
    petition.paperAdded += entry.count;
    if (petition.closed >= 0 && index - petition.closed >= MAX_BATCH) {
      const message = `paper batch ${batch.id} is added to petition ${petition.id} at entry ${index}, more than one batch after it closed at ${petition.closed}`;
      this.#problem("entry-after-closed", message, index, petition.id);
    }
    if (batch.withdrawn >= 0) {
      petition.paperWithdrawn += entry.count;
      if (index - batch.withdrawn >= MAX_BATCH) {
        const message = `paper batch ${batch.id} is withdrawn at entry ${batch.withdrawn}, more than one batch (${MAX_BATCH}) before it is added at ${index}`;
        this.#problem("paper-batch-withdrawn-before-added", message, batch.withdrawn, petition.id);
      }
      return;
    }
    petition.paper += entry.count;
  }
  #paperWithdrawn(petition, entry, index) {
    const batch = this.#batch(entry.batch, petition, index);
    if (batch === null) return;
    if (batch.withdrawn >= 0) {
      const message = `paper batch ${batch.id} is withdrawn again at entry ${index} (first at ${batch.withdrawn})`;
      this.#problem("paper-batch-withdrawn-twice", message, index, petition.id);
      return;
    }
    batch.withdrawn = index;
    if (batch.added < 0) return;
    petition.paper -= batch.count;
    petition.paperWithdrawn += batch.count;
    const marked = this.#marked.get(petition.id);
    if (marked !== void 0) marked.paperRemovedSince += batch.count;
  }
  #opened(petition, entry, index) {
    if (petition.opened >= 0) {
      this.#problem(
        "petition-opened-twice",
        `petition ${petition.id} is opened again at entry ${index}`,
        index,
        petition.id
      );
      return;
    }
    petition.opened = index;
    petition.text = entry.text;
    petition.goal = entry.goal;
    petition.confirmation = entry.confirmation;
    if (petition.earliest >= 0 && index - petition.earliest >= MAX_BATCH) {
      const message = `petition ${petition.id} has entry ${petition.earliest} more than one batch (${MAX_BATCH}) before it was opened at ${index}`;
      this.#problem("entry-before-opened", message, petition.earliest, petition.id);
    }
    petition.earliest = -1;
  }
  #corrected(petition, entry, index) {
    const { version, text, previous, reason } = entry;
    petition.corrections.push({ version, text, previous, reason, index });
    if (petition.closed >= 0 && index - petition.closed >= MAX_BATCH) {
      const message = `petition ${petition.id} is corrected (version ${version}) at entry ${index}, more than one batch after it closed at ${petition.closed}`;
      this.#problem("entry-after-closed", message, index, petition.id);
    }
  }
  /**
   * chain checks a petition's corrections once the whole record is read: their versions are 2, 3, … each once, and
   * each replaces the text of the version before (the opened text for version 2). The order of entries does not matter:
   * two corrections in one batch may be shuffled. It sets `versions` to the text hash of each version.
   */
  #chain(p) {
    if (p.text === null) return;
    p.versions = [p.text];
    const byVersion = /* @__PURE__ */ new Map();
    for (const c of p.corrections) byVersion.set(c.version, [...byVersion.get(c.version) ?? [], c]);
    const last = Math.max(1, ...byVersion.keys());
    for (let version = 2; version <= last; version++) {
      const made = byVersion.get(version) ?? [];
      if (made.length !== 1) {
        const message = made.length === 0 ? `petition ${p.id} has a correction to version ${last} but none to version ${version}` : `petition ${p.id} is corrected to version ${version} ${made.length} times (entries ${made.map((c2) => c2.index).join(", ")})`;
        this.#problem("correction-version-mismatch", message, made[1]?.index ?? p.opened, p.id);
        if (made.length === 0) return;
      }
      const c = made[0];
      const before = p.versions[version - 2];
      if (c.previous !== before) {
        const message = `petition ${p.id}: the correction to version ${version} at entry ${c.index} replaces a text that is not version ${version - 1}`;
        this.#problem("correction-previous-mismatch", message, c.index, p.id);
      }
      p.versions.push(c.text);
    }
  }
  #added(petition, signature, confirmed, index) {
    petition.added++;
    petition.count++;
    if (confirmed) petition.confirmed++;
    this.#afterClose(petition, index, signature);
    const state = this.#signatures.get(signature);
    if (state === void 0) {
      this.#signatures.set(signature, this.#indexOf(petition) * 8 + ADDED);
      return;
    }
    if (!this.#samePetition(state, petition, signature, index)) return;
    if ((state & ADDED) !== 0) {
      this.#problem(
        "signature-added-twice",
        `signature ${signature} is added again at entry ${index}`,
        index,
        petition.id,
        signature
      );
      return;
    }
    this.#signatures.set(signature, state | ADDED);
    const early = this.#early.get(signature);
    this.#early.delete(signature);
    if (index - early >= MAX_BATCH) {
      const message = `signature ${signature} is taken out at entry ${early}, more than one batch (${MAX_BATCH}) before it is added at ${index}`;
      this.#problem("signature-removed-before-added", message, early, petition.id, signature);
    }
  }
  #removed(petition, signature, how, index) {
    if (how === WITHDRAWN2) petition.withdrawn++;
    else petition.invalidated++;
    petition.count--;
    const marked = this.#marked.get(petition.id);
    if (marked !== void 0) marked.removedSince++;
    if (how === WITHDRAWN2) this.#afterClose(petition, index, signature);
    const state = this.#signatures.get(signature);
    if (state === void 0) {
      this.#signatures.set(signature, this.#indexOf(petition) * 8 + how);
      this.#early.set(signature, index);
      return;
    }
    if (!this.#samePetition(state, petition, signature, index)) return;
    if ((state & (WITHDRAWN2 | INVALIDATED)) !== 0) {
      this.#problem(
        "signature-removed-twice",
        `signature ${signature} is taken out again at entry ${index}`,
        index,
        petition.id,
        signature
      );
      return;
    }
    this.#signatures.set(signature, state | how);
  }
  #invalidation(petition, id2, reason, index) {
    const known = this.#invalidations(id2, petition.id, reason);
    if (known.petition !== petition.id || known.reason !== reason) {
      const message = `invalidation ${id2} is for ${known.petition} (${known.reason}), but entry ${index} gives ${petition.id} (${reason})`;
      this.#problem("invalidation-mismatch", message, index, petition.id);
      return;
    }
    known.signatures++;
  }
  #invalidations(id2, petition, reason) {
    let tally = this.invalidations.get(id2);
    if (tally === void 0) this.invalidations.set(id2, tally = { id: id2, petition, reason, signatures: 0 });
    return tally;
  }
  #afterClose(petition, index, signature) {
    if (petition.closed >= 0 && index - petition.closed >= MAX_BATCH) {
      const message = `signature ${signature} changes petition ${petition.id} at entry ${index}, more than one batch after it closed at ${petition.closed}`;
      this.#findings.note({ code: "after-close", message, index, petition: petition.id, signature });
    }
  }
  #samePetition(state, petition, signature, index) {
    const first = this.#list[Math.floor(state / 8)];
    if (first === petition) return true;
    const message = `signature ${signature} belongs to petition ${first.id}, but entry ${index} names ${petition.id}`;
    this.#problem("signature-petition-mismatch", message, index, petition.id, signature);
    return false;
  }
  #petition(id2) {
    let petition = this.petitions.get(id2);
    if (petition === void 0) {
      petition = {
        id: id2,
        opened: -1,
        text: null,
        corrections: [],
        versions: [],
        goal: null,
        confirmation: null,
        closed: -1,
        closedReason: null,
        responses: [],
        added: 0,
        confirmed: 0,
        withdrawn: 0,
        invalidated: 0,
        count: 0,
        paperAdded: 0,
        paperWithdrawn: 0,
        paper: 0,
        batches: 0,
        earliest: -1
      };
      this.petitions.set(id2, petition);
      this.#list.push(petition);
      this.#indexes.set(petition, this.#list.length - 1);
    }
    return petition;
  }
  #indexOf(petition) {
    return this.#indexes.get(petition);
  }
  #problem(code, message, index, petition, signature) {
    this.#findings.discrepancy({ code, message, index, petition, ...signature === void 0 ? {} : { signature } });
  }
};

// src/audit/verify-tree.ts
var MAX_TILE_BYTES = FULL_WIDTH * HASH_SIZE;
var MAX_BUNDLE_BYTES = FULL_WIDTH * (2 + 65535);
async function verifyTree(options) {
  const { tree, from, findings } = options;
  const size = tree.size;
  const get = async (path, maxBytes) => {
    const bytes = await options.client.get(path, maxBytes);
    if (bytes !== null) options.onFetched?.(path, bytes);
    return bytes;
  };
  if (size === 0) {
    const rootMatches2 = bytesEqual(tree.root, emptyRoot());
    if (!rootMatches2)
      findings.discrepancy({ code: "root-mismatch", message: 'an empty tree must have the root SHA-256("")' });
    return {
      rootMatches: rootMatches2,
      read: () => {
        throw new RangeError("an empty tree has no hashes");
      },
      tiles: 0,
      bundles: 0
    };
  }
  const wanted = /* @__PURE__ */ new Set();
  for (const compute of [(read2) => treeRoot(size, read2), ...options.later ?? []]) {
    compute(
      tileHashReader(size, (tile) => {
        wanted.add(key(tile));
        return new Uint8Array(tile.width * HASH_SIZE);
      })
    );
  }
  const kept = /* @__PURE__ */ new Map();
  const upper = await fetchUpperTiles(get, size, findings);
  for (const [k, hashes] of upper) kept.set(k, hashes);
  checkUpperTiles(size, upper, findings);
  const first = Math.floor(from / FULL_WIDTH);
  const count3 = Math.ceil(size / FULL_WIDTH);
  const window = Math.max(1, options.window ?? 8);
  const inFlight = [];
  let next = first;
  const fetchPair = (n) => {
    const width = widthAt(size, 0, n);
    const pair = Promise.all([
      get(`/log/${entriesPath(n, width)}`, MAX_BUNDLE_BYTES),
      get(`/log/${tilePath(0, n, width)}`, MAX_TILE_BYTES)
    ]);
    pair.catch(() => {
    });
    return pair;
  };
  while (next < count3 && inFlight.length < window) inFlight.push(fetchPair(next++));
  for (let n = first; n < count3; n++) {
    const [bundle, tileData] = await inFlight.shift();
    if (next < count3) inFlight.push(fetchPair(next++));
    const tile = { level: 0, n, width: widthAt(size, 0, n) };
    const hashes = readTile(tile, tileData, findings);
    if (hashes !== null && wanted.has(key(tile))) kept.set(key(tile), hashes);
    if (hashes !== null && tile.width === FULL_WIDTH) checkAgainstParent(size, tile, hashes, upper, findings);
    const entries = readBundle(tile, bundle, findings);
    if (entries !== null) {
      for (let i = 0; i < entries.length; i++) {
        const index = n * FULL_WIDTH + i;
        if (hashes !== null && !bytesEqual(leafHash(entries[i]), hashes.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE))) {
          findings.discrepancy({
            code: "leaf-hash-mismatch",
            index,
            path: entriesPath(n, tile.width),
            message: `entry ${index} in ${entriesPath(n, tile.width)} does not hash to its leaf in ${tilePath(0, n, tile.width)}`
          });
        }
        if (index >= from) options.onEntry(entries[i], index);
      }
    }
    options.onProgress?.(Math.min(size, (n + 1) * FULL_WIDTH) - from);
  }
  for (const k of wanted) {
    if (kept.has(k)) continue;
    const [level, n, width] = k.split("/").map(Number);
    if (level !== 0 || n >= first) continue;
    const tile = { level, n, width };
    const hashes = readTile(tile, await get(`/log/${tilePath(0, n, width)}`, MAX_TILE_BYTES), findings);
    if (hashes !== null) {
      kept.set(k, hashes);
      if (width === FULL_WIDTH) checkAgainstParent(size, tile, hashes, upper, findings);
    }
  }
  const read = tileHashReader(size, (tile) => {
    const hashes = kept.get(key(tile));
    if (hashes === void 0) throw new MissingTile(`${tilePath(tile.level, tile.n, tile.width)} could not be read`);
    return hashes;
  });
  let rootMatches = false;
  try {
    const root = treeRoot(size, read);
    rootMatches = bytesEqual(root, tree.root);
    if (!rootMatches) {
      findings.discrepancy({
        code: "root-mismatch",
        message: `the tiles give the root ${toHex(root)} for ${size} entries, the checkpoint says ${toHex(tree.root)}`
      });
    }
  } catch (error) {
    if (!(error instanceof MissingTile)) throw error;
  }
  return { rootMatches, read, tiles: upper.size + count3 - first, bundles: count3 - first };
}
function widthAt(size, level, n) {
  return Math.min(FULL_WIDTH, Math.floor(size / FULL_WIDTH ** level) - n * FULL_WIDTH);
}
async function fetchUpperTiles(get, size, findings) {
  const tiles = [];
  for (let level = 1; Math.floor(size / FULL_WIDTH ** level) > 0; level++) {
    const { full, partialWidth } = tileCounts(size, level);
    for (let n = 0; n < full; n++) tiles.push({ level, n, width: FULL_WIDTH });
    if (partialWidth > 0) tiles.push({ level, n: full, width: partialWidth });
  }
  const fetched = await Promise.all(
    tiles.map((tile) => get(`/log/${tilePath(tile.level, tile.n, tile.width)}`, MAX_TILE_BYTES))
  );
  const upper = /* @__PURE__ */ new Map();
  tiles.forEach((tile, i) => {
    const hashes = readTile(tile, fetched[i], findings);
    if (hashes !== null) upper.set(key(tile), hashes);
  });
  return upper;
}
function checkUpperTiles(size, upper, findings) {
  for (const [k, hashes] of upper) {
    const [level, n, width] = k.split("/").map(Number);
    if (width === FULL_WIDTH) checkAgainstParent(size, { level, n, width }, hashes, upper, findings);
  }
}
function checkAgainstParent(size, tile, hashes, upper, findings) {
  const parent = { level: tile.level + 1, n: Math.floor(tile.n / FULL_WIDTH), width: 0 };
  parent.width = widthAt(size, parent.level, parent.n);
  const above = upper.get(key(parent));
  if (above === void 0) return;
  const slot = tile.n % FULL_WIDTH;
  if (!bytesEqual(packedRoot(hashes), above.subarray(slot * HASH_SIZE, (slot + 1) * HASH_SIZE))) {
    const path = tilePath(tile.level, tile.n, tile.width);
    findings.discrepancy({
      code: "tile-hash-mismatch",
      path,
      message: `${path} does not hash to hash ${slot} of ${tilePath(parent.level, parent.n, parent.width)}`
    });
  }
}
function readTile(tile, data, findings) {
  const path = tilePath(tile.level, tile.n, tile.width);
  if (data === null) {
    findings.discrepancy({
      code: "missing-tile",
      path,
      message: `${path} is not served (404), but the checkpoint covers it`
    });
    return null;
  }
  try {
    return tileHashes(tile, data);
  } catch (error) {
    if (!(error instanceof RecordError)) throw error;
    findings.discrepancy({ code: "malformed-tile", path, message: `${path}: ${error.message}` });
    return null;
  }
}
function readBundle(tile, data, findings) {
  const path = entriesPath(tile.n, tile.width);
  if (data === null) {
    findings.discrepancy({
      code: "missing-tile",
      path,
      message: `${path} is not served (404), but the checkpoint covers it`
    });
    return null;
  }
  try {
    return decodeBundle(data, tile.width);
  } catch (error) {
    if (!(error instanceof RecordError)) throw error;
    findings.discrepancy({ code: "malformed-bundle", path, message: `${path}: ${error.message}` });
    return null;
  }
}
function key(tile) {
  return `${tile.level}/${tile.n}/${tile.width}`;
}
var MissingTile = class extends Error {
};

// src/record/witness-policy.ts
import { Buffer as Buffer6 } from "node:buffer";

// src/record/cosignature.ts
import { Buffer as Buffer5 } from "node:buffer";
var TYPE = { ed25519: 4, "ml-dsa-44": 6 };
var SIGNATURE_SIZE = { ed25519: 64, "ml-dsa-44": 2420 };
var PUBLIC_KEY_SIZE = { ed25519: 32, "ml-dsa-44": 1312 };
var NOTE_ED25519 = 1;
var MAX_TIMESTAMP = 2n ** 63n - 1n;
var SPKI_ED25519 = Buffer5.from("302a300506032b6570032100", "hex");
var PKCS8_ED25519 = Buffer5.from("302e020100300506032b657004220420", "hex");
var PKCS8_ML_DSA_44_SEED = Buffer5.from("3034020100300b060960864801650304031104228020", "hex");
var SUBTREE_LABEL = Buffer5.from("subtree/v1\n\0", "latin1");
function cosignatureKeyId(name, algorithm, publicKey) {
  const digest = createHash2("sha256").update(name, "utf8").update(Uint8Array.of(10, TYPE[algorithm])).update(publicKey);
  return digest.digest().readUInt32BE(0);
}
function formatCosignatureKey(name, algorithm, publicKey) {
  if (!isValidKeyName(name)) throw new RecordError("malformed-key", `invalid key name ${JSON.stringify(name)}`);
  if (publicKey.length !== PUBLIC_KEY_SIZE[algorithm])
    throw new RecordError("malformed-key", `bad ${algorithm} public key`);
  const key2 = encodeBase64(Buffer5.concat([Uint8Array.of(TYPE[algorithm]), publicKey]));
  return `${name}+${hex8(cosignatureKeyId(name, algorithm, publicKey))}+${key2}`;
}
function parseCosignatureKey(vkey) {
  const { name, keyId, type, key: key2 } = splitVerifierKey(vkey);
  const algorithm = type === TYPE["ml-dsa-44"] ? "ml-dsa-44" : type === TYPE.ed25519 || type === NOTE_ED25519 ? "ed25519" : null;
  if (algorithm === null)
    throw new RecordError("malformed-key", `key type ${type} is not a cosignature key (0x04 or 0x06)`);
  if (key2.length !== PUBLIC_KEY_SIZE[algorithm])
    throw new RecordError("malformed-key", `an ${algorithm} public key has ${PUBLIC_KEY_SIZE[algorithm]} bytes`);
  const expected = type === NOTE_ED25519 ? noteKeyId(name, key2) : cosignatureKeyId(name, algorithm, key2);
  if (keyId !== expected) throw new RecordError("malformed-key", `key id does not match key ${name}+${hex8(keyId)}`);
  const publicKey = new Uint8Array(key2);
  let keyObject;
  try {
    keyObject = algorithm === "ed25519" ? createPublicKey({ key: Buffer5.concat([SPKI_ED25519, publicKey]), format: "der", type: "spki" }) : createPublicKey({
      key: { kty: "AKP", alg: "ML-DSA-44", pub: Buffer5.from(publicKey).toString("base64url") },
      format: "jwk"
    });
  } catch {
    if (algorithm === "ed25519" || hasMlDsa44())
      throw new RecordError("malformed-key", `not an ${algorithm} public key: ${name}`);
    keyObject = null;
  }
  return {
    name,
    algorithm,
    publicKey,
    keyId: cosignatureKeyId(name, algorithm, publicKey),
    vkey: formatCosignatureKey(name, algorithm, publicKey),
    checkable: keyObject !== null,
    verify: (text, signature) => keyObject !== null && verifyCosignature(name, algorithm, keyObject, text, signature)
  };
}
function ed25519CosignedMessage(text, timestamp) {
  return Buffer5.from(`cosignature/v1
time ${BigInt(timestamp)}
${text}`, "utf8");
}
function subtreeCosignedMessage(statement) {
  const name = Buffer5.from(statement.cosigner, "utf8");
  const origin = Buffer5.from(statement.origin, "utf8");
  if (name.length < 1 || name.length > 255 || origin.length < 1 || origin.length > 255) {
    throw new RangeError("a cosigner name and a log origin have 1 to 255 bytes in a subtree cosignature");
  }
  if (statement.root.length !== 32) throw new RangeError("a subtree hash has 32 bytes");
  const out = Buffer5.alloc(SUBTREE_LABEL.length + 1 + name.length + 8 + 1 + origin.length + 8 + 8 + 32);
  let at = SUBTREE_LABEL.copy(out, 0);
  out[at++] = name.length;
  at += name.copy(out, at);
  at = out.writeBigUInt64BE(BigInt(statement.timestamp), at);
  out[at++] = origin.length;
  at += origin.copy(out, at);
  at = out.writeBigUInt64BE(BigInt(statement.start), at);
  at = out.writeBigUInt64BE(BigInt(statement.end), at);
  Buffer5.from(statement.root).copy(out, at);
  return out;
}
function cosignatureTimestamp(base64) {
  const blob = decodeBase64(base64);
  if (blob === null || blob.length < 4 + 8) return null;
  const timestamp = Buffer5.from(blob.buffer, blob.byteOffset, blob.byteLength).readBigUInt64BE(4);
  return timestamp > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(timestamp);
}
function verifyCosignature(name, algorithm, key2, text, signature) {
  if (signature.length !== 8 + SIGNATURE_SIZE[algorithm]) return false;
  const bytes = Buffer5.from(signature.buffer, signature.byteOffset, signature.byteLength);
  const timestamp = bytes.readBigUInt64BE(0);
  if (timestamp > MAX_TIMESTAMP) return false;
  let message;
  try {
    const note = Buffer5.from(text).toString("utf8");
    message = algorithm === "ed25519" ? ed25519CosignedMessage(note, timestamp) : checkpointSubtreeMessage(name, timestamp, note);
  } catch {
    return false;
  }
  return verify(null, message, key2, bytes.subarray(8));
}
function checkpointSubtreeMessage(cosigner, timestamp, text) {
  const checkpoint = parseCheckpoint(text);
  return subtreeCosignedMessage({
    cosigner,
    timestamp,
    origin: checkpoint.origin,
    start: 0,
    end: checkpoint.size,
    root: checkpoint.root
  });
}
var mlDsa44;
function hasMlDsa44() {
  if (mlDsa44 === void 0) {
    try {
      generateKeyPairSync("ml-dsa-44");
      mlDsa44 = true;
    } catch {
      mlDsa44 = false;
    }
  }
  return mlDsa44;
}
function noteKeyId(name, publicKey) {
  return createHash2("sha256").update(name, "utf8").update(Uint8Array.of(10, NOTE_ED25519)).update(publicKey).digest().readUInt32BE(0);
}

// src/record/witness-policy.ts
var NAME = /^[^\s#][^\s]*$/;
var FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f]/;
function parsePolicy(text) {
  const policy = { logs: [], witnesses: [], groups: [], quorum: "" };
  const defined = /* @__PURE__ */ new Set();
  const publicKeys = /* @__PURE__ */ new Set();
  let quorumLine = 0;
  text.split("\n").forEach((raw, i) => {
    const at = `line ${i + 1}`;
    if (FORBIDDEN.test(raw)) throw malformed3(`${at}: a control character other than tab`);
    const words = raw.split(/[ \t]+/).filter((w) => w !== "");
    if (words.length === 0 || words[0].startsWith("#")) return;
    const [keyword, ...args] = words;
    const fresh = (name) => {
      if (!NAME.test(name) || name === "none" || defined.has(name))
        throw malformed3(`${at}: ${JSON.stringify(name)} is not a new name`);
      defined.add(name);
      return name;
    };
    const unique = (vkey) => {
      const { key: key2 } = splitVerifierKey(vkey);
      const id2 = Buffer6.from(key2).toString("base64");
      if (publicKeys.has(id2)) throw malformed3(`${at}: the same public key twice`);
      publicKeys.add(id2);
    };
    if (keyword === "log" && (args.length === 1 || args.length === 2)) {
      unique(args[0]);
      policy.logs.push({
        vkey: args[0],
        verifier: keyOr(() => parseVerifierKey(args[0]), at),
        ...args[1] ? { url: args[1] } : {}
      });
    } else if (keyword === "witness" && (args.length === 2 || args.length === 3)) {
      const name = fresh(args[0]);
      unique(args[1]);
      const verifier = keyOr(() => parseCosignatureKey(args[1]), at);
      policy.witnesses.push({ name, vkey: args[1], verifier, ...args[2] ? { url: args[2] } : {} });
    } else if (keyword === "group" && args.length >= 3) {
      const [name, k, ...members] = args;
      if (members.some((m) => !defined.has(m)) || new Set(members).size !== members.length) {
        throw malformed3(`${at}: a group's members are names defined before it, each once`);
      }
      const threshold = k === "all" ? members.length : k === "any" ? 1 : /^[1-9][0-9]*$/.test(k) ? Number(k) : 0;
      if (threshold < 1 || threshold > members.length)
        throw malformed3(`${at}: the threshold is all, any or 1 to ${members.length}`);
      policy.groups.push({ name: fresh(name), threshold, members });
    } else if (keyword === "quorum" && args.length === 1) {
      if (quorumLine !== 0) throw malformed3(`${at}: a second quorum line (the first is line ${quorumLine})`);
      if (args[0] !== "none" && !defined.has(args[0]))
        throw malformed3(`${at}: the quorum names ${args[0]}, defined nowhere before`);
      policy.quorum = args[0];
      quorumLine = i + 1;
    } else {
      throw malformed3(`${at}: not a log, witness, group or quorum line`);
    }
  });
  if (quorumLine === 0) throw malformed3("no quorum line");
  return policy;
}
function quorumMet(policy, cosigned) {
  if (policy.quorum === "none") return true;
  const groups = new Map(policy.groups.map((g) => [g.name, g]));
  const satisfied = (name) => {
    const group = groups.get(name);
    if (group === void 0) return cosigned.has(name);
    return group.members.filter(satisfied).length >= group.threshold;
  };
  return satisfied(policy.quorum);
}
function keyOr(read, at) {
  try {
    return read();
  } catch (error) {
    throw malformed3(`${at}: ${error.message}`);
  }
}
function malformed3(why) {
  return new RecordError("malformed-policy", `malformed policy: ${why}`);
}

// src/audit/check-cosignatures.ts
import { Buffer as Buffer7 } from "node:buffer";
function checkCosignatures(note, policy) {
  const { text, lines } = splitNote(note);
  const message = Buffer7.from(text, "utf8");
  const witnesses = policy.witnesses.map((witness) => {
    const mine = lines.filter((line) => line.name === witness.verifier.name && line.keyId === witness.verifier.keyId);
    const base = {
      name: witness.name,
      key: witness.vkey,
      algorithm: witness.verifier.algorithm,
      url: witness.url ?? null,
      timestamp: null
    };
    if (mine.length === 0) return { ...base, status: "absent" };
    if (!checkable(witness)) return { ...base, status: "unchecked" };
    const valid = mine.every((line) => witness.verifier.verify(message, line.blob.subarray(4)));
    return valid ? { ...base, status: "verified", timestamp: cosignatureTimestamp(mine[0].base64) } : { ...base, status: "invalid" };
  });
  const verified = new Set(witnesses.filter((w) => w.status === "verified").map((w) => w.name));
  return { witnesses, cosigned: verified.size, quorumMet: quorumMet(policy, verified) };
}
function describeQuorum(policy) {
  if (policy.quorum === "none") return "none: no witness needs to cosign";
  const groups = new Map(policy.groups.map((g) => [g.name, g]));
  const say = (name, nested) => {
    const group = groups.get(name);
    if (group === void 0) return name;
    const k = group.threshold === group.members.length && group.members.length > 1 ? "all" : group.threshold === 1 && group.members.length > 1 ? "any" : String(group.threshold);
    const words = `${k} of ${group.members.map((m) => say(m, true)).join(", ")}`;
    return nested ? `(${words})` : words;
  };
  return say(policy.quorum, false);
}
function checkable(witness) {
  return witness.verifier.checkable !== false;
}
function splitNote(note) {
  const split = note.lastIndexOf("\n\n");
  if (split < 0) return { text: note, lines: [] };
  const lines = note.slice(split + 2).split("\n").flatMap((line) => {
    if (!line.startsWith("\u2014 ")) return [];
    const [name, base64] = line.slice(2).split(" ");
    const blob = base64 === void 0 ? null : decodeBase64(base64);
    if (blob === null || blob.length < 5) return [];
    return [{ name, keyId: new DataView(blob.buffer, blob.byteOffset).getUint32(0), base64, blob }];
  });
  return { text: note.slice(0, split + 1), lines };
}

// src/audit/audit-witnesses.ts
var MAX_POLICY = 64 * 1024;
var MAX_CHECKPOINT = 64 * 1024;
async function readPolicy(client, option, findings) {
  if (option !== void 0) {
    try {
      return { policy: parsePolicy(option.text), text: option.text, source: "option", path: option.path };
    } catch (error) {
      if (!(error instanceof RecordError)) throw error;
      throw new AuditUsageError(`${option.path}: ${error.message}`);
    }
  }
  const text = await client.text("/log/policy", MAX_POLICY);
  if (text === null) return null;
  try {
    return { policy: parsePolicy(text), text, source: "site", path: null };
  } catch (error) {
    if (!(error instanceof RecordError)) throw error;
    findings.discrepancy({
      code: "malformed-policy",
      message: `the witness policy the site serves at /log/policy cannot be read: ${error.message}`,
      path: "/log/policy"
    });
    return null;
  }
}
function policyKey(policy, origin) {
  return policy.logs.find((log) => log.verifier.name === origin)?.vkey ?? null;
}
async function readWitnessedNote(client, used) {
  if (used === null || used.policy.quorum === "none") return null;
  return client.text("/log/witnessed-checkpoint", MAX_CHECKPOINT);
}
function checkWitnessing(input) {
  const { used, findings } = input;
  if (used === null) {
    findings.note({
      code: "no-witness-policy",
      message: "the site serves no witness policy (/log/policy): no witness vouches that everyone is shown this same record"
    });
    return {
      source: "none",
      path: null,
      policy: null,
      quorum: "none",
      checkpoint: null,
      witnesses: [],
      cosigned: 0,
      quorumMet: true
    };
  }
  const { policy } = used;
  const named = policyKey(policy, input.origin);
  if (named === null || named !== input.key) {
    const which = used.source === "option" ? `the policy in ${used.path}` : "the policy the site serves";
    const message = named === null ? `${which} names no log of origin ${input.origin}: it is the policy of another record` : `${which} gives the key ${named} for ${input.origin}, but the key trusted is ${input.key}`;
    findings.discrepancy({ code: "policy-log-mismatch", message });
  }
  if (used.source === "site" && policy.witnesses.length > 0) {
    findings.note({
      code: "site-policy",
      message: "the witnesses were checked against the policy the site itself serves at /log/policy: a site under pressure could serve another. Save it, compare the witnesses' keys with those they publish, and give it with --policy from then on"
    });
  }
  const newest = checkCosignatures(input.checkpoint.note, policy);
  const witnessedCheck = input.witnessed === null ? null : checkCosignatures(input.witnessed.note, policy);
  const useWitnessed = !newest.quorumMet && witnessedCheck !== null && input.witnessed !== null;
  const chosen = useWitnessed ? input.witnessed : input.checkpoint;
  const check = useWitnessed ? witnessedCheck : newest;
  const source = useWitnessed ? "/log/witnessed-checkpoint" : "/log/checkpoint";
  for (const witness of check.witnesses) {
    if (witness.status === "invalid") {
      findings.discrepancy({
        code: "bad-cosignature",
        path: source,
        message: `the cosignature of ${witness.name} on the checkpoint of ${chosen.size} entries does not verify with its key ${witness.key}: it is forged, or the policy holds another key`
      });
    } else if (witness.status === "unchecked") {
      findings.note({
        code: "witness-unchecked",
        message: `cannot check ML-DSA-44 on this Node (${input.runtime}): the cosignature of ${witness.name} counts as not verified; Node 24 or newer checks it`
      });
    }
  }
  if (!check.quorumMet) {
    const who = check.cosigned === 0 ? "no witness of the policy" : `only ${check.witnesses.filter((w) => w.status === "verified").map((w) => w.name).join(", ")}`;
    findings.discrepancy({
      code: "quorum-not-met",
      path: source,
      message: `the witness policy asks for ${describeQuorum(policy)}, but ${who} cosigned the checkpoint checked: nothing shows that other people are shown this same record`
    });
  }
  return {
    source: used.source,
    path: used.path,
    policy: used.text,
    quorum: describeQuorum(policy),
    checkpoint: { size: chosen.size, root: encodeBase64(chosen.root), source, note: chosen.note },
    witnesses: check.witnesses,
    cosigned: check.cosigned,
    quorumMet: check.quorumMet
  };
}

// src/audit/audit-record.ts
var MAX_KEY = 4096;
var MAX_CHECKPOINT2 = 64 * 1024;
async function auditRecord(options) {
  const client = await openRecord(options.location, { concurrency: options.concurrency });
  try {
    return await audit(client, options);
  } finally {
    client.close();
  }
}
async function audit(client, options) {
  const started = performance.now();
  const findings = new Findings();
  const [servedKey, used] = await Promise.all([
    client.text("/log/key", MAX_KEY),
    readPolicy(client, options.policy, findings)
  ]);
  const witnessedNote = await readWitnessedNote(client, used);
  const note = await readCheckpointNote(client);
  const fetchedAt = Date.now();
  const statePath = options.statePath ?? defaultStatePath(note.slice(0, Math.max(0, note.indexOf("\n"))), options.env);
  let markAt = client.mirror?.after ?? 0;
  const state = readState(statePath);
  const fromPolicy = used?.source === "option" ? policyKey(used.policy, firstLine(note)) : null;
  if (options.key !== void 0 && fromPolicy !== null && options.key !== fromPolicy) {
    throw new AuditUsageError(`--key gives ${options.key}, but the policy in ${used.path} gives ${fromPolicy}`);
  }
  const given = options.key !== void 0 ? { key: options.key, label: "--key", source: "option" } : fromPolicy !== null ? { key: fromPolicy, label: `the policy in ${used.path}`, source: "policy" } : void 0;
  const { key: key2, keySource } = pinKey(given, state, servedKey?.trim() ?? null, statePath, findings);
  let witnesses = null;
  const verified = { entries: 0, bundles: 0, tiles: 0, requests: 0, bytes: 0, seconds: 0, entriesPerSecond: 0 };
  const tally = new RecordTally(findings);
  const report = (checkpoint2, origin2, stateSaved = false, petitions2 = [], events2 = []) => ({
    ok: findings.discrepancyCount === 0,
    url: client.base,
    mirror: client.mirror && { after: markAt },
    origin: origin2,
    key: key2,
    keySource,
    statePath,
    stateSaved,
    checkpoint: checkpoint2 && { size: checkpoint2.size, root: encodeBase64(checkpoint2.root), note: checkpoint2.note },
    witnesses,
    previous: state && { size: state.size, root: state.root, note: state.checkpoint },
    verified: { ...verified, requests: client.requests, bytes: client.bytes },
    entries: entryCounts(tally.byType),
    petitions: petitions2,
    invalidations: [...tally.invalidations.values()],
    events: events2,
    discrepancyCount: findings.discrepancyCount,
    counts: Object.fromEntries(findings.counts),
    discrepancies: findings.discrepancies,
    notes: findings.notes
  });
  let verifier;
  try {
    verifier = parseVerifierKey(key2);
  } catch (error) {
    if (!(error instanceof RecordError)) throw error;
    if (keySource !== "first-use")
      throw new AuditUsageError(`${given?.label ?? statePath} holds a malformed key: ${error.message}`);
    findings.discrepancy({
      code: "malformed-key",
      message: `the site serves a malformed key at /log/key: ${error.message}`
    });
    return report(null, null);
  }
  const origin = state?.origin ?? firstLine(note);
  const checkpoint = openSigned(note, verifier, origin, findings);
  if (checkpoint === null) return report(null, origin);
  if (keySource === "first-use") {
    const message = `trusted the key the site serves, on first use: ${key2}. Compare it with one published elsewhere; later audits refuse any other`;
    findings.note({ code: "trusted-on-first-use", message });
  }
  const previous = state && { size: state.size, root: decodeBase64(state.root) };
  if (previous !== null && previous.size > checkpoint.size) {
    const message = `the site serves a checkpoint of ${checkpoint.size} entries, but one of ${previous.size} was verified before: a log never shrinks`;
    findings.discrepancy({ code: "checkpoint-rolled-back", message });
  }
  const total = checkpoint.size;
  markAt = client.mirror === null ? total : Math.min(markAt, total);
  let marked = false;
  const mark = () => {
    if (!marked) tally.mark();
    marked = true;
  };
  if (markAt === 0) mark();
  const later = previous !== null && previous.size > 0 && previous.size < total ? [(read) => consistencyProof(previous.size, total, read)] : [];
  let witnessed = witnessedNote === null ? null : openSigned(witnessedNote, verifier, origin, findings, "/log/witnessed-checkpoint");
  if (witnessed !== null && witnessed.size > total) {
    findings.discrepancy({
      code: "checkpoint-rolled-back",
      message: `the site's witnessed checkpoint has ${witnessed.size} entries, its newest (read after it) only ${total}: a log never shrinks`
    });
    witnessed = null;
  }
  const witnessedSize = witnessed?.size ?? 0;
  if (witnessedSize > 0 && witnessedSize < total)
    later.push((read) => consistencyProof(witnessedSize, total, read));
  const tree = await verifyTree({
    client,
    tree: checkpoint,
    from: 0,
    findings,
    later,
    window: options.concurrency,
    onEntry: (entry, index) => {
      tally.add(entry, index);
      if (index + 1 >= markAt) mark();
    },
    onProgress: (done) => options.onProgress?.(done, total)
  });
  verified.seconds = Math.round(performance.now() - started) / 1e3;
  verified.entries = total;
  verified.bundles = tree.bundles;
  verified.tiles = tree.tiles;
  verified.entriesPerSecond = Math.round(total / Math.max(verified.seconds, 1e-3));
  if (previous !== null) checkConsistency(previous, checkpoint, tree, findings);
  if (witnessed !== null && !checkConsistency(witnessed, checkpoint, tree, findings, "the witnessed checkpoint"))
    witnessed = null;
  witnesses = checkWitnessing({
    used,
    key: key2,
    origin,
    checkpoint,
    witnessed,
    runtime: `Node ${process.versions.node}`,
    findings
  });
  mark();
  const settleMs = client.mirror !== null ? 0 : options.settleMs ?? 5e3;
  if (settleMs > 0) await sleep(fetchedAt + 1100 - Date.now());
  const opened = [...tally.events.events.values()].filter((e) => e.opened >= 0 && e.opened < tally.markedAt);
  const site2 = await readSite(
    client,
    findings,
    opened.map((e) => e.code)
  );
  let current = checkpoint;
  for (const deadline = Date.now() + settleMs; lowerThanRecord(tally, site2).length > 0 && Date.now() < deadline; ) {
    await sleep(500);
    const newer = openSigned(await readCheckpointNote(client), verifier, origin, findings);
    if (newer === null) break;
    if (newer.size < current.size) {
      findings.discrepancy({
        code: "checkpoint-rolled-back",
        message: `the site went back from a checkpoint of ${current.size} entries to one of ${newer.size}`
      });
      break;
    }
    if (newer.size === current.size) continue;
    const from = current;
    const grown = await verifyTree({
      client,
      tree: newer,
      from: from.size,
      findings,
      window: options.concurrency,
      later: [(read) => consistencyProof(from.size, newer.size, read)],
      onEntry: (entry, index) => tally.add(entry, index)
    });
    checkConsistency(from, newer, grown, findings);
    findings.note({
      code: "record-grew",
      message: `the record grew from ${from.size} to ${newer.size} entries during the audit; verified to ${newer.size}`
    });
    current = newer;
  }
  tally.finish();
  const petitions = compareWithSite(tally, site2, findings);
  const events = compareEvents(tally.events, site2.events, findings);
  await checkAttachmentFiles(client, tally.attachments, findings);
  let saved = false;
  if (!findings.treeFailed) {
    writeState(statePath, {
      version: 1,
      origin,
      key: key2,
      checkpoint: current.note,
      size: current.size,
      root: encodeBase64(current.root)
    });
    saved = true;
  }
  return report(current, origin, saved, petitions, events);
}
function entryCounts(byType) {
  const families = [/^(event|question|vote)\./, /^attachment\./, /^petition\.corrected$/, /^signatures\.paper_/];
  const unused = families.filter((family) => !Object.entries(byType).some(([type, n]) => family.test(type) && n > 0));
  return Object.fromEntries(Object.entries(byType).filter(([type]) => !unused.some((family) => family.test(type))));
}
function pinKey(given, state, served, statePath, findings) {
  const changed = (message) => findings.discrepancy({
    code: "key-changed",
    message: `${message}. A log never changes its key: if this one really did, confirm the new key with the site's people by another channel, then delete ${statePath}`
  });
  let key2;
  let keySource;
  if (given !== void 0) {
    key2 = given.key;
    keySource = given.source;
    if (state !== null && state.key !== key2) changed(`${given.label} gives ${key2}, but ${statePath} pins ${state.key}`);
  } else if (state !== null) {
    key2 = state.key;
    keySource = "state";
  } else {
    if (served === null) throw new AuditNetworkError("the site serves no key at /log/key; give it with --key");
    key2 = served;
    keySource = "first-use";
  }
  if (served !== null && served !== key2)
    changed(`the site serves the key ${served} at /log/key, but the key trusted is ${key2}`);
  return { key: key2, keySource };
}
async function readCheckpointNote(client) {
  const note = await client.text("/log/checkpoint", MAX_CHECKPOINT2);
  if (note === null)
    throw new AuditNetworkError(
      `${client.base}/log/checkpoint is not found: is this a Veche site or mirror, and has its record begun?`
    );
  return note;
}
function openSigned(note, verifier, origin, findings, path = "/log/checkpoint") {
  try {
    return { ...openCheckpoint(note, [verifier], origin), note };
  } catch (error) {
    if (!(error instanceof RecordError)) throw error;
    const code = error.code === "origin-mismatch" ? "origin-changed" : error.code === "invalid-signature" || error.code === "unverified-note" ? "bad-checkpoint-signature" : "malformed-checkpoint";
    findings.discrepancy({ code, message: `the checkpoint at ${path}: ${error.message}` });
    return null;
  }
}
function checkConsistency(previous, checkpoint, tree, findings, earlier) {
  if (previous.size === 0 || previous.size > checkpoint.size) return true;
  let consistent;
  if (previous.size === checkpoint.size) {
    consistent = toHex(previous.root) === toHex(checkpoint.root);
  } else {
    try {
      consistent = verifyConsistency(
        previous.size,
        checkpoint.size,
        consistencyProof(previous.size, checkpoint.size, tree.read),
        previous.root,
        checkpoint.root
      );
    } catch {
      return true;
    }
  }
  if (!consistent) {
    const message = `the checkpoint of ${checkpoint.size} entries is not consistent with ${earlier === void 0 ? `the one of ${previous.size} verified before` : `${earlier}, of ${previous.size}`}: the log has shown two different histories. Keep both signed checkpoints (in this report${earlier === void 0 ? " and the state file" : ""}): together they prove it`;
    findings.discrepancy({ code: "inconsistent-checkpoint", message });
  }
  return consistent;
}
function firstLine(note) {
  return note.slice(0, Math.max(0, note.indexOf("\n")));
}
function sleep(ms) {
  return ms > 0 ? new Promise((resolve2) => setTimeout(resolve2, ms)) : Promise.resolve();
}

// src/audit/format-report.ts
function formatReport(report) {
  const lines = [];
  const n = (value) => value.toLocaleString("en-US");
  lines.push(`Audit of the public record of ${report.url}`, "");
  if (report.mirror !== null)
    lines.push(
      `  mirror      its copy of the site's counts was read after the checkpoint of ${n(report.mirror.after)} entries`
    );
  lines.push(`  origin      ${report.origin ?? "(unknown)"}`);
  const source = {
    option: "given with --key",
    policy: `given by the policy in ${report.witnesses?.path ?? "--policy"}`,
    state: `pinned in ${report.statePath}`,
    "first-use": "trusted on first use"
  }[report.keySource];
  lines.push(`  key         ${report.key} (${source})`);
  if (report.checkpoint !== null) {
    lines.push(`  checkpoint  ${n(report.checkpoint.size)} entries, root ${report.checkpoint.root}`);
    const v = report.verified;
    lines.push(
      `  verified    ${n(v.entries)} entries in ${n(v.bundles)} bundles and ${n(v.tiles)} tiles, ${mebibytes(v.bytes)} in ${v.seconds.toFixed(1)} s (${n(v.entriesPerSecond)} entries/s)`
    );
  }
  lines.push(
    `  previous    ${report.previous === null ? "none: this is the first audit with this state file" : `${n(report.previous.size)} entries, root ${report.previous.root}`}`
  );
  lines.push(
    `  state       ${report.stateSaved ? `saved to ${report.statePath}` : "not saved (the record did not verify)"}`
  );
  if (report.witnesses !== null) lines.push(...witnessLines(report.witnesses));
  if (report.checkpoint !== null) {
    lines.push("", "Entries");
    for (const [type, count3] of Object.entries(report.entries))
      lines.push(`  ${type.padEnd(22)} ${n(count3).padStart(12)}`);
  }
  if (report.petitions.length > 0) {
    lines.push("", "Petitions online (record = added \u2212 withdrawn \u2212 invalidated; site = GET /api/petitions)");
    const header = ["petition", "status", "added", "confirmed", "withdrawn", "invalidated", "record", "site", ""];
    const rows = report.petitions.map((p) => [
      p.id,
      p.status + (p.responses > 0 ? ", responded" : ""),
      n(p.added),
      n(p.confirmed),
      n(p.withdrawn),
      n(p.invalidated),
      n(p.record),
      p.site === null ? "\u2014" : n(p.site),
      difference(p.site, p.record)
    ]);
    lines.push(...table([header, ...rows]));
  }
  const paper = report.petitions.filter((p) => p.batches > 0 || (p.sitePaper ?? 0) > 0);
  if (paper.length > 0) {
    lines.push("", "Paper signatures (record = batches added \u2212 withdrawn; total = online + paper)");
    const header = ["petition", "batches", "paper", "site", "", "total", "site", ""];
    const rows = paper.map((p) => {
      const total = p.record + p.paper;
      const siteTotal = p.site === null ? null : p.site + (p.sitePaper ?? 0);
      return [
        p.id,
        n(p.batches),
        n(p.paper),
        p.sitePaper === null ? "\u2014" : n(p.sitePaper),
        difference(p.sitePaper, p.paper),
        n(total),
        siteTotal === null ? "\u2014" : n(siteTotal),
        difference(siteTotal, total)
      ];
    });
    lines.push(...table([header, ...rows], [0, 4, 7]));
  }
  if (report.invalidations.length > 0) {
    lines.push("", "Invalidations (signatures an organiser took out, with the reason given)");
    lines.push(
      ...table([
        ["invalidation", "petition", "reason", "signatures"],
        ...report.invalidations.map((i) => [i.id, i.petition, i.reason, n(i.signatures)])
      ])
    );
  }
  if (report.events.length > 0) {
    lines.push(
      "",
      "Events (record = the record's entries; site = GET /api/events/<code>; votes with merges folded in)"
    );
    const header = ["event", "status", "asked", "site", "answered", "votes", "site", "hidden", "site"];
    const rows = report.events.map((e) => [
      e.code,
      e.status + (e.moderation === "before" ? ", moderated" : ""),
      n(e.record.asked),
      site(e.site?.asked, e.record.asked),
      n(e.record.answered),
      n(e.record.votes),
      site(e.site?.votes, e.record.votes),
      hidden(e.record.hidden),
      e.site === null ? "\u2014" : hidden(e.site.hidden) === hidden(e.record.hidden) ? "=" : hidden(e.site.hidden)
    ]);
    lines.push(...table([header, ...rows], [0, 1, 7, 8]));
  }
  if (report.notes.length > 0) {
    lines.push("", "Notes");
    for (const note of report.notes) lines.push(`  \xB7 ${note.message}`);
    lines.push(
      ...unlisted(
        report,
        report.notes.map((f) => f.code)
      )
    );
  }
  lines.push(
    "",
    report.discrepancyCount === 0 ? "Discrepancies: none" : `Discrepancies: ${n(report.discrepancyCount)}`
  );
  for (const d of report.discrepancies) lines.push(`  \u2717 ${d.code}: ${d.message}`);
  const witnessFailures = report.discrepancies.filter((d) => WITNESS_FAILURES.has(d.code));
  if (witnessFailures.length > 0) {
    const bar = "!".repeat(78);
    lines.push("", bar, "!! THE WITNESSES DO NOT VOUCH FOR THIS RECORD.");
    for (const d of witnessFailures) lines.push(`!! ${d.message}.`);
    lines.push("!! Keep this report: it holds the checkpoint as the site served it.", bar);
  }
  lines.push(
    ...unlisted(
      report,
      report.discrepancies.map((f) => f.code)
    )
  );
  lines.push(
    "",
    report.ok ? "Result: every signature, tile and entry verifies, and every count on the site follows from the record." : "Result: the record or the site FAILS the audit (see the discrepancies above)."
  );
  return `${lines.join("\n")}
`;
}
var WITNESS_FAILURES = /* @__PURE__ */ new Set(["quorum-not-met", "bad-cosignature", "policy-log-mismatch"]);
function witnessLines(w) {
  const n = (value) => value.toLocaleString("en-US");
  if (w.source === "none") return ["", "Witnesses", "  none: the site serves no witness policy (/log/policy)"];
  const lines = [
    "",
    w.source === "option" ? `Witnesses (the policy in ${w.path}, pinned)` : "Witnesses (the site's own policy, /log/policy: weaker than one you saved; pin it with --policy)",
    `  quorum      ${w.quorum}`
  ];
  if (w.checkpoint !== null)
    lines.push(`  checkpoint  ${n(w.checkpoint.size)} entries, root ${w.checkpoint.root} (${w.checkpoint.source})`);
  const words = {
    verified: "cosigned",
    absent: "did not cosign",
    invalid: "a cosignature that DOES NOT VERIFY",
    unchecked: "cannot check ML-DSA-44 on this Node: not counted"
  };
  for (const c of w.witnesses) {
    const mark = c.status === "verified" ? "\u2713" : "\u2717";
    const time = c.timestamp === null ? "" : ` at ${new Date(c.timestamp * 1e3).toISOString().replace("T", " ").slice(0, 19)} UTC`;
    lines.push(
      `  ${mark} ${c.name}  ${words[c.status]}${time}`,
      `      key ${c.key}${c.url === null ? "" : `, ${c.url}`}`
    );
  }
  const total = w.witnesses.length;
  lines.push(
    w.quorumMet ? `  ${total === 0 ? "The policy asks for no witness." : `Quorum met: ${n(w.cosigned)} of ${n(total)} witnesses cosigned the checkpoint checked.`}` : `  QUORUM NOT MET: ${n(w.cosigned)} of ${n(total)} witnesses cosigned the checkpoint checked.`
  );
  return lines;
}
function site(shown, recorded) {
  if (shown === void 0) return "\u2014";
  if (shown === recorded) return "=";
  const difference2 = shown > recorded ? `+${(shown - recorded).toLocaleString("en-US")}` : `\u2212${(recorded - shown).toLocaleString("en-US")}`;
  return `${shown.toLocaleString("en-US")} (${difference2})`;
}
function hidden(byReason) {
  const order = ["spam", "abuse", "personal-data", "duplicate", "off-topic"];
  const reasons = Object.keys(byReason).filter((r) => byReason[r] > 0).sort((a, b) => (order.indexOf(a) >>> 0) - (order.indexOf(b) >>> 0) || (a < b ? -1 : 1));
  return reasons.length === 0 ? "0" : reasons.map((r) => `${r} ${byReason[r].toLocaleString("en-US")}`).join(", ");
}
function unlisted(report, listedCodes) {
  const listed = /* @__PURE__ */ new Map();
  for (const code of listedCodes) listed.set(code, (listed.get(code) ?? 0) + 1);
  return [...listed].filter(([code, shown]) => report.counts[code] > shown).map(([code, shown]) => `  \u2026 and ${(report.counts[code] - shown).toLocaleString("en-US")} more ${code}`);
}
function table(rows, left = [0, 1]) {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((r) => r[column].length)));
  return rows.map(
    (r) => `  ${r.map((cell, column) => left.includes(column) ? cell.padEnd(widths[column]) : cell.padStart(widths[column])).join("  ")}`.trimEnd()
  );
}
function mebibytes(bytes) {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
function difference(site2, record) {
  if (site2 === null) return "";
  if (site2 === record) return "=";
  const n = (value) => value.toLocaleString("en-US");
  return site2 > record ? `+${n(site2 - record)}` : `\u2212${n(record - site2)}`;
}

// src/audit/progress-bar.ts
var ProgressBar = class {
  #stream;
  #label;
  #started = performance.now();
  #drawnAt = 0;
  #drawn = false;
  constructor(stream, label) {
    this.#stream = stream;
    this.#label = label;
  }
  /** update shows `done` of `total`. */
  update(done, total) {
    if (!this.#stream.isTTY) return;
    const now = performance.now();
    if (now - this.#drawnAt < 100 && done < total) return;
    this.#drawnAt = now;
    const seconds = (now - this.#started) / 1e3;
    const rate = done / Math.max(seconds, 1e-3);
    const left = rate > 0 && done < total ? ` \xB7 ${Math.ceil((total - done) / rate)} s left` : "";
    const text = ` ${count2(done)}/${count2(total)} ${this.#label} \xB7 ${count2(Math.round(rate))}/s${left}`;
    const width = Math.max(10, Math.min(40, (this.#stream.columns ?? 80) - text.length - 8));
    const filled = total > 0 ? Math.round(done / total * width) : width;
    const percent = total > 0 ? Math.floor(done / total * 100) : 100;
    this.#stream.write(
      `\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${String(percent).padStart(3)}%${text}\x1B[K`
    );
    this.#drawn = true;
  }
  /** clear removes the line, before the report is printed. */
  clear() {
    if (this.#drawn) this.#stream.write("\r\x1B[K");
    this.#drawn = false;
  }
};
function count2(n) {
  return n.toLocaleString("en-US");
}

// src/cli/audit.ts
function auditUsage(program2) {
  return `Usage: ${program2} <site-or-mirror> [--policy <file>] [--key <verifier key>] [--state <file>] [--json]

Downloads the public record of a Veche site, verifies the signed checkpoint, every tile and every entry, checks that
the record is consistent with the checkpoint verified last time, recomputes every count and compares it with the
site's API. <site-or-mirror> is the site's address (https://veche.example), a mirror's address, or a mirror's folder
(a path or a file: URL): a mirror is audited exactly as the site. Exit status: 0 all consistent, 1 a discrepancy,
2 a usage or network error.

  --policy <file>    the record's witness policy (c2sp.org/tlog-policy), saved from the site's /log/policy and checked
                     with the witnesses: the checkpoint must be signed by its log's key and cosigned by its quorum
                     of witnesses, or the audit fails. Without it, the policy the site serves now (weaker: a site
                     under pressure could serve another)
  --key <key>        the log's verifier key (name+keyid+base64); without it, the key pinned in the state file, or
                     on the first audit the one the site serves at /log/key (trust on first use)
  --state <file>     where the pinned key and last checkpoint are kept
                     (default $XDG_CONFIG_HOME/veche-audit/<origin>.json, ~/.config unless set)
  --json             print the report as JSON
  --concurrency <n>  requests in flight at once (default 8)
  --settle <s>       seconds to wait for the record to catch up with a site count lower than it (default 5)
`;
}
async function runAudit(args, io2 = { stdout: process.stdout, stderr: process.stderr, env: process.env }, program2 = "veche audit") {
  let options;
  try {
    options = readOptions(args, io2.env, program2);
  } catch (error) {
    io2.stderr.write(`${error.message}

${auditUsage(program2)}`);
    return 2;
  }
  if (options === null) {
    await new Promise((done) => io2.stdout.write(auditUsage(program2), done));
    return 0;
  }
  const bar = new ProgressBar(io2.stderr, "entries");
  try {
    const report = await auditRecord({ ...options, onProgress: (done, total) => bar.update(done, total) });
    bar.clear();
    const text = options.json ? `${JSON.stringify(report, null, 2)}
` : formatReport(report);
    await new Promise((done) => io2.stdout.write(text, done));
    return report.ok ? 0 : 1;
  } catch (error) {
    bar.clear();
    if (error instanceof AuditNetworkError || error instanceof AuditUsageError) {
      io2.stderr.write(`${program2}: ${error.message}
`);
      return 2;
    }
    throw error;
  }
}
function readOptions(args, env, program2) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      key: { type: "string" },
      policy: { type: "string" },
      state: { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
      concurrency: { type: "string" },
      settle: { type: "string" }
    }
  });
  if (values.help) return null;
  if (positionals.length !== 1)
    throw new Error(`give one site, mirror or folder, e.g. ${program2} https://veche.example`);
  const location = positionals[0];
  readLocation(location);
  const concurrency = values.concurrency === void 0 ? 8 : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
    throw new Error("--concurrency must be a whole number from 1 to 64");
  const settle = values.settle === void 0 ? 5 : Number(values.settle);
  if (!Number.isFinite(settle) || settle < 0 || settle > 600)
    throw new Error("--settle must be a number of seconds from 0 to 600");
  let policy;
  if (values.policy !== void 0) {
    try {
      policy = { text: readFileSync2(values.policy, "utf8"), path: values.policy };
    } catch (error) {
      throw new Error(
        `cannot read the policy file ${values.policy}: ${error.code ?? error.message}`
      );
    }
  }
  return {
    location,
    policy,
    key: values.key?.trim(),
    json: values.json === true,
    concurrency,
    settleMs: settle * 1e3,
    statePath: values.state,
    env
  };
}

// src/cli/mirror.ts
import { readFileSync as readFileSync4 } from "node:fs";
import { parseArgs as parseArgs2 } from "node:util";

// src/mirror/update-mirror.ts
import { mkdirSync as mkdirSync3, mkdtempSync, rmSync as rmSync2, writeFileSync as writeFileSync3 } from "node:fs";
import { dirname as dirname3, join as join4 } from "node:path";

// src/mirror/prune-mirror.ts
function pruneMirror(folder, sizes) {
  for (const name of folder.list("/api")) {
    if (!sizes.snapshots.includes(`api/${name}`)) folder.remove(`/api/${name}`);
  }
  const keep2 = /* @__PURE__ */ new Set();
  for (const size of [sizes.held, sizes.served]) {
    if (size === null || size === 0) continue;
    for (const tile of partialTiles(size)) {
      keep2.add(`/log/${tilePath(tile.level, tile.n, tile.width)}`);
      if (tile.level === 0) keep2.add(`/log/${entriesPath(tile.n, tile.width)}`);
    }
  }
  const folders = /* @__PURE__ */ new Set();
  for (const size of [sizes.held, sizes.served]) {
    if (size === null || size === 0) continue;
    for (let level = 0; Math.floor(size / FULL_WIDTH ** level) > 0; level++) {
      const n = tileCounts(size, level).full;
      for (const path of level === 0 ? [tilePath(0, n), entriesPath(n)] : [tilePath(level, n)]) {
        folders.add(`/log/${path.slice(0, path.lastIndexOf("/"))}`);
      }
    }
  }
  for (const parent of folders) {
    for (const name of folder.list(parent)) {
      if (!name.endsWith(".p")) continue;
      const full = parseTilePath(`${parent.slice("/log/".length)}/${name.slice(0, -2)}`);
      if (full === null) continue;
      const level = full.level === "entries" ? 0 : full.level;
      if (full.n >= tileCounts(sizes.served, level).full) continue;
      const widths = folder.list(`${parent}/${name}`);
      const left = widths.filter((w) => keep2.has(`${parent}/${name}/${w}`));
      for (const width of widths) if (!left.includes(width)) folder.remove(`${parent}/${name}/${width}`);
      if (left.length === 0) folder.remove(`${parent}/${name}`);
    }
  }
}

// src/mirror/mirror-index-page.ts
function mirrorIndexPage(origin, key2, hasAuditor, hasPolicy = false) {
  const code = (text) => `<pre>${escapeHtml(text)}</pre>`;
  const command2 = code(`node veche-audit.mjs <this address or folder> --key '${key2}'`);
  const download = hasAuditor ? '<p><a href="veche-audit.mjs" download>veche-audit.mjs</a></p>' : "";
  return `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(origin)}: public record (mirror)</title>
<h1>${escapeHtml(origin)}</h1>
<p>A copy of the public record of <strong>${escapeHtml(origin)}</strong>: every petition, signature, question and vote as the
site signed them, checked before it was copied. Anyone can check it again: with Node.js 20 or newer, download the
auditor and run it on this address (or on the folder, if this copy came on a stick):</p>
${download}${command2}
<p lang="uk">\u041A\u043E\u043F\u0456\u044F \u043F\u0443\u0431\u043B\u0456\u0447\u043D\u043E\u0433\u043E \u0437\u0430\u043F\u0438\u0441\u0443 ${escapeHtml(origin)}. \u041F\u0435\u0440\u0435\u0432\u0456\u0440\u0438\u0442\u0438 \u0457\u0457 \u043C\u043E\u0436\u0435 \u0431\u0443\u0434\u044C-\u0445\u0442\u043E: \u0437 Node.js 20 \u0430\u0431\u043E \u043D\u043E\u0432\u0456\u0448\u0438\u043C \u0437\u0430\u0432\u0430\u043D\u0442\u0430\u0436\u0442\u0435
veche-audit.mjs \u0456 \u0432\u0438\u043A\u043E\u043D\u0430\u0439\u0442\u0435 \u043A\u043E\u043C\u0430\u043D\u0434\u0443 \u0432\u0438\u0449\u0435 \u0437 \u0430\u0434\u0440\u0435\u0441\u043E\u044E \u0446\u0456\u0454\u0457 \u043A\u043E\u043F\u0456\u0457 (\u0430\u0431\u043E \u0442\u0435\u043A\u043E\u044E, \u044F\u043A\u0449\u043E \u043A\u043E\u043F\u0456\u044F \u043F\u0440\u0438\u0439\u0448\u043B\u0430 \u043D\u0430 \u0444\u043B\u0435\u0448\u0446\u0456).</p>
<p lang="ru">\u041A\u043E\u043F\u0438\u044F \u043F\u0443\u0431\u043B\u0438\u0447\u043D\u043E\u0439 \u0437\u0430\u043F\u0438\u0441\u0438 ${escapeHtml(origin)}. \u041F\u0440\u043E\u0432\u0435\u0440\u0438\u0442\u044C \u0435\u0451 \u043C\u043E\u0436\u0435\u0442 \u043B\u044E\u0431\u043E\u0439: \u0441 Node.js 20 \u0438\u043B\u0438 \u043D\u043E\u0432\u0435\u0435 \u0441\u043A\u0430\u0447\u0430\u0439\u0442\u0435
veche-audit.mjs \u0438 \u0432\u044B\u043F\u043E\u043B\u043D\u0438\u0442\u0435 \u043A\u043E\u043C\u0430\u043D\u0434\u0443 \u0432\u044B\u0448\u0435 \u0441 \u0430\u0434\u0440\u0435\u0441\u043E\u043C \u044D\u0442\u043E\u0439 \u043A\u043E\u043F\u0438\u0438 (\u0438\u043B\u0438 \u043F\u0430\u043F\u043A\u043E\u0439, \u0435\u0441\u043B\u0438 \u043A\u043E\u043F\u0438\u044F \u043F\u0440\u0438\u0448\u043B\u0430 \u043D\u0430 \u0444\u043B\u0435\u0448\u043A\u0435).</p>
${hasPolicy ? `<p>The record's witnesses, who check that the site shows everyone the same record, are named in its policy,
<a href="log/policy">log/policy</a>. To hold this copy to them, add <code>--policy &lt;file&gt;</code> with the policy
you saved from the site: a copy of the policy is only as good as the copy.</p>
<p lang="uk">\u0421\u0432\u0456\u0434\u043A\u0438 \u0440\u0435\u0454\u0441\u0442\u0440\u0443 \u043D\u0430\u0437\u0432\u0430\u043D\u0456 \u0432 \u0439\u043E\u0433\u043E \u043F\u043E\u043B\u0456\u0442\u0438\u0446\u0456 (log/policy). \u0429\u043E\u0431 \u043F\u0435\u0440\u0435\u0432\u0456\u0440\u0438\u0442\u0438 \u043A\u043E\u043F\u0456\u044E \u0437\u0430 \u043D\u0438\u043C\u0438, \u0434\u043E\u0434\u0430\u0439\u0442\u0435
<code>--policy &lt;\u0444\u0430\u0439\u043B&gt;</code> \u0437 \u043F\u043E\u043B\u0456\u0442\u0438\u043A\u043E\u044E, \u044F\u043A\u0443 \u0432\u0438 \u0437\u0431\u0435\u0440\u0435\u0433\u043B\u0438 \u0456\u0437 \u0441\u0430\u0439\u0442\u0443.</p>
<p lang="ru">\u0421\u0432\u0438\u0434\u0435\u0442\u0435\u043B\u0438 \u0440\u0435\u0435\u0441\u0442\u0440\u0430 \u043D\u0430\u0437\u0432\u0430\u043D\u044B \u0432 \u0435\u0433\u043E \u043F\u043E\u043B\u0438\u0442\u0438\u043A\u0435 (log/policy). \u0427\u0442\u043E\u0431\u044B \u043F\u0440\u043E\u0432\u0435\u0440\u0438\u0442\u044C \u043A\u043E\u043F\u0438\u044E \u043F\u043E \u043D\u0438\u043C, \u0434\u043E\u0431\u0430\u0432\u044C\u0442\u0435
<code>--policy &lt;\u0444\u0430\u0439\u043B&gt;</code> \u0441 \u043F\u043E\u043B\u0438\u0442\u0438\u043A\u043E\u0439, \u043A\u043E\u0442\u043E\u0440\u0443\u044E \u0432\u044B \u0441\u043E\u0445\u0440\u0430\u043D\u0438\u043B\u0438 \u0441 \u0441\u0430\u0439\u0442\u0430.</p>
` : ""}<p>Key / \u043A\u043B\u044E\u0447:</p>
${code(key2)}
<p><a href="log/checkpoint">log/checkpoint</a> \xB7 <a href="log/key">log/key</a> \xB7 <a href="veche-mirror.json">veche-mirror.json</a></p>
</html>
`;
}
function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// src/mirror/mirror-folder.ts
import { existsSync, mkdirSync as mkdirSync2, readdirSync, readFileSync as readFileSync3, renameSync as renameSync2, rmSync, writeFileSync as writeFileSync2 } from "node:fs";
import { dirname as dirname2, join as join3 } from "node:path";
var MirrorFolder = class {
  root;
  constructor(root) {
    this.root = root;
  }
  /** file is where a site path is kept in the folder. */
  file(path) {
    const segments = path.split("/").filter((s) => s !== "");
    if (segments.some((s) => s === "." || s === "..")) throw new Error(`not a path inside the mirror: ${path}`);
    return join3(this.root, ...segments);
  }
  /** read returns the file at a site path, or null when there is none. */
  read(path) {
    try {
      return readFileSync3(this.file(path));
    } catch (error) {
      const code = error.code;
      if (code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR") return null;
      throw error;
    }
  }
  /** has reports whether a file is kept at a site path. */
  has(path) {
    return existsSync(this.file(path));
  }
  /** write replaces the file at a site path atomically (a temporary file in the same folder, renamed over it). */
  write(path, bytes) {
    const target = this.file(path);
    mkdirSync2(dirname2(target), { recursive: true });
    const temporary = `${target}.${randomBytes(6).toString("hex")}.tmp`;
    writeFileSync2(temporary, bytes);
    renameSync2(temporary, target);
  }
  /** move puts a file written elsewhere in the same file system at a site path, atomically. */
  move(from, path) {
    const target = this.file(path);
    mkdirSync2(dirname2(target), { recursive: true });
    renameSync2(from, target);
  }
  /** remove deletes a file or folder at a site path, if there is one. */
  remove(path) {
    rmSync(this.file(path), { recursive: true, force: true });
  }
  /** list names what a folder at a site path holds (empty when there is no such folder). */
  list(path) {
    try {
      return readdirSync(this.file(path));
    } catch {
      return [];
    }
  }
};

// src/mirror/recording-reader.ts
var RecordingReader = class extends RecordReader {
  #inner;
  #onRead;
  constructor(inner, onRead) {
    super(inner.base);
    this.#inner = inner;
    this.#onRead = onRead;
  }
  async fetch(path, maxBytes) {
    const body = await this.#inner.get(path, maxBytes);
    if (body !== null) this.#onRead(path, body);
    return body;
  }
};

// src/mirror/update-mirror.ts
var MAX_KEY2 = 4096;
var MAX_POLICY2 = 64 * 1024;
var MAX_CHECKPOINT3 = 64 * 1024;
async function updateMirror(options) {
  mkdirSync3(options.folder, { recursive: true });
  const folder = new MirrorFolder(options.folder);
  const source = await openRecord(options.location, { concurrency: options.concurrency });
  try {
    return await update(source, folder, options);
  } finally {
    source.close();
  }
}
async function update(source, folder, options) {
  const heldKey = folder.read("/log/key")?.toString("utf8").trim() || null;
  const heldNote = folder.read("/log/checkpoint")?.toString("utf8") ?? null;
  const heldManifest = readHeldManifest(folder);
  const servedKey = (await source.text("/log/key", MAX_KEY2))?.trim() || null;
  if (options.key !== void 0 && heldKey !== null && options.key !== heldKey) {
    throw new AuditUsageError(`${folder.root} holds the record of the key ${heldKey}, but --key gives ${options.key}`);
  }
  const key2 = options.key ?? heldKey ?? servedKey;
  if (key2 === null) throw new AuditNetworkError(`${source.base} serves no key at /log/key; give it with --key`);
  let verifier;
  try {
    verifier = parseVerifierKey(key2);
  } catch (error) {
    if (!(error instanceof RecordError)) throw error;
    throw new AuditUsageError(`the key ${key2} is malformed: ${error.message}`);
  }
  const policy = await source.text("/log/policy", MAX_POLICY2);
  const witnessedNote = await source.text("/log/witnessed-checkpoint", MAX_CHECKPOINT3);
  const firstNote = await readCheckpointNote(source);
  const fetchedAt = Date.now();
  const heldFindings = new Findings();
  const held = heldNote === null ? null : openSigned(heldNote, verifier, verifier.name, heldFindings);
  if (heldNote !== null && held === null) {
    throw new AuditUsageError(
      `${folder.file("/log/checkpoint")} does not verify with the key ${key2}: ${heldFindings.discrepancies[0]?.message}`
    );
  }
  const origin = held?.origin ?? firstLine2(firstNote);
  const result = {
    outcome: "unchanged",
    origin,
    key: key2,
    previous: held?.size ?? null,
    size: held?.size ?? 0,
    after: null,
    problem: null,
    evidence: [],
    requests: 0,
    bytes: 0
  };
  const finish = (change) => ({
    ...result,
    ...change,
    requests: source.requests,
    bytes: source.bytes
  });
  const refuse = (problem, contradicting = []) => {
    const evidence2 = contradicting.map((c) => {
      const path = `/evidence/checkpoint-${c.size}-${toHex(c.root).slice(0, 16)}`;
      folder.write(path, c.note);
      return path;
    });
    return finish({ outcome: "refused", problem, evidence: evidence2 });
  };
  if (servedKey !== null && servedKey !== key2)
    return refuse(`the source serves the key ${servedKey}, but the mirror holds the record of ${key2}`);
  const findings = new Findings();
  const first = openSigned(firstNote, verifier, origin, findings);
  if (first === null) return refuse(findings.discrepancies[0].message);
  const judged = judge(held, first);
  if (judged !== "grown" && judged !== "same") return refuse(judged, held === null ? [] : [held, first]);
  for (const name of folder.list("/")) if (name.startsWith(".incoming-")) folder.remove(`/${name}`);
  const batches = [];
  const events = new Set(heldManifest?.events ?? []);
  try {
    if (judged === "grown") {
      batches.push(await stage(source, folder, held, first, findings, events, options));
      if (findings.treeFailed)
        return refuse(treeProblem(findings), held !== null && forked(findings) ? [held, first] : []);
    }
    if (source.mirror === null) await sleep2(fetchedAt + 1100 - Date.now());
    const snapshot = `api/${first.size}-${randomBytes(4).toString("hex")}`;
    const recorder = new RecordingReader(source, (path, body) => {
      const file = path.startsWith("/api/") ? mirrorApiPath({ snapshot }, path) : null;
      if (file !== null) folder.write(file, body);
    });
    await readSite(recorder, new Findings(), [...events]);
    const after = source.mirror === null ? first.size : Math.min(source.mirror.after, first.size);
    let served = first;
    const settleMs = source.mirror === null ? options.settleMs ?? 2e3 : 0;
    if (settleMs > 0) {
      await sleep2(settleMs);
      const later = openSigned(await readCheckpointNote(source), verifier, origin, findings);
      if (later === null) return refuse(findings.discrepancies[0].message);
      const again = judge(first, later);
      if (again === "grown") {
        batches.push(await stage(source, folder, first, later, findings, events, options));
        if (findings.treeFailed) return refuse(treeProblem(findings), forked(findings) ? [first, later] : []);
        served = later;
      } else if (again !== "same") {
        return refuse(again, [first, later]);
      }
    }
    for (const batch of batches) publish(folder, batch);
    writeBeside(folder, origin, key2, options.auditor ?? null, policy !== null || folder.has("/log/policy"));
    copyWitnessing(folder, { policy, witnessed: witnessedNote, verifier, origin, served });
    folder.write("/log/checkpoint", served.note);
    const manifest = { version: 1, origin, snapshot, after, events: [...events].sort() };
    folder.write(MIRROR_MANIFEST, `${JSON.stringify(manifest, null, 2)}
`);
    pruneMirror(folder, {
      held: held?.size ?? null,
      served: served.size,
      snapshots: [snapshot, heldManifest?.snapshot ?? snapshot]
    });
    const outcome = held === null ? "created" : served.size === held.size ? "unchanged" : "updated";
    return finish({ outcome, size: served.size, after });
  } finally {
    for (const batch of batches) rmSync2(batch.dir, { recursive: true, force: true });
  }
}
async function stage(source, folder, from, to, findings, events, options) {
  const dir = mkdtempSync(join4(folder.root, ".incoming-"));
  const staged = { dir, paths: [] };
  const size = from?.size ?? 0;
  const decoder = new TextDecoder();
  const tree = await verifyTree({
    client: source,
    tree: to,
    from: size,
    findings,
    window: options.concurrency,
    later: size > 0 ? [(read) => consistencyProof(size, to.size, read)] : [],
    onEntry: (entry) => {
      const text = decoder.decode(entry);
      if (!text.includes('"type":"event.opened"')) return;
      try {
        const code = JSON.parse(text).event;
        if (typeof code === "string" && /^[A-Z0-9]{4,12}$/.test(code)) events.add(code);
      } catch {
      }
    },
    onFetched: (path, bytes) => {
      const file = join4(dir, ...path.split("/").filter((s) => s !== ""));
      mkdirSync3(dirname3(file), { recursive: true });
      writeFileSync3(file, bytes);
      staged.paths.push(path);
    },
    onProgress: (done) => options.onProgress?.(done, to.size - size)
  });
  if (from !== null) checkConsistency(from, to, tree, findings);
  return staged;
}
function publish(folder, staged) {
  for (const path of staged.paths) {
    if (!folder.has(path)) folder.move(join4(staged.dir, ...path.split("/").filter((s) => s !== "")), path);
  }
}
function judge(held, next) {
  if (held === null) return "grown";
  const same = toHex(held.root) === toHex(next.root);
  if (next.size === held.size) {
    return same ? "same" : `the source serves a checkpoint of ${next.size} entries with another root than the one held: the log shows two different histories`;
  }
  if (next.size < held.size)
    return `the source serves a checkpoint of ${next.size} entries, but the mirror holds one of ${held.size}: a log never shrinks`;
  return "grown";
}
function forked(findings) {
  return findings.counts.has("inconsistent-checkpoint");
}
function treeProblem(findings) {
  const first = findings.discrepancies.slice(0, 3).map((d) => d.message).join("; ");
  return `the source's record does not verify (${findings.discrepancyCount} problems): ${first}`;
}
function writeBeside(folder, origin, key2, auditor, hasPolicy) {
  if (folder.read("/log/key")?.toString("utf8") !== `${key2}
`) folder.write("/log/key", `${key2}
`);
  const page = mirrorIndexPage(origin, key2, auditor !== null, hasPolicy);
  if (folder.read("/index.html")?.toString("utf8") !== page) folder.write("/index.html", page);
  if (auditor !== null && !Buffer.from(auditor).equals(folder.read("/veche-audit.mjs") ?? Buffer.alloc(0)))
    folder.write("/veche-audit.mjs", auditor);
}
function copyWitnessing(folder, from) {
  if (from.policy !== null && folder.read("/log/policy")?.toString("utf8") !== from.policy)
    folder.write("/log/policy", from.policy);
  if (from.witnessed === null) return;
  const witnessed = openSigned(from.witnessed, from.verifier, from.origin, new Findings(), "/log/witnessed-checkpoint");
  if (witnessed !== null && witnessed.size <= from.served.size)
    folder.write("/log/witnessed-checkpoint", from.witnessed);
}
function readHeldManifest(folder) {
  const bytes = folder.read(MIRROR_MANIFEST);
  if (bytes === null) return null;
  let manifest;
  try {
    manifest = readMirrorManifest(JSON.parse(bytes.toString("utf8")));
  } catch {
    manifest = "it is not JSON";
  }
  if (typeof manifest === "string") throw new AuditUsageError(`${folder.file(MIRROR_MANIFEST)}: ${manifest}`);
  return manifest;
}
function firstLine2(note) {
  return note.slice(0, Math.max(0, note.indexOf("\n")));
}
function sleep2(ms) {
  return ms > 0 ? new Promise((resolve2) => setTimeout(resolve2, ms)) : Promise.resolve();
}

// src/cli/mirror.ts
function mirrorUsage(program2) {
  return `Usage: ${program2} <site-or-mirror> <folder> [--key <verifier key>] [--watch] [--every <seconds>]

Makes, or brings up to date, a verified copy of a Veche site's public record in <folder>: the signed checkpoint, every
tile and entry bundle (laid out as the site's /log/, c2sp.org/tlog-tiles), and the site's counts an audit compares
them with. Each new checkpoint is verified against the key and proved consistent with the one the folder holds before
anything is copied; one that is not (a smaller one, or another history) is refused, kept under evidence/, and the
folder keeps what it had. Any static web server, object store or USB stick can serve the folder; audit it with
  node veche-audit.mjs <its address or the folder>
Exit status: 0 up to date, 1 the source was refused, 2 a usage or network error.

  --key <key>        the log's verifier key (name+keyid+base64); without it, the one the folder holds, or on the
                     first copy the one the source serves at /log/key (trust on first use)
  --watch            keep the copy up to date until stopped (a network failure is told and tried again)
  --every <seconds>  how often --watch looks for a new checkpoint (default 60)
  --concurrency <n>  requests in flight at once (default 8)
`;
}
async function runMirror(args, io2 = { stdout: process.stdout, stderr: process.stderr, env: process.env }, program2 = "veche mirror", auditorFile = null) {
  let options;
  try {
    options = readOptions2(args, program2);
  } catch (error) {
    io2.stderr.write(`${error.message}

${mirrorUsage(program2)}`);
    return 2;
  }
  if (options === null) {
    await new Promise((done) => io2.stdout.write(mirrorUsage(program2), done));
    return 0;
  }
  const auditor = readAuditor(auditorFile);
  for (; ; ) {
    try {
      const update2 = await updateMirror({ ...options, auditor });
      await new Promise((done) => io2.stdout.write(describe2(update2, options.folder), done));
      if (update2.outcome === "refused") return 1;
    } catch (error) {
      if (!(error instanceof AuditNetworkError || error instanceof AuditUsageError)) throw error;
      io2.stderr.write(`${program2}: ${error.message}
`);
      if (!options.watch || error instanceof AuditUsageError) return 2;
    }
    if (!options.watch) return 0;
    await new Promise((resolve2) => setTimeout(resolve2, options.everyMs));
  }
}
function describe2(update2, folder) {
  const n = (value) => value.toLocaleString("en-US");
  const time = (/* @__PURE__ */ new Date()).toISOString().slice(0, 19).replace("T", " ");
  switch (update2.outcome) {
    case "created":
      return `${time} ${folder}: a copy of ${update2.origin}, ${n(update2.size)} entries verified (the site's counts read after ${n(update2.after)})
`;
    case "updated":
      return `${time} ${folder}: ${n(update2.previous)} \u2192 ${n(update2.size)} entries, consistent with the copy held (the site's counts read after ${n(update2.after)})
`;
    case "unchanged":
      return `${time} ${folder}: no new entries (${n(update2.size)}); the site's counts read again
`;
    case "refused": {
      const bar = "!".repeat(78);
      const evidence2 = update2.evidence.length > 0 ? `
!! The signed checkpoints that contradict each other are kept in ${update2.evidence.map((p) => folder + p).join(" and ")}:
!! together they prove it. Keep them, and tell people you trust.` : "";
      return `${bar}
!! REFUSED: ${update2.problem}.
!! The mirror keeps the copy it held (${n(update2.size)} entries).${evidence2}
${bar}
`;
    }
  }
}
function readAuditor(file) {
  if (file === null) return null;
  try {
    return readFileSync4(file);
  } catch {
    return null;
  }
}
function readOptions2(args, program2) {
  const { values, positionals } = parseArgs2({
    args,
    allowPositionals: true,
    options: {
      key: { type: "string" },
      watch: { type: "boolean" },
      every: { type: "string" },
      concurrency: { type: "string" },
      help: { type: "boolean", short: "h" }
    }
  });
  if (values.help) return null;
  if (positionals.length !== 2)
    throw new Error(`give a site (or mirror) and a folder, e.g. ${program2} https://veche.example ./veche-mirror`);
  const [location, folder] = positionals;
  readLocation(location);
  const every = values.every === void 0 ? 60 : Number(values.every);
  if (!Number.isFinite(every) || every < 1 || every > 86400)
    throw new Error("--every must be a number of seconds from 1 to 86400");
  const concurrency = values.concurrency === void 0 ? 8 : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
    throw new Error("--concurrency must be a whole number from 1 to 64");
  return {
    location,
    folder,
    key: values.key?.trim(),
    watch: values.watch === true,
    everyMs: every * 1e3,
    concurrency
  };
}

// src/cli/monitor.ts
import { readFileSync as readFileSync7 } from "node:fs";
import { parseArgs as parseArgs3 } from "node:util";

// src/monitor/monitor-state.ts
import { mkdirSync as mkdirSync4, readFileSync as readFileSync5, renameSync as renameSync3, writeFileSync as writeFileSync4 } from "node:fs";
import { homedir as homedir2 } from "node:os";
import { dirname as dirname4, join as join5 } from "node:path";
function defaultMonitorFolder(env = process.env) {
  return join5(env.XDG_STATE_HOME || join5(env.HOME || homedir2(), ".local", "state"), "veche-monitor");
}
function originFolder(folder, origin) {
  return join5(
    folder,
    defaultStatePath(origin, { XDG_CONFIG_HOME: "/" }).slice("/veche-audit/".length, -".json".length)
  );
}
function readWatch(folder, origin) {
  let text;
  try {
    text = readFileSync5(join5(originFolder(folder, origin), "state.json"), "utf8");
  } catch (error) {
    if (error.code === "ENOENT") return null;
    throw new AuditUsageError(`cannot read the monitor's state for ${origin}: ${error.message}`);
  }
  const watch = JSON.parse(text);
  if (watch?.version !== 1 || watch.origin !== origin || !Array.isArray(watch.checkpoints)) {
    throw new AuditUsageError(
      `${join5(originFolder(folder, origin), "state.json")} is not a monitor's state for ${origin}`
    );
  }
  return watch;
}
function writeWatch(folder, watch) {
  writeAtomically(join5(originFolder(folder, watch.origin), "state.json"), `${JSON.stringify(watch, null, 2)}
`);
}
function keepFile(folder, origin, name, text) {
  const path = join5(originFolder(folder, origin), name);
  writeAtomically(path, text);
  return path;
}
function writeAtomically(path, text) {
  mkdirSync4(dirname4(path), { recursive: true });
  const temporary = `${path}.${randomBytes(6).toString("hex")}.tmp`;
  writeFileSync4(temporary, text);
  renameSync3(temporary, path);
}

// src/monitor/watch-records.ts
import { readFileSync as readFileSync6 } from "node:fs";
import { join as join6, relative } from "node:path";

// src/monitor/prove-consistency.ts
async function proveConsistency(reader, treeSize, older, newer) {
  if (older.size === 0 || older.size === newer.size) {
    const same = older.size === 0 || bytesEqual(older.root, newer.root);
    return same ? { outcome: "consistent" } : { outcome: "forked", reason: `two checkpoints of ${newer.size} entries with different roots` };
  }
  const proof = await readConsistencyProof(reader, treeSize, older.size, newer.size);
  if (typeof proof === "string") return { outcome: "unproven", reason: proof };
  const roots = consistencyRoots(older.size, newer.size, proof, older.root);
  if (roots === null || !bytesEqual(roots.newRoot, newer.root)) {
    return {
      outcome: "unproven",
      reason: `the tiles ${reader.base} serves do not give the root of its checkpoint of ${newer.size} entries`
    };
  }
  if (!bytesEqual(roots.oldRoot, older.root)) {
    return {
      outcome: "forked",
      reason: `the checkpoint of ${older.size} entries is not a prefix of the one of ${newer.size}`
    };
  }
  return { outcome: "consistent" };
}
async function readConsistencyProof(reader, treeSize, oldSize, newSize) {
  if (oldSize === 0 || oldSize === newSize) return [];
  const wanted = /* @__PURE__ */ new Map();
  consistencyProof(
    oldSize,
    newSize,
    tileHashReader(treeSize, (tile) => {
      wanted.set(tilePath(tile.level, tile.n, tile.width), tile);
      return new Uint8Array(tile.width * HASH_SIZE);
    })
  );
  const tiles = /* @__PURE__ */ new Map();
  for (const [path, tile] of wanted) {
    const bytes = await readTile2(reader, tile);
    if (bytes === null) return `${reader.base}/log/${path} is not served`;
    tiles.set(path, bytes);
  }
  return consistencyProof(
    oldSize,
    newSize,
    tileHashReader(treeSize, (tile) => tiles.get(tilePath(tile.level, tile.n, tile.width)))
  );
}
async function readTile2(reader, tile) {
  const max = FULL_WIDTH * HASH_SIZE;
  const bytes = await reader.get(`/log/${tilePath(tile.level, tile.n, tile.width)}`, max);
  if (bytes !== null || tile.width === FULL_WIDTH)
    return bytes !== null && bytes.length === tile.width * HASH_SIZE ? bytes : null;
  const full = await reader.get(`/log/${tilePath(tile.level, tile.n)}`, max);
  return full !== null && full.length === max ? full.subarray(0, tile.width * HASH_SIZE) : null;
}

// src/record/add-checkpoint.ts
var MAX_PROOF_LINES = 63;
var TREE_SIZE_TYPE = "text/x.tlog.size";
var SIZE2 = /^(?:0|[1-9][0-9]*)$/;
function formatAddCheckpoint(request) {
  if (!Number.isSafeInteger(request.oldSize) || request.oldSize < 0)
    throw new RangeError(`bad old size ${request.oldSize}`);
  if (request.proof.length > MAX_PROOF_LINES) throw new RangeError(`more than ${MAX_PROOF_LINES} proof hashes`);
  const proof = request.proof.map((hash3) => `${encodeBase64(hash3)}
`).join("");
  return `old ${request.oldSize}
${proof}
${request.checkpoint}`;
}
function parseTreeSize(body) {
  if (!body.endsWith("\n") || !SIZE2.test(body.slice(0, -1))) return null;
  const size = Number(body.slice(0, -1));
  return Number.isSafeInteger(size) ? size : null;
}

// src/monitor/gossip-checkpoint.ts
var MAX_ANSWER = 64 * 1024;
async function gossipCheckpoint(request) {
  let old = request.known ?? 0;
  for (let attempt = 0; ; attempt++) {
    if (old === request.size && request.known !== null) {
      return { outcome: "current", size: old, message: `it already holds the checkpoint of ${request.size} entries` };
    }
    if (old > request.size) {
      return {
        outcome: "current",
        size: old,
        message: `it holds a checkpoint of ${old} entries, larger than the ${request.size} this monitor saw: it will be checked when a source serves it`
      };
    }
    const proof = await request.proofFrom(old);
    if (typeof proof === "string")
      return { outcome: "failed", size: null, message: `no consistency proof from ${old}: ${proof}` };
    const answer = await post(request, formatAddCheckpoint({ oldSize: old, proof, checkpoint: request.note }));
    if ("error" in answer) return { outcome: "failed", size: null, message: answer.error };
    const { status, type, body } = answer;
    if (status === 200)
      return {
        outcome: "cosigned",
        size: request.size,
        message: `it cosigned the checkpoint of ${request.size} entries`
      };
    if (status === 409) {
      const held = type.split(";")[0].trim() === TREE_SIZE_TYPE ? parseTreeSize(body) : null;
      if (held !== null && attempt === 0) {
        old = held;
        if (held === request.size)
          return { outcome: "current", size: held, message: `it already holds the checkpoint of ${held} entries` };
        continue;
      }
    }
    const said = firstLine3(body);
    const why = {
      400: "it could not read the request",
      403: "it does not trust this log's key (the checkpoint is not signed by a key it holds for this log)",
      404: "it does not witness this log",
      409: `it holds another size than ${old} and would not say which`,
      422: `the consistency proof from ${old} entries did not convince it: what it cosigned before may be another history of this log \u2014 see what it serves, and the monitor's alarms`
    };
    const message = `${why[status] ?? `it answered ${status}`}${said === "" ? "" : ` (\u201C${said}\u201D)`}`;
    if (status in why) return { outcome: "refused", status, size: status === 409 ? null : old, message };
    return { outcome: "failed", size: null, message };
  }
}
async function post(request, body) {
  const timeoutMs = request.timeoutMs ?? 1e4;
  try {
    const response = await fetch(`${request.url.replace(/\/+$/, "")}/add-checkpoint`, {
      method: "POST",
      body,
      headers: { "content-type": "text/plain; charset=utf-8" },
      signal: AbortSignal.timeout(timeoutMs),
      redirect: "error"
    });
    const bytes = new Uint8Array(await response.arrayBuffer());
    const text = new TextDecoder().decode(bytes.subarray(0, MAX_ANSWER));
    return { status: response.status, type: response.headers.get("content-type") ?? "", body: text };
  } catch (error) {
    const name = error.name;
    return {
      error: name === "TimeoutError" || name === "AbortError" ? `no answer within ${timeoutMs} ms` : error.message
    };
  }
}
function firstLine3(text) {
  return text.split("\n", 1)[0].trim().slice(0, 200);
}

// src/monitor/witness-reader.ts
var MAX_WITNESS_ANSWER = 64 * 1024;
var WitnessReader = class extends RecordReader {
  #record;
  #checkpointUrl;
  #timeoutMs;
  constructor(name, url, origin, record, timeoutMs = 1e4) {
    super(`witness ${name} (${url})`);
    this.#record = record;
    const hash3 = createHash2("sha256").update(origin, "utf8").digest("hex");
    this.#checkpointUrl = `${url.replace(/\/+$/, "")}/${hash3}/checkpoint`;
    this.#timeoutMs = timeoutMs;
  }
  async fetch(path, maxBytes) {
    if (path !== "/log/checkpoint") return this.#record.get(path, maxBytes);
    let response;
    try {
      response = await fetch(this.#checkpointUrl, { signal: AbortSignal.timeout(this.#timeoutMs), redirect: "error" });
    } catch (error) {
      throw new AuditNetworkError(`could not read ${this.#checkpointUrl}: ${error.message}`);
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
};

// src/monitor/watch-records.ts
async function watchRecords(locations, options) {
  const round = { alarms: [], notes: [], unreachable: 0, seen: [], gossip: [] };
  for (const location of locations) {
    let reader = null;
    try {
      reader = await openRecord(location, { concurrency: options.concurrency });
      await look(reader, location, options, round);
    } catch (error) {
      const message = error.message;
      round.unreachable++;
      round.notes.push(`${location} could not be read: ${message}`);
    } finally {
      reader?.close();
    }
  }
  const origins = [...new Map(round.seen.map((s) => [s.origin, s.location])).entries()];
  if (options.witnesses !== false) {
    for (const [origin, location] of origins) await askWitnesses(origin, location, options, round);
  }
  if (round.alarms.length === 0 && (options.gossip?.length ?? 0) > 0) {
    for (const [origin] of origins) await gossip(origin, options, round);
  }
  return round;
}
async function askWitnesses(origin, location, options, round) {
  let record = null;
  try {
    record = await openRecord(location, { concurrency: options.concurrency });
    const text = options.policy ?? await record.text("/log/policy", 64 * 1024);
    if (text === null) return;
    let witnesses;
    try {
      const policy = parsePolicy(text);
      if (!policy.logs.some((log) => log.verifier.name === origin)) return;
      witnesses = policy.witnesses.map((w) => ({ name: w.verifier.name, url: w.url }));
    } catch (error) {
      round.notes.push(`the witness policy of ${origin} cannot be read: ${error.message}`);
      return;
    }
    for (const witness of witnesses) {
      if (witness.url === void 0) continue;
      const reader = new WitnessReader(witness.name, witness.url, origin, record);
      const where = `witness ${witness.name}`;
      try {
        if (await reader.get("/log/checkpoint", 64 * 1024) === null) {
          round.notes.push(`${where} serves no checkpoint of ${origin} (it cosigned none yet, or does not serve them)`);
          continue;
        }
        await look(reader, where, options, round);
      } catch (error) {
        round.notes.push(`${where} could not be read: ${error.message}`);
      }
    }
  } catch (error) {
    round.notes.push(`the witnesses of ${origin} could not be asked: ${error.message}`);
  } finally {
    record?.close();
  }
}
async function gossip(origin, options, round) {
  const watch = readWatch(options.folder, origin);
  const largest = watch?.checkpoints.reduce(
    (a, c) => a === null || c.size > a.size ? c : a,
    null
  );
  if (watch === null || largest === null || largest === void 0 || largest.size === 0) return;
  const note = readFileSync6(join6(options.folder, largest.file), "utf8");
  const source = largest.sources.find((s) => !isWitness(s));
  let reader = null;
  try {
    for (const url of options.gossip ?? []) {
      const known = watch.gossip?.[url] ?? null;
      const result = await gossipCheckpoint({
        url,
        note,
        size: largest.size,
        known,
        proofFrom: async (old) => {
          if (old === 0) return [];
          if (source === void 0) return "no site or mirror that served it to read the tiles from";
          reader ??= await openRecord(source, { concurrency: options.concurrency });
          return readConsistencyProof(reader, largest.size, old, largest.size);
        }
      });
      if (result.size !== null) watch.gossip = { ...watch.gossip, [url]: result.size };
      round.gossip.push({ ...result, url, origin });
    }
  } finally {
    reader?.close();
  }
  writeWatch(options.folder, watch);
}
function isWitness(location) {
  return location.startsWith("witness ");
}
async function look(reader, location, options, round) {
  const note = await readCheckpointNote(reader);
  const origin = note.slice(0, Math.max(0, note.indexOf("\n")));
  const watch = readWatch(options.folder, origin) ?? await firstLook(reader, origin, options, round);
  const findings = new Findings();
  let checkpoint;
  try {
    checkpoint = openSigned(note, parseVerifierKey(watch.key), origin, findings);
  } catch (error) {
    if (!(error instanceof RecordError)) throw error;
    checkpoint = null;
    findings.discrepancy({ code: "malformed-key", message: error.message });
  }
  if (checkpoint === null) {
    const kept = keepFile(options.folder, origin, `evidence/unsigned-${Date.now()}.txt`, `${location}

${note}`);
    round.alarms.push({
      kind: "bad-signature",
      origin,
      evidence: [kept],
      message: `${location} serves a checkpoint of ${origin} that the log's key did not sign (${findings.discrepancies[0]?.message})`
    });
    return;
  }
  round.seen.push({ location, origin, size: checkpoint.size });
  const root = encodeBase64(checkpoint.root);
  const last = watch.lastSize[location];
  if (last !== void 0 && checkpoint.size < last) {
    round.alarms.push({
      kind: "rollback",
      origin,
      evidence: [keep(options.folder, watch, checkpoint, location).file],
      message: `${location} went back from a checkpoint of ${last} entries to one of ${checkpoint.size}: a log never shrinks`
    });
  }
  watch.lastSize[location] = Math.max(last ?? 0, checkpoint.size);
  const known = watch.checkpoints.find((c) => c.size === checkpoint.size && c.root === root);
  if (known !== void 0) {
    if (!known.sources.includes(location)) known.sources.push(location);
    writeWatch(options.folder, watch);
    return;
  }
  const verdict = await checkAgainstKept(reader, checkpoint, watch, options);
  if (verdict.outcome === "unproven") {
    round.notes.push(
      `the checkpoint of ${checkpoint.size} entries from ${location} could not be checked yet: ${verdict.reason}`
    );
  } else {
    const seen = keep(options.folder, watch, checkpoint, location);
    if (verdict.outcome === "forked") {
      const other = verdict.against;
      const evidence2 = [seen.file, other.file].map((f) => `${options.folder}/${f}`);
      round.alarms.push({
        kind: "split-view",
        origin,
        evidence: evidence2,
        message: `the checkpoint of ${checkpoint.size} entries served by ${location} and the one of ${other.size} served by ${other.sources.join(", ")} show two different histories of ${origin} (${verdict.reason}). Both are signed by the log's key: together they prove it`
      });
    }
  }
  writeWatch(options.folder, watch);
}
async function firstLook(reader, origin, options, round) {
  let key2 = options.keys?.find((k) => k.slice(0, k.indexOf("+")) === origin);
  if (key2 === void 0) {
    key2 = (await reader.text("/log/key", 4096))?.trim();
    if (!key2) throw new Error(`${reader.base} serves no key at /log/key; give it with --key`);
    round.notes.push(
      `trusted the key ${reader.base} serves for ${origin}, on first use: ${key2}. Compare it with one published elsewhere`
    );
  }
  return { version: 1, origin, key: key2, checkpoints: [], lastSize: {} };
}
async function checkAgainstKept(reader, checkpoint, watch, options) {
  const twin = watch.checkpoints.find((c) => c.size === checkpoint.size);
  if (twin !== void 0) return { outcome: "forked", reason: "the same size with another root", against: twin };
  const largest = watch.checkpoints.reduce(
    (a, c) => a === null || c.size > a.size ? c : a,
    null
  );
  if (largest === null) return { outcome: "consistent" };
  const kept = { size: largest.size, root: decodeBase64(largest.root) };
  if (checkpoint.size > largest.size) {
    const proved = await proveConsistency(reader, checkpoint.size, kept, checkpoint);
    return proved.outcome === "forked" ? { ...proved, against: largest } : proved;
  }
  let reason = "no source that served it could be read";
  for (const location of largest.sources.filter((s) => !isWitness(s))) {
    let other = null;
    try {
      other = await openRecord(location, { concurrency: options.concurrency });
      const proved = await proveConsistency(other, largest.size, checkpoint, kept);
      if (proved.outcome !== "unproven") return proved.outcome === "forked" ? { ...proved, against: largest } : proved;
      reason = proved.reason;
    } catch (error) {
      reason = error.message;
    } finally {
      other?.close();
    }
  }
  return { outcome: "unproven", reason };
}
function keep(folder, watch, checkpoint, location) {
  const root = encodeBase64(checkpoint.root);
  let seen = watch.checkpoints.find((c) => c.size === checkpoint.size && c.root === root);
  if (seen === void 0) {
    const file = `checkpoints/${checkpoint.size}-${toHex(checkpoint.root).slice(0, 16)}.txt`;
    keepFile(folder, watch.origin, file, checkpoint.note);
    seen = {
      size: checkpoint.size,
      root,
      file: relative(folder, `${originFolder(folder, watch.origin)}/${file}`),
      sources: []
    };
    watch.checkpoints.push(seen);
  }
  if (!seen.sources.includes(location)) seen.sources.push(location);
  return seen;
}

// src/cli/monitor.ts
function monitorUsage(program2) {
  return `Usage: ${program2} <site-or-mirror>... [--state <folder>] [--key <verifier key>]... [--gossip <witness URL>]... [--policy <file>] [--every <seconds>] [--once]

Follows the public records of one or more Veche sites and their mirrors (addresses or folders). It keeps every signed
checkpoint it sees, and checks each new one against all it kept of the same log, from every source: two checkpoints
that show different histories (the same size with different roots, or one that is not a prefix of the other) are a
split view; a source serving a smaller checkpoint than before has gone back. Either stops it with exit status 1 and
a loud message naming both checkpoints, kept as evidence. It also asks the log's witnesses (those its policy names,
/log/policy, where they serve what they cosigned) for the latest checkpoint each cosigned, and checks it the same way:
a witness shown another history is a split view too.

  --state <folder>   where checkpoints and evidence are kept (default $XDG_STATE_HOME/veche-monitor,
                     ~/.local/state unless set)
  --key <key>        a log's verifier key (name+keyid+base64), pinning the log it names; without it, the key a source
                     serves on the first look (trust on first use). May be given once per log
  --gossip <url>     a witness (its add-checkpoint prefix, c2sp.org/tlog-witness) to hand each new consistent
                     checkpoint to, with the consistency proof from the last one it holds; may be repeated. The
                     witness must witness the log (know its key)
  --policy <file>    a witness policy saved earlier (c2sp.org/tlog-policy): ask its witnesses, not the site's
  --every <seconds>  how often to look (default 60)
  --once             look once and exit: 0 all consistent, 1 an alarm, 2 a source or a witness could not be read
                     or refused a checkpoint
`;
}
async function runMonitor(args, io2 = { stdout: process.stdout, stderr: process.stderr, env: process.env }, program2 = "veche monitor") {
  let options;
  try {
    options = readOptions3(args, io2.env, program2);
  } catch (error) {
    io2.stderr.write(`${error.message}

${monitorUsage(program2)}`);
    return 2;
  }
  if (options === null) {
    await new Promise((done) => io2.stdout.write(monitorUsage(program2), done));
    return 0;
  }
  for (; ; ) {
    const round = await watchRecords(options.locations, {
      folder: options.folder,
      keys: options.keys,
      gossip: options.gossip,
      policy: options.policy
    });
    await new Promise((done) => io2.stdout.write(describe3(round), done));
    if (round.alarms.length > 0) return 1;
    const refused = round.gossip.filter((g) => g.outcome === "refused" || g.outcome === "failed").length;
    if (options.once) return round.unreachable > 0 || refused > 0 ? 2 : 0;
    await new Promise((resolve2) => setTimeout(resolve2, options.everyMs));
  }
}
function describe3(round) {
  const time = (/* @__PURE__ */ new Date()).toISOString().slice(0, 19).replace("T", " ");
  const lines = round.seen.map(
    (s) => `${time} ${s.location}: ${s.origin}, ${s.size.toLocaleString("en-US")} entries, consistent with all seen`
  );
  for (const note of round.notes) lines.push(`${time} note: ${note}`);
  for (const g of round.gossip) {
    const verdict = g.outcome === "cosigned" || g.outcome === "current" ? "gossip" : `gossip ${g.outcome.toUpperCase()}`;
    lines.push(`${time} ${verdict} to ${g.url}: ${g.origin}: ${g.message}`);
  }
  const bar = "!".repeat(78);
  for (const alarm of round.alarms) {
    const title = { "split-view": "SPLIT VIEW", rollback: "ROLLBACK", "bad-signature": "FORGED CHECKPOINT" }[alarm.kind];
    lines.push(bar, `!! ${title} of ${alarm.origin}: ${alarm.message}.`);
    if (alarm.evidence.length > 0)
      lines.push(`!! Kept as evidence: ${alarm.evidence.join(" and ")}. Keep them, and tell people you trust.`);
    lines.push(bar);
  }
  return `${lines.join("\n")}
`;
}
function readOptions3(args, env, program2) {
  const { values, positionals } = parseArgs3({
    args,
    allowPositionals: true,
    options: {
      state: { type: "string" },
      key: { type: "string", multiple: true },
      every: { type: "string" },
      once: { type: "boolean" },
      gossip: { type: "string", multiple: true },
      policy: { type: "string" },
      help: { type: "boolean", short: "h" }
    }
  });
  if (values.help) return null;
  if (positionals.length === 0)
    throw new Error(
      `give at least one site or mirror, e.g. ${program2} https://veche.example https://mirror.example/veche`
    );
  for (const location of positionals) readLocation(location);
  const every = values.every === void 0 ? 60 : Number(values.every);
  if (!Number.isFinite(every) || every < 1 || every > 86400)
    throw new Error("--every must be a number of seconds from 1 to 86400");
  const gossip2 = (values.gossip ?? []).map((url) => url.trim().replace(/\/+$/, ""));
  for (const url of gossip2) {
    if (!/^https?:\/\/[^\s?#]+$/.test(url))
      throw new Error(`--gossip ${url}: give a witness's http(s) address, without query or fragment`);
  }
  let policy;
  if (values.policy !== void 0) {
    try {
      policy = readFileSync7(values.policy, "utf8");
    } catch (error) {
      throw new Error(
        `cannot read the policy file ${values.policy}: ${error.code ?? error.message}`
      );
    }
  }
  return {
    gossip: gossip2,
    policy,
    locations: positionals,
    folder: values.state ?? defaultMonitorFolder(env),
    keys: (values.key ?? []).map((k) => k.trim()),
    everyMs: every * 1e3,
    once: values.once === true
  };
}

// src/cli/veche-audit.ts
var program = "node veche-audit.mjs";
var [command, ...rest] = process.argv.slice(2);
var io = { stdout: process.stdout, stderr: process.stderr, env: process.env };
var self = import.meta.url.endsWith(".mjs") ? fileURLToPath2(import.meta.url) : null;
var run = command === "mirror" ? runMirror(rest, io, `${program} mirror`, self) : command === "monitor" ? runMonitor(rest, io, `${program} monitor`) : runAudit(process.argv.slice(2), io, program);
run.then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  }
);
