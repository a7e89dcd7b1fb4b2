import assert from 'node:assert/strict';
import { randomBytes, randomInt } from 'node:crypto';
import { test } from 'node:test';
import { decodeBundle, encodeBundle, MAX_ENTRY_SIZE } from './bundle.ts';
import { fromHex, toHex } from './bytes.ts';
import { RecordError } from './record-error.ts';

const code = (c: string) => (e: unknown) => e instanceof RecordError && e.code === c;

test('entries are laid out with big-endian uint16 lengths', () => {
  const bundle = encodeBundle([fromHex('abcd'), new Uint8Array(0), new Uint8Array(300).fill(7)]);
  assert.equal(toHex(bundle.subarray(0, 6)), '0002abcd0000');
  assert.equal(toHex(bundle.subarray(6, 8)), '012c');
  assert.equal(bundle.length, 2 + 2 + 2 + 2 + 300);
  assert.deepEqual(decodeBundle(bundle).map(toHex), ['abcd', '', '07'.repeat(300)]);
});

test('bundles round-trip, up to 256 entries of up to 65,535 bytes', () => {
  for (let i = 0; i < 50; i++) {
    const entries: Uint8Array[] = Array.from({ length: randomInt(1, 257) }, () =>
      randomBytes(randomInt(0, i === 0 ? MAX_ENTRY_SIZE + 1 : 200)),
    );
    entries[0] = new Uint8Array(i === 1 ? MAX_ENTRY_SIZE : 3);
    assert.deepEqual(decodeBundle(encodeBundle(entries), entries.length).map(toHex), entries.map(toHex));
  }
});

test('encodeBundle refuses an entry over 65,535 bytes, and an empty or over-full bundle', () => {
  assert.throws(() => encodeBundle([new Uint8Array(MAX_ENTRY_SIZE + 1)]), code('entry-too-large'));
  assert.throws(() => encodeBundle([]), RangeError);
  assert.throws(() => encodeBundle(Array.from({ length: 257 }, () => new Uint8Array(1))), RangeError);
});

test('decodeBundle refuses truncation, trailing bytes, an empty bundle and the wrong count', () => {
  const bundle = encodeBundle([fromHex('01'), fromHex('0203')]);
  for (let cut = 1; cut < bundle.length; cut++) {
    if (cut === 3) continue; // a whole first entry, which is a valid bundle of one
    assert.throws(() => decodeBundle(bundle.subarray(0, cut)), code('malformed-bundle'), `cut at ${cut}`);
  }
  assert.deepEqual(decodeBundle(bundle.subarray(0, 3)).map(toHex), ['01']);
  assert.throws(() => decodeBundle(bundle.subarray(0, 3), 2), code('malformed-bundle'));
  assert.throws(() => decodeBundle(Uint8Array.of(...bundle, 0)), code('malformed-bundle'));
  assert.throws(() => decodeBundle(Uint8Array.of(...bundle, 0, 5, 1)), code('malformed-bundle'));
  assert.throws(() => decodeBundle(Uint8Array.of(...bundle, 0, 0), 2), code('malformed-bundle'));
  assert.throws(() => decodeBundle(new Uint8Array(0)), code('malformed-bundle'));
  assert.throws(() => decodeBundle(new Uint8Array(2 * 257)), code('malformed-bundle'));
  assert.throws(() => decodeBundle(bundle, 0), RangeError);
});
