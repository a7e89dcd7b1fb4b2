import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson, encodeEntry } from './entry.ts';

test('canonicalJson sorts keys and drops white space', () => {
  assert.equal(canonicalJson({ b: 1, a: 'x', c: { z: null, y: true } }), '{"a":"x","b":1,"c":{"y":true,"z":null}}');
});

test('canonicalJson matches the design example', () => {
  const text = encodeEntry({ type: 'signature.added', v: 1, signature: 's9f', petition: 'p7Kx2', confirmed: true });
  assert.equal(text, '{"confirmed":true,"petition":"p7Kx2","signature":"s9f","type":"signature.added","v":1}');
});

test('canonicalJson refuses numbers an auditor could read differently', () => {
  assert.throws(() => canonicalJson({ n: 1.5 }), TypeError);
  assert.throws(() => canonicalJson({ n: 2 ** 60 }), TypeError);
});

test('canonicalJson escapes strings as JSON does and keeps non-ASCII as UTF-8', () => {
  assert.equal(canonicalJson({ t: 'Петиция "№1"\n' }), '{"t":"Петиция \\"№1\\"\\n"}');
});
