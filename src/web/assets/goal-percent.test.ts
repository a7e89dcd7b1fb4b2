import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { goalPercent as serverGoalPercent } from '../../domain/goal-percent.ts';
import { goalPercent } from './goal-percent.js';

test("property: the petition page's live percentage is the one the server shows", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: -5, max: 2_000_000 }),
      fc.integer({ min: -1, max: 1_000_000 }),
      (signatures, goal) => {
        assert.equal(goalPercent(signatures, goal), serverGoalPercent(signatures, goal));
      },
    ),
    { seed: 20261207, numRuns: 2000 },
  );
  for (const [signatures, goal] of [
    [720, 100_000],
    [3, 100_000],
    [1, 3],
    [99_999, 100_000],
    [5, 0],
  ]) {
    assert.equal(goalPercent(signatures, goal), serverGoalPercent(signatures, goal));
  }
});
