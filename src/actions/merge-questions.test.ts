import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore, testContext, type TestContext, type TestStore } from '../../test/support/database.ts';
import { addMember } from '../../test/support/people.ts';
import { refusal } from '../../test/support/refusal.ts';
import { askAnyway, eventEntries, openEvent, questionVotes, votesFromRecord } from '../../test/support/events.ts';
import { castVote } from './cast-vote.ts';
import { findEvent } from './find-event.ts';
import { mergeQuestions } from './merge-questions.ts';
import { withdrawVote } from './withdraw-vote.ts';
import { summariseGroups } from '../read/event-state.ts';
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

test('merging two questions combines their votes, and a browser that voted for both counts once', async () => {
  const code = await openEvent(ctx, olena);
  const into = await ask(code, 'When will my husband be rotated home from the front?');
  const from = await ask(code, 'When is rotation for the men at the front?');
  for (const voter of ['v1', 'v2', 'v3']) await castVote(ctx, code, into, voter);
  for (const voter of ['v3', 'v4']) await castVote(ctx, code, from, voter);
  await assert.rejects(
    mergeQuestions(ctx, olena, code, into, into),
    refusal('invalid-input', [{ field: 'into', problem: 'same-question' }]),
  );
  await mergeQuestions(ctx, olena, code, from, into);
  assert.equal((await votesOf(code)).get(into), 4, 'v1 v2 v3 v4, v3 once');
  await assert.rejects(
    castVote(ctx, code, from, 'v4'),
    refusal('already-voted'),
    'a vote for the merged question is a vote for the other',
  );
  await castVote(ctx, code, from, 'v5');
  assert.equal((await votesOf(code)).get(into), 5);
  await withdrawVote(ctx, code, into, 'v4');
  const entries = await eventEntries(store.db, code);
  assert.equal(votesFromRecord(entries).get(into), 4, 'the record adds up to the same count');
  assert.deepEqual(
    entries.find((e) => e.type === 'question.merged'),
    { type: 'question.merged', v: 1, event: code, question: from, into, moved: 1 },
  );
  assert.equal(entries.filter((e) => e.type === 'vote.withdrawn' && e.reason === 'merged').length, 1);
  await assert.rejects(mergeQuestions(ctx, olena, code, from, into), refusal('wrong-state'));
  const [top] = await summariseGroups(ctx, await findEvent(ctx, code));
  assert.deepEqual({ questions: top.questions, votes: top.votes }, { questions: 2, votes: 4 });
});
