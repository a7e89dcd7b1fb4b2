import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fnv1a32, mix32 } from './hash.ts';
import { estimateJaccard, minhashSeeds, minhashSignature } from './minhash.ts';

test('fnv1a32 is FNV-1a, then mixed', () => {
  // SPEC: FNV-1a 32-bit of "a" is 0xe40c292c, of "" the offset basis 0x811c9dc5 (draft-eastlake-fnv).
  assert.equal(fnv1a32('a'), mix32(0xe40c292c));
  assert.equal(fnv1a32(''), mix32(0x811c9dc5));
  assert.notEqual(fnv1a32('школа'), fnv1a32('школы'));
});

test('mix32 changes about half the output bits for a one-bit change of input', () => {
  let flipped = 0;
  for (let i = 0; i < 1000; i++) flipped += popcount(mix32(i) ^ mix32(i ^ (1 << (i % 32))));
  assert.ok(Math.abs(flipped / 1000 - 16) < 1, `${flipped / 1000} bits`);
});

test('a MinHash estimate is close to the true Jaccard similarity', () => {
  const seeds = minhashSeeds(256);
  let totalError = 0;
  let worst = 0;
  for (let t = 0; t < 200; t++) {
    const size = 20 + (t % 80);
    const shared = Math.floor((size * (t % 11)) / 10);
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < size; i++) {
      if (i < shared) a.push(mix32(t * 1000 + i)), b.push(mix32(t * 1000 + i));
      else a.push(mix32(1e6 + t * 1000 + i)), b.push(mix32(2e6 + t * 1000 + i));
    }
    const truth = shared / (2 * size - shared);
    const error = Math.abs(estimateJaccard(minhashSignature(a, seeds), minhashSignature(b, seeds)) - truth);
    totalError += error;
    worst = Math.max(worst, error);
  }
  // With 256 permutations the standard error is at most sqrt(0.25 / 256) ≈ 0.031.
  assert.ok(totalError / 200 < 0.035, `mean error ${totalError / 200}`);
  assert.ok(worst < 0.13, `worst error ${worst}`);
});

test('identical sets agree everywhere, disjoint ones almost nowhere, an empty set is all ones', () => {
  const seeds = minhashSeeds(64);
  const a = [1, 2, 3, 4, 5].map(mix32);
  const b = [6, 7, 8, 9, 10].map(mix32);
  assert.equal(estimateJaccard(minhashSignature(a, seeds), minhashSignature([...a].reverse(), seeds)), 1);
  assert.ok(estimateJaccard(minhashSignature(a, seeds), minhashSignature(b, seeds)) < 0.1);
  assert.deepEqual([...minhashSignature([], seeds)], new Array(64).fill(0xffffffff));
  assert.deepEqual(minhashSeeds(64), seeds, 'seeds are fixed, so signatures compare across runs');
  assert.throws(() => estimateJaccard(new Uint32Array(2), new Uint32Array(3)), RangeError);
});

function popcount(x: number): number {
  let n = 0;
  for (let v = x >>> 0; v !== 0; v >>>= 1) n += v & 1;
  return n;
}
