// Issue 9, item 8: one client could hold every live stream of a node. An address (an IPv6 /64) may now hold at most
// VECHE_MAX_STREAMS_PER_ADDRESS of them (a tenth of the node's by default: a hall may share one Wi-Fi address);
// past it, the same 503 `too-many-streams` a full node gives, which the pages already handle.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { get, type IncomingMessage } from 'node:http';
import { startTestApp, createAdmin, addMember, type TestApp } from './support.ts';
import { createEvent } from '../../src/actions/create-event.ts';
import { readConfig } from '../../src/config.ts';

let t: TestApp;
let origin: string;
let code: string;
const open: IncomingMessage[] = [];

before(async () => {
  // Behind one proxy (127.0.0.1), so that each test client can come from the address it names.
  t = await startTestApp({
    VECHE_POW_MAX: '0',
    VECHE_TRUST_PROXY: '1',
    VECHE_MAX_LIVE_STREAMS: '10',
    VECHE_MAX_STREAMS_PER_ADDRESS: '3',
  });
  const admin = await createAdmin(t.app);
  const organiser = await addMember(t.app, admin, 'organiser', 'olena');
  const minute = (ms: number) => new Date(ms).toISOString().slice(0, 16);
  code = await createEvent(t.app, organiser, {
    title: 'Town hall',
    addressee: 'The mayor',
    language: 'en',
    timeZone: 'UTC',
    moderation: 'after',
    anonymousAllowed: 'on',
    startsAt: minute(Date.now() - 3600_000),
    endsAt: minute(Date.now() + 86_400_000),
  });
  origin = await t.server.listen({ port: 0, host: '127.0.0.1' });
});

after(async () => {
  for (const response of open) response.destroy();
  await t.stop();
});

function connect(path: string, client: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    get(
      `${origin}${path}`,
      { agent: false, headers: { accept: 'text/event-stream', 'x-forwarded-for': client } },
      (response) => {
        open.push(response);
        resolve(response);
      },
    ).on('error', reject);
  });
}

async function problemOf(response: IncomingMessage): Promise<{ code: string; status: number }> {
  let text = '';
  for await (const chunk of response) text += chunk;
  return JSON.parse(text);
}

test("one address holds at most its share of a node's streams; other addresses still get theirs", async () => {
  const mine = [];
  for (const path of [`/e/${code}/live`, `/e/${code}/live?changes=1`, `/e/${code}/live`])
    mine.push(await connect(path, '203.0.113.10'));
  assert.deepEqual(
    mine.map((r) => r.statusCode),
    [200, 200, 200],
  );
  for (const path of [`/e/${code}/live`, '/api/petitions/pAnyPetition/events']) {
    const refused = await connect(path, '203.0.113.10');
    assert.equal(refused.statusCode, 503, path);
    assert.ok(Number(refused.headers['retry-after']) >= 20);
    const problem = await problemOf(refused);
    assert.deepEqual([problem.code, problem.status], ['too-many-streams', 503]);
  }
  const someoneElse = await connect(`/e/${code}/live`, '203.0.113.11');
  assert.equal(someoneElse.statusCode, 200, 'another address is not held up');

  mine[0].destroy();
  for (let i = 0; i < 150; i++) {
    const again = await connect(`/e/${code}/live`, '203.0.113.10');
    if (again.statusCode === 200) return;
    again.destroy();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.fail('a stream closed is a stream the address may open again');
});

test('an IPv6 subscriber is its /64: fresh addresses of one network share one share of the streams', async () => {
  const statuses = [];
  for (let i = 1; i <= 4; i++) statuses.push((await connect(`/e/${code}/live`, `2001:db8:aa:bb::${i}`)).statusCode);
  assert.deepEqual(statuses, [200, 200, 200, 503]);
  assert.equal((await connect(`/e/${code}/live`, '2001:db8:aa:bc::1')).statusCode, 200, 'the next /64 is someone else');
});

test("by default an address may hold a tenth of the node's streams, so a hall on one Wi-Fi gets in", () => {
  assert.equal(readConfig({}).maxStreamsPerAddress, 1500);
  assert.equal(readConfig({ VECHE_MAX_LIVE_STREAMS: '4000' }).maxStreamsPerAddress, 400);
  assert.equal(readConfig({ VECHE_MAX_STREAMS_PER_ADDRESS: '5000' }).maxStreamsPerAddress, 5000);
  assert.throws(
    () => readConfig({ VECHE_MAX_STREAMS_PER_ADDRESS: '0' }),
    /VECHE_MAX_STREAMS_PER_ADDRESS must be a whole number/,
  );
});
