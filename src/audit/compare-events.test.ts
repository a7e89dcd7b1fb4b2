import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson } from '../record/entry.ts';
import { eventTextHash, questionTextHash } from '../record/entry-hashes.ts';

/** Entry is any entry a test writes, well-formed or not (the server writes only RecordEntry). */
type Entry = { type: string; v: number; [field: string]: unknown };
import { compareEvents, eventsBehindRecord, readSiteEvents } from './compare-events.ts';
import type { SiteQuestion } from './compare-events.ts';
import { Findings } from './findings.ts';
import { RecordTally } from './record-tally.ts';
import type { RecordReader } from './record-reader.ts';

const E = 'K7MX2Q';
const event = {
  title: 'Town hall with the mayor',
  addressee: 'The mayor of Lviv',
  description: 'Ask about the budget.',
};
const texts: Record<string, string> = {
  qA: 'When will School 3 be repaired?',
  qB: 'Who signed the bus contract?',
  qC: "Olena's phone is 067…",
  qD: 'Why the new tax?',
};
const e = (entry: Record<string, unknown>) => ({ v: 1, event: E, ...entry }) as unknown as Entry;
const asked = (question: string, status = 'published') =>
  e({ type: 'question.added', question, sha256: questionTextHash(texts[question]), status });
const voted = (question: string, n: number) =>
  e({ type: 'vote.added', question, vote: `v${String(n).padStart(12, 'z')}` });
const unvoted = (question: string, n: number) =>
  e({ type: 'vote.withdrawn', question, vote: `v${String(n).padStart(12, 'z')}`, reason: 'voter' });

// The record at its checkpoint: qA has 3 votes, qB 1; qC was hidden as personal data; qD answered.
const atCheckpoint: Entry[] = [
  e({
    type: 'event.opened',
    sha256: eventTextHash(event.title, event.addressee, event.description),
    moderation: 'after',
  }),
  asked('qA'),
  asked('qB'),
  asked('qC'),
  asked('qD'),
  voted('qA', 1),
  voted('qA', 2),
  voted('qA', 3),
  voted('qB', 4),
  voted('qD', 5),
  e({ type: 'question.hidden', question: 'qC', reason: 'personal-data' }),
  e({ type: 'question.answered', question: 'qD' }),
];

/** view shows a question as the site's QuestionView does. */
function view(
  id: string,
  votes: number,
  status = 'published',
  hiddenReason: string | null = null,
): SiteQuestion & Record<string, unknown> {
  const withheld = hiddenReason === 'abuse' || hiddenReason === 'personal-data';
  return {
    id,
    text: withheld ? null : texts[id],
    sha256: questionTextHash(texts[id]),
    author: null,
    votes,
    status,
    hiddenReason,
    group: 1,
    askedMinute: 29_000_000,
    answeredMinute: status === 'answered' ? 29_000_010 : null,
  };
}

/** honestSite is what GET /api/events/K7MX2Q and its lists answer when the site agrees with the record. */
function honestSite(): Map<string, unknown> {
  return new Map<string, unknown>([
    [
      `/api/events/${E}`,
      {
        code: E,
        status: 'open',
        rules: { moderation: 'after', anonymousAllowed: true },
        ...event,
        counts: {
          asked: 4,
          published: 2,
          answered: 1,
          pending: 0,
          merged: 0,
          votes: 5,
          hidden: { 'personal-data': 1 },
        },
      },
    ],
    [`/api/events/${E}/questions?list=popular`, { questions: [view('qA', 3), view('qB', 1)] }],
    [`/api/events/${E}/questions?list=recent`, [view('qB', 1), view('qA', 3)]],
    [`/api/events/${E}/questions?list=answered`, [view('qD', 1, 'answered')]],
    [`/api/events/${E}/questions?list=hidden`, [view('qC', 0, 'hidden', 'personal-data')]],
  ]);
}

/**
 * fakeClient answers JSON from a map of paths, and null (404) for any other path, as RecordReader.json does. It ignores
 * `limit` and `offset`, as a site that does not page would: the audit must stop at a page that brings nothing new.
 */
function fakeClient(answers: Map<string, unknown>, asked: string[] = []): RecordReader {
  const json = async (path: string) => {
    asked.push(path);
    const bare = path.replace(/&limit=\d+&offset=\d+$/, '');
    return answers.has(bare) ? structuredClone(answers.get(bare)) : null;
  };
  return { json } as unknown as RecordReader;
}

/** audit tallies the record to its checkpoint, marks it, adds what came after, and compares with the site. */
async function audit(answers: Map<string, unknown>, after: Entry[] = []) {
  const findings = new Findings();
  const tally = new RecordTally(findings);
  const add = (entries: Entry[], from: number) =>
    entries.forEach((entry, i) => tally.add(new TextEncoder().encode(canonicalJson(entry)), from + i));
  add(atCheckpoint, 0);
  tally.mark();
  const site = await readSiteEvents(fakeClient(answers), [E], findings);
  add(after, atCheckpoint.length);
  tally.finish();
  const behind = eventsBehindRecord(tally.events, site);
  const rows = compareEvents(tally.events, site, findings);
  return {
    rows,
    behind,
    findings,
    codes: findings.discrepancies.map((d) => `${d.code} ${d.question ?? d.event}`),
    notes: findings.notes.map((n) => `${n.code} ${n.question ?? n.event}`),
  };
}

/** changed returns the honest answers with one changed by `change`. */
// biome-ignore lint/suspicious/noExplicitAny: each case edits a different field of a parsed answer
function changed(path: string, change: (answer: any) => unknown): Map<string, unknown> {
  const answers = honestSite();
  answers.set(`/api/events/${E}${path}`, change(structuredClone(answers.get(`/api/events/${E}${path}`))));
  return answers;
}

test('a site that shows what the record holds passes, and its event is a row of the report', async () => {
  const { codes, notes, rows, behind } = await audit(honestSite());
  assert.deepEqual(codes, []);
  assert.deepEqual(notes, []);
  assert.deepEqual(behind, []);
  assert.deepEqual(rows, [
    {
      code: E,
      status: 'open',
      moderation: 'after',
      siteStatus: 'open',
      record: { asked: 4, published: 2, answered: 1, pending: 0, merged: 0, votes: 5, hidden: { 'personal-data': 1 } },
      site: { asked: 4, published: 2, answered: 1, pending: 0, merged: 0, votes: 5, hidden: { 'personal-data': 1 } },
    },
  ]);
});

test('a long list is read a page at a time, to its end', async () => {
  const many = Array.from({ length: 450 }, (_, i) => ({ ...view('qA', 3), id: `qZ${i + 1}` }));
  const asked: string[] = [];
  const paged: RecordReader = {
    json: async (path: string) => {
      asked.push(path);
      const match = /list=recent&limit=(\d+)&offset=(\d+)$/.exec(path);
      if (match === null) return fakeClient(honestSite()).json(path, 0);
      return { questions: many.slice(Number(match[2]), Number(match[2]) + Number(match[1])) };
    },
  } as unknown as RecordReader;
  const site = await readSiteEvents(paged, [E], new Findings());
  assert.equal(site.get(E)!.lists.get('recent')!.length, 450);
  assert.deepEqual(
    asked.filter((p) => p.includes('recent')).map((p) => p.slice(p.indexOf('&'))),
    ['&limit=200&offset=0', '&limit=200&offset=200', '&limit=200&offset=400'],
  );
});

test('a site that hides an event the record opened fails the audit', async () => {
  const { codes } = await audit(new Map());
  assert.deepEqual(codes, [`api-event-missing ${E}`]);
});

test('votes above the record are a note; below what the record allows, a discrepancy', async () => {
  const high = await audit(changed('/questions?list=popular', () => ({ questions: [view('qA', 4), view('qB', 1)] })));
  assert.deepEqual(high.codes, []);
  assert.deepEqual(high.notes, ['site-count-ahead qA']);
  const low = await audit(changed('/questions?list=popular', () => [view('qA', 2), view('qB', 1)]));
  assert.deepEqual(low.codes, ['api-count-lower qA']);
  assert.deepEqual(low.behind, ['qA']);
  // Lower, but the record withdraws a vote of qA after the checkpoint: the site was read after that withdrawal.
  const explained = await audit(
    changed('/questions?list=popular', () => [view('qA', 2), view('qB', 1)]),
    [unvoted('qA', 1)],
  );
  assert.deepEqual(explained.codes, []);
  const event = await audit(changed('', (a) => ({ ...a, counts: { ...a.counts, asked: 3, votes: 4 } })));
  assert.deepEqual(event.codes, [`api-count-lower ${E}`, `api-count-lower ${E}`]);
});

test("a text that does not hash to the record's sha256, or to the site's own, fails the audit", async () => {
  const edited = await audit(
    changed('/questions?list=recent', () => [
      view('qB', 1),
      { ...view('qA', 3), text: 'When will School 3 be closed?' },
    ]),
  );
  assert.deepEqual(edited.codes, ['api-text-mismatch qA']);
  const rehashed = await audit(
    changed('/questions?list=recent', () => [
      view('qB', 1),
      { ...view('qA', 3), text: 'Edited', sha256: questionTextHash('Edited') },
    ]),
  );
  assert.deepEqual(rehashed.codes, ['api-text-mismatch qA']);
  assert.match(rehashed.findings.discrepancies[0].message, /the record/);
  const withheld = await audit(
    changed('/questions?list=popular', () => [{ ...view('qA', 3), text: null }, view('qB', 1)]),
  );
  assert.deepEqual(withheld.codes, ['api-text-mismatch qA']);
  const renamed = await audit(changed('', (a) => ({ ...a, title: 'Town hall with the governor' })));
  assert.deepEqual(renamed.codes, [`api-text-mismatch ${E}`]);
  const unmoderated = await audit(changed('', (a) => ({ ...a, rules: { moderation: 'before' } })));
  assert.deepEqual(unmoderated.codes, [`api-moderation-mismatch ${E}`]);
});

test('a question the record hid, merged or answered must not be listed as published', async () => {
  const popular = (...questions: SiteQuestion[]) => changed('/questions?list=popular', () => questions);
  const hiddenListed = await audit(popular(view('qA', 3), view('qB', 1), view('qC', 0)));
  assert.deepEqual(hiddenListed.codes, ['api-status-mismatch qC']);
  assert.deepEqual(hiddenListed.behind, ['qC']);
  // Restored after the checkpoint: the site may show it again.
  const restored = await audit(popular(view('qA', 3), view('qB', 1), view('qC', 0)), [
    e({ type: 'question.restored', question: 'qC' }),
  ]);
  assert.deepEqual(restored.codes, []);
  const answered = await audit(popular(view('qA', 3), view('qB', 1), view('qD', 1)));
  assert.deepEqual(answered.codes, ['api-status-mismatch qD']);
  const reason = await audit(changed('/questions?list=hidden', () => [view('qC', 0, 'hidden', 'spam')]));
  assert.deepEqual(reason.codes, ['api-status-mismatch qC']);
  // Hidden on the site but not yet in the record: it may be sequenced next.
  const ahead = await audit(changed('/questions?list=hidden', (a) => [...a, view('qB', 1, 'hidden', 'off-topic')]));
  assert.deepEqual(ahead.codes, []);
  assert.deepEqual(ahead.notes, ['not-yet-in-record qB']);
});

test('the record closed the event: the site must not show it open; an answer that is not an event is malformed', async () => {
  const closed = await audit(honestSite(), [e({ type: 'event.closed' })]);
  assert.deepEqual(closed.codes, []); // closed after the checkpoint, and after the site was read
  const findings = new Findings();
  const tally = new RecordTally(findings);
  [...atCheckpoint, e({ type: 'event.closed' })].forEach((entry, i) =>
    tally.add(new TextEncoder().encode(canonicalJson(entry)), i),
  );
  tally.mark();
  tally.finish();
  compareEvents(tally.events, await readSiteEvents(fakeClient(honestSite()), [E], findings), findings);
  assert.deepEqual(
    findings.discrepancies.map((d) => d.code),
    ['api-status-mismatch'],
  );
  const malformed = await audit(changed('', (a) => ({ ...a, counts: { asked: 4 } })));
  assert.deepEqual(malformed.codes, [`api-malformed ${E}`]);
  const list = await audit(changed('/questions?list=answered', () => ({ error: 'later' })));
  assert.deepEqual(list.codes, [`api-malformed ${E}`]);
});
