import assert from 'node:assert/strict';
import { test } from 'node:test';
import { byteRange } from './byte-range.ts';

test('byteRange reads one range of bytes in each of its three forms', () => {
  assert.deepEqual(byteRange('bytes=0-99', 1000), { start: 0, end: 99 });
  assert.deepEqual(byteRange('bytes=500-', 1000), { start: 500, end: 999 });
  assert.deepEqual(byteRange('bytes=-100', 1000), { start: 900, end: 999 });
  assert.deepEqual(byteRange('bytes=900-5000', 1000), { start: 900, end: 999 }, 'an end past the file is the end');
  assert.deepEqual(byteRange('bytes=-5000', 1000), { start: 0, end: 999 });
});

test('byteRange sends the whole file for no header, several ranges or nonsense', () => {
  for (const header of [undefined, 'bytes=0-1,5-6', 'items=0-5', 'bytes=-', 'bytes=a-b', 'bytes=1-2-3']) {
    assert.equal(byteRange(header, 1000), null, String(header));
  }
});

test('byteRange calls a range that starts past the end, or is backwards, unsatisfiable', () => {
  assert.equal(byteRange('bytes=1000-', 1000), 'unsatisfiable');
  assert.equal(byteRange('bytes=5-4', 1000), 'unsatisfiable');
  assert.equal(byteRange('bytes=-0', 1000), 'unsatisfiable');
});
