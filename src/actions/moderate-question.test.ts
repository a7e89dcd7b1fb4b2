import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore, testContext, type TestContext, type TestStore } from '../../test/support/database.ts';
import { addMember } from '../../test/support/people.ts';
import { refusal } from '../../test/support/refusal.ts';
import { askAnyway, eventEntries, openEvent } from '../../test/support/events.ts';
import { createHash } from 'node:crypto';
import { addEventModerator } from './add-event-moderator.ts';
import { findEvent } from './find-event.ts';
import { moderateQuestion } from './moderate-question.ts';
import { readEventState } from '../read/event-state.ts';
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

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const ask = (code: string, text: string, extra: Record<string, unknown> = {}) => askAnyway(ctx, code, text, extra);

test('moderators hide with a reason, restore, pin and answer; each decision is in the record; others are refused', async () => {
  const code = await openEvent(ctx, olena);
  const a = await ask(code, 'Why were the elections to the city council cancelled?');
  const b = await ask(code, 'Buy cheap watches at example dot com');
  const pavlo = await addMember(ctx, 'moderator');
  const stranger = await addMember(ctx, 'moderator');
  await assert.rejects(moderateQuestion(ctx, pavlo, code, b, 'hide', 'spam'), refusal('forbidden'));
  await addEventModerator(ctx, olena, code, {
    login: (await store.db.selectFrom('accounts').select('login').where('id', '=', pavlo.id).executeTakeFirstOrThrow())
      .login,
  });
  await assert.rejects(
    moderateQuestion(ctx, pavlo, code, b, 'hide'),
    refusal('invalid-input', [{ field: 'reason', problem: 'required' }]),
  );
  await assert.rejects(
    moderateQuestion(ctx, pavlo, code, b, 'hide', 'boring'),
    refusal('invalid-input', [{ field: 'reason', problem: 'not-a-choice' }]),
  );
  await moderateQuestion(ctx, pavlo, code, b, 'hide', 'spam');
  await assert.rejects(moderateQuestion(ctx, stranger, code, a, 'pin'), refusal('forbidden'));
  await assert.rejects(moderateQuestion(ctx, pavlo, code, 'qUnknown', 'pin'), refusal('not-found'));
  await moderateQuestion(ctx, pavlo, code, a, 'pin');
  let event = await findEvent(ctx, code);
  assert.equal((await readEventState(ctx, event, 'popular', 10)).pinned?.id, a);
  await moderateQuestion(ctx, pavlo, code, a, 'answer');
  event = await findEvent(ctx, code);
  const state = await readEventState(ctx, event, 'answered', 10);
  assert.equal(state.pinned, null, 'an answered question is no longer "now answering"');
  assert.deepEqual(
    state.questions.map((q) => q.id),
    [a],
  );
  assert.deepEqual(state.counts.hidden, { spam: 1 });
  await assert.rejects(moderateQuestion(ctx, pavlo, code, a, 'answer'), refusal('wrong-state'));
  await moderateQuestion(ctx, pavlo, code, b, 'restore');
  const types = (await eventEntries(store.db, code))
    .map((e) => e.type)
    .filter((t) => String(t).startsWith('question.') && t !== 'question.added');
  assert.deepEqual(types, ['question.hidden', 'question.pinned', 'question.answered', 'question.restored']);
  const hidden = (await eventEntries(store.db, code)).find((e) => e.type === 'question.hidden');
  assert.deepEqual(hidden, { type: 'question.hidden', v: 1, event: code, question: b, reason: 'spam' });
});

test('the public never sees the text of a question hidden as abuse or personal data; moderators do', async () => {
  const code = await openEvent(ctx, olena);
  const q = await ask(code, 'Ivan Petrov of 5 Lenina street, flat 12, is a traitor', { name: 'Someone' });
  await moderateQuestion(ctx, olena, code, q, 'hide', 'personal-data');
  const event = await findEvent(ctx, code);
  const publicView = (await readEventState(ctx, event, 'hidden', 10)).questions[0];
  assert.equal(publicView.text, null);
  assert.equal(publicView.author, null);
  assert.equal(publicView.hiddenReason, 'personal-data');
  assert.equal(publicView.sha256, sha256('Ivan Petrov of 5 Lenina street, flat 12, is a traitor'));
  assert.match((await readEventState(ctx, event, 'hidden', 10, 'moderator')).questions[0].text!, /Ivan Petrov/);
});
