import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Browser, addMember, createAdmin, logIn, startTestApp, type TestApp } from './support.ts';
import { askQuestion } from '../../src/actions/ask-question.ts';
import { castVote } from '../../src/actions/cast-vote.ts';
import { createEvent } from '../../src/actions/create-event.ts';
import { findEvent } from '../../src/actions/find-event.ts';
import { readEventState } from '../../src/read/event-state.ts';
import { epochToLocalInput } from '../../src/domain/zoned-time.ts';
import { listEntries } from '../../src/store/record-queue.ts';
import type { Actor } from '../../src/actions/context.ts';

let t: TestApp;
let admin: Actor;
let oleg: Actor;
let ada: Browser;
let olga: Browser;
let olegs: Browser;
let mila: Browser;
let misha: Browser;

const hour = 3_600_000;
const zone = 'Europe/Moscow';
const local = (ms: number) => epochToLocalInput(Date.now() + ms, zone);

/** goodEvent is a valid new-event form, with `change` applied. */
function goodEvent(change: Record<string, string | undefined> = {}): Record<string, string> {
  const fields: Record<string, string | undefined> = {
    title: 'Прямая линия с депутатом',
    addressee: 'Депутат Иванов',
    description: 'Спрашивайте о ротации и сроках службы.\n\nБез имён.',
    language: 'ru',
    timeZone: zone,
    startsAt: local(-hour),
    endsAt: local(3 * hour),
    moderation: 'after',
    anonymousAllowed: 'on',
    maxLength: '300',
    ...change,
  };
  return Object.fromEntries(
    Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** codeOf reads the join code from the redirect after creating an event. */
function codeOf(location: string | undefined): string {
  const match = /^\/organiser\/events\/([A-Z0-9]+)\?done=created$/.exec(location ?? '');
  assert.ok(match, `expected a redirect to a dashboard, got ${location}`);
  return match[1];
}

/** ask stores a question (past the similar-question check) and returns its id. */
async function ask(code: string, text: string): Promise<string> {
  const result = await askQuestion(t.app, code, { text, anyway: '1' });
  assert.equal(result.kind, 'asked');
  return (result as { question: string }).question;
}

const voter = () => randomBytes(32).toString('base64url');

/** entriesOf returns the decoded record entries queued so far of one type. */
async function entriesOf(type: string): Promise<Record<string, unknown>[]> {
  const rows = await listEntries(t.app.store.db, 0, 100_000);
  return rows.filter((r) => r.type === type).map((r) => JSON.parse(r.body) as Record<string, unknown>);
}

async function questionsOf(code: string, list: 'popular' | 'recent' | 'answered' | 'hidden' | 'pending') {
  return (await readEventState(t.app, await findEvent(t.app, code), list, 100, 'moderator')).questions;
}

before(async () => {
  t = await startTestApp({ VECHE_POW_MAX: '0' });
  admin = await createAdmin(t.app);
  await addMember(t.app, admin, 'organiser', 'olga');
  oleg = await addMember(t.app, admin, 'organiser', 'oleg');
  await addMember(t.app, admin, 'moderator', 'mila');
  await addMember(t.app, admin, 'moderator', 'misha');
  [ada, olga, olegs, mila, misha] = await Promise.all(
    ['ada', 'olga', 'oleg', 'mila', 'misha'].map((login) => logIn(t.server, login)),
  );
});
after(() => t.stop());

test('the new-event form offers common time zones first and explains moderation', async () => {
  const page = await olga.get('/organiser/events/new');
  assert.equal(page.status, 200);
  const common = page.body.indexOf('<optgroup label="Common zones">');
  const all = page.body.indexOf('<optgroup label="All zones">');
  assert.ok(common > 0 && all > common);
  const moscow = page.body.indexOf('<option value="Europe/Moscow"');
  assert.ok(moscow > common && moscow < all, 'Moscow is among the common zones');
  assert.match(page.body, /<option value="Europe\/Kiev"[^>]*>Europe\/Kyiv \(UTC\+0[23]:00\)<\/option>/);
  assert.match(page.body, /<option value="UTC" selected>/, 'UTC until the browser says otherwise');
  assert.match(page.body, /data-browser-zone/);
  assert.match(page.body, /name="moderation" value="after" checked/);
  assert.match(page.body, /A question waits in a queue until a moderator approves it/);
  assert.match(page.body, /type="datetime-local"/);
  assert.match(page.body, /<script type="module" src="\/assets\/event-form.js">/);
  const moderator = await mila.get('/organiser/events/new');
  assert.equal(moderator.status, 403, 'moderators cannot open events');
});

test('a new event with mistakes comes back with 422, each named, the input kept', async (s) => {
  const cases: [string, Record<string, string | undefined>, RegExp][] = [
    ['empty title', { title: '' }, /<a href="#title">Title: Please fill this in\.<\/a>/],
    [
      'a start that is not a time',
      { startsAt: 'tomorrow at noon' },
      /<a href="#startsAt">Starts: This must be a date and time\.<\/a>/,
    ],
    [
      'an end before the start',
      { startsAt: local(5 * hour), endsAt: local(2 * hour) },
      /<a href="#endsAt">Ends: The end must not be before the start\.<\/a>/,
    ],
    [
      'an end in the past',
      { startsAt: local(-5 * hour), endsAt: local(-2 * hour) },
      /<a href="#endsAt">Ends: This date has already passed\.<\/a>/,
    ],
    [
      'a time zone not on the list',
      { timeZone: 'Mars/Olympus_Mons' },
      /<a href="#timeZone">Time zone: Please choose a time zone from the list\.<\/a>/,
    ],
    [
      'a question length out of range',
      { maxLength: '10' },
      /<a href="#maxLength">Longest question: This must be between 40 and 2,000\.<\/a>/,
    ],
    [
      'a field the form does not have',
      { colour: 'red' },
      /<a href="#colour">colour: This field is not expected here\.<\/a>/,
    ],
  ];
  for (const [name, change, message] of cases) {
    await s.test(name, async () => {
      const sent = goodEvent(change);
      const reply = await olga.post('/organiser/events', sent);
      assert.equal(reply.status, 422);
      assert.match(reply.body, message);
      assert.match(reply.body, /class="error-summary" role="alert"/);
      if (sent.title) assert.ok(reply.body.includes(`value="${sent.title}"`), 'the title is kept');
      assert.ok(reply.body.includes('value="Депутат Иванов"'), 'the addressee is kept');
      assert.ok(
        reply.body.includes('Спрашивайте о ротации и сроках службы.\n\nБез имён.</textarea>'),
        'the description is kept, paragraphs and all',
      );
      assert.ok(reply.body.includes(`value="${sent.startsAt}"`), 'the start is kept as typed');
      assert.match(
        reply.body,
        new RegExp(`<option value="${sent.timeZone.replace('/', '\\/')}"[^>]* selected>`),
        'the zone is kept',
      );
      assert.match(reply.body, /<option value="ru" lang="ru" selected>/);
      assert.doesNotMatch(reply.body, /data-browser-zone/, 'the browser does not overwrite a zone that was sent');
    });
  }
  await s.test('a choice not ticked stays unticked', async () => {
    const reply = await olga.post(
      '/organiser/events',
      goodEvent({ title: '', anonymousAllowed: undefined, moderation: 'before' }),
    );
    assert.equal(reply.status, 422);
    assert.match(reply.body, /name="anonymousAllowed" value="on"/);
    assert.doesNotMatch(reply.body, /name="anonymousAllowed" value="on" checked/);
    assert.match(reply.body, /name="moderation" value="before" checked/);
  });
  const list = await olga.get('/organiser/events');
  assert.doesNotMatch(list.body, /Прямая линия/, 'no event was made');
});

test('an organiser opens an event, shares it, adds moderators, exports and closes it', async (s) => {
  let code = '';
  await s.test('a good event is made and the organiser lands on its dashboard', async () => {
    const reply = await olga.post('/organiser/events', goodEvent());
    assert.equal(reply.status, 303);
    code = codeOf(reply.location);
    const page = await olga.get(reply.location!);
    assert.equal(page.status, 200);
    assert.match(page.body, /The event is open\. Share the code or the link below\./);
    assert.match(page.body, new RegExp(`<p class="join-code"[^>]*>${code}</p>`));
    assert.ok(page.body.includes(`value="${t.app.config.publicUrl}/e/${code}"`), 'the participant link');
    assert.match(page.body, /<svg role="img" aria-label="QR"/);
    assert.ok(page.body.includes(`href="/e/${code}/screen"`), 'the big screen');
    assert.ok(page.body.includes(`href="/moderate/${code}"`), 'the console');
    assert.ok(page.body.includes(`href="/organiser/events/${code}/questions.csv"`));
    const opened = await entriesOf('event.opened');
    assert.ok(
      opened.some((e) => e.event === code),
      'event.opened is queued',
    );
  });

  await s.test('the dashboard is for its organiser and the admins only', async () => {
    assert.equal((await olegs.get(`/organiser/events/${code}`)).status, 403, 'another organiser');
    assert.equal((await mila.get(`/organiser/events/${code}`)).status, 403, 'a moderator');
    assert.equal((await ada.get(`/organiser/events/${code}`)).status, 200, 'an admin');
    const anonymous = await new Browser(t.server).get(`/organiser/events/${code}`);
    assert.equal(anonymous.status, 303);
    assert.equal(anonymous.location, '/login');
    assert.equal((await olga.get('/organiser/events/NOSUCH')).status, 404);
  });

  await s.test('the event lists show it to its organiser and the admin, and not to another organiser', async () => {
    assert.ok((await olga.get('/organiser/events')).body.includes(`href="/organiser/events/${code}"`));
    assert.ok((await ada.get('/organiser/events')).body.includes(`href="/organiser/events/${code}"`));
    assert.ok(!(await olegs.get('/organiser/events')).body.includes(code));
    const home = await olga.get('/admin');
    assert.match(
      home.body,
      /<a href="\/organiser\/events">Events: open questions<\/a>/,
      'linked from the organiser’s home',
    );
  });

  await s.test('a moderator is added by login; an unknown login is refused on that field', async () => {
    const wrong = await olga.post(`/organiser/events/${code}/moderators`, { login: 'nobody' });
    assert.equal(wrong.status, 422);
    assert.match(
      wrong.body,
      /<a href="#login">Login: There is no moderator, organiser or admin account with this login\.<\/a>/,
    );
    assert.match(wrong.body, /id="login" name="login"[^>]*value="nobody"/);
    const other = await olegs.post(`/organiser/events/${code}/moderators`, { login: 'misha' });
    assert.equal(other.status, 403, 'only the organiser adds moderators');
    const added = await olga.post(`/organiser/events/${code}/moderators`, { login: 'mila' });
    assert.equal(added.status, 303);
    const page = await olga.get(added.location!);
    assert.match(page.body, /The moderator was added\./);
    const remove = /action="(\/organiser\/events\/[A-Z0-9]+\/moderators\/\d+\/remove)"/.exec(page.body);
    assert.ok(remove, 'a remove button');
    assert.match(page.body, /<strong>mila<\/strong>/);
    const list = await mila.get('/organiser/events');
    assert.ok(list.body.includes(`href="/moderate/${code}"`), 'the moderator’s list links to the console');
    assert.doesNotMatch(list.body, /Open a new event/);
    const extra = await olga.post(remove[1], { zzz: '1' });
    assert.equal(extra.status, 422, 'a button form carries nothing else');
    assert.match(extra.body, /<strong>zzz<\/strong>: This field is not expected here\./);
    assert.equal((await olegs.post(remove[1], { zzz: '1' })).status, 403, 'whose event it is comes first');
    assert.equal((await olga.post(remove[1])).status, 303);
    assert.doesNotMatch((await olga.get(`/organiser/events/${code}`)).body, /<strong>mila<\/strong>/, 'removed');
    assert.equal((await mila.get(`/moderate/${code}`)).status, 403, 'a removed moderator cannot moderate');
    assert.equal((await olga.post(`/organiser/events/${code}/moderators`, { login: 'mila' })).status, 303);
  });

  let q1 = '';
  let q2 = '';
  let q3 = '';
  let rude = '';
  await s.test('an assigned moderator hides with a reason, and the decision is queued for the record', async () => {
    q1 = await ask(code, 'Когда вернут мобилизованных домой?');
    q2 = await ask(code, 'Когда мобилизованных вернут домой, какие сроки?');
    q3 = await ask(code, 'Будет ли ротация для тех, кто служит больше года?');
    rude = await ask(code, 'Иванов, ты вор, твой телефон +7 900 000-00-00');
    const console = await mila.get(`/moderate/${code}`);
    assert.equal(console.status, 200);
    assert.ok(console.body.includes('Когда вернут мобилизованных домой?'));
    assert.match(console.body, /Every decision here is public/);
    assert.ok(console.body.includes(`action="/moderate/${code}/questions/${rude}/hide"`));
    const reply = await mila.post(`/moderate/${code}/questions/${rude}/hide`, {
      reason: 'personal-data',
      list: 'popular',
      at: 'list',
    });
    assert.equal(reply.status, 303);
    assert.equal(reply.location, `/moderate/${code}?list=popular&done=hide-personal-data#list`);
    const hidden = await entriesOf('question.hidden');
    assert.deepEqual(
      hidden.filter((e) => e.question === rude).map((e) => e.reason),
      ['personal-data'],
    );
    assert.match((await mila.get(reply.location!)).body, /Hidden, as Personal data\./);
    const page = await mila.get(`/moderate/${code}?list=hidden`);
    assert.ok(page.body.includes('Иванов, ты вор'), 'moderators still read a withheld text');
    assert.match(page.body, /text withheld from the public/);
  });

  await s.test('hiding without a reason, twice, or an unknown question is refused with a clear message', async () => {
    const none = await mila.post(`/moderate/${code}/questions/${q3}/hide`, { list: 'popular', at: 'list' });
    assert.equal(none.status, 422);
    assert.match(none.body, /Choose why the question is hidden: spam, abuse, personal data, duplicate or off topic\./);
    assert.match(none.body, /class="notice bad"/);
    const twice = await mila.post(`/moderate/${code}/questions/${rude}/hide`, { reason: 'spam' });
    assert.equal(twice.status, 409);
    assert.match(twice.body, /This cannot be done to this question: it is Hidden now\./);
    const unknown = await mila.post(`/moderate/${code}/questions/qNoSuchQuestion/approve`);
    assert.equal(unknown.status, 404);
    assert.match(unknown.body, /This event has no question “qNoSuchQuestion”\./);
    const json = await mila.post(`/moderate/${code}/questions/${rude}/restore`, {}, { accept: 'application/json' });
    assert.equal(json.status, 200);
    assert.deepEqual(JSON.parse(json.body), { ok: true, message: 'Restored.' });
    const again = await mila.post(`/moderate/${code}/questions/${rude}/restore`, {}, { accept: 'application/json' });
    assert.equal(again.status, 409);
    assert.equal(
      JSON.parse(again.body).detail,
      'This cannot be done to this question: it is Published now. The console below shows where it is.',
    );
    assert.equal((await mila.post(`/moderate/${code}/questions/${rude}/hide`, { reason: 'abuse' })).status, 303);
  });

  await s.test('a moderator of another event gets 403, on the console and on every decision', async () => {
    const other = await createEvent(t.app, oleg, goodEvent({ title: 'Another event' }));
    assert.equal((await olegs.post(`/organiser/events/${other}/moderators`, { login: 'misha' })).status, 303);
    assert.equal((await misha.get(`/moderate/${other}`)).status, 200, 'misha moderates his own event');
    assert.equal((await misha.get(`/moderate/${code}`)).status, 403);
    assert.equal((await misha.get(`/moderate/${code}/fragment`)).status, 403);
    assert.equal((await misha.post(`/moderate/${code}/questions/${q3}/hide`, { reason: 'spam' })).status, 403);
    assert.equal(
      (await misha.post(`/moderate/${code}/questions/${q3}/hide`, {})).status,
      403,
      '403 before any check of the form',
    );
    assert.equal((await misha.post(`/moderate/${code}/merge`, { from: q2, into: q1 })).status, 403);
    assert.equal((await olegs.get(`/moderate/${code}`)).status, 403, 'another organiser');
    assert.equal((await ada.get(`/moderate/${code}`)).status, 200, 'an admin');
    assert.equal((await olga.get(`/moderate/${code}`)).status, 200, 'the organiser');
    const [state] = await questionsOf(code, 'popular').then((qs) => qs.filter((q) => q.id === q3));
    assert.equal(state.status, 'published', 'nothing happened to the question');
  });

  await s.test('merging combines the votes and counts a voter who voted for both once', async () => {
    const both = voter();
    await castVote(t.app, code, q1, both);
    await castVote(t.app, code, q2, both);
    await castVote(t.app, code, q1, voter());
    await castVote(t.app, code, q2, voter());
    await castVote(t.app, code, q2, voter());
    await castVote(t.app, code, q3, voter());
    const same = await mila.post(`/moderate/${code}/merge`, { from: q1, into: q1 });
    assert.equal(same.status, 422);
    assert.match(same.body, /A question cannot be merged into itself/);
    const reply = await mila.post(`/moderate/${code}/merge`, {
      from: [q1, q2],
      into: q1,
      list: 'popular',
      at: 'groups',
    });
    assert.equal(reply.status, 303, 'the kept question among the ticked ones is left alone');
    assert.equal(reply.location, `/moderate/${code}?list=popular&done=merge#groups`);
    const popular = await questionsOf(code, 'popular');
    assert.equal(popular.find((q) => q.id === q1)?.votes, 4, '2 + 3 votes, less the one voter who voted for both');
    assert.ok(!popular.some((q) => q.id === q2), 'the merged question left the list');
    const withdrawn = await entriesOf('vote.withdrawn');
    assert.equal(withdrawn.filter((e) => e.question === q2 && e.reason === 'merged').length, 1);
    const merged = await entriesOf('question.merged');
    assert.deepEqual(
      merged.map((e) => [e.question, e.into]),
      [[q2, q1]],
    );
    const again = await mila.post(`/moderate/${code}/merge`, { from: q2, into: q1 });
    assert.equal(again.status, 409);
  });

  await s.test('pin as “now answering”, then mark answered', async () => {
    const pin = await mila.post(`/moderate/${code}/questions/${q1}/pin`, { list: 'popular', at: 'pinned' });
    assert.equal(pin.status, 303);
    const page = await mila.get(pin.location!);
    assert.match(page.body, /Pinned as “now answering”\./);
    const pinned = /<section class="console-pinned"[\s\S]*?<\/section>/.exec(page.body)?.[0] ?? '';
    assert.ok(pinned.includes('Когда вернут мобилизованных домой?'), 'shown under “now answering”');
    assert.ok(pinned.includes(`/questions/${q1}/unpin`), 'with an unpin button');
    const twice = await mila.post(`/moderate/${code}/questions/${q1}/pin`);
    assert.equal(twice.status, 409);
    assert.match(twice.body, /This question is already pinned as “now answering”\./);
    assert.equal((await mila.post(`/moderate/${code}/questions/${q1}/answer`)).status, 303);
    const answered = await questionsOf(code, 'answered');
    assert.deepEqual(
      answered.map((q) => q.id),
      [q1],
    );
    const state = await readEventState(t.app, await findEvent(t.app, code), 'popular', 10);
    assert.equal(state.pinned, null, 'answering unpins');
    const unpin = await mila.post(`/moderate/${code}/questions/${q1}/unpin`);
    assert.equal(unpin.status, 409);
    assert.match(unpin.body, /This question is not pinned\./);
    assert.equal((await mila.post(`/moderate/${code}/questions/${q1}/shout`)).status, 404, 'no such action');
  });

  await s.test('exports: CSV with a BOM and Cyrillic intact, JSON, and the summary, largest group first', async () => {
    await castVote(t.app, code, q3, voter());
    const csv = await olga.get(`/organiser/events/${code}/questions.csv`);
    assert.equal(csv.status, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv; charset=utf-8/);
    assert.deepEqual([...csv.raw.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 BOM');
    const lines = csv.raw.toString('utf8').slice(1).split('\r\n');
    assert.equal(lines[0], 'id,asked at (UTC),status,hidden reason,votes,group,merged into,author,text,sha256');
    assert.equal(lines.filter(Boolean).length, 5, 'a header and four questions');
    const row = (id: string) => lines.find((l) => l.startsWith(`${id},`)) ?? '';
    assert.match(row(q1), /,Answered,,4,/);
    assert.ok(row(q1).includes(',Когда вернут мобилизованных домой?,'), 'Cyrillic text intact');
    assert.match(row(q2), new RegExp(`,Merged,,0,${q1},${q1},`));
    assert.match(row(rude), /,Hidden,Abuse,0,[^,]+,,,,[0-9a-f]{64}$/, 'a withheld text is empty; its hash stays');
    assert.ok(!csv.body.includes('ты вор'));

    const json = await olga.get(`/organiser/events/${code}/questions.json`);
    assert.equal(json.status, 200);
    const data = JSON.parse(json.body) as {
      event: { code: string };
      questions: { id: string; text: string | null; status: string }[];
    };
    assert.equal(data.event.code, code);
    assert.deepEqual(
      data.questions.map((q) => q.id),
      [q1, q2, q3, rude],
    );
    assert.equal(data.questions[3].text, null);
    assert.equal(data.questions[3].status, 'hidden');

    const summary = await olga.get(`/organiser/events/${code}/summary`);
    assert.equal(summary.status, 200);
    const first = summary.body.indexOf('Когда вернут мобилизованных домой?');
    const second = summary.body.indexOf('Будет ли ротация');
    assert.ok(first > 0 && second > first, 'the largest group comes first');
    assert.ok(!summary.body.includes(q1) && !summary.body.includes(q3), 'no raw ids on the page');
    assert.match(summary.body, /<strong>4 votes<\/strong> · asked 2 times, in different words/);
    assert.match(summary.body, /<strong>2 votes<\/strong> · asked once/);
    assert.match(
      summary.body,
      /<summary class="small">The other wording<\/summary>/,
      'the merged wording is one click away',
    );
    const groups = JSON.parse((await olga.get(`/organiser/events/${code}/summary.json`)).body).groups as {
      group: string;
      questions: number;
      votes: number;
    }[];
    assert.deepEqual(
      groups.map((g) => [g.group, g.questions, g.votes]),
      [
        [q1, 2, 4],
        [q3, 1, 2],
      ],
    );

    for (const path of ['questions.csv', 'questions.json', 'summary', 'summary.json']) {
      assert.equal(
        (await mila.get(`/organiser/events/${code}/${path}`)).status,
        403,
        `a moderator cannot export ${path}`,
      );
      assert.equal(
        (await olegs.get(`/organiser/events/${code}/${path}`)).status,
        403,
        `another organiser cannot export ${path}`,
      );
    }
    assert.equal((await ada.get(`/organiser/events/${code}/questions.csv`)).status, 200, 'an admin can');
  });

  await s.test('closing needs the box ticked, then stops the event', async () => {
    const unticked = await olga.post(`/organiser/events/${code}/close`, {});
    assert.equal(unticked.status, 422);
    assert.match(
      unticked.body,
      /<a href="#confirm">Confirmation: Tick the box to confirm: closing cannot be undone\.<\/a>/,
    );
    const odd = await olga.post(`/organiser/events/${code}/close`, { confirm: 'yes', zzz: '1' });
    assert.equal(odd.status, 422);
    assert.match(odd.body, /<a href="#zzz">zzz: This field is not expected here\.<\/a>/);
    assert.equal(
      (await mila.post(`/organiser/events/${code}/close`, { confirm: 'yes' })).status,
      403,
      'a moderator cannot close',
    );
    const closed = await olga.post(`/organiser/events/${code}/close`, { confirm: 'yes' });
    assert.equal(closed.status, 303);
    const page = await olga.get(closed.location!);
    assert.match(page.body, /The event is closed: it takes no more questions or votes\./);
    assert.match(page.body, /<span class="badge closed">Closed<\/span>/);
    assert.doesNotMatch(page.body, /action="\/organiser\/events\/[A-Z0-9]+\/close"/);
    assert.ok((await entriesOf('event.closed')).some((e) => e.event === code));
    assert.equal((await olga.post(`/organiser/events/${code}/close`, { confirm: 'yes' })).status, 409);
  });
});

test('in moderation before publication, a question waits in the queue until approved', async () => {
  const reply = await olga.post(
    '/organiser/events',
    goodEvent({ moderation: 'before', title: 'Встреча с губернатором' }),
  );
  const code = codeOf(reply.location);
  assert.equal((await olga.post(`/organiser/events/${code}/moderators`, { login: 'mila' })).status, 303);
  const id = await ask(code, 'Почему закрыли больницу в нашем районе?');
  assert.deepEqual(
    (await questionsOf(code, 'pending')).map((q) => q.id),
    [id],
  );
  const page = await mila.get(`/moderate/${code}`);
  const queue = /<section aria-labelledby="queue-h"[\s\S]*?<\/section>/.exec(page.body)?.[0] ?? '';
  assert.match(queue, /Waiting for approval \(1\)/);
  assert.ok(queue.includes('Почему закрыли больницу'), 'the question is in the queue');
  assert.ok(queue.includes(`action="/moderate/${code}/questions/${id}/approve"`));
  const approve = await mila.post(`/moderate/${code}/questions/${id}/approve`, { list: 'recent', at: 'queue' });
  assert.equal(approve.status, 303);
  assert.equal(approve.location, `/moderate/${code}?list=recent&done=approve#queue`);
  assert.deepEqual(
    (await questionsOf(code, 'pending')).map((q) => q.id),
    [],
  );
  assert.deepEqual(
    (await questionsOf(code, 'recent')).map((q) => q.id),
    [id],
  );
  assert.ok((await entriesOf('question.approved')).some((e) => e.question === id));
  const after = await mila.get(approve.location!);
  assert.match(after.body, /Approved: the question is published\./);
  assert.match(after.body, /Nothing is waiting\./);
  const fragment = await mila.get(`/moderate/${code}/fragment?list=recent`);
  assert.equal(fragment.status, 200);
  assert.ok(fragment.body.includes('Почему закрыли больницу'));
  assert.doesNotMatch(fragment.body, /<html/, 'only the changing part');
  assert.equal((await mila.post(`/moderate/${code}/questions/${id}/approve`)).status, 409, 'approved once only');
});
