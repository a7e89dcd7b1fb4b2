import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AuditReport } from './audit-record.ts';
import { formatReport } from './format-report.ts';

const counts = (asked: number, votes: number, hidden: Record<string, number>) => ({
  asked,
  published: asked - 1,
  answered: 1,
  pending: 0,
  merged: 0,
  votes,
  hidden,
});

const report: AuditReport = {
  ok: false,
  url: 'https://veche.example',
  origin: 'veche.example',
  key: 'veche.example+1a2b3c4d+AAAA',
  mirror: null,
  keySource: 'state',
  statePath: '/tmp/state.json',
  stateSaved: true,
  checkpoint: { size: 1234, root: 'cm9vdA==', note: '' },
  witnesses: {
    source: 'option',
    path: 'policy.txt',
    policy: '',
    quorum: '2 of a.test, b.test',
    checkpoint: { size: 1200, root: 'cm9vdA==', source: '/log/witnessed-checkpoint', note: '' },
    witnesses: [
      {
        name: 'a.test',
        key: 'a.test+01020304+BAAA',
        algorithm: 'ed25519',
        url: 'https://a.test',
        status: 'verified',
        timestamp: 1_800_000_000,
      },
      {
        name: 'b.test',
        key: 'b.test+01020305+BgAA',
        algorithm: 'ml-dsa-44',
        url: null,
        status: 'unchecked',
        timestamp: null,
      },
    ],
    cosigned: 1,
    quorumMet: false,
  },
  previous: null,
  verified: { entries: 1234, bundles: 5, tiles: 6, requests: 20, bytes: 1 << 20, seconds: 1.5, entriesPerSecond: 823 },
  entries: { 'event.opened': 2, 'question.added': 31, 'vote.added': 1201 },
  petitions: [],
  invalidations: [],
  events: [
    {
      code: 'K7MX2Q',
      status: 'open',
      moderation: 'before',
      record: counts(30, 1200, { abuse: 2, spam: 1 }),
      site: counts(30, 1190, { spam: 1, abuse: 2 }),
      siteStatus: 'open',
    },
    { code: 'AB12', status: 'closed', moderation: 'after', record: counts(1, 1, {}), site: null, siteStatus: null },
  ],
  discrepancyCount: 2,
  counts: { 'api-count-lower': 1, 'api-event-missing': 1 },
  discrepancies: [
    {
      code: 'api-count-lower',
      event: 'K7MX2Q',
      message: 'event K7MX2Q: the site shows 1190 votes, the record holds 1200',
    },
    { code: 'api-event-missing', event: 'AB12', message: 'the record opened event AB12, the site answers 404 for it' },
  ],
  notes: [],
};

test('each event is a line: questions asked, answered, votes and hidden by reason, the record beside the site', () => {
  const text = formatReport(report);
  const table = text.slice(text.indexOf('Events'), text.indexOf('\n\n', text.indexOf('Events')));
  assert.deepEqual(table.split('\n').slice(1), [
    '  event   status           asked  site  answered  votes         site  hidden           site',
    '  K7MX2Q  open, moderated     30     =         1  1,200  1,190 (−10)  spam 1, abuse 2  =',
    '  AB12    closed               1     —         1      1            —  0                —',
  ]);
  assert.match(text, /✗ api-event-missing: the record opened event AB12/);
  assert.match(text, /vote\.added\s+1,201/);
});

test('the witnesses: who cosigned the checkpoint checked, with key and time, and the quorum said plainly', () => {
  const text = formatReport(report);
  const part = text.slice(text.indexOf('Witnesses'), text.indexOf('\n\n', text.indexOf('Witnesses')));
  assert.deepEqual(part.split('\n'), [
    'Witnesses (the policy in policy.txt, pinned)',
    '  quorum      2 of a.test, b.test',
    '  checkpoint  1,200 entries, root cm9vdA== (/log/witnessed-checkpoint)',
    '  ✓ a.test  cosigned at 2027-01-15 08:00:00 UTC',
    '      key a.test+01020304+BAAA, https://a.test',
    '  ✗ b.test  cannot check ML-DSA-44 on this Node: not counted',
    '      key b.test+01020305+BgAA',
    '  QUORUM NOT MET: 1 of 2 witnesses cosigned the checkpoint checked.',
  ]);
  const failing = formatReport({
    ...report,
    discrepancies: [
      { code: 'quorum-not-met', message: 'the witness policy asks for 2 of a.test, b.test, but only a.test cosigned' },
    ],
  });
  assert.match(
    failing,
    /!{78}\n!! THE WITNESSES DO NOT VOUCH FOR THIS RECORD\.\n!! the witness policy asks for 2 of a\.test/,
  );
});

test('paper signatures are shown apart from online ones and together with them, the record beside the site', () => {
  const row = {
    status: 'open' as const,
    responses: 0,
    added: 12,
    confirmed: 0,
    withdrawn: 2,
    invalidated: 0,
    record: 10,
    site: 10,
    siteStatus: 'open',
  };
  const text = formatReport({
    ...report,
    petitions: [
      { ...row, id: 'pPaper', batches: 3, paper: 1500, sitePaper: 1400 },
      { ...row, id: 'pOnline', batches: 0, paper: 0, sitePaper: 0 },
    ],
  });
  const start = text.indexOf('Paper signatures');
  const table = text.slice(start, text.indexOf('\n\n', start));
  assert.deepEqual(table.split('\n').slice(1), [
    '  petition  batches  paper   site        total   site',
    '  pPaper          3  1,500  1,400  −100  1,510  1,410  −100',
  ]);
  assert.match(text, /Petitions online[^\n]*\n[^\n]*\n {2}pPaper\s+open\s+12\s+0\s+2\s+0\s+10\s+10\s+=/);
  // A site with no paper batches at all reads as it did before they existed.
  assert.doesNotMatch(
    formatReport({ ...report, petitions: [{ ...row, id: 'pOnline', batches: 0, paper: 0, sitePaper: null }] }),
    /Paper/,
  );
});
