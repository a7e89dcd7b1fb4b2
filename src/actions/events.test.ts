import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { openTestStore, testContext, hour, type TestContext, type TestStore } from '../../test/support/database.ts';
import { addMember } from '../../test/support/people.ts';
import { refusal } from '../../test/support/refusal.ts';
import { askAnyway, eventEntries, eventFields, openEvent } from '../../test/support/events.ts';
import { addEventModerator } from './add-event-moderator.ts';
import { closeEndedEvents } from '../jobs/close-ended-events.ts';
import { closeEvent } from './close-event.ts';
import { createEvent } from './create-event.ts';
import { findEvent } from './find-event.ts';
import { listEvent } from './list-event.ts';
import { EventCatalogueReader } from '../read/event-catalogue-reader.ts';
import { listListedEvents } from '../store/events.ts';
import { askQuestion } from './ask-question.ts';
import { findSimilarQuestions } from '../read/find-similar-questions.ts';
import { castVote } from './cast-vote.ts';
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
