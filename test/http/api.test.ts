import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { solveChallenge } from 'altcha-lib';
import { startApp, type RunningApp } from '../../src/start-app.ts';
import { readConfig } from '../../src/config.ts';
import { insertAccount } from '../../src/store/accounts.ts';
import { savePetitionDraft } from '../../src/actions/save-petition-draft.ts';
import { publishPetition } from '../../src/actions/publish-petition.ts';
import { closePetition } from '../../src/actions/close-petition.ts';
import { confirmSignature } from '../../src/actions/confirm-signature.ts';
import { signPetition } from '../../src/actions/sign-petition.ts';
import { addUpTallies } from '../../src/store/tallies.ts';
import { openText } from '../../src/crypto/email-cipher.ts';
import { regionsOf } from '../../src/domain/regions.ts';
import type { Actor } from '../../src/actions/context.ts';

let running: RunningApp;
const organisers = new WeakMap<RunningApp['app'], Actor>();
const folders: string[] = [];
const [kyiv, lviv] = regionsOf(['UA'], 'en').map((r) => r.code);

/**
 * start runs a Veche on a fresh data folder, without jobs (a test adds up tallies itself when it needs them), with
 * one organiser account made straight in the store: signing in is not what these tests are about.
 */
async function start(env: Record<string, string> = {}): Promise<RunningApp> {
  const dir = mkdtempSync(join(tmpdir(), 'veche-api-'));
  folders.push(dir);
  const started = await startApp(
    readConfig({ VECHE_DATA: dir, VECHE_POW_MAX: '0', LOG_LEVEL: 'silent', VECHE_RATE_LIMITS: 'off', ...env }),
    { listen: false, jobs: false },
  );
  const id = await insertAccount(started.app.store.db, {
    login: 'maria',
    displayName: 'Maria',
    role: 'organiser',
    passwordHash: 'none',
    createdAt: Date.now(),
  });
  organisers.set(started.app, { id, role: 'organiser' });
  return started;
}

/** organiserOf is the organiser account of a started app. */
const organiserOf = (app: RunningApp['app']) => organisers.get(app)!;

/** openPetition writes and publishes a petition through the organiser's actions, returning its public id. */
async function openPetition(app: RunningApp['app'], change: Record<string, unknown> = {}): Promise<string> {
  const id = await savePetitionDraft(app, organiserOf(app), {
    title: 'Bring our men home after a year of service',
    addressee: 'The Minister of Defence',
    language: 'en',
    body: 'We, the wives and mothers of mobilised soldiers, ask for a fixed term of service and rotation home.',
    confirmation: 'none',
    ...change,
  });
  await publishPetition(app, organiserOf(app), id);
  return id;
}

const json = { 'content-type': 'application/json' };
const sign = (id: string, body: unknown, headers: Record<string, string> = json) =>
  running.server.inject({
    method: 'POST',
    url: `/api/petitions/${id}/signatures`,
    headers,
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
const getJson = async (url: string) => {
  const response = await running.server.inject({ url });
  return { status: response.statusCode, headers: response.headers, body: response.json() };
};

/** emailsTo opens the queued emails to one address with the server's key, as the mail job would. */
async function emailsTo(address: string) {
  const rows = await running.app.store.db.selectFrom('mail_queue').selectAll().orderBy('id').execute();
  return rows
    .filter((r) => openText(running.app.secrets.encryption, r.recipient_enc) === address)
    .map((r) => ({
      template: r.template,
      params: JSON.parse(openText(running.app.secrets.encryption, r.params)) as Record<string, string>,
    }));
}

before(async () => {
  running = await start();
});
after(async () => {
  await running.stop();
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

test('the list shows open and closed petitions with their counts, never drafts', async () => {
  const open = await openPetition(running.app, { goal: '1000', regionRule: 'optional', regionCountries: ['UA'] });
  const closed = await openPetition(running.app, { title: 'An older demand, now closed' });
  await closePetition(running.app, organiserOf(running.app), closed);
  const draft = await savePetitionDraft(running.app, organiserOf(running.app), {
    title: 'Not yet published',
    body: 'A draft that nobody may see before it is published.',
    addressee: 'Nobody',
    language: 'ru',
  });
  assert.equal((await sign(open, { name: 'Olena' })).statusCode, 201);

  const { status, headers, body } = await getJson('/api/petitions');
  assert.equal(status, 200);
  assert.equal(headers['cache-control'], 'public, max-age=1');
  const ids = body.map((p: { id: string }) => p.id);
  assert.ok(ids.includes(open) && ids.includes(closed));
  assert.ok(!ids.includes(draft), 'a draft is not public');
  const item = body.find((p: { id: string }) => p.id === open);
  assert.deepEqual(Object.keys(item).sort(), [
    'addressee',
    'closedAt',
    'confirmation',
    'deadline',
    'goal',
    'id',
    'language',
    'online',
    'openedAt',
    'paper',
    'signatures',
    'status',
    'title',
    'url',
  ]);
  assert.deepEqual(
    { ...item, openedAt: typeof item.openedAt },
    {
      id: open,
      title: 'Bring our men home after a year of service',
      addressee: 'The Minister of Defence',
      language: 'en',
      status: 'open',
      confirmation: 'none',
      signatures: 1,
      online: 1,
      paper: 0,
      goal: 1000,
      deadline: null,
      openedAt: 'string',
      closedAt: null,
      url: `${running.app.config.publicUrl}/p/${open}`,
    },
  );
  assert.ok(!Number.isNaN(Date.parse(item.openedAt)));
  const old = body.find((p: { id: string }) => p.id === closed);
  assert.equal(old.status, 'closed');
  assert.ok(!Number.isNaN(Date.parse(old.closedAt)));
});

test("a petition's detail has its text, rules, and counts by region and by day after signing", async () => {
  const id = await openPetition(running.app, {
    regionRule: 'required',
    regionCountries: ['UA'],
    deadline: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
  });
  // Some signatures folded into the tallies by the job, one not yet: the detail counts both.
  for (const region of [kyiv, kyiv])
    assert.equal((await sign(id, { name: 'Iryna', region, showName: true })).statusCode, 201);
  await addUpTallies(running.app.store.db);
  assert.equal((await sign(id, { name: 'Iryna', region: lviv, showName: true })).statusCode, 201);

  const { status, headers, body } = await getJson(`/api/petitions/${id}`);
  assert.equal(status, 200);
  assert.equal(headers['cache-control'], 'public, max-age=1');
  assert.equal(body.signatures, 3);
  assert.equal(
    body.text,
    'We, the wives and mothers of mobilised soldiers, ask for a fixed term of service and rotation home.',
  );
  assert.equal(body.response, null);
  assert.match(body.deadline, /^\d{4}-\d\d-\d\dT23:59:59\.000Z$/);
  assert.deepEqual(
    body.byRegion,
    [
      { region: kyiv, signatures: 2 },
      { region: lviv, signatures: 1 },
    ].sort((a, b) => a.region.localeCompare(b.region)),
  );
  assert.deepEqual(body.byDay, [{ date: new Date().toISOString().slice(0, 10), signatures: 3 }]);
  assert.equal(body.confirmation, 'none');
  assert.deepEqual(
    { ...body.signerRules, regions: body.signerRules.regions.length },
    {
      name: 'required',
      email: 'not-asked',
      region: 'required',
      regions: regionsOf(['UA'], 'en').length,
      showName: true,
      proofOfWork: false,
    },
  );
  assert.ok(body.signerRules.regions.includes(kyiv));
  assert.deepEqual(body.invalidations, []);
});

test('unknown petitions and drafts are 404 problems', async () => {
  const draft = await savePetitionDraft(running.app, organiserOf(running.app), {
    title: 'Still a draft here',
    body: 'A draft that nobody may see before it is published.',
    addressee: 'Nobody',
    language: 'en',
  });
  for (const url of [
    '/api/petitions/pNope',
    `/api/petitions/${draft}`,
    `/api/petitions/${draft}/events`,
    '/api/petitions/pNope/events',
    '/api/nothing',
  ]) {
    const response = await running.server.inject({ url });
    assert.equal(response.statusCode, 404, url);
    assert.match(String(response.headers['content-type']), /^application\/problem\+json/, url);
    assert.equal(response.json().code, 'not-found', url);
  }
  assert.equal((await sign(draft, { name: 'Anna' })).statusCode, 404);
});

test('signing without confirmation counts at once and answers with a receipt that opens', async () => {
  const id = await openPetition(running.app);
  const response = await sign(id, { name: 'Anna Petrenko' });
  assert.equal(response.statusCode, 201);
  assert.equal(response.headers['cache-control'], 'no-store');
  const body = response.json();
  assert.deepEqual(Object.keys(body), ['status', 'signature', 'receipt']);
  assert.equal(body.status, 'counted');
  assert.match(body.signature, /^s\w{16}$/);
  const receipt = new URL(body.receipt);
  assert.equal(receipt.origin, new URL(running.app.config.publicUrl).origin);
  assert.match(
    receipt.pathname,
    new RegExp(`^/receipt/${body.signature}/[0-9A-HJKMNP-TV-Z]{16}$`),
    'a secret short enough to write down as a receipt code',
  );
  const page = await running.server.inject({ url: receipt.pathname });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, new RegExp(body.signature));
  assert.equal(
    (await getJson(`/api/petitions/${id}`)).body.signatures,
    1,
    'the signer sees their signature counted at once',
  );
});

test('with email confirmation every signing gets the same 202, signed before or not; the email tells which', async () => {
  const id = await openPetition(running.app, { confirmation: 'email' });
  const answers = [];
  answers.push(await sign(id, { name: 'Oksana', email: 'oksana@example.org' }));
  const { template, params } = (await emailsTo('oksana@example.org'))[0];
  assert.equal(template, 'confirm-signature');
  await confirmSignature(running.app, params.token);
  answers.push(await sign(id, { name: 'Oksana', email: 'oksana@example.org' }));
  answers.push(await sign(id, { name: 'Oksana', email: 'OKSANA@example.org' }));
  answers.push(await sign(id, { name: 'Stranger', email: 'stranger@example.org' }));
  for (const answer of answers) {
    assert.equal(answer.statusCode, 202);
    assert.equal(answer.body, '{"status":"check-email"}');
    const { date: _d, ...headers } = answer.headers;
    const { date: _e, ...first } = answers[0].headers;
    assert.deepEqual(headers, first, 'not even a header differs');
  }
  assert.deepEqual(
    (await emailsTo('oksana@example.org')).map((m) => m.template),
    ['confirm-signature', 'already-signed'],
  );
  assert.equal((await getJson(`/api/petitions/${id}`)).body.signatures, 1, 'only the confirmed signature counts');
});

test('a bad signing is a problem naming each field; a closed petition is 409', async () => {
  const id = await openPetition(running.app, {
    confirmation: 'email',
    regionRule: 'required',
    regionCountries: ['UA'],
  });
  const bad = await sign(id, { name: 7, email: 'not an address', region: 'RU-MOW', colour: 'red' });
  assert.equal(bad.statusCode, 422);
  assert.match(String(bad.headers['content-type']), /^application\/problem\+json/);
  const problem = bad.json();
  assert.equal(problem.code, 'invalid-input');
  assert.deepEqual(
    problem.errors.map((e: { field: string; problem: string }) => [e.field, e.problem]),
    [
      ['name', 'not-text'],
      ['email', 'not-an-email'],
      ['region', 'not-a-choice'],
      ['colour', 'unknown-field'],
    ],
  );
  assert.ok(problem.errors.every((e: { detail: string }) => e.detail.length > 0));

  const closed = await openPetition(running.app);
  await closePetition(running.app, organiserOf(running.app), closed);
  const refused = await sign(closed, { name: 'Late' });
  assert.equal(refused.statusCode, 409);
  assert.equal(refused.json().code, 'petition-not-open');
});

test('signing takes JSON only: a form, text or nothing is 415; broken JSON 400; a huge body 413', async () => {
  const id = await openPetition(running.app);
  for (const [type, payload] of [
    ['application/x-www-form-urlencoded', 'name=Anna'],
    ['text/plain', '{"name":"Anna"}'],
    ['multipart/form-data; boundary=x', '--x--'],
    ['', 'name=Anna'],
  ]) {
    const response = await sign(id, payload, type ? { 'content-type': type } : {});
    assert.equal(response.statusCode, 415, type);
    assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
  }
  const broken = await sign(id, '{"name": "Anna"');
  assert.equal(broken.statusCode, 400);
  assert.match(String(broken.headers['content-type']), /^application\/problem\+json/);
  const huge = await sign(id, { name: 'x'.repeat(300 * 1024) });
  assert.equal(huge.statusCode, 413);
  assert.equal(huge.json().code, 'too-large');
});

test('a proof of work is checked when given, and used up', async () => {
  const pow = await start({ VECHE_POW_MAX: '20', VECHE_RATE_LIMITS: 'on' });
  try {
    const id = await openPetition(pow.app);
    const challenge = (await pow.server.inject({ url: '/api/pow/challenge' })).json();
    assert.equal(challenge.algorithm, 'SHA-256');
    const solution = await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber)
      .promise;
    assert.ok(solution);
    const altcha = Buffer.from(JSON.stringify({ ...challenge, number: solution.number })).toString('base64');
    const signWith = (body: unknown) =>
      pow.server.inject({
        method: 'POST',
        url: `/api/petitions/${id}/signatures`,
        headers: json,
        payload: JSON.stringify(body),
      });
    assert.equal((await signWith({ name: 'Anna', altcha })).statusCode, 201);
    for (const replay of [altcha, 'bm90IGEgc29sdXRpb24=', 42]) {
      const refused = await signWith({ name: 'Anna', altcha: replay });
      assert.equal(refused.statusCode, 422);
      assert.deepEqual(
        refused.json().errors.map((e: { field: string }) => e.field),
        ['altcha'],
      );
    }
    const limited = [];
    for (let i = 0; i < 25; i++) limited.push((await signWith({ name: `Signer ${i}` })).statusCode);
    assert.ok(limited.includes(429), 'without proof of work one connection soon meets the lower limit');
    const last = await signWith({ name: 'One more' });
    assert.equal(last.json().code, 'rate-limited');
    assert.ok(Number(last.headers['retry-after']) > 0);
  } finally {
    await pow.stop();
  }
});

/** EventReader reads Server-Sent Events from a fetch response. */
class EventReader {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  private buffer = '';
  raw = '';

  constructor(response: Response) {
    this.reader = response.body!.getReader();
  }

  /** next returns the next event (comments and `retry:` skipped), failing after `ms`. */
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
      if (left <= 0) throw new Error(`no event within ${ms} ms; got ${JSON.stringify(this.raw)}`);
      let timer: NodeJS.Timeout | undefined;
      const chunk = await Promise.race([
        this.reader.read(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no event within ${ms} ms; got ${JSON.stringify(this.raw)}`)),
            left,
          );
        }),
      ]).finally(() => clearTimeout(timer));
      if (chunk.done) throw new Error('the stream ended');
      const text = this.decoder.decode(chunk.value, { stream: true });
      this.raw += text;
      this.buffer += text;
    }
  }
}

test('the event stream tells the count at once, and a new count within a second of a signing', async () => {
  const live = await start();
  const aborts: AbortController[] = [];
  try {
    const id = await openPetition(live.app);
    const address = await live.server.listen({ port: 0, host: '127.0.0.1' });
    const listen = async () => {
      const abort = new AbortController();
      aborts.push(abort);
      const response = await fetch(`${address}/api/petitions/${id}/events`, { signal: abort.signal });
      return { response, events: new EventReader(response) };
    };
    const first = await listen();
    assert.equal(first.response.status, 200);
    assert.equal(first.response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    assert.match(first.response.headers.get('cache-control') ?? '', /no-cache/);
    assert.match(
      first.response.headers.get('content-security-policy') ?? '',
      /default-src 'none'/,
      'the security headers survive the hijack',
    );
    assert.equal(first.response.headers.get('x-content-type-options'), 'nosniff');
    assert.deepEqual(await first.events.next(), { event: 'count', data: '{"signatures":0,"status":"open"}' });
    assert.match(first.events.raw, /^retry: 3000\n\n/);
    const second = await listen();
    assert.deepEqual(await second.events.next(), { event: 'count', data: '{"signatures":0,"status":"open"}' });

    const response = await fetch(`${address}/api/petitions/${id}/signatures`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ name: 'Halyna' }),
    });
    assert.equal(response.status, 201);
    for (const viewer of [first, second])
      assert.deepEqual(await viewer.events.next(10_000), { event: 'count', data: '{"signatures":1,"status":"open"}' });

    // A signature made elsewhere (here: straight in the store, as another node would) arrives by polling.
    await signElsewhere(live, id);
    for (const viewer of [first, second])
      assert.deepEqual(await viewer.events.next(2500), { event: 'count', data: '{"signatures":2,"status":"open"}' });

    await closePetition(live.app, organiserOf(live.app), id);
    assert.deepEqual(await second.events.next(1000), { event: 'count', data: '{"signatures":2,"status":"closed"}' });

    // A crowd of viewers shares one reading of the count per second: not one each.
    const count = live.app.reader.count.bind(live.app.reader);
    let reads = 0;
    live.app.reader.count = (rowId: number) => {
      reads++;
      return count(rowId);
    };
    const crowd = await Promise.all(Array.from({ length: 100 }, listen));
    await Promise.all(crowd.map((viewer) => viewer.events.next()));
    reads = 0;
    await new Promise((resolve) => setTimeout(resolve, 2100));
    assert.ok(reads >= 1 && reads <= 3, `${reads} count reads in 2 s for 102 viewers`);

    // When the last viewer has gone, nobody's count is read any more.
    for (const abort of aborts) abort.abort();
    await new Promise((resolve) => setTimeout(resolve, 300));
    reads = 0;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(reads, 0, 'the poll stops with the last viewer');
    await (await listen()).events.next();
  } finally {
    // Stopping with a viewer still connected must not wait for it to leave.
    const stopped = live.stop().then(() => 'stopped');
    assert.equal(await Promise.race([stopped, new Promise((r) => setTimeout(() => r('hung'), 3000))]), 'stopped');
    for (const abort of aborts) abort.abort();
  }
});

/** signElsewhere adds a counted signature and its entry without this node's change event, as another node would. */
async function signElsewhere(app: RunningApp, publicId: string): Promise<void> {
  const silent = { ...app.app, events: { changed() {}, onChange: () => () => {} } } as unknown as RunningApp['app'];
  await signPetition(silent, publicId, { name: 'From another node' }, 'en');
}

test('the OpenAPI document is OpenAPI 3.1 and describes every /api route', async () => {
  const { status, body } = await getJson('/api/openapi.json');
  assert.equal(status, 200);
  assert.equal(body.openapi, '3.1.0');
  const described = new Set(
    Object.entries(body.paths as Record<string, Record<string, unknown>>).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    ),
  );
  const served = apiRoutes(running.server.printRoutes());
  assert.ok(served.length >= 6);
  for (const route of served) assert.ok(described.has(route), `${route} is served but not described`);
  for (const route of described) assert.ok(served.includes(route), `${route} is described but not served`);
  const refs = JSON.stringify(body).match(/"#\/components\/schemas\/\w+"/g) ?? [];
  for (const ref of refs) assert.ok(body.components.schemas[JSON.parse(ref).split('/').pop()], `${ref} resolves`);
});

/** apiRoutes reads Fastify's route tree into `METHOD /api/path/{param}` lines, HEAD left out: each node's label continues its parent's. */
function apiRoutes(tree: string): string[] {
  const found: string[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([│ ]*)(?:[└├]── )?(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match || match[2] === '') continue;
    const depth = [...match[1]].length / 4;
    stack.length = depth;
    const path = stack.join('') + match[2];
    stack[depth] = match[2];
    if (!path.startsWith('/api/')) continue;
    for (const method of match[3]?.split(', ') ?? [])
      if (method !== 'HEAD') found.push(`${method} ${path.replace(/:(\w+)/g, '{$1}')}`);
  }
  return found;
}

test('the petition page loads its live-count script from our origin, and the script is served', async () => {
  const id = await openPetition(running.app, { goal: '100' });
  const page = await running.server.inject({ url: `/p/${id}` });
  assert.match(page.body, /<script type="module" src="\/assets\/petition\.js"><\/script>/);
  assert.match(page.body, new RegExp(`data-live-count="${id}"`));
  const script = await running.server.inject({ url: '/assets/petition.js' });
  assert.equal(script.statusCode, 200);
  assert.match(String(script.headers['content-type']), /javascript/);
  assert.match(script.body, /new EventSource\(/);
});
