import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { openTestStore, testContext, hour, type TestContext, type TestStore } from '../../test/support/database.ts';
import { addMember } from '../../test/support/people.ts';
import { refusal } from '../../test/support/refusal.ts';
import { eventEntries, eventFields, openEvent, votesFromRecord } from '../../test/support/events.ts';
import { addEventModerator } from './add-event-moderator.ts';
import { closeEndedEvents } from '../jobs/close-ended-events.ts';
import { closeEvent } from './close-event.ts';
import { createEvent } from './create-event.ts';
import { findEvent } from './find-event.ts';
import { listEvent } from './list-event.ts';
import { EventCatalogueReader } from '../read/event-catalogue-reader.ts';
import { listListedEvents } from '../store/events.ts';
import { askQuestion, findSimilarQuestions } from './ask-question.ts';
import { castVote, votedBy, withdrawVote } from './vote-question.ts';
import { mergeQuestions, moderateQuestion } from './moderate-question.ts';
import { readEventState, summariseGroups } from '../read/event-state.ts';
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

async function ask(code: string, text: string, extra: Record<string, unknown> = {}): Promise<string> {
  const result = await askQuestion(ctx, code, { text, anyway: '1', ...extra });
  assert.equal(result.kind, 'asked');
  return result.kind === 'asked' ? result.question : '';
}

async function votesOf(code: string): Promise<Map<string, number>> {
  const event = await findEvent(ctx, code);
  const state = await readEventState(ctx, event, 'popular', 100, 'moderator');
  const answered = await readEventState(ctx, event, 'answered', 100, 'moderator');
  return new Map([...state.questions, ...answered.questions].map((q) => [q.id, q.votes]));
}

test('an event form with bad values is refused naming each field', async () => {
  await assert.rejects(
    createEvent(ctx, olena, {}),
    refusal('invalid-input', [
      { field: 'title', problem: 'required' },
      { field: 'addressee', problem: 'required' },
      { field: 'language', problem: 'required' },
      { field: 'startsAt', problem: 'required' },
      { field: 'endsAt', problem: 'required' },
    ]),
  );
  await assert.rejects(
    createEvent(
      ctx,
      olena,
      eventFields({ startsAt: '2026-03-12T25:00', timeZone: 'Mars/Olympus', maxLength: '5', extra: 'x' }),
    ),
    refusal('invalid-input', [
      { field: 'timeZone', problem: 'not-a-time-zone' },
      { field: 'startsAt', problem: 'not-a-time' },
      { field: 'maxLength', problem: 'out-of-range' },
      { field: 'extra', problem: 'unknown-field' },
    ]),
  );
  await assert.rejects(
    createEvent(ctx, olena, eventFields({ endsAt: '2026-03-12T14:00' })),
    refusal('invalid-input', [{ field: 'endsAt', problem: 'before-start' }]),
  );
  await assert.rejects(
    createEvent(ctx, olena, eventFields({ startsAt: '2026-03-11T10:00', endsAt: '2026-03-11T12:00' })),
    refusal('invalid-input', [{ field: 'endsAt', problem: 'date-in-past' }]),
  );
});

test('an organiser opens an event with a join code, read in its own time zone, and the record says so', async () => {
  const code = await openEvent(ctx, olena);
  assert.match(code, /^[A-HJ-NP-Z2-9]{6}$/);
  const event = await findEvent(ctx, code.toLowerCase());
  // 15:00 in Moscow (UTC+3) is 12:00 UTC.
  assert.equal(event.startsAt, Date.UTC(2026, 2, 12, 12, 0));
  const [opened] = await eventEntries(store.db, code);
  assert.deepEqual(opened, {
    type: 'event.opened',
    v: 1,
    event: code,
    moderation: 'after',
    sha256: sha256(JSON.stringify([event.title, event.addressee, event.description])),
  });
  const moderator = await addMember(ctx, 'moderator');
  await assert.rejects(openEvent(ctx, moderator), refusal('forbidden'));
  await assert.rejects(findEvent(ctx, 'NOPE99'), refusal('not-found'));
});

test('a question goes into the record as the SHA-256 of its text, never the text or the name', async () => {
  const code = await openEvent(ctx, olena);
  const text = 'Когда вернут домой мобилизованных из нашего района?';
  const id = await ask(code, `  ${text}  `, { name: 'Мария' });
  const entries = await eventEntries(store.db, code);
  const added = entries.find((e) => e.type === 'question.added');
  assert.deepEqual(added, {
    type: 'question.added',
    v: 1,
    event: code,
    question: id,
    sha256: sha256(text),
    status: 'published',
  });
  const bodies = JSON.stringify(entries);
  assert.ok(!bodies.includes('Мария') && !bodies.includes('мобилиз'), 'no name or text in the record');
  const state = await readEventState(ctx, await findEvent(ctx, code), 'recent', 10);
  assert.equal(state.questions[0].text, text);
  assert.equal(state.questions[0].author, 'Мария');
  assert.equal(state.counts.asked, 1);
  assert.ok(ctx.changes.includes(code), 'live viewers are told');
});

test('bad questions are refused naming the field: empty, blank, too long, broken, nameless where names are required', async () => {
  const code = await openEvent(ctx, olena, { maxLength: '50', anonymousAllowed: undefined });
  await assert.rejects(
    askQuestion(ctx, code, { text: '' }),
    refusal('invalid-input', [{ field: 'text', problem: 'required' }]),
  );
  await assert.rejects(
    askQuestion(ctx, code, { text: ' \n\t ', name: 'Ira' }),
    refusal('invalid-input', [{ field: 'text', problem: 'required' }]),
  );
  await assert.rejects(
    askQuestion(ctx, code, { text: 'я'.repeat(51), name: 'Ira' }),
    refusal('invalid-input', [{ field: 'text', problem: 'too-long' }]),
  );
  await assert.rejects(
    askQuestion(ctx, code, { text: 'broken \uFFFD text', name: 'Ira' }),
    refusal('invalid-input', [{ field: 'text', problem: 'bad-encoding' }]),
  );
  await assert.rejects(
    askQuestion(ctx, code, { text: 'Why are the roads not repaired?' }),
    refusal('invalid-input', [{ field: 'name', problem: 'name-required' }]),
  );
  await assert.rejects(
    askQuestion(ctx, code, { text: 'Why are the roads not repaired?', name: 'Ira', votes: '100' }),
    refusal('invalid-input', [{ field: 'votes', problem: 'unknown-field' }]),
  );
  assert.equal((await readEventState(ctx, await findEvent(ctx, code), 'recent', 10)).counts.asked, 0);
});

test("a question like one already asked is shown first; sent anyway it joins that question's group", async () => {
  const code = await openEvent(ctx, olena);
  const first = await ask(code, 'When will the mobilised men from our district come home?');
  const second = await askQuestion(ctx, code, { text: 'When will mobilised men from our district come back home?' });
  assert.equal(second.kind, 'similar');
  assert.deepEqual(second.kind === 'similar' && second.similar.map((q) => q.id), [first]);
  assert.equal(
    (await readEventState(ctx, await findEvent(ctx, code), 'recent', 10)).counts.asked,
    1,
    'nothing stored yet',
  );
  assert.deepEqual(
    (await findSimilarQuestions(ctx, code, 'mobilised men from our district come home when?')).map((q) => q.id),
    [first],
  );
  const anyway = await ask(code, 'When will mobilised men from our district come back home?');
  const recent = (await readEventState(ctx, await findEvent(ctx, code), 'recent', 10, 'moderator')).questions;
  assert.equal(recent.find((q) => q.id === anyway)!.group, recent.find((q) => q.id === first)!.group);
  const other = await ask(code, 'Why did the price of heating go up this winter?');
  assert.notEqual(
    recent.find((q) => q.id === first)!.group,
    (await readEventState(ctx, await findEvent(ctx, code), 'recent', 10)).questions.find((q) => q.id === other)!.group,
  );
});

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

test('closing an event, by hand or at its end, forgets which browser cast which vote', async () => {
  const code = await openEvent(ctx, olena);
  const q = await ask(code, 'Who decided to close the maternity ward?');
  await castVote(ctx, code, q, 'phone-1');
  const before = await store.db.selectFrom('votes').select(['voter_hash', 'public_id']).executeTakeFirstOrThrow();
  assert.notEqual(before.voter_hash, before.public_id);
  ctx.clock.advance(12 * hour);
  assert.equal(await closeEndedEvents(ctx), 1);
  const after = await store.db.selectFrom('votes').select(['voter_hash', 'public_id']).executeTakeFirstOrThrow();
  assert.equal(after.voter_hash, after.public_id);
  assert.equal((await findEvent(ctx, code)).status, 'closed');
  assert.deepEqual((await eventEntries(store.db, code)).at(-1), { type: 'event.closed', v: 1, event: code });
});

test('the public list holds the events their organisers listed, never another, with what the list shows of each', async () => {
  const listed = await openEvent(ctx, olena, {
    listed: 'on',
    title: 'Прямая линия с губернатором',
    addressee: 'Губернатор',
  });
  const unlisted = await openEvent(ctx, olena, { title: 'Встреча, которой нет в списке' });
  const later = await openEvent(ctx, olena, { listed: 'on', startsAt: '2026-03-13T15:00', endsAt: '2026-03-13T17:00' });
  assert.equal(
    Number((await findEvent(ctx, unlisted)).listed),
    0,
    'an event is unlisted unless the form says otherwise',
  );
  const list = await listListedEvents(store.db);
  assert.deepEqual(
    list.map((e) => e.code),
    [later, listed],
    'newest first, the unlisted one left out',
  );
  assert.deepEqual(list[1], {
    code: listed,
    title: 'Прямая линия с губернатором',
    addressee: 'Губернатор',
    language: 'ru',
    timeZone: 'Europe/Moscow',
    startsAt: Date.UTC(2026, 2, 12, 12),
    endsAt: Date.UTC(2026, 2, 12, 20),
    status: 'open',
  });
  await closeEvent(ctx, olena, listed);
  assert.equal(
    (await listListedEvents(store.db)).find((e) => e.code === listed)?.status,
    'closed',
    'a closed event stays listed, as past',
  );
  assert.deepEqual(
    (await listListedEvents(store.db, 1)).map((e) => e.code),
    [later],
    'a limit keeps the newest',
  );
});

test('the organiser or an admin lists an event or takes it off; nobody else, and the choice must be yes or no', async () => {
  const code = await openEvent(ctx, olena);
  assert.equal(await listEvent(ctx, olena, code, { listed: 'yes' }), true);
  assert.deepEqual(
    (await listListedEvents(store.db)).map((e) => e.code),
    [code],
  );
  const admin = await addMember(ctx, 'admin');
  assert.equal(await listEvent(ctx, admin, code, { listed: 'no' }), false);
  assert.deepEqual(await listListedEvents(store.db), []);
  const other = await addMember(ctx, 'organiser');
  const moderator = await addMember(ctx, 'moderator', 'mila');
  await addEventModerator(ctx, olena, code, { login: 'mila' });
  await assert.rejects(listEvent(ctx, other, code, { listed: 'yes' }), refusal('forbidden'));
  await assert.rejects(
    listEvent(ctx, moderator, code, { listed: 'yes' }),
    refusal('forbidden'),
    'a moderator of the event may not',
  );
  await assert.rejects(
    listEvent(ctx, olena, code, { listed: 'on' }),
    refusal('invalid-input', [{ field: 'listed', problem: 'not-a-choice' }]),
  );
  await assert.rejects(
    listEvent(ctx, olena, code, {}),
    refusal('invalid-input', [{ field: 'listed', problem: 'required' }]),
  );
  assert.deepEqual(await listListedEvents(store.db), [], 'nothing refused changed the list');
});

test('the list of events is read from the database at most once a second, however often it is asked for', async () => {
  const reader = new EventCatalogueReader(ctx);
  const first = await openEvent(ctx, olena, { listed: 'on' });
  const seen = await reader.catalogue();
  assert.deepEqual(
    seen.sorted.map((e) => e.code),
    [first],
  );
  const second = await openEvent(ctx, olena, { listed: 'on', startsAt: '2026-03-12T16:00' });
  ctx.clock.advance(999);
  assert.equal(await reader.catalogue(), seen, 'within the second, the list as it was read');
  ctx.clock.advance(1);
  const next = await reader.catalogue();
  assert.deepEqual(
    next.sorted.map((e) => e.code),
    [first, second],
    'a second later, read again: the one under way first',
  );
  assert.equal(next.now, ctx.now());
});
