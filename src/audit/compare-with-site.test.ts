import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson, type RecordEntry } from '../record/entry.ts';
import { petitionTextHash } from '../record/entry-hashes.ts';
import { compareWithSite, type SiteDetail, type SiteVersion } from './compare-with-site.ts';
import { Findings } from './findings.ts';
import { RecordTally } from './record-tally.ts';

const texts: SiteVersion[] = [
  { version: 1, title: 'Fix the bridge', addressee: 'Town council', text: 'The brige is broken.' },
  { version: 2, title: 'Fix the bridge', addressee: 'Town council', text: 'The bridge is broken.' },
  { version: 3, title: 'Fix the bridge', addressee: 'Town council', text: 'The bridge on Mill Street is broken.' },
];
const hashOf = (v: SiteVersion) => petitionTextHash(v.title, v.addressee, v.text);

/** recordOf is a record that opens pA with version 1 and corrects it to each later version of `upTo`. */
function recordOf(upTo: number): RecordEntry[] {
  const entries: RecordEntry[] = [
    { type: 'petition.opened', v: 1, petition: 'pA', text: hashOf(texts[0]), goal: null, confirmation: 'none' },
  ];
  for (let version = 2; version <= upTo; version++) {
    const [before, after] = [texts[version - 2], texts[version - 1]];
    entries.push({
      type: 'petition.corrected',
      v: 1,
      petition: 'pA',
      version,
      text: hashOf(after),
      previous: hashOf(before),
      reason: 'typo',
    });
  }
  return entries;
}

/** compare runs the comparison of a record with a site that shows `current` and the earlier `versions`. */
function compare(entries: RecordEntry[], current: SiteVersion, versions: SiteVersion[] | undefined) {
  const findings = new Findings();
  const tally = new RecordTally(findings);
  entries.forEach((e, i) => tally.add(new TextEncoder().encode(canonicalJson(e)), i));
  tally.mark();
  tally.finish();
  const detail: SiteDetail = {
    title: current.title,
    addressee: current.addressee,
    text: current.text,
    response: null,
    goal: null,
    confirmation: 'none',
    invalidations: [],
    version: current.version,
    versions,
  };
  compareWithSite(
    tally,
    {
      petitions: new Map([['pA', { id: 'pA', status: 'open', signatures: 0 }]]),
      details: new Map([['pA', detail]]),
      events: new Map(),
    },
    findings,
  );
  return { discrepancies: findings.discrepancies.map((d) => d.code), notes: findings.notes.map((n) => n.code) };
}

test('a site that shows the current text and every earlier version as the record chains them passes', () => {
  assert.deepEqual(compare(recordOf(3), texts[2], texts.slice(0, 2)), { discrepancies: [], notes: [] });
  // A site from before corrections shows no version fields: its text is version 1.
  const { version: _, ...plain } = texts[0];
  assert.deepEqual(compare(recordOf(1), { ...plain, version: 1 }, undefined), { discrepancies: [], notes: [] });
});

test('a current text that is not the record’s version of that number is a discrepancy', () => {
  const quiet = { ...texts[1], text: 'The bridge is broken. Vote for Ivanov.' };
  assert.deepEqual(compare(recordOf(2), quiet, [texts[0]]).discrepancies, ['api-text-mismatch']);
});

test('an earlier version shown otherwise than the record holds it is a discrepancy', () => {
  const rewritten = { ...texts[0], text: 'Something signers never saw.' };
  assert.deepEqual(compare(recordOf(3), texts[2], [rewritten, texts[1]]).discrepancies, ['api-text-mismatch']);
});

test('an earlier version the site hides, or a correction it does not show, is a discrepancy', () => {
  assert.deepEqual(compare(recordOf(3), texts[2], [texts[1]]).discrepancies, ['api-version-missing']);
  // The record corrected to version 3; the site still shows version 2 as current.
  assert.deepEqual(compare(recordOf(3), texts[1], [texts[0]]).discrepancies, ['api-version-missing']);
});

test('a correction the site shows before the record holds it is a note', () => {
  assert.deepEqual(compare(recordOf(2), texts[2], texts.slice(0, 2)), {
    discrepancies: [],
    notes: ['not-yet-in-record'],
  });
});

test('paper signatures are compared apart from online ones: fewer than the record holds is a discrepancy', () => {
  const entries: RecordEntry[] = [
    { type: 'petition.opened', v: 1, petition: 'pB', text: hashOf(texts[0]), goal: null, confirmation: 'none' },
    { type: 'signature.added', v: 1, petition: 'pB', signature: 's1', confirmed: false },
    {
      type: 'signatures.paper_added',
      v: 1,
      petition: 'pB',
      batch: 'b1',
      count: 40,
      region: null,
      sheets: '1-4',
      evidence: null,
    },
  ];
  const run = (shown: { signatures: number; online?: number; paper?: number }) => {
    const findings = new Findings();
    const tally = new RecordTally(findings);
    entries.forEach((e, i) => tally.add(new TextEncoder().encode(canonicalJson(e)), i));
    tally.mark();
    tally.finish();
    const rows = compareWithSite(
      tally,
      { petitions: new Map([['pB', { id: 'pB', status: 'open', ...shown }]]), details: new Map(), events: new Map() },
      findings,
    );
    return { rows, codes: [...findings.discrepancies, ...findings.notes].map((f) => f.code) };
  };
  const agreed = run({ signatures: 41, online: 1, paper: 40 });
  assert.deepEqual(agreed.codes, []);
  assert.deepEqual(
    {
      record: agreed.rows[0].record,
      site: agreed.rows[0].site,
      paper: agreed.rows[0].paper,
      sitePaper: agreed.rows[0].sitePaper,
    },
    { record: 1, site: 1, paper: 40, sitePaper: 40 },
  );
  assert.deepEqual(run({ signatures: 31, online: 1, paper: 30 }).codes, ['api-paper-count-lower']);
  // A site that does not show the paper part at all shows none of the record's paper signatures.
  assert.deepEqual(run({ signatures: 1 }).codes, ['api-paper-count-lower']);
  assert.deepEqual(run({ signatures: 0, online: 0, paper: 40 }).codes, ['api-count-lower']);
  assert.deepEqual(run({ signatures: 51, online: 1, paper: 50 }).codes, ['site-count-ahead']);
});
