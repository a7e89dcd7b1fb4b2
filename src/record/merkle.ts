import { createHash, hash } from 'node:crypto';

// SPEC: RFC 6962 §2.1 and RFC 9162 §2.1.1 (Merkle Tree Hash, SHA-256), as c2sp.org/tlog-tiles requires.

/** HASH_SIZE is the length in bytes of every tree hash (SHA-256). */
export const HASH_SIZE = 32;

// Contract: callers only ask for subtrees that are complete in the tree at hand, the hashes tlog tiles store; an
// implementation MUST return that hash or throw, never a guess. Which coordinates a proof reads depends only on the
// sizes and the index, never on hash values, so a caller may learn them first with a pass that returns zeros.
/** HashReader returns the 32-byte hash of the perfect subtree of 2^level leaves starting at leaf index·2^level. */
export type HashReader = (level: number, index: number) => Uint8Array;

const LEAF_SCRATCH_MAX = 1 + 65_536;
let leafScratch = new Uint8Array(1 + 1024);
const nodeScratch = new Uint8Array(1 + 2 * HASH_SIZE);

/** leafHash is the hash of one log entry, SHA-256(0x00 || entry). */
export function leafHash(entry: Uint8Array): Uint8Array {
  // SPEC: RFC 6962 §2.1: MTH({d(0)}) = SHA-256(0x00 || d(0)).
  const length = entry.length + 1;
  if (length > LEAF_SCRATCH_MAX) return plain(createHash('sha256').update(Uint8Array.of(0x00)).update(entry).digest());
  if (length > leafScratch.length) {
    leafScratch = new Uint8Array(Math.min(LEAF_SCRATCH_MAX, 2 ** Math.ceil(Math.log2(length))));
  }
  // One scratch buffer instead of a concatenation per entry: auditing a million entries allocates only digests.
  leafScratch[0] = 0x00;
  leafScratch.set(entry, 1);
  return sha256(leafScratch.subarray(0, length));
}

/** nodeHash is the hash of an interior node, SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  // SPEC: RFC 6962 §2.1: MTH(D[n]) = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])).
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) throw new RangeError('children must be 32-byte hashes');
  nodeScratch[0] = 0x01;
  nodeScratch.set(left, 1);
  nodeScratch.set(right, 1 + HASH_SIZE);
  return sha256(nodeScratch);
}

/** emptyRoot is the root of the empty tree, SHA-256 of no bytes. */
export function emptyRoot(): Uint8Array {
  // SPEC: RFC 6962 §2.1: MTH({}) = SHA-256().
  return sha256(new Uint8Array(0));
}

/** splitPoint is k, the largest power of two smaller than n (n ≥ 2), where RFC 6962 §2.1 splits a tree of n leaves. */
export function splitPoint(n: number): number {
  if (!Number.isSafeInteger(n) || n < 2) throw new RangeError(`no split point for ${n} leaves`);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** RootBuilder computes the root of a growing list of leaf hashes in O(n) time and O(log n) memory. */
export class RootBuilder {
  // The roots of the perfect subtrees that the leaves so far fill, largest first.
  #stack: Uint8Array[] = [];
  #size = 0;

  /** size is the number of leaf hashes appended so far. */
  get size(): number {
    return this.#size;
  }

  /** append adds the next leaf hash. */
  append(leafHash: Uint8Array): void {
    if (leafHash.length !== HASH_SIZE) throw new RangeError('a leaf hash has 32 bytes');
    let top = leafHash;
    // Each time the count reaches a multiple of 2^j, the last two perfect subtrees of 2^(j-1) leaves merge.
    for (let count = ++this.#size; count % 2 === 0; count /= 2) top = nodeHash(this.#stack.pop()!, top);
    this.#stack.push(top);
  }

  /** root is the Merkle Tree Hash of the leaves appended so far. */
  root(): Uint8Array {
    const stack = this.#stack;
    if (stack.length === 0) return emptyRoot();
    // SPEC: RFC 9162 §2.1.1: the right part of every split is the smaller, so fold from the right.
    let root = stack[stack.length - 1];
    for (let i = stack.length - 2; i >= 0; i--) root = nodeHash(stack[i], root);
    return root;
  }
}

/** rootFromLeafHashes is the Merkle Tree Hash of a list of leaf hashes, in O(n) time. */
export function rootFromLeafHashes(leafHashes: readonly Uint8Array[]): Uint8Array {
  const builder = new RootBuilder();
  for (const h of leafHashes) builder.append(h);
  return builder.root();
}

/** packedRoot is the Merkle Tree Hash of hashes laid end to end, 32 bytes each, as in a tile. */
export function packedRoot(hashes: Uint8Array): Uint8Array {
  if (hashes.length % HASH_SIZE !== 0) throw new RangeError('packed hashes must be a multiple of 32 bytes');
  const builder = new RootBuilder();
  for (let at = 0; at < hashes.length; at += HASH_SIZE) builder.append(hashes.subarray(at, at + HASH_SIZE));
  return builder.root();
}

/** rangeHash is MTH(D[start:end]) from stored hashes, for a range shaped as an RFC 6962 subtree. */
export function rangeHash(start: number, end: number, read: HashReader): Uint8Array {
  // That shape: start is a multiple of the smallest power of two ≥ end − start. Its hash is that of the perfect
  // subtrees of its binary decomposition, largest first, hashed together from the right.
  const size = end - start;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || size < 1) {
    throw new RangeError(`bad range [${start}, ${end})`);
  }
  let aligned = 1;
  while (aligned < size) aligned *= 2;
  if (start % aligned !== 0) throw new RangeError(`[${start}, ${end}) is not a subtree`);
  let root: Uint8Array | null = null;
  let cursor = end;
  for (let level = 0, width = 1; cursor > start; level++, width *= 2) {
    if (Math.floor(size / width) % 2 === 0) continue;
    cursor -= width;
    const h = read(level, cursor / width);
    if (h.length !== HASH_SIZE) throw new RangeError(`read ${h.length} bytes for ${level}/${cursor / width}`);
    root = root === null ? h : nodeHash(h, root);
  }
  return root!;
}

/** treeRoot is the root of the tree of the given size, from stored subtree hashes. */
export function treeRoot(size: number, read: HashReader): Uint8Array {
  return size === 0 ? emptyRoot() : rangeHash(0, size, read);
}

/** memoryHashReader serves the subtree hashes of a list of leaf hashes, computing each level once, when first read. */
export function memoryHashReader(leafHashes: readonly Uint8Array[]): HashReader {
  const levels: Uint8Array[][] = [leafHashes.slice()];
  return (level, index) => {
    if (!Number.isSafeInteger(level) || level < 0 || level > 63) throw new RangeError(`bad level ${level}`);
    while (levels.length <= level && levels[levels.length - 1].length > 1) {
      const below = levels[levels.length - 1];
      const above = new Array<Uint8Array>(Math.floor(below.length / 2));
      for (let i = 0; i < above.length; i++) above[i] = nodeHash(below[2 * i], below[2 * i + 1]);
      levels.push(above);
    }
    const row = levels[level];
    if (row === undefined || !Number.isSafeInteger(index) || index < 0 || index >= row.length) {
      throw new RangeError(`no complete subtree at level ${level}, index ${index}`);
    }
    return row[index];
  };
}

// Hashes are handed out as plain Uint8Arrays: a Buffer's slice() is a view, and a caller copying a hash with
// slice() before changing it would change ours.
function sha256(data: Uint8Array): Uint8Array {
  return plain(hash('sha256', data, 'buffer'));
}

function plain(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
