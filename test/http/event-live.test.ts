import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { get, type IncomingMessage } from 'node:http';
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { startTestApp, createAdmin, addMember, type TestApp } from './support.ts';
import { createEvent } from '../../src/actions/create-event.ts';
import { askQuestion } from '../../src/actions/ask-question.ts';
import { castVote } from '../../src/actions/cast-vote.ts';
import { moderateQuestion } from '../../src/actions/moderate-question.ts';
import type { Actor } from '../../src/actions/context.ts';
import type { EventChange, EventSnapshot } from '../../src/web/live/event-live.ts';

let t: TestApp;
let organiser: Actor;
let address: string;
const viewers: (() => void)[] = [];

const minute = (ms: number) => new Date(ms).toISOString().slice(0, 16);
const secret = 'Ivan Petrov lives at 12 Lenina street, flat 4';

before(async () => {
  t = await startTestApp({ VECHE_POW_MAX: '0', VECHE_RATE_LIMITS: 'off' });
  const admin = await createAdmin(t.app);
  organiser = await addMember(t.app, admin, 'organiser', 'olena');
  // A real socket: a stream never ends, so `inject` cannot read one.
  address = await t.server.listen({ port: 0, host: '127.0.0.1' });
});

after(async () => {
  // Stopping with a viewer still connected must not wait for it to leave.
  const stopped = t.stop().then(() => 'stopped');
  assert.equal(await Promise.race([stopped, new Promise((r) => setTimeout(() => r('hung'), 3000))]), 'stopped');
  for (const close of viewers) close();
});

/** openEvent creates an event that is taking questions now, and returns its code. */
function openEvent(title = 'Town hall with the regional governor'): Promise<string> {
  const now = Date.now();
  return createEvent(t.app, organiser, {
    title,
    addressee: 'The governor',
    description: 'Questions about roads and the mobilised.',
    language: 'en',
    timeZone: 'UTC',
    startsAt: minute(now - 3600_000),
    endsAt: minute(now + 86_400_000),
    moderation: 'after',
    anonymousAllowed: 'on',
    maxLength: '300',
  });
}

/** ask posts a question (past any similar one) and returns its id. */
async function ask(code: string, text: string, name?: string): Promise<string> {
  const result = await askQuestion(t.app, code, { text, anyway: '1', ...(name ? { name } : {}) });
  assert.equal(result.kind, 'asked');
  return (result as { question: string }).question;
}

/** vote casts `n` votes for a question, each from a new browser. */
async function vote(code: string, question: string, n = 1): Promise<void> {
  for (let i = 0; i < n; i++) await castVote(t.app, code, question, randomBytes(32).toString('base64url'));
}

/** EventReader reads Server-Sent Events from a response. */
class EventReader {
  private readonly reader: AsyncIterator<Buffer>;
  private readonly decoder = new TextDecoder();
  private buffer = '';
  raw = '';

  constructor(response: IncomingMessage) {
    this.reader = response[Symbol.asyncIterator]();
  }

  /** next returns the next event's data (comments and `retry:` skipped), failing after `ms`. */
  async next(ms = 2000): Promise<{ event: string; data: string }> {
    const deadline = Date.now() + ms;
    for (;;) {
      const end = this.buffer.indexOf('\n\n');
      if (end !== -1) {
        const block = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        const lines = block.split('\n');
        const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
        const data = lines
          .filter((l) => l.startsWith('data: '))
          .map((l) => l.slice(6))
          .join('\n');
        if (event) return { event, data };
        continue;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no event within ${ms} ms; got ${JSON.stringify(this.raw.slice(-500))}`);
      let timer: NodeJS.Timeout | undefined;
      const chunk = await Promise.race([
        this.reader.next(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no event within ${ms} ms`)), left);
        }),
      ]).finally(() => clearTimeout(timer));
      if (chunk.done) throw new Error('the stream ended');
      const text = this.decoder.decode(chunk.value, { stream: true });
      this.raw += text;
      this.buffer += text;
    }
  }

  /** state returns the next state, failing after `ms`. */
  async state(ms = 2000): Promise<EventSnapshot & { frame: string }> {
    const { event, data } = await this.next(ms);
    assert.equal(event, 'state');
    return { ...(JSON.parse(data) as EventSnapshot), frame: data };
  }

  /** until reads states until one passes `check`, failing after `ms` in all. */
  async until(check: (state: EventSnapshot) => boolean, ms = 10_000): Promise<EventSnapshot & { frame: string }> {
    const deadline = Date.now() + ms;
    for (;;) {
      const state = await this.state(Math.max(1, deadline - Date.now()));
      if (check(state)) return state;
    }
  }
}

/** listen opens a viewer's stream on a connection of its own, as a browser's EventSource does. */
async function listen(code: string, query = '') {
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    get(`${address}/e/${code}/live${query}`, { agent: false, headers: { accept: 'text/event-stream' } }, resolve).on(
      'error',
      reject,
    );
  });
  const close = () => response.destroy();
  viewers.push(close);
  return { response, events: new EventReader(response), close };
}

test('the stream starts with the whole state: counts, the question being answered, and the three lists', async () => {
  const code = await openEvent();
  const roads = await ask(code, 'When will the road to the district hospital be repaired?', 'Marina');
  const rotation = await ask(code, 'When will mobilised men be rotated home after a year of service?');
  const spam = await ask(code, 'Buy cheap watches at our shop, best prices in town');
  const school = await ask(code, 'Why was the village school closed without asking the parents?');
  await vote(code, rotation, 3);
  await vote(code, roads, 1);
  await moderateQuestion(t.app, organiser, code, spam, 'hide', 'spam');
  await moderateQuestion(t.app, organiser, code, school, 'answer');
  await moderateQuestion(t.app, organiser, code, roads, 'pin');

  const viewer = await listen(code.toLowerCase());
  assert.equal(viewer.response.statusCode, 200);
  assert.equal(viewer.response.headers['content-type'], 'text/event-stream; charset=utf-8');
  assert.match(
    String(viewer.response.headers['content-security-policy']),
    /default-src 'none'/,
    'the security headers survive the hijack',
  );
  const state = await viewer.events.state(1000);
  assert.match(viewer.events.raw, /^retry: \d+\n\n/);
  assert.equal(state.code, code, 'a code typed in lower case is the same event');
  assert.equal(state.status, 'open');
  assert.deepEqual(state.counts, {
    asked: 4,
    published: 2,
    answered: 1,
    pending: 0,
    merged: 0,
    votes: 4,
    hidden: { spam: 1 },
  });
  assert.equal(state.pinned?.id, roads);
  assert.equal(state.pinned?.text, 'When will the road to the district hospital be repaired?');
  assert.equal(state.pinned?.author, 'Marina');
  assert.deepEqual(
    state.popular.map((q) => [q.id, q.votes]),
    [
      [rotation, 3],
      [roads, 1],
    ],
  );
  assert.deepEqual(
    state.recent.map((q) => q.id),
    [rotation, roads],
  );
  assert.deepEqual(
    state.answered.map((q) => q.id),
    [school],
  );
  assert.ok(!state.frame.includes('cheap watches'), 'a hidden question is in no public list');
  assert.ok(Number.isSafeInteger(state.version) && state.version > 0);
  assert.equal(state.version, (await (await listen(code)).events.state()).version, 'a second viewer shares the state');

  const json = await t.server.inject({ url: `/api/events/${code}/state` });
  assert.equal(json.statusCode, 200);
  assert.match(String(json.headers['content-type']), /^application\/json/);
  assert.deepEqual(json.json(), JSON.parse(state.frame), 'the JSON is the very state the stream sent');
  // The viewers stay: the app is stopped with them connected.
});

test('a question hidden as abuse leaves the stream, the JSON and the screen without its text', async () => {
  const code = await openEvent();
  const personal = await ask(code, `Why does nobody answer us? ${secret}`);
  await moderateQuestion(t.app, organiser, code, personal, 'pin');
  const viewer = await listen(code);
  const first = await viewer.events.state();
  assert.equal(first.pinned?.id, personal);

  await moderateQuestion(t.app, organiser, code, personal, 'hide', 'personal-data');
  const hidden = await viewer.events.until((s) => s.counts.hidden['personal-data'] === 1);
  assert.equal(hidden.pinned, null, 'hiding the question being answered unpins it');
  assert.ok(!hidden.frame.includes('Lenina'), 'no withheld text in the stream');
  assert.deepEqual([hidden.popular.length, hidden.recent.length], [0, 0]);
  const json = (await t.server.inject({ url: `/api/events/${code}/state` })).body;
  assert.ok(!json.includes('Lenina'), 'no withheld text in the JSON');
  const screen = await t.server.inject({ url: `/e/${code}/screen` });
  assert.ok(!screen.body.includes('Lenina'), 'no withheld text on the screen');
  assert.match(screen.body, /personal data/, 'the screen tells why something was hidden');

  // A later viewer's first state is as clean.
  const late = await listen(code);
  assert.ok(!(await late.events.state()).frame.includes('Lenina'));
  viewer.close();
  late.close();
});

test('a vote and a question made on this node reach every open stream', async () => {
  const code = await openEvent();
  const first = await ask(code, 'Will the bus to the regional centre run again this winter?');
  const viewers = await Promise.all([listen(code), listen(code), listen(code)]);
  for (const viewer of viewers) assert.equal((await viewer.events.state()).counts.votes, 0);

  await vote(code, first);
  for (const viewer of viewers) {
    const state = await viewer.events.until((s) => s.counts.votes === 1, 10_000);
    assert.equal(state.popular[0].votes, 1);
  }

  const second = await ask(code, 'How many men from our district are still not rotated home?');
  for (const viewer of viewers) {
    const state = await viewer.events.until((s) => s.recent[0]?.id === second, 10_000);
    assert.equal(state.counts.asked, 2);
  }

  // A burst of votes on one node: every viewer ends on the final count, in a few states rather than one per vote.
  const burst = Array.from({ length: 30 }, () => vote(code, second));
  await Promise.all(burst);
  let states = 0;
  for (const viewer of viewers) {
    await viewer.events.until((s) => {
      states++;
      return s.counts.votes === 31;
    });
  }
  assert.ok(states / viewers.length <= 10, `${states / viewers.length} states for 30 votes`);
  assert.equal(t.app.eventLive.viewers(code), 3, 'one shared watch for the three viewers');
  for (const viewer of viewers) viewer.close();
  for (let waited = 0; t.app.eventLive.viewers(code) > 0 && waited < 10_000; waited += 20)
    await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(t.app.eventLive.viewers(code), 0, 'viewers who left are forgotten');
});

test('a compact viewer gets the whole state first, then only what changed', async () => {
  const code = await openEvent();
  const question = await ask(code, 'Who will pay for the repairs of the flooded houses on Sadovaya street?');
  const viewer = await listen(code, '?changes=1');
  const first = await viewer.events.next();
  assert.equal(first.event, 'state');
  const state = JSON.parse(first.data) as EventSnapshot;
  await vote(code, question);
  const next = await viewer.events.next(10_000);
  assert.equal(next.event, 'change');
  const change = JSON.parse(next.data) as EventChange;
  assert.deepEqual(
    [change.base, change.counts.votes, change.votes[question], change.popular],
    [state.version, 1, 1, [question]],
  );
  assert.deepEqual(change.questions, [], 'a vote sends no text again');
  assert.ok(!next.data.includes('flooded'));
  const other = await ask(code, 'When will the heating in the hospital be repaired before the winter?');
  const asked = JSON.parse((await viewer.events.next(10_000)).data) as EventChange;
  assert.deepEqual(
    asked.questions.map((q) => q.id),
    [other],
    'a new question is sent whole',
  );
  assert.deepEqual(asked.recent, [other, question]);
  viewer.close();
});

test('an unknown or malformed code is a 404 problem before any stream starts', async () => {
  const watching = t.app.eventLive.watching;
  for (const code of ['ZZZZ99', 'no-such-code!', 'a']) {
    const response = await t.server.inject({
      url: `/e/${encodeURIComponent(code)}/live`,
      headers: { accept: 'text/event-stream' },
    });
    assert.equal(response.statusCode, 404, code);
    assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
    const problem = response.json() as { code: string; status: number };
    assert.deepEqual([problem.code, problem.status], ['not-found', 404]);
    const state = await t.server.inject({ url: `/api/events/${encodeURIComponent(code)}/state` });
    assert.equal(state.statusCode, 404);
    assert.equal(state.json().code, 'not-found');
    const screen = await t.server.inject({ url: `/e/${encodeURIComponent(code)}/screen` });
    assert.equal(screen.statusCode, 404);
    assert.match(String(screen.headers['content-type']), /^text\/html/);
  }
  assert.equal(t.app.eventLive.watching, watching, 'nothing to watch was started');
});

test('the big screen shows the join code, the QR code and the top question, with no inline script or style', async () => {
  const code = await openEvent('Open questions to the district council');
  const top = await ask(code, 'When will the heating in school number 3 be fixed?');
  await ask(code, 'Who decides which roads are repaired first?');
  await vote(code, top, 2);
  const page = await t.server.inject({ url: `/e/${code}/screen?lang=en` });
  assert.equal(page.statusCode, 200);
  assert.match(String(page.headers['content-type']), /^text\/html/);
  const body = page.body;
  assert.match(body, /<html lang="en"/);
  assert.match(body, /<title>Open questions to the district council: big screen · Veche<\/title>/);
  assert.match(
    body,
    new RegExp(`<p class="join-code" translate="no"><span>${code.slice(0, 3)}</span><span>${code.slice(3)}</span></p>`),
  );
  assert.match(body, /<svg [^>]*viewBox/, 'the QR code is drawn inline');
  assert.match(body, /localhost:\d+\/e<\/strong>/, 'the address to type');
  const first = body.indexOf('<li class="top-item"');
  assert.ok(first > 0);
  assert.match(
    body.slice(first),
    /^<li class="top-item" data-id="[^"]+">\s*<span class="rank">1<\/span>\s*<p class="top-text">When will the heating in school number 3 be fixed\?<\/p>\s*<p class="top-votes"><span class="top-n">2<\/span> <span class="top-w">votes<\/span>/,
  );
  assert.match(body, /<span class="counter-n" data-n>2<\/span>/, 'questions asked');
  assert.match(body, /<noscript><meta http-equiv="refresh" content="30"><\/noscript>/);
  assert.doesNotMatch(body, /<script(?![^>]*\bsrc=)[^>]*>/, 'every script is a file');
  assert.doesNotMatch(body, /\sstyle=|<style/, 'no inline style');
  assert.doesNotMatch(body, /class="site-header"|class="site-footer"/, 'no site chrome on a projector');
  assert.match(body, /<script type="module" src="\/assets\/screen\.js"><\/script>/);
  assert.match(body, /<link rel="stylesheet" href="\/assets\/screen\.css">/);
  for (const asset of ['/assets/screen.js', '/assets/screen.css']) {
    const served = await t.server.inject({ url: asset });
    assert.equal(served.statusCode, 200, asset);
  }

  const russian = await t.server.inject({ url: `/e/${code.toLowerCase()}/screen?lang=ru` });
  assert.match(russian.body, /<html lang="ru"/);
  assert.match(russian.body, /Главные вопросы/);
  assert.match(russian.body, /<span class="top-w">голоса<\/span>/, 'a Russian plural for 2');
});

test("the big screen speaks the event's language, whatever the projector's browser prefers, unless the operator picks one", async () => {
  const now = Date.now();
  const code = await createEvent(t.app, organiser, {
    title: 'Прямая линия с губернатором',
    addressee: 'Губернатор',
    description: 'Вопросы жителей.',
    language: 'ru',
    timeZone: 'UTC',
    startsAt: minute(now - 3600_000),
    endsAt: minute(now + 86_400_000),
    moderation: 'after',
    anonymousAllowed: 'on',
    maxLength: '300',
  });
  await ask(code, 'Когда вернут домой мобилизованных?');
  const english = { 'accept-language': 'en-GB,en;q=0.9', cookie: 'veche_lang=en' };
  const page = await t.server.inject({ url: `/e/${code}/screen`, headers: english });
  assert.match(page.body, /<html lang="ru"/);
  assert.match(page.body, /Сейчас отвечают/);
  assert.doesNotMatch(page.body, /Now answering/);
  // The operator's choice, with links to the other languages in the screen's help.
  const chosen = await t.server.inject({ url: `/e/${code}/screen?lang=uk`, headers: english });
  assert.match(chosen.body, /<html lang="uk"/);
  assert.match(chosen.body, /<a href="\?lang=en" lang="en" hreflang="en">English<\/a>/);
  assert.match(chosen.body, /<strong lang="uk">Українська<\/strong>/);
});

test('every module the event page and the big screen import is served as JavaScript; the unit tests beside them are not', async () => {
  const assets = join(import.meta.dirname, '..', '..', 'src', 'web', 'assets');
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const [, path] of text.matchAll(/^import [^;]*? from '(\.[^']+)';$/gm)) visit(join(dirname(file), path));
  };
  for (const entry of ['event.js', 'screen.js', 'moderate.js', 'petition.js']) visit(join(assets, entry));
  assert.ok(seen.size >= 15, `the modules are found (${seen.size})`);
  for (const file of seen) {
    const url = `/assets/${relative(assets, file)}`;
    const served = await t.server.inject({ url });
    assert.equal(served.statusCode, 200, url);
    assert.match(String(served.headers['content-type']), /^(text|application)\/javascript/, url);
  }
  for (const url of [
    '/assets/live-state.test.ts',
    '/assets/event/proof-of-work.test.ts',
    '/assets/screen/settings.test.ts',
  ]) {
    assert.equal((await t.server.inject({ url })).statusCode, 404, url);
  }
});
