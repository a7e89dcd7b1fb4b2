import { bytesEqual } from './bytes.ts';
import { HASH_SIZE, nodeHash, rangeHash, splitPoint } from './merkle.ts';
import type { HashReader } from './merkle.ts';

// SPEC: RFC 9162 §2.1.3 (inclusion proofs) and §2.1.4 (consistency proofs), which RFC 6962 §2.1.1–2.1.2 define too.
// Proofs list hashes from the bottom of the tree up, as both RFCs and c2sp.org/tlog-tiles clients expect.

/** inclusionProof is the audit path of leaf `index` in the tree of `size` leaves. */
export function inclusionProof(index: number, size: number, read: HashReader): Uint8Array[] {
  if (!isCount(size) || !isCount(index) || index >= size) throw new RangeError(`no leaf ${index} in a tree of ${size}`);
  // SPEC: RFC 9162 §2.1.3.1: PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n]) if m < k,
  // and PATH(m - k, D[k:n]) : MTH(D[0:k]) otherwise. Walked from the root down, then reversed.
  const path: Uint8Array[] = [];
  let start = 0;
  let end = size;
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (index < start + k) {
      path.push(rangeHash(start + k, end, read));
      end = start + k;
    } else {
      path.push(rangeHash(start, start + k, read));
      start += k;
    }
  }
  return path.reverse();
}

/** consistencyProof proves that the tree of `oldSize` leaves is a prefix of the tree of `newSize` leaves. */
export function consistencyProof(oldSize: number, newSize: number, read: HashReader): Uint8Array[] {
  if (!isCount(oldSize) || !isCount(newSize) || oldSize < 1 || oldSize > newSize) {
    throw new RangeError(`no consistency proof from ${oldSize} to ${newSize}`);
  }
  // SPEC: RFC 9162 §2.1.4.1: SUBPROOF(m, D[n], b), started with b = true. Walked from the root down, then reversed.
  const proof: Uint8Array[] = [];
  let m = oldSize;
  let start = 0;
  let end = newSize;
  let whole = true; // b: the subtree we are in is the whole old tree, whose root the verifier already has
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

/** verifyInclusion reports whether `proof` shows the leaf hash at `index` in the tree of `size` with this root. */
export function verifyInclusion(
  leafHash: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!isCount(index) || !isCount(size) || index >= size) return false;
  if (leafHash.length !== HASH_SIZE || root.length !== HASH_SIZE || !allHashes(proof)) return false;
  // SPEC: RFC 9162 §2.1.3.2, with fn and sn halved by division so that sizes beyond 2^32 stay exact.
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && bytesEqual(r, root);
}

/** verifyConsistency reports whether `proof` shows the tree (oldSize, oldRoot) to be a prefix of (newSize, newRoot). */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  proof: readonly Uint8Array[],
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
): boolean {
  if (oldSize === newSize && isCount(oldSize) && oldSize > 0) return proof.length === 0 && bytesEqual(oldRoot, newRoot);
  const roots = consistencyRoots(oldSize, newSize, proof, oldRoot);
  return roots !== null && bytesEqual(roots.oldRoot, oldRoot) && bytesEqual(roots.newRoot, newRoot);
}

/**
 * consistencyRoots is what a consistency proof from oldSize to newSize (oldSize < newSize) says the two roots are, or
 * null if it is malformed. A proof that gives the new root but another old root proves that the old tree is not a
 * prefix of the new one; one that does not give the new root proves nothing (its hashes are not the new tree's).
 */
export function consistencyRoots(
  oldSize: number,
  newSize: number,
  proof: readonly Uint8Array[],
  oldRoot: Uint8Array,
): { oldRoot: Uint8Array; newRoot: Uint8Array } | null {
  // An old size of 0 is refused, as transparency-dev/merkle does: it proves nothing, and the caller should say so.
  if (!isCount(oldSize) || !isCount(newSize) || oldSize >= newSize || oldSize === 0) return null;
  if (proof.length === 0 || oldRoot.length !== HASH_SIZE || !allHashes(proof)) return null;
  // SPEC: RFC 9162 §2.1.4.2, steps 2 to 7.
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

function isCount(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

function isPowerOfTwo(n: number): boolean {
  let p = 1;
  while (p < n) p *= 2;
  return p === n;
}

function allHashes(proof: readonly Uint8Array[]): boolean {
  return proof.every((p) => p instanceof Uint8Array && p.length === HASH_SIZE);
}
