import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson } from '../record/entry.ts';

/** Entry is any entry a test writes, well-formed or not (the server writes only RecordEntry). */
type Entry = { type: string; v: number; [field: string]: unknown };
import { MAX_BATCH } from '../record/sequencer.ts';
import { questionStatus } from './event-tally.ts';
import { Findings } from './findings.ts';
import { RecordTally } from './record-tally.ts';

const E = 'K7MX2Q';
const hex = 'ab'.repeat(32);
const opened = (event = E): Entry => ({ type: 'event.opened', v: 1, event, sha256: hex, moderation: 'after' });
const closed = (event = E): Entry => ({ type: 'event.closed', v: 1, event });
const asked = (question: string, status = 'published', event = E): Entry => ({
  type: 'question.added',
  v: 1,
  event,
  question,
  sha256: hex,
  status,
});
const moderated = (type: Entry['type'], question: string, extra: Record<string, string> = {}, event = E): Entry => ({
  type,
  v: 1,
  event,
  question,
  ...extra,
});
const hidden = (question: string, reason: string) => moderated('question.hidden', question, { reason });
const merged = (question: string, into: string, moved: number, event = E): Entry => ({
  type: 'question.merged',
  v: 1,
  event,
  question,
  into,
  moved,
});
const voted = (question: string, vote: string, event = E): Entry => ({
  type: 'vote.added',
  v: 1,
  event,
  question,
  vote,
});
const unvoted = (question: string, vote: string, reason = 'voter', event = E): Entry => ({
  type: 'vote.withdrawn',
  v: 1,
  event,
  question,
  vote,
  reason,
});
/** vote names vote n: `v` and 12 base58 characters. */
const vote = (n: number) => `v${String(n).replace(/0/g, 'o').padStart(12, 'z')}`;

/** tallyOf feeds entries at the given leaf indexes (consecutive from 0 unless given) to a RecordTally and finishes. */
function tallyOf(entries: (Entry | [number, Entry])[]) {
  const findings = new Findings();
  const tally = new RecordTally(findings);
  entries.forEach((item, i) => {
    const [index, entry] = Array.isArray(item) ? item : [i, item];
    tally.add(new TextEncoder().encode(canonicalJson(entry)), index);
  });
  tally.finish();
  const events = tally.events;
  const votes = events.votesNow();
  return {
    events,
    findings,
    codes: findings.discrepancies.map((d) => d.code),
    votesOf: (question: string) => votes[events.questions.get(question)!.index],
    statusOf: (question: string) => questionStatus(events.questions.get(question)!),
  };
}

// One event's story: q3 merged into q2, then q2 into q1 (the voter of ve had voted for q1 too, so ve is withdrawn);
// a voter takes back vb from q1, and vd after it moved to q1; q4 is hidden; q5 waits for a moderator, then is
// approved; q6 is answered.
const story: Entry[] = [
  opened(),
  asked('qUno'),
  asked('qTwo'),
  asked('qThree'),
  asked('qFour'),
  asked('qFive', 'pending'),
  asked('qSix'),
  voted('qUno', vote(1)),
  voted('qUno', vote(2)),
  voted('qUno', vote(3)),
  unvoted('qUno', vote(2)),
  voted('qThree', vote(7)),
  merged('qThree', 'qTwo', 1),
  voted('qTwo', vote(4)),
  voted('qTwo', vote(5)),
  merged('qTwo', 'qUno', 2),
  unvoted('qTwo', vote(5), 'merged'),
  unvoted('qUno', vote(4)),
  voted('qFour', vote(8)),
  hidden('qFour', 'abuse'),
  moderated('question.approved', 'qFive'),
  voted('qFive', vote(9)),
  voted('qSix', vote(10)),
  moderated('question.pinned', 'qSix'),
  moderated('question.answered', 'qSix'),
  voted('qSix', vote(11)),
  unvoted('qSix', vote(11)),
];

test('votes count once each, with merged questions folded into the question they joined', () => {
  const { events, codes, votesOf, statusOf } = tallyOf(story);
  assert.deepEqual(codes, []);
  assert.equal(votesOf('qUno'), 3); // v1, v3 and v7 (from qThree through qTwo)
  assert.equal(votesOf('qFour'), 1);
  assert.equal(votesOf('qSix'), 1);
  assert.deepEqual(['qUno', 'qTwo', 'qThree', 'qFour', 'qFive', 'qSix'].map(statusOf), [
    'published',
    'merged',
    'merged',
    'hidden',
    'published',
    'answered',
  ]);
  assert.deepEqual(events.countsOf(events.events.get(E)!), {
    asked: 6,
    published: 2,
    answered: 1,
    pending: 0,
    merged: 2,
    votes: 6,
    hidden: { abuse: 1 },
  });
});

/** shuffled returns the entries in a random order from a seeded generator, as the sequencer permutes a batch. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

test('any order within one batch gives the same counts, statuses and no discrepancy', () => {
  const expected = tallyOf(story);
  for (let seed = 1; seed <= 200; seed++) {
    const { events, codes, votesOf, statusOf } = tallyOf(shuffled(story, seed));
    assert.deepEqual(codes, [], `seed ${seed}`);
    for (const q of ['qUno', 'qTwo', 'qThree', 'qFour', 'qFive', 'qSix']) {
      assert.equal(votesOf(q), expected.votesOf(q), `seed ${seed}, ${q}`);
      assert.equal(statusOf(q), expected.statusOf(q), `seed ${seed}, ${q}`);
    }
    assert.deepEqual(events.countsOf(events.events.get(E)!), expected.events.countsOf(expected.events.events.get(E)!));
  }
});

test("hidden counts by reason follow each question's last hide or restore, from batch to batch", () => {
  const b = MAX_BATCH;
  const entries: (Entry | [number, Entry])[] = [
    opened(),
    asked('qA'),
    asked('qB'),
    asked('qC'),
    asked('qD', 'pending'),
    asked('qE'),
    hidden('qA', 'spam'),
    [b, moderated('question.restored', 'qA')],
    [2 * b, hidden('qA', 'personal-data')],
    hidden('qB', 'spam'),
    [b, moderated('question.restored', 'qB')],
    hidden('qC', 'off-topic'),
    hidden('qD', 'duplicate'),
    [b + 1, hidden('qE', 'off-topic')],
  ];
  const inLogOrder = entries
    .map((item, i): [number, Entry] => (Array.isArray(item) ? item : [i, item]))
    .sort((x, y) => x[0] - y[0]);
  const { events, codes } = tallyOf(inLogOrder);
  assert.deepEqual(codes, []);
  assert.deepEqual(events.countsOf(events.events.get(E)!).hidden, { 'personal-data': 1, 'off-topic': 2, duplicate: 1 });
  assert.equal(events.countsOf(events.events.get(E)!).published, 1);
});

test('a vote withdrawn twice, or never added, or long before it was added, is a discrepancy and counts once', () => {
  const twice = tallyOf([
    opened(),
    asked('qA'),
    voted('qA', vote(1)),
    voted('qA', vote(2)),
    unvoted('qA', vote(1)),
    unvoted('qA', vote(1)),
  ]);
  assert.deepEqual(twice.codes, ['vote-withdrawn-twice']);
  assert.equal(twice.votesOf('qA'), 1);
  assert.equal(twice.findings.discrepancies[0].vote, vote(1));
  const never = tallyOf([opened(), asked('qA'), voted('qA', vote(1)), unvoted('qA', vote(2))]);
  assert.deepEqual(never.codes, ['vote-never-added']);
  assert.equal(never.votesOf('qA'), 1);
  assert.deepEqual(tallyOf([opened(), asked('qA'), voted('qA', vote(1)), voted('qA', vote(1))]).codes, [
    'vote-added-twice',
  ]);
  assert.equal(tallyOf([opened(), asked('qA'), voted('qA', vote(1)), voted('qA', vote(1))]).votesOf('qA'), 1);
  assert.deepEqual(
    tallyOf([opened(), asked('qA'), [2, unvoted('qA', vote(1))], [2 + MAX_BATCH, voted('qA', vote(1))]]).codes,
    ['vote-withdrawn-before-added'],
  );
  assert.deepEqual(tallyOf([opened(), asked('qA'), unvoted('qA', vote(1)), voted('qA', vote(1))]).codes, []);
});

test("an event's life must hold: opened once before its questions, closed once, nothing asked or voted after closing", () => {
  const far = MAX_BATCH;
  assert.deepEqual(
    tallyOf([
      [0, asked('qA')],
      [far, opened()],
    ]).codes,
    ['entry-before-opened'],
  );
  assert.deepEqual(tallyOf([asked('qA'), opened()]).codes, []);
  assert.deepEqual(tallyOf([asked('qA')]).codes, ['event-never-opened']);
  assert.deepEqual(tallyOf([opened(), opened()]).codes, ['event-opened-twice']);
  assert.deepEqual(tallyOf([opened(), closed(), closed()]).codes, ['event-closed-twice']);
  assert.deepEqual(tallyOf([opened(), asked('qA'), closed(), [2 + far, voted('qA', vote(1))]]).codes, [
    'entry-after-closed',
  ]);
  assert.deepEqual(tallyOf([opened(), asked('qA'), closed(), [2 + far, asked('qB')]]).codes, ['entry-after-closed']);
  assert.deepEqual(
    tallyOf([opened(), asked('qA'), voted('qA', vote(1)), closed(), [3 + far, unvoted('qA', vote(1))]]).codes,
    ['entry-after-closed'],
  );
  // Within one batch the order means nothing; and moderators may go on after closing, merging included.
  assert.deepEqual(tallyOf([opened(), asked('qA'), closed(), voted('qA', vote(1))]).codes, []);
  const after = tallyOf([
    opened(),
    asked('qA'),
    asked('qB'),
    voted('qA', vote(1)),
    voted('qB', vote(2)),
    closed(),
    [5 + far, moderated('question.answered', 'qA')],
    [5 + far, merged('qB', 'qA', 0)],
    [5 + far, unvoted('qB', vote(2), 'merged')],
  ]);
  assert.deepEqual(after.codes, []);
  assert.equal(after.votesOf('qA'), 1);
});

test("a question's entries must follow its state machine, in any order", () => {
  const far = MAX_BATCH;
  const codes = (entries: (Entry | [number, Entry])[]) => tallyOf([opened(), opened('AB12'), ...entries]).codes;
  assert.deepEqual(codes([asked('qA'), asked('qA')]), ['question-added-twice']);
  assert.deepEqual(codes([voted('qA', vote(1))]), ['question-never-added']);
  assert.deepEqual(
    codes([
      [2, moderated('question.approved', 'qA')],
      [2 + far, asked('qA', 'pending')],
    ]),
    ['question-entry-before-added'],
  );
  assert.deepEqual(codes([asked('qA'), merged('qA', 'qNowhere', 0)]), ['question-merged-into-unknown']);
  assert.deepEqual(codes([asked('qA'), asked('qB', 'published', 'AB12'), merged('qA', 'qB', 0)]), [
    'question-event-mismatch',
  ]);
  assert.deepEqual(codes([asked('qA'), voted('qA', vote(1), 'AB12')]), ['question-event-mismatch']);
  assert.deepEqual(codes([asked('qA'), moderated('question.approved', 'qA')]), ['question-state-mismatch']);
  assert.deepEqual(codes([asked('qA'), moderated('question.restored', 'qA')]), ['question-state-mismatch']);
  assert.deepEqual(codes([asked('qA'), hidden('qA', 'spam'), hidden('qA', 'abuse')]), ['question-state-mismatch']);
  assert.deepEqual(codes([asked('qA', 'pending'), voted('qA', vote(1))]), ['question-state-mismatch']);
  assert.deepEqual(codes([asked('qA'), asked('qB'), merged('qA', 'qB', 0), merged('qA', 'qB', 0)]), [
    'question-state-mismatch',
  ]);
  // (and the record's votes for qA then disagree with what its merge moved)
  assert.deepEqual(codes([asked('qA'), asked('qB'), merged('qA', 'qB', 0), [4 + far, voted('qA', vote(1))]]), [
    'question-state-mismatch',
    'merge-moved-mismatch',
  ]);
  assert.deepEqual(codes([asked('qA'), asked('qB'), merged('qA', 'qB', 0), merged('qB', 'qA', 0)]), [
    'question-state-mismatch',
    'question-state-mismatch',
  ]);
});

test('what a merge moved must agree with the votes the record holds, and a vote is withdrawn from where it is', () => {
  const codes = (entries: Entry[]) => tallyOf([opened(), asked('qA'), asked('qB'), ...entries]).codes;
  const votes = [voted('qA', vote(1)), voted('qA', vote(2)), voted('qB', vote(3))];
  assert.deepEqual(codes([...votes, merged('qA', 'qB', 2)]), []);
  assert.deepEqual(codes([...votes, merged('qA', 'qB', 3)]), ['merge-moved-mismatch']);
  assert.deepEqual(codes([...votes, merged('qA', 'qB', 1)]), ['merge-moved-mismatch']);
  // Taken back after the merge, from the question it moved to: moved may be 1 or 2, whatever the order.
  assert.deepEqual(codes([...votes, merged('qA', 'qB', 2), unvoted('qB', vote(1))]), []);
  assert.deepEqual(codes([...votes, unvoted('qA', vote(1)), merged('qA', 'qB', 1)]), []);
  assert.deepEqual(codes([...votes, merged('qA', 'qB', 1), unvoted('qA', vote(1), 'merged')]), []);
  assert.deepEqual(codes([...votes, unvoted('qB', vote(1))]), ['vote-question-mismatch']);
  assert.deepEqual(codes([...votes, unvoted('qA', vote(1), 'merged')]), ['vote-question-mismatch']);
});

test('the votes at a mark, and what was withdrawn since, bound what a site may show', () => {
  const findings = new Findings();
  const tally = new RecordTally(findings);
  const add = (entries: Entry[], from: number) =>
    entries.forEach((e, i) => tally.add(new TextEncoder().encode(canonicalJson(e)), from + i));
  add(
    [
      opened(),
      asked('qA'),
      asked('qB'),
      voted('qA', vote(1)),
      voted('qA', vote(2)),
      voted('qB', vote(3)),
      hidden('qB', 'spam'),
    ],
    0,
  );
  tally.mark();
  add([merged('qB', 'qA', 1), unvoted('qA', vote(1)), voted('qA', vote(4)), moderated('question.restored', 'qB')], 7);
  tally.finish();
  const events = tally.events;
  const [a, b] = [events.questions.get('qA')!, events.questions.get('qB')!];
  assert.deepEqual(events.markOf(a), { votes: 2, status: 'published', hides: 0, restores: 0, hiddenReason: null });
  assert.equal(events.markOf(b)!.status, 'hidden');
  assert.equal(events.removedSinceMark()[a.index], 1);
  assert.equal(events.votesNow()[a.index], 3);
  assert.deepEqual(events.eventMarkOf(E), { asked: 2, votes: 3, closed: false });
  assert.equal(findings.discrepancyCount, 0);
});

test('a vote costs the audit a few dozen bytes', () => {
  const entries: Entry[] = [opened(), asked('qA')];
  const findings = new Findings();
  const tally = new RecordTally(findings);
  entries.forEach((e, i) => tally.add(new TextEncoder().encode(canonicalJson(e)), i));
  const n = 30_000;
  for (let i = 0; i < n; i++) tally.add(new TextEncoder().encode(canonicalJson(voted('qA', vote(i)))), 2 + i);
  tally.finish();
  assert.equal(findings.discrepancyCount, 0);
  assert.equal(tally.events.votes, n);
  assert.ok(tally.events.voteBytes / n <= 46, `${tally.events.voteBytes / n} bytes a vote`);
});
