import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readReceiptCode, receiptCode } from './receipt-code.ts';
import { newReceiptSecret } from '../crypto/receipt-secret.ts';

test('a receipt code carries the row and the secret, in groups of four, and reads back however it is typed', () => {
  const secret = 'K7M2Q9XH4T2PRW3A';
  assert.equal(receiptCode(1000, secret), 'Z8-K7M2-Q9XH-4T2P-RW3A');
  for (const typed of [
    'Z8-K7M2-Q9XH-4T2P-RW3A',
    'z8k7m2q9xh4t2prw3a',
    ' z8 k7m2 q9xh 4t2p rw3a ',
    'Z8–K7M2—Q9XH-4T2P-RW3A',
  ]) {
    assert.deepEqual(readReceiptCode(typed), { rowId: 1000, secret }, typed);
  }
  assert.deepEqual(
    readReceiptCode('1-0000-0000-0000-000I'),
    { rowId: 1, secret: '0000000000000001' },
    'I is read as 1',
  );
  assert.deepEqual(
    readReceiptCode('1-OOOO-0000-0000-000L'),
    { rowId: 1, secret: '0000000000000001' },
    'O as 0, L as 1',
  );
});

test('what cannot be a receipt code is refused, not guessed at', () => {
  for (const typed of [
    '',
    'K7M2-Q9XH-4T2P-RW3A',
    '0-K7M2-Q9XH-4T2P-RW3A',
    'Z8-K7M2-Q9XH-4T2P-RW3U',
    'ZZZZZZZZZZZ-K7M2-Q9XH-4T2P-RW3A',
    'привет',
  ]) {
    assert.equal(readReceiptCode(typed), null, typed);
  }
  assert.equal(receiptCode(5, 'aLongerOlderSecretOfBase64url_characters-43'), null, 'older receipts have no code');
});

test('a new receipt secret is 16 base32 characters, different every time', () => {
  const secrets = new Set(Array.from({ length: 1000 }, newReceiptSecret));
  assert.equal(secrets.size, 1000);
  for (const secret of secrets) assert.match(secret, /^[0-9A-HJKMNP-TV-Z]{16}$/);
  const seen = new Set([...secrets].join(''));
  assert.equal(seen.size, 32, 'every character of the alphabet turns up');
});
