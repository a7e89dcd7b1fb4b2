import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { fromHex, toHex } from './bytes.ts';
import { RFC_LEAVES, RFC_ROOTS } from './merkle-vectors.ts';
import {
  emptyRoot,
  leafHash,
  memoryHashReader,
  nodeHash,
  packedRoot,
  rangeHash,
  RootBuilder,
  rootFromLeafHashes,
  splitPoint,
  treeRoot,
} from './merkle.ts';

const sha256 = (...parts: Uint8Array[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return toHex(h.digest());
};

test('the empty tree hashes to SHA-256 of nothing', () => {
  assert.equal(toHex(emptyRoot()), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal(toHex(rootFromLeafHashes([])), toHex(emptyRoot()));
  assert.equal(toHex(treeRoot(0, memoryHashReader([]))), toHex(emptyRoot()));
});

test('leaf and node hashes carry their RFC 6962 prefixes', () => {
  assert.equal(toHex(leafHash(new Uint8Array(0))), RFC_ROOTS[0]);
  assert.equal(toHex(leafHash(fromHex('40414243'))), sha256(Uint8Array.of(0), fromHex('40414243')));
  const [a, b] = [leafHash(RFC_LEAVES[0]), leafHash(RFC_LEAVES[1])];
  assert.equal(toHex(nodeHash(a, b)), RFC_ROOTS[1]);
  assert.equal(toHex(nodeHash(a, b)), sha256(Uint8Array.of(1), a, b));
  assert.throws(() => nodeHash(a, b.subarray(1)), RangeError);
});

test('leaf hashes of large entries, past the scratch buffer, are still right', () => {
  for (const size of [1023, 1024, 5000, 65_535, 65_536, 70_000]) {
    const entry = new Uint8Array(size).fill(size % 251);
    assert.equal(toHex(leafHash(entry)), sha256(Uint8Array.of(0), entry), `size ${size}`);
  }
  assert.equal(toHex(leafHash(fromHex('00'))), sha256(Uint8Array.of(0, 0)), 'a small entry after a large one');
});

test('the roots of the RFC 6962 test leaves for sizes 1 to 8', () => {
  const hashes = RFC_LEAVES.map(leafHash);
  const builder = new RootBuilder();
  const read = memoryHashReader(hashes);
  for (let size = 1; size <= 8; size++) {
    const want = RFC_ROOTS[size - 1];
    assert.equal(toHex(rootFromLeafHashes(hashes.slice(0, size))), want, `rootFromLeafHashes ${size}`);
    builder.append(hashes[size - 1]);
    assert.equal(builder.size, size);
    assert.equal(toHex(builder.root()), want, `RootBuilder ${size}`);
    assert.equal(toHex(treeRoot(size, read)), want, `treeRoot ${size}`);
    const packed = new Uint8Array(size * 32);
    hashes.slice(0, size).forEach((h, i) => packed.set(h, i * 32));
    assert.equal(toHex(packedRoot(packed)), want, `packedRoot ${size}`);
  }
});

test('treeRoot from stored subtrees agrees with the root of the leaves, for every size up to 600', () => {
  const hashes = Array.from({ length: 600 }, (_, i) => leafHash(new TextEncoder().encode(`entry ${i}`)));
  const read = memoryHashReader(hashes);
  const builder = new RootBuilder();
  for (let size = 1; size <= hashes.length; size++) {
    builder.append(hashes[size - 1]);
    assert.deepEqual(treeRoot(size, read), builder.root(), `size ${size}`);
  }
});

test('rangeHash refuses a range that is not a subtree, and memoryHashReader an incomplete subtree', () => {
  const read = memoryHashReader(RFC_LEAVES.map(leafHash));
  assert.deepEqual(rangeHash(4, 7, read), treeRoot(3, memoryHashReader(RFC_LEAVES.slice(4, 7).map(leafHash))));
  assert.throws(() => rangeHash(2, 6, read), RangeError);
  assert.throws(() => rangeHash(3, 3, read), RangeError);
  assert.throws(() => read(3, 1), RangeError);
  assert.throws(() => read(4, 0), RangeError);
  assert.throws(() => read(0, 8), RangeError);
  assert.throws(() => rangeHash(0, 3, () => new Uint8Array(31)), RangeError);
});

test('splitPoint is the largest power of two below n', () => {
  assert.deepEqual([2, 3, 4, 5, 8, 9, 2 ** 40 + 1].map(splitPoint), [1, 2, 2, 4, 4, 8, 2 ** 40]);
  assert.throws(() => splitPoint(1), RangeError);
});

test('2^18 + 3 leaves give the same root appended one by one as packed at once', () => {
  // A tree much deeper than the tests above reach; how fast roots are built, bench/record-sequencing.ts measures.
  const count = 2 ** 18 + 3;
  const packed = new Uint8Array(count * 32);
  const builder = new RootBuilder();
  for (let i = 0; i < count; i++) {
    const leaf = leafHash(new Uint8Array(new Uint32Array([i]).buffer));
    packed.set(leaf, i * 32);
    builder.append(leaf);
  }
  assert.equal(toHex(builder.root()), toHex(packedRoot(packed)));
});
