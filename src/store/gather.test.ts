import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Gather } from './gather.ts';

test('items added in one turn are handled together, each caller getting its own outcome', async () => {
  const batches: number[][] = [];
  const gather = new Gather<number, string>(async (items) => {
    batches.push(items);
    return items.map((n) => `outcome ${n}`);
  });
  const first = await Promise.all([1, 2, 3].map((n) => gather.add(n)));
  const second = await gather.add(4);
  assert.deepEqual(first, ['outcome 1', 'outcome 2', 'outcome 3']);
  assert.equal(second, 'outcome 4');
  assert.deepEqual(batches, [[1, 2, 3], [4]]);
});

test('a batch is at most maxBatch items; the rest go in the next', async () => {
  const sizes: number[] = [];
  const gather = new Gather<number, number>(async (items) => {
    sizes.push(items.length);
    return items;
  }, 4);
  assert.deepEqual(
    await Promise.all(Array.from({ length: 10 }, (_, n) => gather.add(n))),
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  );
  assert.deepEqual(sizes, [4, 4, 2]);
});

test('when handling fails, every caller of that batch hears the error, and later batches still work', async () => {
  let fail = true;
  const gather = new Gather<number, number>(async (items) => {
    if (fail) throw new Error('the database went away');
    return items;
  });
  const results = await Promise.allSettled([gather.add(1), gather.add(2)]);
  assert.deepEqual(
    results.map((r) => r.status),
    ['rejected', 'rejected'],
  );
  fail = false;
  assert.equal(await gather.add(3), 3);
});
