import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MergeForest } from './merge-forest.ts';

test('sums run over each question and all merged into it, transitively', () => {
  // 1 and 2 merged into 0, 3 into 1; 4 alone; 5 into 4.
  const forest = new MergeForest([-1, 0, 0, 1, -1, 4]);
  assert.deepEqual([...forest.sum([1, 10, 100, 1000, 5, 50])], [1111, 1010, 100, 1000, 55, 50]);
  assert.ok(forest.below(3, 0) && forest.below(3, 1) && forest.below(3, 3));
  assert.ok(!forest.below(3, 2) && !forest.below(0, 3) && !forest.below(5, 0));
  assert.deepEqual(forest.cyclic, []);
});

test('a cycle of merges, which no site can make, is named and left out of the sums', () => {
  // 0 into 1, 1 into 0, 2 into 0 (hanging off the cycle); 3 alone.
  const forest = new MergeForest([1, 0, 0, -1, 2]);
  assert.deepEqual(forest.cyclic, [0, 1, 2, 4]);
  assert.deepEqual([...forest.sum([1, 1, 1, 7, 1])], [0, 0, 0, 7, 0]);
  assert.ok(forest.inCycle(2) && !forest.inCycle(3));
  assert.ok(!forest.below(4, 0));
});

test('a long chain of merges does not overflow the stack', () => {
  const n = 200_000;
  const forest = new MergeForest(Array.from({ length: n }, (_, i) => (i === n - 1 ? -1 : i + 1)));
  assert.equal(forest.sum(new Array(n).fill(1))[n - 1], n);
  assert.ok(forest.below(0, n - 1));
});
