import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readSettings, settingsHash } from './settings.js';

test("the big screen opens as it was left: stored settings, then the address's, which win", () => {
  assert.deepEqual(readSettings(null, ''), { join: true, top: true, size: 0 });
  assert.deepEqual(readSettings('{"join":false,"size":2}', ''), { join: false, top: true, size: 2 });
  assert.deepEqual(readSettings('{"join":false,"size":2}', 'join=1&top=0&size=-1'), {
    join: true,
    top: false,
    size: -1,
  });
  const chosen = { join: false, top: true, size: 3 };
  assert.deepEqual(readSettings(null, settingsHash(chosen)), chosen, 'a bookmarked address keeps them');
});

test('settings that cannot be read leave the defaults, and the size stays within its steps', () => {
  assert.deepEqual(readSettings('not json', 'size=abc'), { join: true, top: true, size: 0 });
  assert.equal(readSettings(null, 'size=99').size, 4);
  assert.equal(readSettings('{"size":-40}', '').size, -3);
  assert.equal(readSettings('{"size":1.5}', '').size, 0);
});
