import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { randomBytes, randomInt } from 'node:crypto';
import { test } from 'node:test';
import { decodeBase64, encodeBase64 } from './bytes.ts';
import { leafHash, memoryHashReader, nodeHash, rootFromLeafHashes, treeRoot } from './merkle.ts';
import type { HashReader } from './merkle.ts';
import { CONSISTENCY_VECTORS, INCLUSION_VECTORS, RFC_LEAVES } from './merkle-vectors.ts';
import type { ConsistencyVector, InclusionVector } from './merkle-vectors.ts';
import { consistencyProof, inclusionProof, verifyConsistency, verifyInclusion } from './proofs.ts';

const rfcReader = memoryHashReader(RFC_LEAVES.map(leafHash));
const b64 = (text: string) => decodeBase64(text) ?? assert.fail(`bad base64 ${text}`);
const RANDOM = 'q6yroAAAAAAAAAAAAAAAAAAAAAAAAAAAAGAGHgASNFY=';

function checkInclusion(v: InclusionVector): boolean {
  return verifyInclusion(b64(v.leafHash), v.index, v.size, v.proof.map(b64), b64(v.root));
}

function checkConsistency(v: ConsistencyVector): boolean {
  return verifyConsistency(v.oldSize, v.newSize, v.proof.map(b64), b64(v.oldRoot), b64(v.newRoot));
}

function flipBit(text: string, bit: number): string {
  const bytes = b64(text).slice();
  bytes[bit >> 3] ^= 1 << (bit & 7);
  return encodeBase64(bytes);
}

// The kinds of corruption that transparency-dev/merkle's proofgen applies to each happy path, generated here.
function corruptInclusion(v: InclusionVector): InclusionVector[] {
  const cases: Array<[string, Partial<InclusionVector>]> = [
    ['leafIdx plus 1', { index: v.index + 1 }],
    ['leafIdx sub 1', { index: v.index - 1 }],
    ['leafIdx XOR 2', { index: v.index ^ 2 }],
    ['treeSize mul 2', { size: v.size * 2 }],
    ['treeSize div 2', { size: Math.floor(v.size / 2) }],
    ['wrong leaf', { leafHash: 'V3JvbmdMZWFm' }],
    ['random root', { root: RANDOM }],
    ['empty root', { root: '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=' }],
    ['preceding garbage', { proof: ['', ...v.proof] }],
    ['trailing garbage', { proof: [...v.proof, ''] }],
    ['preceding root', { proof: [v.root, ...v.proof] }],
    ['trailing root', { proof: [...v.proof, v.root] }],
    ['inserted component', { proof: [...v.proof.slice(0, 1), RANDOM, ...v.proof.slice(1)] }],
    ['removed component', { proof: v.proof.slice(0, -1) }],
    ...v.proof.map((_, i): [string, Partial<InclusionVector>] => [
      `modified proof[${i}] bit 3`,
      { proof: v.proof.map((p, j) => (i === j ? flipBit(p, 3) : p)) },
    ]),
  ];
  return cases
    .map(([name, change]) => ({ ...v, ...change, name: `${v.name} ${name}`, valid: false }))
    .filter((c) => JSON.stringify({ ...c, name: '' }) !== JSON.stringify({ ...v, name: '', valid: false }));
}

function corruptConsistency(v: ConsistencyVector): ConsistencyVector[] {
  const cases: Array<[string, Partial<ConsistencyVector>]> = [
    ['size1 plus 1', { oldSize: v.oldSize + 1 }],
    ['size1 sub 1', { oldSize: v.oldSize - 1 }],
    ['size1 XOR 2', { oldSize: v.oldSize ^ 2 }],
    ['size2 mul 2', { newSize: v.newSize * 2 }],
    ['size2 div 2', { newSize: Math.floor(v.newSize / 2) }],
    ['swapped roots', { oldRoot: v.newRoot, newRoot: v.oldRoot }],
    ['wrong root1', { oldRoot: RANDOM }],
    ['wrong root2', { newRoot: RANDOM }],
    ['empty proof', { proof: [] }],
    ['truncated proof', { proof: v.proof.slice(0, -1) }],
    ['preceding garbage', { proof: ['', ...v.proof] }],
    ['trailing garbage', { proof: [...v.proof, ''] }],
    ['preceding proof[0]', { proof: [...v.proof.slice(0, 1), ...v.proof] }],
    ['preceding root1', { proof: [v.oldRoot, ...v.proof] }],
    ['preceding root2', { proof: [v.newRoot, ...v.proof] }],
    ['trailing root1', { proof: [...v.proof, v.oldRoot] }],
    ['trailing root2', { proof: [...v.proof, v.newRoot] }],
    ...v.proof.map((_, i): [string, Partial<ConsistencyVector>] => [
      `modified proof[${i}] bit 4`,
      { proof: v.proof.map((p, j) => (i === j ? flipBit(p, 4) : p)) },
    ]),
  ];
  return cases
    .map(([name, change]) => ({ ...v, ...change, name: `${v.name} ${name}`, valid: false }))
    .filter((c) => JSON.stringify({ ...c, name: '' }) !== JSON.stringify({ ...v, name: '', valid: false }));
}

test('inclusion vectors of transparency-dev/merkle verify as published', () => {
  for (const v of INCLUSION_VECTORS) assert.equal(checkInclusion(v), v.valid, v.name);
});

test('consistency vectors of transparency-dev/merkle verify as published', () => {
  for (const v of CONSISTENCY_VECTORS) assert.equal(checkConsistency(v), v.valid, v.name);
});

test('we generate exactly the published proofs over the RFC 6962 leaves', () => {
  for (const v of INCLUSION_VECTORS.filter((v) => v.name.startsWith('inclusion/'))) {
    assert.deepEqual(inclusionProof(v.index, v.size, rfcReader).map(encodeBase64), v.proof, v.name);
    assert.equal(encodeBase64(treeRoot(v.size, rfcReader)), v.root, v.name);
    assert.equal(encodeBase64(leafHash(RFC_LEAVES[v.index])), v.leafHash, v.name);
  }
  for (const v of CONSISTENCY_VECTORS.filter((v) => v.name.startsWith('consistency/'))) {
    assert.deepEqual(consistencyProof(v.oldSize, v.newSize, rfcReader).map(encodeBase64), v.proof, v.name);
  }
});

test('every corruption of a published proof fails', () => {
  let count = 0;
  for (const v of INCLUSION_VECTORS.filter((v) => v.valid)) {
    for (const c of corruptInclusion(v)) assert.equal(checkInclusion(c), false, c.name), count++;
  }
  for (const v of CONSISTENCY_VECTORS.filter((v) => v.valid)) {
    for (const c of corruptConsistency(v)) assert.equal(checkConsistency(c), false, c.name), count++;
  }
  assert.ok(count > 150, `only ${count} corruptions`);
});

test('proof generation refuses what does not exist', () => {
  assert.throws(() => inclusionProof(8, 8, rfcReader), RangeError);
  assert.throws(() => inclusionProof(0, 0, rfcReader), RangeError);
  assert.throws(() => inclusionProof(-1, 3, rfcReader), RangeError);
  assert.throws(() => consistencyProof(0, 8, rfcReader), RangeError);
  assert.throws(() => consistencyProof(5, 4, rfcReader), RangeError);
  assert.deepEqual(consistencyProof(8, 8, rfcReader), []);
  assert.deepEqual(inclusionProof(0, 1, rfcReader), []);
});

test('sizes past 2^32 are handled with exact arithmetic', () => {
  // In a tree whose leaves are all equal, a perfect subtree's hash depends only on its level.
  const byLevel = [leafHash(new Uint8Array(1))];
  for (let level = 1; level <= 63; level++) byLevel.push(nodeHash(byLevel[level - 1], byLevel[level - 1]));
  const reads: string[] = [];
  const read: HashReader = (level, index) => (reads.push(`${level}/${index}`), byLevel[level]);
  const size = 2 ** 40 + 12_345;
  const index = 2 ** 33 + 7;
  const root = treeRoot(size, read);
  const proof = inclusionProof(index, size, read);
  assert.ok(reads.includes(`0/${index - 1}`), 'the sibling leaf was read');
  assert.ok(verifyInclusion(byLevel[0], index, size, proof, root));
  assert.equal(verifyInclusion(byLevel[0], index, size, proof.slice(1), root), false);
  const oldSize = 2 ** 35 + 3;
  const cproof = consistencyProof(oldSize, size, read);
  assert.ok(verifyConsistency(oldSize, size, cproof, treeRoot(oldSize, read), root));
  assert.equal(verifyConsistency(oldSize + 2 ** 34, size, cproof, treeRoot(oldSize, read), root), false);
});

function flipped(hash: Uint8Array): Uint8Array {
  const copy = hash.slice();
  const bit = randomInt(256);
  copy[bit >> 3] ^= 1 << (bit & 7);
  return copy;
}

test('property: for random trees up to 3000 leaves, every proof verifies and any flipped bit fails', () => {
  const leaves = Array.from({ length: 3000 }, (_, i) =>
    leafHash(Buffer.concat([Buffer.from(`${i}:`), randomBytes(randomInt(0, 40))])),
  );
  const read = memoryHashReader(leaves);
  const rootOf = new Map<number, Uint8Array>();
  const root = (size: number) =>
    rootOf.get(size) ?? (rootOf.set(size, rootFromLeafHashes(leaves.slice(0, size))), rootOf.get(size)!);
  for (let round = 0; round < 150; round++) {
    const size = round < 20 ? round + 1 : randomInt(1, leaves.length + 1);
    const index = randomInt(size);
    const proof = inclusionProof(index, size, read);
    assert.ok(verifyInclusion(leaves[index], index, size, proof, root(size)), `inclusion ${index} in ${size}`);
    assert.equal(verifyInclusion(flipped(leaves[index]), index, size, proof, root(size)), false);
    assert.equal(verifyInclusion(leaves[index], index, size, proof, flipped(root(size))), false);
    for (let i = 0; i < proof.length; i++) {
      const bad = proof.map((p, j) => (i === j ? flipped(p) : p));
      assert.equal(
        verifyInclusion(leaves[index], index, size, bad, root(size)),
        false,
        `flipped [${i}] of ${index} in ${size}`,
      );
    }
    if (size > 1) assert.equal(verifyInclusion(leaves[index], (index + 1) % size, size, proof, root(size)), false);

    const oldSize = randomInt(1, size + 1);
    const cproof = consistencyProof(oldSize, size, read);
    assert.ok(verifyConsistency(oldSize, size, cproof, root(oldSize), root(size)), `consistency ${oldSize} → ${size}`);
    assert.equal(verifyConsistency(oldSize, size, cproof, flipped(root(oldSize)), root(size)), false);
    assert.equal(verifyConsistency(oldSize, size, cproof, root(oldSize), flipped(root(size))), false);
    for (let i = 0; i < cproof.length; i++) {
      const bad = cproof.map((p, j) => (i === j ? flipped(p) : p));
      assert.equal(
        verifyConsistency(oldSize, size, bad, root(oldSize), root(size)),
        false,
        `flipped [${i}] of ${oldSize} → ${size}`,
      );
    }
  }
});

test('property: every bit of one proof matters', () => {
  const leaves = Array.from({ length: 1000 }, (_, i) => leafHash(Uint8Array.of(i & 0xff, i >> 8)));
  const read = memoryHashReader(leaves);
  const [index, size, oldSize] = [613, 999, 777];
  const proof = inclusionProof(index, size, read);
  const cproof = consistencyProof(oldSize, size, read);
  const [root, oldRoot] = [treeRoot(size, read), treeRoot(oldSize, read)];
  for (let i = 0; i < proof.length; i++) {
    for (let bit = 0; bit < 256; bit++) {
      const bad = proof.map((p) => p.slice());
      bad[i][bit >> 3] ^= 1 << (bit & 7);
      assert.equal(verifyInclusion(leaves[index], index, size, bad, root), false);
    }
  }
  for (let i = 0; i < cproof.length; i++) {
    for (let bit = 0; bit < 256; bit++) {
      const bad = cproof.map((p) => p.slice());
      bad[i][bit >> 3] ^= 1 << (bit & 7);
      assert.equal(verifyConsistency(oldSize, size, bad, oldRoot, root), false);
    }
  }
});
