import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { get, type IncomingMessage } from 'node:http';
import { startTestApp, createAdmin, addMember, type TestApp } from './support.ts';
import { createEvent } from '../../src/actions/create-event.ts';

let t: TestApp;
const metricsToken = 'prometheus-scrapes-with-this-token';
let address: string;
let code: string;
const open: IncomingMessage[] = [];

before(async () => {
  t = await startTestApp({
    VECHE_POW_MAX: '0',
    VECHE_MAX_LIVE_STREAMS: '2',
    VECHE_MAX_STREAMS_PER_ADDRESS: '2',
    VECHE_METRICS_TOKEN: metricsToken,
  });
  const admin = await createAdmin(t.app);
  const organiser = await addMember(t.app, admin, 'organiser', 'olena');
  const now = Date.now();
  const minute = (ms: number) => new Date(ms).toISOString().slice(0, 16);
  code = await createEvent(t.app, organiser, {
    title: 'Town hall with the regional governor',
    addressee: 'The governor',
    description: 'Questions about the roads.',
    language: 'en',
    timeZone: 'UTC',
    startsAt: minute(now - 3600_000),
    endsAt: minute(now + 86_400_000),
    moderation: 'after',
    anonymousAllowed: 'on',
    maxLength: '300',
  });
  // A real socket: a stream never ends, so `inject` cannot read one.
  address = await t.server.listen({ port: 0, host: '127.0.0.1' });
});

after(async () => {
  for (const response of open) response.destroy();
  await t.stop();
});

/** connect opens a stream on a connection of its own, as a browser's EventSource does, and reads its status. */
function connect(path: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    get(`${address}${path}`, { agent: false, headers: { accept: 'text/event-stream' } }, (response) => {
      open.push(response);
      resolve(response);
    }).on('error', reject);
  });
}

async function body(response: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of response) text += chunk;
  return text;
}

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 3000;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`not within 3 s: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('a node at its stream limit refuses more streams with a 503 problem and Retry-After, and takes one again when a viewer leaves', async () => {
  const first = await connect(`/e/${code}/live`);
  const second = await connect(`/e/${code}/live?changes=1`);
  assert.deepEqual([first.statusCode, second.statusCode], [200, 200]);

  for (const path of [`/e/${code}/live`, '/api/petitions/pAnyPetition/events']) {
    const refused = await connect(path);
    assert.equal(refused.statusCode, 503, path);
    assert.match(String(refused.headers['content-type']), /^application\/problem\+json/, path);
    const retryAfter = Number(refused.headers['retry-after']);
    assert.ok(retryAfter >= 20 && retryAfter < 40, `Retry-After spreads the returns: ${retryAfter}`);
    const problem = JSON.parse(await body(refused)) as { code: string; status: number; title: string };
    assert.deepEqual([problem.code, problem.status], ['too-many-streams', 503], path);
    assert.match(problem.title, /following this live/);
  }
  assert.equal(t.app.eventLive.viewers(code), 2, 'a refused viewer starts no watch');

  // What a refused page fetches instead still answers.
  const state = await t.server.inject({ url: `/api/events/${code}/state` });
  assert.equal(state.statusCode, 200);

  first.destroy();
  await until(() => t.app.eventLive.viewers(code) === 1, 'the server notices the viewer left');
  const third = await connect(`/e/${code}/live`);
  assert.equal(third.statusCode, 200, 'a seat freed is a seat taken again');
});

test('/metrics tells how many streams are open and the limit, for the operator who sets it', async () => {
  const viewer = await connect(`/e/${code}/live`);
  const metrics = (await t.server.inject({ url: '/metrics', headers: { authorization: `Bearer ${metricsToken}` } }))
    .body;
  const open = Number(/^veche_live_streams (\d+)$/m.exec(metrics)?.[1]);
  assert.ok(open >= 1 && open <= 2, metrics);
  assert.match(metrics, /^veche_live_streams_limit 2$/m);
  viewer.destroy();
});
