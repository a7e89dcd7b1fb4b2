import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { hashToken, newToken, randomId, sameSecret } from './tokens.ts';

test('randomId gives base58 ids of the asked length, without look-alike characters', () => {
  const ids = new Set(Array.from({ length: 2000 }, () => randomId(10)));
  assert.equal(ids.size, 2000);
  for (const id of ids) assert.match(id, /^[1-9A-HJ-NP-Za-km-z]{10}$/);
  assert.equal(randomId(1).length, 1);
});

test('newToken carries 32 random bytes, and only its SHA-256 is stored', () => {
  const token = newToken();
  assert.equal(Buffer.from(token, 'base64url').length, 32);
  assert.notEqual(newToken(), token);
  assert.equal(hashToken(token), createHash('sha256').update(token).digest('hex'));
});

test('sameSecret compares whole strings, of any length', () => {
  assert.equal(sameSecret('abc', 'abc'), true);
  assert.equal(sameSecret('abc', 'abd'), false);
  assert.equal(sameSecret('abc', 'abcd'), false);
  assert.equal(sameSecret('', ''), true);
});
