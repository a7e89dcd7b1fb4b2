import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readUnsubscribeToken, unsubscribeKey, unsubscribeToken } from './unsubscribe-token.ts';

const key = unsubscribeKey(Buffer.alloc(32, 1));

test('an unsubscribe link says which account and which kind of email, has the shape of every link secret, and is read back', () => {
  for (const kind of ['summary', 'goal', 'questions'] as const) {
    const token = unsubscribeToken(key, 42, kind);
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(readUnsubscribeToken(key, token), { accountId: 42, kind });
  }
  assert.notEqual(unsubscribeToken(key, 42, 'summary'), unsubscribeToken(key, 43, 'summary'));
});

test('a link changed in any character, made with another key, or of another shape is refused', () => {
  const token = unsubscribeToken(key, 7, 'goal');
  for (let i = 0; i < token.length; i++) {
    const changed = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
    const read = readUnsubscribeToken(key, changed);
    // The last character carries two bits that base64url decoding drops: changing only those leaves the same bytes.
    if (read !== null) assert.deepEqual(read, { accountId: 7, kind: 'goal' }, `position ${i}`);
    if (i < token.length - 1) assert.equal(read, null, `position ${i}`);
  }
  assert.equal(readUnsubscribeToken(unsubscribeKey(Buffer.alloc(32, 2)), token), null, 'another server');
  assert.equal(readUnsubscribeToken(key, token.slice(1)), null);
  assert.equal(readUnsubscribeToken(key, `${token}A`), null);
  assert.equal(readUnsubscribeToken(key, 'x'.repeat(43)), null);
});
