import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BandBuckets } from './band-buckets.ts';

/** members lists the slots the buckets give for one band hash, by counting collisions. */
function members(buckets: BandBuckets, band: number, hash: number): number[] {
  const hashes = new Uint32Array(buckets.bands).fill(hash ^ 0x5bd1e995); // other bands: a hash no test uses
  hashes[band] = hash;
  const counts = new Uint8Array(4096);
  const touched: number[] = [];
  buckets.collide(hashes, counts, touched, 1 << 20);
  return touched.sort((a, b) => a - b);
}

test('slots with the same band hash share a bucket, in that band only', () => {
  const buckets = new BandBuckets(2);
  buckets.ensureSlots(8);
  buckets.insert(0, 0, 42);
  buckets.insert(1, 0, 42);
  buckets.insert(2, 0, 7);
  buckets.insert(3, 1, 42);
  assert.deepEqual(members(buckets, 0, 42), [0, 1]);
  assert.deepEqual(members(buckets, 0, 7), [2]);
  assert.deepEqual(members(buckets, 1, 42), [3]);
  buckets.remove(0, 0);
  assert.deepEqual(members(buckets, 0, 42), [1]);
  buckets.remove(1, 0);
  assert.deepEqual(members(buckets, 0, 42), []);
  assert.throws(() => buckets.remove(1, 0));
});

test('a long walk of inserts and removes, with colliding cells and table growth, matches a plain map', () => {
  const buckets = new BandBuckets(1);
  buckets.ensureSlots(4096);
  const model = new Map<number, number>(); // slot -> hash
  let seed = 1;
  const random = () => (seed = (seed * 48271) % 0x7fffffff) / 0x7fffffff; // Park–Miller, exact in doubles
  for (let step = 0; step < 20_000; step++) {
    const slot = Math.floor(random() * 4096);
    if (model.has(slot)) {
      buckets.remove(slot, 0);
      model.delete(slot);
    } else {
      // Few distinct hashes, many equal low bits: long probe runs and shared buckets.
      const hash = (Math.floor(random() * 600) * 1024) >>> 0;
      buckets.insert(slot, 0, hash);
      model.set(slot, hash);
    }
  }
  const byHash = new Map<number, number[]>();
  for (const [slot, hash] of model) byHash.set(hash, [...(byHash.get(hash) ?? []), slot]);
  for (const [hash, slots] of byHash)
    assert.deepEqual(
      members(buckets, 0, hash),
      slots.sort((a, b) => a - b),
    );
  for (let h = 0; h < 600; h++) if (!byHash.has(h * 1024)) assert.deepEqual(members(buckets, 0, h * 1024), []);
});

test('a walk stops after its limit, most recent first', () => {
  const buckets = new BandBuckets(1);
  buckets.ensureSlots(100);
  for (let slot = 0; slot < 100; slot++) buckets.insert(slot, 0, 9);
  const counts = new Uint8Array(100);
  const touched: number[] = [];
  buckets.collide(Uint32Array.of(9), counts, touched, 10);
  assert.deepEqual(touched, [99, 98, 97, 96, 95, 94, 93, 92, 91, 90]);
});
