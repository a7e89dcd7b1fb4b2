import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalTimeZone, epochToLocalInput, zonedToEpoch, zoneName } from './zoned-time.ts';

test('a wall time in a zone is read as the instant people there mean, across a clock change', () => {
  // Moscow has kept UTC+3 all year since 2014.
  assert.equal(
    zonedToEpoch({ year: 2026, month: 3, day: 12, hour: 15, minute: 0 }, 'Europe/Moscow'),
    Date.UTC(2026, 2, 12, 12, 0),
  );
  // Kyiv: UTC+2 in winter, UTC+3 after the last Sunday of March.
  assert.equal(
    zonedToEpoch({ year: 2026, month: 1, day: 10, hour: 9, minute: 30 }, 'Europe/Kiev'),
    Date.UTC(2026, 0, 10, 7, 30),
  );
  assert.equal(
    zonedToEpoch({ year: 2026, month: 7, day: 10, hour: 9, minute: 30 }, 'Europe/Kiev'),
    Date.UTC(2026, 6, 10, 6, 30),
  );
  assert.equal(epochToLocalInput(Date.UTC(2026, 6, 10, 6, 30), 'Europe/Kiev'), '2026-07-10T09:30');
});

test('zones are accepted by their current and their older names, and shown by the current one', () => {
  assert.equal(canonicalTimeZone('Europe/Moscow'), 'Europe/Moscow');
  assert.equal(canonicalTimeZone('Europe/Kyiv'), 'Europe/Kiev');
  assert.equal(canonicalTimeZone('Mars/Olympus'), null);
  assert.equal(canonicalTimeZone(''), null);
  assert.equal(zoneName('Europe/Kiev'), 'Europe/Kyiv');
  assert.equal(zoneName('Europe/Minsk'), 'Europe/Minsk');
});
