import { test } from 'node:test';
import assert from 'node:assert/strict';
import { burstThreshold, minuteWindow, utcLocal, utcTime } from './organiser-rate.ts';

test('a quiet petition flags a minute only above the floor of 10', () => {
  const counts = [...Array(58).fill(0), 10, 11];
  assert.equal(burstThreshold(counts), 10);
  assert.deepEqual(
    counts.filter((n) => n > burstThreshold(counts)),
    [11],
  );
});

test('a busy petition flags a minute only above 5 times its median minute', () => {
  const counts = [...Array(59).fill(40), 201];
  assert.equal(burstThreshold(counts), 200);
  assert.equal(
    burstThreshold([...Array(30).fill(2), ...Array(30).fill(3)]),
    12.5,
    'the median of an even window is the mean of its middle two',
  );
});

test('the burst itself does not raise the bar: the median ignores one huge minute', () => {
  assert.equal(burstThreshold([...Array(59).fill(4), 100_000]), 20);
});

test('minuteWindow fills the hour ending at the given minute, zero where nothing was counted', () => {
  const window = minuteWindow(
    [
      { minute: 1000, signatures: 3 },
      { minute: 941, signatures: 1 },
      { minute: 900, signatures: 9 },
    ],
    1000,
  );
  assert.equal(window.length, 60);
  assert.deepEqual(window[0], { minute: 941, signatures: 1 });
  assert.deepEqual(window[59], { minute: 1000, signatures: 3 });
  assert.equal(
    window.reduce((sum, m) => sum + m.signatures, 0),
    4,
    'minute 900 is outside the hour',
  );
});

test('times are shown and taken in UTC', () => {
  const minute = Date.UTC(2026, 2, 12, 9, 5) / 60_000;
  assert.equal(utcTime(minute), '09:05');
  assert.equal(utcLocal(minute), '2026-03-12T09:05');
});
