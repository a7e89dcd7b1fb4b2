import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goalPercent } from './goal-percent.ts';

test('a count far from its goal still shows how far it came, never rounded up to the goal', () => {
  assert.equal(goalPercent(720, 100_000), 0.7);
  assert.equal(goalPercent(3, 100_000), 0.003);
  assert.equal(goalPercent(1, 100_000), 0.001);
  assert.equal(goalPercent(9_999, 100_000), 9.9);
  assert.equal(goalPercent(45_678, 100_000), 45);
  assert.equal(goalPercent(99_999, 100_000), 99);
  assert.equal(goalPercent(100_000, 100_000), 100);
  assert.equal(goalPercent(250_000, 100_000), 100);
  assert.equal(goalPercent(0, 100_000), 0);
  assert.equal(goalPercent(-3, 100), 0, 'a count is never below zero on the page');
});
