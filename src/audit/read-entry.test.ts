import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  canonicalJson,
  CORRECTION_REASONS,
  HIDDEN_REASONS,
  INVALIDATION_REASONS,
  isEventEntry,
} from '../record/entry.ts';

/** Entry is any entry a test writes, well-formed or not (the server writes only RecordEntry). */
type Entry = { type: string; v: number; [field: string]: unknown };
import { ENTRY_FIELDS, isEntryProblem, readEntry } from './read-entry.ts';
import { PAPER_WITHDRAWAL_REASONS } from '../domain/paper-batch.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const read = (entry: Entry | string) => readEntry(bytes(typeof entry === 'string' ? entry : canonicalJson(entry)));
const hex = 'ab'.repeat(32);

test('every entry the actions queue reads back as itself', () => {
  const entries: Entry[] = [
    { type: 'petition.opened', v: 1, petition: 'p7Kx2abc', text: hex, goal: 1000, confirmation: 'email' },
    { type: 'petition.opened', v: 1, petition: 'p7Kx2abc', text: hex, goal: null, confirmation: 'none' },
    { type: 'petition.closed', v: 1, petition: 'p7Kx2abc', reason: 'deadline' },
    { type: 'petition.responded', v: 1, petition: 'p7Kx2abc', response: hex },
    {
      type: 'petition.corrected',
      v: 1,
      petition: 'p7Kx2abc',
      version: 2,
      text: 'cd'.repeat(32),
      previous: hex,
      reason: 'typo',
    },
    { type: 'signature.added', v: 1, petition: 'p7Kx2abc', signature: 's9fQ1w2e3r4t5y6u7', confirmed: false },
    { type: 'signature.withdrawn', v: 1, petition: 'p7Kx2abc', signature: 's9fQ1w2e3r4t5y6u7' },
    {
      type: 'signature.invalidated',
      v: 1,
      petition: 'p7Kx2abc',
      signature: 's9fQ1w2e3r4t5y6u7',
      invalidation: 'iAbc123def',
      reason: 'burst',
    },
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
  for (const text of cases)
    assert.deepEqual(
      read(text),
      { code: 'non-canonical-entry', message: 'not canonical JSON (sorted keys, no white space, one spelling)' },
      text,
    );
  assert.equal((readEntry(Uint8Array.of(0x7b, 0xff, 0x7d)) as { code: string }).code, 'malformed-entry');
  assert.equal((read('[1,2]') as { code: string }).code, 'malformed-entry');
});

test('a wrong type, version or field is named', () => {
  const problem = (text: string) => {
    const result = read(text);
    assert.ok(isEntryProblem(result), text);
    return `${result.code}: ${result.message}`;
  };
  assert.equal(
    problem('{"petition":"p1","type":"question.asked","v":1}'),
    'unknown-entry-type: unknown type "question.asked"',
  );
  assert.equal(problem('{"event":"K7MX2Q","type":"vote.cast","v":1}'), 'unknown-entry-type: unknown type "vote.cast"');
  assert.equal(
    problem('{"petition":"p1","type":"constructor","v":1}'),
    'unknown-entry-type: unknown type "constructor"',
  );
  assert.equal(
    problem('{"petition":"p1","reason":"deadline","type":"petition.closed","v":2}'),
    'bad-entry-field: petition.closed has version 2, want 1',
  );
  assert.equal(
    problem('{"email":"a@b.c","petition":"p1","reason":"deadline","type":"petition.closed","v":1}'),
    'bad-entry-field: petition.closed has an unexpected field "email"',
  );
  assert.equal(
    problem('{"petition":"p1","type":"petition.closed","v":1}'),
    'bad-entry-field: petition.closed lacks reason',
  );
  assert.equal(
    problem('{"petition":"p1","reason":"bored","type":"petition.closed","v":1}'),
    'bad-entry-field: petition.closed has a malformed reason: "bored"',
  );
  assert.equal(
    problem('{"petition":"s1","reason":"deadline","type":"petition.closed","v":1}'),
    'bad-entry-field: petition.closed has a malformed petition: "s1"',
  );
  assert.equal(
    problem('{"confirmed":1,"petition":"p1","signature":"s1","type":"signature.added","v":1}'),
    'bad-entry-field: signature.added has a malformed confirmed: 1',
  );
  assert.equal(
    problem(`{"confirmation":"none","goal":0,"petition":"p1","text":"${hex}","type":"petition.opened","v":1}`),
    'bad-entry-field: petition.opened has a malformed goal: 0',
  );
});

test('every invalidation reason an organiser may give is one the audit accepts', () => {
  for (const reason of INVALIDATION_REASONS) {
    const entry = { type: 'signature.invalidated', v: 1, petition: 'p1', signature: 's1', invalidation: 'i1', reason };
    assert.ok(!isEntryProblem(read(entry)), reason);
  }
});

test('a correction names its version (2 or later), both texts as SHA-256 and a reason from the list, nothing more', () => {
  const correction = { type: 'petition.corrected', v: 1, petition: 'p1', version: 2, text: hex, previous: hex };
  for (const reason of CORRECTION_REASONS) assert.ok(!isEntryProblem(read({ ...correction, reason })), reason);
  const problem = (entry: Record<string, unknown>) => {
    const result = read({ ...correction, reason: 'typo', ...entry } as Entry);
    return isEntryProblem(result) ? `${result.code}: ${result.message}` : 'accepted';
  };
  assert.equal(problem({ version: 1 }), 'bad-entry-field: petition.corrected has a malformed version: 1');
  assert.equal(problem({ version: -2 }), 'bad-entry-field: petition.corrected has a malformed version: -2');
  assert.equal(problem({ version: '3' }), 'bad-entry-field: petition.corrected has a malformed version: "3"');
  assert.equal(problem({ previous: 'abc' }), 'bad-entry-field: petition.corrected has a malformed previous: "abc"');
  assert.equal(
    problem({ reason: "Fixed a typo in Olena's name" }).startsWith(
      'bad-entry-field: petition.corrected has a malformed reason',
    ),
    true,
  );
  assert.equal(problem({ note: 'typo' }), 'bad-entry-field: petition.corrected has an unexpected field "note"');
  assert.equal(problem({ text: undefined }), 'bad-entry-field: petition.corrected lacks text');
});

// The entries src/actions/create-event.ts, close-event.ts, ask-question.ts, cast-vote.ts, withdraw-vote.ts,
// moderate-question.ts and merge-questions.ts queue.
const E = 'K7MX2Q';
const Q = 'q9fQ1w2e3r4';
const eventEntries: Entry[] = [
  { type: 'event.opened', v: 1, event: E, sha256: hex, moderation: 'before' },
  { type: 'event.opened', v: 1, event: 'AB12', sha256: hex, moderation: 'after' },
  { type: 'event.closed', v: 1, event: E },
  { type: 'question.added', v: 1, event: E, question: Q, sha256: hex, status: 'pending' },
  { type: 'question.added', v: 1, event: E, question: Q, sha256: hex, status: 'published' },
  { type: 'question.approved', v: 1, event: E, question: Q },
  { type: 'question.hidden', v: 1, event: E, question: Q, reason: 'personal-data' },
  { type: 'question.restored', v: 1, event: E, question: Q },
  { type: 'question.merged', v: 1, event: E, question: Q, into: 'qAbCdEfGhJk', moved: 0 },
  { type: 'question.merged', v: 1, event: E, question: Q, into: 'qAbCdEfGhJk', moved: 1234 },
  { type: 'question.pinned', v: 1, event: E, question: Q },
  { type: 'question.unpinned', v: 1, event: E, question: Q },
  { type: 'question.answered', v: 1, event: E, question: Q },
  { type: 'vote.added', v: 1, event: E, question: Q, vote: 'v1a2B3c4D5e6F' },
  { type: 'vote.withdrawn', v: 1, event: E, question: Q, vote: 'v1a2B3c4D5e6F', reason: 'voter' },
  { type: 'vote.withdrawn', v: 1, event: E, question: Q, vote: 'v1a2B3c4D5e6F', reason: 'merged' },
];

test('every event, question and vote entry the actions queue reads back as itself', () => {
  for (const entry of eventEntries) {
    const read = readEntry(bytes(canonicalJson(entry)));
    assert.deepEqual(read, entry);
    assert.ok(!isEntryProblem(read) && isEventEntry(read));
  }
  const types = new Set(eventEntries.map((e) => e.type));
  for (const type of Object.keys(ENTRY_FIELDS))
    assert.ok(types.has(type as Entry['type']) || !/^(event|question|vote)\./.test(type), type);
});

test('a malformed event, question or vote entry is named', () => {
  const problem = (entry: Record<string, unknown>) => {
    const result = read(canonicalJson({ v: 1, ...entry } as Entry));
    assert.ok(isEntryProblem(result), JSON.stringify(entry));
    return `${result.code}: ${result.message}`;
  };
  const q = { event: E, question: Q };
  const cases: [Record<string, unknown>, string][] = [
    [
      { type: 'event.opened', event: 'k7mx2q', sha256: hex, moderation: 'after' },
      'event.opened has a malformed event: "k7mx2q"',
    ],
    [
      { type: 'event.opened', event: 'ABC', sha256: hex, moderation: 'after' },
      'event.opened has a malformed event: "ABC"',
    ],
    [
      { type: 'event.opened', event: 'ABCDEFGHJKLMN', sha256: hex, moderation: 'after' },
      'event.opened has a malformed event: "ABCDEFGHJKLMN"',
    ],
    [
      { type: 'event.opened', event: E, sha256: hex.toUpperCase(), moderation: 'after' },
      `event.opened has a malformed sha256: "${hex.toUpperCase()}"`,
    ],
    [
      { type: 'event.opened', event: E, sha256: hex, moderation: 'never' },
      'event.opened has a malformed moderation: "never"',
    ],
    [
      { type: 'event.opened', event: E, sha256: hex, moderation: 'after', title: 'Town hall' },
      'event.opened has an unexpected field "title"',
    ],
    [{ type: 'event.closed', event: E, reason: 'organiser' }, 'event.closed has an unexpected field "reason"'],
    [
      { type: 'question.added', ...q, sha256: hex, status: 'hidden' },
      'question.added has a malformed status: "hidden"',
    ],
    [{ type: 'question.added', ...q, status: 'published' }, 'question.added lacks sha256'],
    [
      { type: 'question.added', ...q, sha256: hex, status: 'published', text: 'Why?' },
      'question.added has an unexpected field "text"',
    ],
    [
      { type: 'question.added', ...q, sha256: hex, status: 'published', author: 'Olena' },
      'question.added has an unexpected field "author"',
    ],
    [
      { type: 'question.added', event: E, question: 'p9fQ1w2e3r4', sha256: hex, status: 'published' },
      'question.added has a malformed question: "p9fQ1w2e3r4"',
    ],
    [{ type: 'question.approved', event: E }, 'question.approved lacks question'],
    [{ type: 'question.hidden', ...q, reason: 'rude' }, 'question.hidden has a malformed reason: "rude"'],
    [{ type: 'question.hidden', ...q }, 'question.hidden lacks reason'],
    [{ type: 'question.restored', ...q, reason: 'spam' }, 'question.restored has an unexpected field "reason"'],
    [
      { type: 'question.merged', ...q, into: 'v9fQ1w2e3r4', moved: 0 },
      'question.merged has a malformed into: "v9fQ1w2e3r4"',
    ],
    [{ type: 'question.merged', ...q, into: 'qAbCdEfGhJk', moved: -1 }, 'question.merged has a malformed moved: -1'],
    [{ type: 'question.merged', ...q, into: 'qAbCdEfGhJk', moved: '3' }, 'question.merged has a malformed moved: "3"'],
    [{ type: 'question.merged', ...q, into: 'qAbCdEfGhJk' }, 'question.merged lacks moved'],
    [{ type: 'question.pinned', ...q, by: 'moderator' }, 'question.pinned has an unexpected field "by"'],
    [{ type: 'question.unpinned', event: E, question: 'q0OIl' }, 'question.unpinned has a malformed question: "q0OIl"'],
    [{ type: 'question.answered', ...q, answer: hex }, 'question.answered has an unexpected field "answer"'],
    [{ type: 'vote.added', ...q, vote: 's1a2B3c4D5e6F' }, 'vote.added has a malformed vote: "s1a2B3c4D5e6F"'],
    [{ type: 'vote.added', ...q, vote: 'v1a2B3c4D5e6F', voter: hex }, 'vote.added has an unexpected field "voter"'],
    [{ type: 'vote.added', event: E, vote: 'v1a2B3c4D5e6F' }, 'vote.added lacks question'],
    [{ type: 'vote.withdrawn', ...q, vote: 'v1a2B3c4D5e6F' }, 'vote.withdrawn lacks reason'],
    [
      { type: 'vote.withdrawn', ...q, vote: 'v1a2B3c4D5e6F', reason: 'moderator' },
      'vote.withdrawn has a malformed reason: "moderator"',
    ],
  ];
  for (const [entry, message] of cases) assert.equal(problem(entry), `bad-entry-field: ${message}`);
  assert.equal(
    problem({ type: 'vote.added', ...q, vote: 'v1a2B3c4D5e6F', v: 2 }),
    'bad-entry-field: vote.added has version 2, want 1',
  );
});

test('every reason a moderator may give for hiding is one the audit accepts', () => {
  for (const reason of HIDDEN_REASONS) {
    const entry = { type: 'question.hidden', v: 1, event: 'AB12CD', question: 'q1', reason };
    assert.ok(!isEntryProblem(read(entry)), reason);
  }
});

test('a paper batch holds a count, a region code or null, sheet numbers in one form and a hash or null, nothing more', () => {
  const batch = {
    type: 'signatures.paper_added',
    v: 1,
    petition: 'p7Kx2abc',
    batch: 'b4Tz9qk',
    count: 120,
    region: 'RU-MOW',
    sheets: '1-12,15',
    evidence: hex,
  };
  assert.deepEqual(read(batch), batch);
  assert.deepEqual(read({ ...batch, region: null, evidence: null }), { ...batch, region: null, evidence: null });
  assert.deepEqual(read({ ...batch, count: 100_000 }), { ...batch, count: 100_000 });
  const malformed = (change: Record<string, unknown>) => {
    const result = read({ ...batch, ...change });
    return isEntryProblem(result) ? result.message : 'accepted';
  };
  assert.equal(malformed({ count: 0 }), 'signatures.paper_added has a malformed count: 0');
  assert.equal(malformed({ count: 100_001 }), 'signatures.paper_added has a malformed count: 100001');
  assert.equal(malformed({ region: 'Moscow' }), 'signatures.paper_added has a malformed region: "Moscow"');
  assert.equal(malformed({ sheets: '15,1-12' }), 'signatures.paper_added has a malformed sheets: "15,1-12"');
  assert.equal(malformed({ sheets: '' }), 'signatures.paper_added has a malformed sheets: ""');
  assert.equal(
    malformed({ evidence: 'AB'.repeat(32) }),
    `signatures.paper_added has a malformed evidence: "${'AB'.repeat(32)}"`,
  );
  assert.equal(malformed({ batch: 'p1' }), 'signatures.paper_added has a malformed batch: "p1"');
  // A name on the sheets has no place in the record.
  assert.equal(malformed({ collector: 'Ivan' }), 'signatures.paper_added has an unexpected field "collector"');
});

test('a paper batch is withdrawn with a reason from the list', () => {
  const withdrawal = { type: 'signatures.paper_withdrawn', v: 1, petition: 'p1', batch: 'b1' };
  for (const reason of PAPER_WITHDRAWAL_REASONS) assert.ok(!isEntryProblem(read({ ...withdrawal, reason })), reason);
  assert.ok(isEntryProblem(read({ ...withdrawal, reason: 'because' })));
  assert.ok(isEntryProblem(read(withdrawal)));
});
