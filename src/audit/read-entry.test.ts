import { test } from 'node:test';
import assert from 'node:assert/strict';
import { invalidationReasons } from '../actions/invalidate-signatures.ts';
import { petitionTextHash as recordedTextHash } from '../actions/organise-petition.ts';
import { encodeEntry } from '../record/entry.ts';
import type { Entry } from '../record/entry.ts';
import { petitionTextHash } from './compare-with-site.ts';
import { INVALIDATION_REASONS, isEntryProblem, readEntry } from './read-entry.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const read = (entry: Entry | string) => readEntry(bytes(typeof entry === 'string' ? entry : encodeEntry(entry)));
const hex = 'ab'.repeat(32);

test('every entry the actions queue reads back as itself', () => {
  const entries: Entry[] = [
    { type: 'petition.opened', v: 1, petition: 'p7Kx2abc', text: hex, goal: 1000, confirmation: 'email' },
    { type: 'petition.opened', v: 1, petition: 'p7Kx2abc', text: hex, goal: null, confirmation: 'none' },
    { type: 'petition.closed', v: 1, petition: 'p7Kx2abc', reason: 'deadline' },
    { type: 'petition.responded', v: 1, petition: 'p7Kx2abc', response: hex },
    { type: 'signature.added', v: 1, petition: 'p7Kx2abc', signature: 's9fQ1w2e3r4t5y6u7', confirmed: false },
    { type: 'signature.withdrawn', v: 1, petition: 'p7Kx2abc', signature: 's9fQ1w2e3r4t5y6u7' },
    { type: 'signature.invalidated', v: 1, petition: 'p7Kx2abc', signature: 's9fQ1w2e3r4t5y6u7', invalidation: 'iAbc123def', reason: 'burst' },
  ];
  for (const entry of entries) assert.deepEqual(read(entry), entry);
});

test('an entry in any other spelling than canonical JSON is a discrepancy', () => {
  const cases = [
    '{"type":"petition.closed","v":1,"petition":"p7Kx2abc","reason":"deadline"}', // keys not sorted
    '{"petition":"p7Kx2abc", "reason":"deadline","type":"petition.closed","v":1}', // white space
    '{"petition":"p7Kx2abc","petition":"p7Kx2abc","reason":"deadline","type":"petition.closed","v":1}', // a key twice
    '{"petition":"p7Kx2abc","reason":"deadline","type":"petition.closed","v":1.0}', // another spelling of 1
    '{"petition":"p7Kx2abc","reason":"dead\\u006cine","type":"petition.closed","v":1}', // an escape
  ];
  for (const text of cases) assert.deepEqual(read(text), { code: 'non-canonical-entry', message: 'not canonical JSON (sorted keys, no white space, one spelling)' }, text);
  assert.equal((readEntry(Uint8Array.of(0x7b, 0xff, 0x7d)) as { code: string }).code, 'malformed-entry');
  assert.equal((read('[1,2]') as { code: string }).code, 'malformed-entry');
});

test('a wrong type, version or field is named', () => {
  const problem = (text: string) => {
    const result = read(text);
    assert.ok(isEntryProblem(result), text);
    return `${result.code}: ${result.message}`;
  };
  assert.equal(problem('{"petition":"p1","type":"question.asked","v":1}'), 'unknown-entry-type: unknown type "question.asked"');
  assert.equal(problem('{"petition":"p1","type":"constructor","v":1}'), 'unknown-entry-type: unknown type "constructor"');
  assert.equal(problem('{"petition":"p1","reason":"deadline","type":"petition.closed","v":2}'), 'bad-entry-field: petition.closed has version 2, want 1');
  assert.equal(problem('{"email":"a@b.c","petition":"p1","reason":"deadline","type":"petition.closed","v":1}'), 'bad-entry-field: petition.closed has an unexpected field "email"');
  assert.equal(problem('{"petition":"p1","type":"petition.closed","v":1}'), 'bad-entry-field: petition.closed lacks reason');
  assert.equal(problem('{"petition":"p1","reason":"bored","type":"petition.closed","v":1}'), 'bad-entry-field: petition.closed has a malformed reason: "bored"');
  assert.equal(problem('{"petition":"s1","reason":"deadline","type":"petition.closed","v":1}'), 'bad-entry-field: petition.closed has a malformed petition: "s1"');
  assert.equal(problem('{"confirmed":1,"petition":"p1","signature":"s1","type":"signature.added","v":1}'), 'bad-entry-field: signature.added has a malformed confirmed: 1');
  assert.equal(problem(`{"confirmation":"none","goal":0,"petition":"p1","text":"${hex}","type":"petition.opened","v":1}`), 'bad-entry-field: petition.opened has a malformed goal: 0');
});

test('the audit knows the same invalidation reasons and text hash as the actions', () => {
  assert.deepEqual([...INVALIDATION_REASONS], [...invalidationReasons]);
  const petition = { title: 'Верните наших мужей', addressee: 'Міністерству "оборони"', body: 'Text\nwith lines \u2028 and \\ marks' };
  assert.equal(petitionTextHash(petition.title, petition.addressee, petition.body), recordedTextHash(petition));
});
