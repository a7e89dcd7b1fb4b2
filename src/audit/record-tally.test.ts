import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson } from '../record/entry.ts';

/** Entry is any entry a test writes, well-formed or not (the server writes only RecordEntry). */
type Entry = { type: string; v: number; [field: string]: unknown };
import { MAX_BATCH } from '../record/sequencer.ts';
import { Findings } from './findings.ts';
import { RecordTally } from './record-tally.ts';

const hex = 'cd'.repeat(32);
const opened = (petition: string): Entry => ({
  type: 'petition.opened',
  v: 1,
  petition,
  text: hex,
  goal: null,
  confirmation: 'none',
});
const added = (petition: string, signature: string, confirmed = false): Entry => ({
  type: 'signature.added',
  v: 1,
  petition,
  signature,
  confirmed,
});
const withdrawn = (petition: string, signature: string): Entry => ({
  type: 'signature.withdrawn',
  v: 1,
  petition,
  signature,
});
const invalidated = (petition: string, signature: string, invalidation = 'iBatch1', reason = 'burst'): Entry => ({
  type: 'signature.invalidated',
  v: 1,
  petition,
  signature,
  invalidation,
  reason,
});

/** tallyOf feeds entries at the given leaf indexes (consecutive from 0 unless given) and finishes. */
function tallyOf(entries: (Entry | [number, Entry])[]) {
  const findings = new Findings();
  const tally = new RecordTally(findings);
  entries.forEach((item, i) => {
    const [index, entry] = Array.isArray(item) ? item : [i, item];
    tally.add(new TextEncoder().encode(canonicalJson(entry)), index);
  });
  tally.finish();
  return { tally, findings, codes: findings.discrepancies.map((d) => d.code) };
}

test('a petition counts its added signatures less the withdrawn and invalidated ones', () => {
  const { tally, codes } = tallyOf([
    opened('pA'),
    added('pA', 's1', true),
    added('pA', 's2'),
    added('pA', 's3'),
    added('pA', 's4'),
    withdrawn('pA', 's2'),
    invalidated('pA', 's3'),
    invalidated('pA', 's4'),
    opened('pB'),
    added('pB', 's5'),
    { type: 'petition.closed', v: 1, petition: 'pA', reason: 'organiser' },
    { type: 'petition.responded', v: 1, petition: 'pA', response: hex },
  ]);
  assert.deepEqual(codes, []);
  const a = tally.petitions.get('pA')!;
  assert.deepEqual([a.added, a.confirmed, a.withdrawn, a.invalidated, a.count, a.responses.length], [4, 1, 1, 2, 1, 1]);
  assert.equal(a.closedReason, 'organiser');
  assert.equal(tally.petitions.get('pB')!.count, 1);
  assert.deepEqual(
    [...tally.invalidations.values()],
    [{ id: 'iBatch1', petition: 'pA', reason: 'burst', signatures: 2 }],
  );
  assert.equal(tally.byType['signature.added'], 5);
});

test('within one shuffled batch, a withdrawal may come before its signature and a signature before its petition', () => {
  const { tally, codes } = tallyOf([withdrawn('pA', 's1'), added('pA', 's1'), added('pA', 's2'), opened('pA')]);
  assert.deepEqual(codes, []);
  assert.equal(tally.petitions.get('pA')!.count, 1);
});

test('what cannot happen in one batch, or at all, is a discrepancy', () => {
  const far = MAX_BATCH;
  assert.deepEqual(
    tallyOf([
      [0, added('pA', 's1')],
      [far, opened('pA')],
    ]).codes,
    ['entry-before-opened'],
  );
  assert.deepEqual(tallyOf([opened('pA'), [1, withdrawn('pA', 's1')], [1 + far, added('pA', 's1')]]).codes, [
    'signature-removed-before-added',
  ]);
  assert.deepEqual(tallyOf([opened('pA'), added('pA', 's1'), added('pA', 's1')]).codes, ['signature-added-twice']);
  assert.deepEqual(tallyOf([opened('pA'), added('pA', 's1'), withdrawn('pA', 's1'), invalidated('pA', 's1')]).codes, [
    'signature-removed-twice',
  ]);
  assert.deepEqual(tallyOf([opened('pA'), withdrawn('pA', 's1')]).codes, ['signature-never-added']);
  assert.deepEqual(tallyOf([opened('pA'), opened('pB'), added('pA', 's1'), withdrawn('pB', 's1')]).codes, [
    'signature-petition-mismatch',
  ]);
  assert.deepEqual(tallyOf([opened('pA'), opened('pA')]).codes, ['petition-opened-twice']);
  assert.deepEqual(tallyOf([added('pA', 's1')]).codes, ['petition-never-opened']);
  const closed = { type: 'petition.closed', v: 1, petition: 'pA', reason: 'deadline' } as const;
  assert.deepEqual(tallyOf([opened('pA'), closed, closed]).codes, ['petition-closed-twice']);
  assert.deepEqual(
    tallyOf([
      opened('pA'),
      opened('pB'),
      added('pA', 's1'),
      added('pB', 's2'),
      invalidated('pA', 's1', 'iX'),
      invalidated('pB', 's2', 'iX'),
    ]).codes,
    ['invalidation-mismatch'],
  );
});

test('a malformed entry is named with its index, and the rest of the record is still counted', () => {
  const findings = new Findings();
  const tally = new RecordTally(findings);
  tally.add(new TextEncoder().encode(canonicalJson(opened('pA'))), 0);
  tally.add(new TextEncoder().encode('{"type":"signature.added"}'), 1);
  tally.add(new TextEncoder().encode(canonicalJson(added('pA', 's1'))), 2);
  tally.finish();
  assert.deepEqual(
    findings.discrepancies.map((d) => [d.code, d.index]),
    [['bad-entry-field', 1]],
  );
  assert.equal(tally.entries, 3);
  assert.equal(tally.petitions.get('pA')!.count, 1);
});

test('a signature changed more than one batch after its petition closed is a note, not a discrepancy', () => {
  const closed = { type: 'petition.closed', v: 1, petition: 'pA', reason: 'organiser' } as const;
  const { findings, tally } = tallyOf([opened('pA'), closed, [2 + MAX_BATCH, added('pA', 's1')]]);
  assert.equal(findings.discrepancyCount, 0);
  assert.deepEqual(
    findings.notes.map((n) => n.code),
    ['after-close'],
  );
  assert.equal(tally.petitions.get('pA')!.count, 1);
});

test('the count at a mark, and what was taken out since, bound what a site may show', () => {
  const findings = new Findings();
  const tally = new RecordTally(findings);
  [opened('pA'), added('pA', 's1'), added('pA', 's2')].forEach((e, i) =>
    tally.add(new TextEncoder().encode(canonicalJson(e)), i),
  );
  tally.mark();
  [withdrawn('pA', 's1'), added('pA', 's3')].forEach((e, i) =>
    tally.add(new TextEncoder().encode(canonicalJson(e)), 3 + i),
  );
  assert.deepEqual(tally.countAtMark('pA'), { count: 2, removedSince: 1, paper: 0, paperRemovedSince: 0 });
  assert.equal(tally.petitions.get('pA')!.count, 2);
});

const t1 = hex;
const t2 = 'e2'.repeat(32);
const t3 = 'e3'.repeat(32);
const corrected = (version: number, text: string, previous: string, petition = 'pA'): Entry => ({
  type: 'petition.corrected',
  v: 1,
  petition,
  version,
  text,
  previous,
  reason: 'typo',
});

test('corrections chain each version to the one before, in whatever order one batch put them', () => {
  for (const order of [
    [opened('pA'), corrected(2, t2, t1), corrected(3, t3, t2)],
    [corrected(3, t3, t2), opened('pA'), corrected(2, t2, t1)],
  ]) {
    const { tally, codes } = tallyOf(order);
    assert.deepEqual(codes, []);
    assert.deepEqual(tally.petitions.get('pA')!.versions, [t1, t2, t3]);
    assert.equal(tally.byType['petition.corrected'], 2);
  }
  assert.deepEqual(tallyOf([opened('pA')]).tally.petitions.get('pA')!.versions, [t1]);
});

test('a correction that replaces a text other than the current one is a discrepancy', () => {
  assert.deepEqual(tallyOf([opened('pA'), corrected(2, t2, t3)]).codes, ['correction-previous-mismatch']);
  // Version 3 must replace version 2, not the opened text: a quiet swap of version 2 would show here.
  assert.deepEqual(tallyOf([opened('pA'), corrected(2, t2, t1), corrected(3, t3, t1)]).codes, [
    'correction-previous-mismatch',
  ]);
});

test('versions that skip a number or come twice are a discrepancy', () => {
  assert.deepEqual(tallyOf([opened('pA'), corrected(3, t3, t1)]).codes, ['correction-version-mismatch']);
  assert.deepEqual(tallyOf([opened('pA'), corrected(2, t2, t1), corrected(2, t3, t1)]).codes, [
    'correction-version-mismatch',
  ]);
  assert.deepEqual(tallyOf([opened('pA'), corrected(2, t2, t1), corrected(4, t3, t2)]).codes, [
    'correction-version-mismatch',
  ]);
});

test('a correction more than a batch before the opening or after the closing is a discrepancy', () => {
  assert.deepEqual(
    tallyOf([
      [0, corrected(2, t2, t1)],
      [MAX_BATCH, opened('pA')],
    ]).codes,
    ['entry-before-opened'],
  );
  assert.deepEqual(tallyOf([corrected(2, t2, t1)]).codes, ['petition-never-opened']);
  const closed = { type: 'petition.closed', v: 1, petition: 'pA', reason: 'organiser' } as const;
  assert.deepEqual(tallyOf([opened('pA'), closed, [2 + MAX_BATCH, corrected(2, t2, t1)]]).codes, [
    'entry-after-closed',
  ]);
  // Within one batch of the closing the correction may have raced it: the sequencer's shuffle can put it after.
  assert.deepEqual(tallyOf([opened('pA'), closed, corrected(2, t2, t1)]).codes, []);
});

const paperAdded = (batch: string, count: number, petition = 'pA'): Entry => ({
  type: 'signatures.paper_added',
  v: 1,
  petition,
  batch,
  count,
  region: 'RU-MOW',
  sheets: '1-4',
  evidence: null,
});
const paperWithdrawn = (batch: string, petition = 'pA', reason = 'corrected'): Entry => ({
  type: 'signatures.paper_withdrawn',
  v: 1,
  petition,
  batch,
  reason,
});

test('paper batches count apart from online signatures; a correction is a withdrawal and a new batch', () => {
  const { tally, codes } = tallyOf([
    opened('pA'),
    added('pA', 's1'),
    added('pA', 's2'),
    paperAdded('b1', 40),
    paperAdded('b2', 25),
    paperWithdrawn('b2'),
    paperAdded('b3', 20),
  ]);
  assert.deepEqual(codes, []);
  const p = tally.petitions.get('pA')!;
  assert.equal(p.count, 2);
  assert.equal(p.paper, 60);
  assert.equal(p.paperAdded, 85);
  assert.equal(p.paperWithdrawn, 25);
  assert.equal(p.batches, 3);
  assert.equal(tally.byType['signatures.paper_added'], 3);
  assert.deepEqual(tally.batches.get('b2'), { id: 'b2', petition: 'pA', count: 25, added: 4, withdrawn: 5 });
});

test('within one shuffled batch a paper batch may be withdrawn before the record adds it, and is not counted', () => {
  const { tally, codes } = tallyOf([opened('pA'), paperWithdrawn('b1'), paperAdded('b1', 30)]);
  assert.deepEqual(codes, []);
  assert.equal(tally.petitions.get('pA')!.paper, 0);
  assert.equal(tally.petitions.get('pA')!.paperWithdrawn, 30);
});

test('a paper batch withdrawn twice, never added, added twice or under two petitions is a discrepancy', () => {
  assert.deepEqual(tallyOf([opened('pA'), paperAdded('b1', 5), paperWithdrawn('b1'), paperWithdrawn('b1')]).codes, [
    'paper-batch-withdrawn-twice',
  ]);
  assert.deepEqual(tallyOf([opened('pA'), paperWithdrawn('b1')]).codes, ['paper-batch-never-added']);
  const twice = tallyOf([opened('pA'), paperAdded('b1', 5), paperAdded('b1', 5)]);
  assert.deepEqual(twice.codes, ['paper-batch-added-twice']);
  assert.equal(twice.tally.petitions.get('pA')!.paper, 5);
  assert.deepEqual(tallyOf([opened('pA'), opened('pB'), paperAdded('b1', 5), paperWithdrawn('b1', 'pB')]).codes, [
    'paper-batch-petition-mismatch',
  ]);
  assert.deepEqual(tallyOf([opened('pA'), [1, paperWithdrawn('b1')], [1 + MAX_BATCH, paperAdded('b1', 5)]]).codes, [
    'paper-batch-withdrawn-before-added',
  ]);
});

test('a paper batch added more than a batch before the opening or after the closing is a discrepancy', () => {
  assert.deepEqual(
    tallyOf([
      [0, paperAdded('b1', 5)],
      [MAX_BATCH, opened('pA')],
    ]).codes,
    ['entry-before-opened'],
  );
  assert.deepEqual(tallyOf([paperAdded('b1', 5)]).codes, ['petition-never-opened']);
  const closed = { type: 'petition.closed', v: 1, petition: 'pA', reason: 'organiser' } as const;
  assert.deepEqual(tallyOf([opened('pA'), closed, [2 + MAX_BATCH, paperAdded('b1', 5)]]).codes, ['entry-after-closed']);
  assert.deepEqual(tallyOf([opened('pA'), closed, paperAdded('b1', 5)]).codes, []);
  // A batch may be withdrawn after the closing: a mistake found late is still put right in public.
  assert.deepEqual(
    tallyOf([opened('pA'), paperAdded('b1', 5), closed, [3 + MAX_BATCH, paperWithdrawn('b1')]]).codes,
    [],
  );
});

test('paper signatures withdrawn after the mark bound what a site may show, apart from online ones', () => {
  const findings = new Findings();
  const tally = new RecordTally(findings);
  [opened('pA'), paperAdded('b1', 10), paperAdded('b2', 7)].forEach((e, i) =>
    tally.add(new TextEncoder().encode(canonicalJson(e)), i),
  );
  tally.mark();
  tally.add(new TextEncoder().encode(canonicalJson(paperWithdrawn('b2'))), 3);
  assert.deepEqual(tally.countAtMark('pA'), { count: 0, removedSince: 0, paper: 17, paperRemovedSince: 7 });
});
