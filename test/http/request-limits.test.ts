// Issue 9, item 8: bounded everything. A body trickled a byte every few seconds stayed open for ever; every form took
// 256 KiB. Now a request must arrive whole within VECHE_REQUEST_TIMEOUT_MS (a second here), without cutting the live
// streams, and each route takes the body it needs: small for signing, voting, asking and logging in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { get, type IncomingMessage } from 'node:http';
import { startTestApp, createAdmin, addMember, logIn, type TestApp, type Browser } from './support.ts';
import { savePetitionDraft } from '../../src/actions/save-petition-draft.ts';
import { publishPetition } from '../../src/actions/publish-petition.ts';
import { createEvent } from '../../src/actions/create-event.ts';
import { askQuestion } from '../../src/actions/ask-question.ts';
import { bodyLimits } from '../../src/web/body-limits.ts';

const timeoutMs = 1000;
let t: TestApp;
let origin: URL;
let petition: string;
let code: string;
let organiser: Browser;

before(async () => {
  t = await startTestApp({ VECHE_POW_MAX: '0', VECHE_RATE_LIMITS: 'off', VECHE_REQUEST_TIMEOUT_MS: String(timeoutMs) });
  const admin = await createAdmin(t.app);
  const olena = await addMember(t.app, admin, 'organiser', 'olena');
  petition = await savePetitionDraft(t.app, olena, {
    title: 'Bring our men home',
    addressee: 'The Minister of Defence',
    language: 'en',
    confirmation: 'none',
    body: 'We ask for a fixed term of service and rotation home for every mobilised soldier.',
  });
  await publishPetition(t.app, olena, petition);
  const minute = (ms: number) => new Date(ms).toISOString().slice(0, 16);
  code = await createEvent(t.app, olena, {
    title: 'Town hall',
    addressee: 'The mayor',
    language: 'en',
    timeZone: 'UTC',
    moderation: 'after',
    anonymousAllowed: 'on',
    startsAt: minute(Date.now() - 3600_000),
    endsAt: minute(Date.now() + 86_400_000),
    maxLength: '2000',
  });
  organiser = await logIn(t.server, 'olena');
  origin = new URL(await t.server.listen({ port: 0, host: '127.0.0.1' }));
});

const sockets: Socket[] = [];
after(async () => {
  for (const socket of sockets) socket.destroy();
  await t.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Trickle is a socket of our own, sending a request a little at a time and keeping what comes back. */
class Trickle {
  readonly socket: Socket;
  received = '';
  closed = false;
  sent = 0;

  constructor() {
    this.socket = connect(Number(origin.port), origin.hostname);
    sockets.push(this.socket);
    this.socket.setEncoding('latin1');
    this.socket.on('data', (chunk) => {
      this.received += chunk;
    });
    this.socket.on('close', () => {
      this.closed = true;
    });
    this.socket.on('error', () => {
      this.closed = true;
    });
  }

  /** drip sends `text` one byte every `everyMs` until the server closes the connection or `max` bytes are sent. */
  async drip(text: string, everyMs: number, max: number): Promise<void> {
    for (const byte of text) {
      if (this.closed || this.sent >= max) return;
      this.socket.write(byte);
      this.sent++;
      await sleep(everyMs);
    }
  }
}

test('a body trickled a byte at a time is cut off with a 408 once the request timeout has passed', {
  timeout: 20_000,
}, async () => {
  const trickle = new Trickle();
  trickle.socket.write(
    `POST /p/${petition}/sign HTTP/1.1\r\nHost: ${origin.host}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n`,
  );
  // One byte every 200 ms: 25 bytes would take 5 s, five times the timeout.
  await trickle.drip('name='.padEnd(1000, 'x'), 200, 25);
  assert.ok(trickle.closed, `the connection was still open after ${trickle.sent} bytes`);
  assert.ok(trickle.sent < 25);
  assert.match(trickle.received, /^HTTP\/1\.1 408 /);
});

test('headers trickled a byte at a time are cut off too, and so is a connection that sends nothing', {
  timeout: 20_000,
}, async () => {
  const slow = new Trickle();
  await slow.drip(`GET / HTTP/1.1\r\nHost: ${origin.host}\r\nX-Padding: ${'a'.repeat(200)}\r\n\r\n`, 200, 25);
  assert.ok(slow.closed, `the connection was still open after ${slow.sent} bytes of headers`);
  const silent = new Trickle();
  for (let i = 0; i < 25 && !silent.closed; i++) await sleep(200);
  assert.ok(silent.closed, 'a connection that never sends a request is closed');
});

test('a live stream opened before the timeout still receives what happens after it', { timeout: 20_000 }, async () => {
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    get(new URL(`/e/${code}/live`, origin), { agent: false, headers: { accept: 'text/event-stream' } }, resolve).on(
      'error',
      reject,
    );
  });
  assert.equal(response.statusCode, 200);
  let text = '';
  response.setEncoding('utf8');
  response.on('data', (chunk) => {
    text += chunk;
  });
  await sleep(timeoutMs * 3);
  const before = text.length;
  await askQuestion(t.app, code, { text: 'When will the bridge over the river be repaired?', anyway: '1' });
  for (let i = 0; i < 100 && !text.slice(before).includes('bridge over the river'); i++) await sleep(20);
  assert.ok(
    text.slice(before).includes('bridge over the river'),
    'the question asked after the timeout reached the stream',
  );
  assert.ok(!response.destroyed);
  response.destroy();
});

test('signing, voting and logging in take small bodies; a larger one is a 413 that says how much is taken', async () => {
  const big = 'x'.repeat(bodyLimits.form + 1024);
  const form = await t.server.inject({
    method: 'POST',
    url: `/p/${petition}/sign`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: `name=${big}`,
  });
  assert.equal(form.statusCode, 413);
  assert.match(String(form.headers['content-type']), /^text\/html/);
  assert.match(form.body, /larger than this form takes: at most 16 KB/);
  const api = await t.server.inject({
    method: 'POST',
    url: `/api/petitions/${petition}/signatures`,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ name: big }),
  });
  assert.equal(api.statusCode, 413);
  const problem = api.json() as { code: string; errors: { field: string; detail: string }[] };
  assert.equal(problem.code, 'too-large');
  assert.deepEqual(
    problem.errors.map((e) => e.field),
    ['body'],
  );
  for (const url of [
    '/login',
    `/e/${code}/questions/qAny/vote`,
    `/api/events/${code}/questions/qAny/vote`,
    `/confirm/${'A'.repeat(43)}`,
  ]) {
    const response = await t.server.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ x: big }),
    });
    assert.equal(response.statusCode, 413, url);
  }
});

test('a question of the longest length and a petition of the longest text still fit', async () => {
  // 2,000 characters of four UTF-8 bytes, percent-encoded: 24,000 bytes, more than a small form takes.
  const question = await t.server.inject({
    method: 'POST',
    url: `/api/events/${code}/questions`,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ text: `${'😀'.repeat(1999)}?`, anyway: true }).replace(
      /[\u{10000}-\u{10FFFF}]/gu,
      (c) => `\\u${c.charCodeAt(0).toString(16)}\\u${c.charCodeAt(1).toString(16)}`,
    ),
  });
  assert.notEqual(question.statusCode, 413, question.body);
  const draft = await organiser.post('/admin/petitions', {
    title: 'Bring our men home',
    addressee: 'The Minister of Defence',
    language: 'uk',
    confirmation: 'none',
    body: 'Ж'.repeat(20_000),
  });
  assert.equal(draft.status, 303, draft.body.slice(0, 300));
  const tooLong = await organiser.post('/admin/petitions', { title: 'x', body: 'x'.repeat(bodyLimits.longText) });
  assert.equal(tooLong.status, 413);
});
