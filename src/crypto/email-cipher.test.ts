import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { normaliseEmail, openText, sealText, signerHash } from './email-cipher.ts';

const key = randomBytes(32);

test('sealText hides the address and openText gives it back', () => {
  const sealed = sealText(key, 'Анна@example.org');
  assert.match(sealed, /^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
  assert.ok(!sealed.includes('example'));
  assert.equal(openText(key, sealed), 'Анна@example.org');
  assert.notEqual(sealText(key, 'a@example.org'), sealText(key, 'a@example.org'), 'a fresh IV each time');
});

test('openText refuses a sealed text that was altered, or opened with another key', () => {
  const [version, iv, data, tag] = sealText(key, 'anna@example.org').split('.');
  const flipped = Buffer.from(data, 'base64url');
  flipped[0] ^= 1;
  assert.throws(() => openText(key, [version, iv, flipped.toString('base64url'), tag].join('.')));
  assert.throws(() => openText(randomBytes(32), [version, iv, data, tag].join('.')));
  assert.throws(() => openText(key, ['v2', iv, data, tag].join('.')), /version/);
});

test('signerHash is one per mailbox and petition: case and spaces do not matter, the petition and the key do', async () => {
  const hash = await signerHash(key, 'pAbc1234', 'Anna@Example.org');
  assert.equal(await signerHash(key, 'pAbc1234', '  anna@example.org '), hash);
  assert.notEqual(await signerHash(key, 'pOther12', 'anna@example.org'), hash, 'no link across petitions');
  assert.notEqual(await signerHash(randomBytes(32), 'pAbc1234', 'anna@example.org'), hash, 'useless without the key');
  assert.equal(Buffer.from(hash, 'base64url').length, 32);
  assert.equal(normaliseEmail(' Ölga@Example.ORG '), 'ölga@example.org');
});
