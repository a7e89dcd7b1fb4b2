import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore, testContext, type TestContext, type TestStore } from '../../test/support/database.ts';
import { addMember } from '../../test/support/people.ts';
import { refusal } from '../../test/support/refusal.ts';
import { askAnyway, eventEntries, openEvent, questionVotes, votesFromRecord } from '../../test/support/events.ts';
import { askQuestion } from './ask-question.ts';
import { castVote } from './cast-vote.ts';
import { closeEvent } from './close-event.ts';
import { findEvent } from './find-event.ts';
import { moderateQuestion } from './moderate-question.ts';
import { withdrawVote } from './withdraw-vote.ts';
import { votedBy } from '../read/voted-by.ts';
import type { Actor } from './context.ts';

let store: TestStore;
let ctx: TestContext;
let olena: Actor;

test.beforeEach(async () => {
  store = await openTestStore();
  ctx = testContext(store);
  olena = await addMember(ctx, 'organiser');
});
test.afterEach(() => store.drop());

const ask = (code: string, text: string, extra: Record<string, unknown> = {}) => askAnyway(ctx, code, text, extra);
const votesOf = (code: string) => questionVotes(ctx, code);

test('a browser votes once per question, can take it back and vote again; the record adds up to the count', async () => {
  const code = await openEvent(ctx, olena);
  const q = await ask(code, 'Will the school on Lenina street be repaired this year?');
  assert.deepEqual(await castVote(ctx, code, q, 'browser-a'), { question: q, votes: 1 });
  await assert.rejects(castVote(ctx, code, q, 'browser-a'), refusal('already-voted'));
  assert.deepEqual(await castVote(ctx, code, q, 'browser-b'), { question: q, votes: 2 });
  assert.deepEqual(await withdrawVote(ctx, code, q, 'browser-a'), { question: q, votes: 1 });
  await assert.rejects(withdrawVote(ctx, code, q, 'browser-a'), refusal('wrong-state'));
  assert.deepEqual(await castVote(ctx, code, q, 'browser-a'), { question: q, votes: 2 });
  const event = await findEvent(ctx, code);
  assert.deepEqual([...(await votedBy(ctx, event, 'browser-a'))], [q]);
  assert.deepEqual([...(await votedBy(ctx, event, 'browser-c'))], []);
  const entries = await eventEntries(store.db, code);
  assert.equal(votesFromRecord(entries).get(q), 2);
  assert.ok(!JSON.stringify(entries).includes('browser-'), 'no voter token in the record');
  assert.equal(
    new Set(entries.filter((e) => e.type === 'vote.added').map((e) => e.vote)).size,
    3,
    'every vote has its own id',
  );
});

test('two votes from one browser at the same moment count once', async () => {
  const code = await openEvent(ctx, olena);
  const q = await ask(code, 'Why is the hospital in our town closing?');
  const results = await Promise.allSettled([
    castVote(ctx, code, q, 'twin'),
    castVote(ctx, code, q, 'twin'),
    castVote(ctx, code, q, 'twin'),
  ]);
  assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
  for (const r of results) if (r.status === 'rejected') refusal('already-voted')(r.reason);
  assert.equal((await votesOf(code)).get(q), 1);
});

test("votes arriving together count in one batch: a hidden question's vote is refused and leaves no trace, the others count", async () => {
  const code = await openEvent(ctx, olena);
  const open = await ask(code, 'Why is the hospital in our town closing?');
  const hidden = await ask(code, 'When will the bridge over the river be rebuilt?');
  await castVote(ctx, code, open, 'first');
  await castVote(ctx, code, hidden, 'first');
  // The vote path remembers `hidden` as published for a second: the batch itself must find it hidden.
  await moderateQuestion(ctx, olena, code, hidden, 'hide', 'off-topic');
  const results = await Promise.allSettled([
    castVote(ctx, code, open, 'second'),
    castVote(ctx, code, hidden, 'second'),
    castVote(ctx, code, open, 'third'),
    castVote(ctx, code, open, 'second'),
    castVote(ctx, code, hidden, 'third'),
  ]);
  assert.deepEqual(
    results.map((r) => r.status),
    ['fulfilled', 'rejected', 'fulfilled', 'rejected', 'rejected'],
  );
  for (const i of [0, 2])
    assert.deepEqual((results[i] as PromiseFulfilledResult<unknown>).value, { question: open, votes: 3 });
  refusal('wrong-state')((results[1] as PromiseRejectedResult).reason);
  refusal('already-voted')((results[3] as PromiseRejectedResult).reason);
  refusal('wrong-state')((results[4] as PromiseRejectedResult).reason);
  const event = await findEvent(ctx, code);
  assert.deepEqual([...(await votedBy(ctx, event, 'second'))], [open], 'the refused vote left no row behind');
  const entries = await eventEntries(store.db, code);
  assert.equal(votesFromRecord(entries).get(open), 3);
  assert.equal(
    entries.filter((e) => e.type === 'vote.added' && e.question === hidden).length,
    1,
    'only the vote cast before hiding',
  );
  assert.equal(
    (await store.db.selectFrom('questions').select('votes').where('public_id', '=', hidden).executeTakeFirstOrThrow())
      .votes,
    1,
  );
});

test('votes for unknown, waiting or hidden questions, or in a closed event, are refused', async () => {
  const code = await openEvent(ctx, olena, { moderation: 'before' });
  await assert.rejects(castVote(ctx, code, 'qNoSuchQuestion', 't'), refusal('not-found'));
  const pending = await askQuestion(ctx, code, { text: 'When will the bridge be rebuilt?', anyway: '1' });
  assert.deepEqual(pending.kind === 'asked' && pending.status, 'pending');
  const q = pending.kind === 'asked' ? pending.question : '';
  await assert.rejects(castVote(ctx, code, q, 't'), refusal('not-found'));
  await moderateQuestion(ctx, olena, code, q, 'approve');
  await castVote(ctx, code, q, 't');
  await moderateQuestion(ctx, olena, code, q, 'hide', 'off-topic');
  await assert.rejects(castVote(ctx, code, q, 'u'), refusal('wrong-state'));
  await moderateQuestion(ctx, olena, code, q, 'restore');
  await closeEvent(ctx, olena, code);
  await assert.rejects(castVote(ctx, code, q, 'u'), refusal('event-not-open'));
  await assert.rejects(askQuestion(ctx, code, { text: 'Another question here?' }), refusal('event-not-open'));
  await assert.rejects(closeEvent(ctx, olena, code), refusal('wrong-state'));
});
