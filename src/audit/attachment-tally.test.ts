import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalJson } from '../record/entry.ts';
import { MAX_BATCH } from '../record/sequencer.ts';
import { Findings } from './findings.ts';
import { readEntry } from './read-entry.ts';
import { RecordTally } from './record-tally.ts';

type Entry = { type: string; v: number; [field: string]: unknown };
const hex = 'ab'.repeat(32);
const opened: Entry = { type: 'petition.opened', v: 1, petition: 'pA', text: hex, goal: null, confirmation: 'none' };
const published = (attachment: string, petition = 'pA'): Entry => ({
  type: 'attachment.published',
  v: 1,
  petition,
  attachment,
  kind: 'image',
  files: [
    { name: '480.jpg', sha256: hex },
    { name: '960.jpg', sha256: 'cd'.repeat(32) },
  ],
});
const removed = (attachment: string, petition = 'pA'): Entry => ({
  type: 'attachment.removed',
  v: 1,
  petition,
  attachment,
  reason: 'identifies-someone',
});
const bytes = (entry: unknown) => new TextEncoder().encode(canonicalJson(entry));

function tallyOf(entries: (Entry | [number, Entry])[]) {
  const findings = new Findings();
  const tally = new RecordTally(findings);
  entries.forEach((item, i) => {
    const [index, entry] = Array.isArray(item) ? item : [i, item];
    tally.add(bytes(entry), index);
  });
  tally.finish();
  return { tally, codes: findings.discrepancies.map((d) => d.code) };
}

test('a published and later removed attachment is tallied with its files and reason, and finds nothing', () => {
  const { tally, codes } = tallyOf([opened, published('aFirst'), removed('aFirst')]);
  assert.deepEqual(codes, []);
  const one = tally.attachments.attachments.get('aFirst');
  assert.deepEqual(
    one?.files.map((f) => f.name),
    ['480.jpg', '960.jpg'],
  );
  assert.deepEqual([one?.published, one?.removed, one?.reason], [1, 2, 'identifies-someone']);
  assert.equal(tally.byType['attachment.published'], 1);
});

test('the auditor finds an attachment published twice, removed twice, never published, or under another petition', () => {
  const opened2 = { ...opened, petition: 'pB' };
  const { codes } = tallyOf([
    opened,
    opened2,
    published('aFirst'),
    published('aFirst'),
    published('aTwo'),
    removed('aTwo'),
    removed('aTwo'),
    removed('aGhost'),
    removed('aFirst', 'pB'),
  ]);
  assert.deepEqual(codes.sort(), [
    'attachment-never-published',
    'attachment-petition-mismatch',
    'attachment-published-twice',
    'attachment-removed-twice',
  ]);
});

test('a removal may come before its publication within one batch, not further', () => {
  assert.deepEqual(tallyOf([opened, removed('aFirst'), published('aFirst')]).codes, []);
  const far = tallyOf([opened, [1, removed('aFirst')], [1 + MAX_BATCH, published('aFirst')]]).codes;
  assert.deepEqual(far, ['attachment-removed-before-published']);
});

test('an attachment entry with a bad file list or an unknown reason is not well-formed', () => {
  const bad = (entry: Entry) => 'code' in readEntry(bytes(entry));
  assert.equal(bad(published('aFirst')), false);
  assert.equal(bad({ ...published('aFirst'), files: [] }), true, 'no files');
  assert.equal(bad({ ...published('aFirst'), files: [{ name: '../x', sha256: hex }] }), true, 'a name not served');
  assert.equal(bad({ ...published('aFirst'), files: [{ name: 'video.mp4', sha256: 'zz' }] }), true, 'not a hash');
  const twice = [
    { name: '480.jpg', sha256: hex },
    { name: '480.jpg', sha256: hex },
  ];
  assert.equal(bad({ ...published('aFirst'), files: twice }), true, 'a name twice');
  assert.equal(
    bad({ ...published('aFirst'), files: [{ name: '480.jpg', sha256: hex, gps: '55.7' }] }),
    true,
    'an extra field',
  );
  assert.equal(bad({ ...removed('aFirst'), reason: 'bored' }), true);
  assert.equal(bad({ ...published('pNotAnAttachment') }), true);
});
