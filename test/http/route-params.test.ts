// Issue 9, item 7: a NUL byte in an id gave a 500 on PostgreSQL ("invalid byte sequence for encoding UTF8"). Every
// route parameter is checked against its shape before any query; this suite sends every route with a parameter a
// NUL, a C1 control, an over-long value and broken UTF-8, on SQLite and on PostgreSQL, signed in so that each request
// would reach its handler, and wants a 4xx every time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { startTestApp, createAdmin, testPassword, type TestApp } from './support.ts';
import { createTestSchema } from '../support/database.ts';
import { postgresReach } from '../support/postgres-reachable.ts';
import { savePetitionDraft } from '../../src/actions/save-petition-draft.ts';
import { publishPetition } from '../../src/actions/publish-petition.ts';
import { signPetition } from '../../src/actions/sign-petition.ts';
import { createEvent } from '../../src/actions/create-event.ts';
import { askQuestion } from '../../src/actions/ask-question.ts';

const postgres = await postgresReach();

/** Fixture is a site with one of each thing a route names, and an admin's session on it. */
interface Fixture {
  t: TestApp;
  cookie: string;
  csrf: string;
  valid: Record<string, string>;
}

async function fixture(env: Record<string, string>): Promise<Fixture> {
  const t = await startTestApp({ VECHE_POW_MAX: '0', VECHE_RATE_LIMITS: 'off', ...env });
  const admin = await createAdmin(t.app);
  const petition = await savePetitionDraft(t.app, admin, {
    title: 'Bring our men home',
    addressee: 'The Minister of Defence',
    language: 'en',
    confirmation: 'none',
    body: 'We ask for a fixed term of service and rotation home for every mobilised soldier.',
  });
  await publishPetition(t.app, admin, petition);
  const signed = await signPetition(t.app, petition, { name: 'Anna' }, 'en');
  assert.equal(signed.kind, 'counted');
  const minute = (ms: number) => new Date(ms).toISOString().slice(0, 16);
  const code = await createEvent(t.app, admin, {
    title: 'Town hall',
    addressee: 'The mayor',
    language: 'en',
    timeZone: 'UTC',
    moderation: 'after',
    anonymousAllowed: 'on',
    startsAt: minute(Date.now() - 3600_000),
    endsAt: minute(Date.now() + 86_400_000),
  });
  const asked = await askQuestion(t.app, code, { text: 'When will the bridge be repaired?', anyway: '1' });
  const login = await t.server.inject({ url: '/login' });
  const anonymous = String(login.headers['set-cookie']).split(';')[0];
  const token = /name="_csrf" value="([^"]+)"/.exec(login.body)![1];
  const session = await t.server.inject({
    method: 'POST',
    url: '/login',
    headers: { cookie: anonymous, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: token, login: 'ada', password: testPassword }).toString(),
  });
  assert.equal(session.statusCode, 303);
  const cookie = [session.headers['set-cookie']]
    .flat()
    .map((c) => String(c).split(';')[0])
    .find((c) => c.includes('veche_session'))!;
  const admin2 = await t.server.inject({ url: '/admin', headers: { cookie } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(admin2.body)![1];
  const receipt = signed.kind === 'counted' ? signed : { signature: '', receiptSecret: '' };
  return {
    t,
    cookie,
    csrf,
    valid: {
      petition,
      code,
      question: asked.kind === 'asked' ? asked.question : '',
      signature: receipt.signature,
      secret: receipt.receiptSecret,
      token: receipt.receiptSecret,
      number: '1',
      action: 'approve',
      name: 'nothing.eml',
    },
  };
}

/** Route is one method and path pattern, read from the server's own route tree. */
function routesWithParams(t: TestApp): { method: string; path: string }[] {
  const routes: { method: string; path: string }[] = [];
  const stack: string[] = [];
  for (const line of t.server.printRoutes().split('\n')) {
    const match = /^([│ ]*)(?:[└├]── )?(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match || match[2] === '') continue;
    const depth = [...match[1]].length / 4;
    stack.length = depth;
    const path = stack.join('') + match[2];
    stack[depth] = match[2];
    for (const method of match[3]?.split(', ') ?? [])
      if (method !== 'HEAD' && /:\w+/.test(path)) routes.push({ method, path });
  }
  return routes;
}

function validValue(f: Fixture, path: string, name: string): string {
  if (name === 'id') {
    if (/^\/(p|api\/petitions|admin\/petitions)\//.test(path)) return f.valid.petition;
    if (/^\/(receipt|api\/signatures)\//.test(path)) return f.valid.signature;
    if (path.includes('/questions/')) return f.valid.question;
    return f.valid.number;
  }
  if (name === 'code') return f.valid.code;
  return f.valid[name] ?? 'nope';
}

/** badValues are parameters that nothing may be stored under, as percent-escapes in the path. */
const badValues = {
  'a NUL': 'a%00b',
  'only a NUL': '%00',
  'a C1 control': 'p1%C2%85',
  'a right-to-left override': 'p1%E2%80%AE',
  'over-long (150 characters)': `p${'2'.repeat(149)}`,
  'over-long (300 characters)': 'x'.repeat(300),
  'broken UTF-8': 'a%FF%FEb',
  'an overlong UTF-8 slash': '%C0%AF',
  'a lone surrogate': '%ED%A0%80',
  'a quote': "p1'%20or%201=1--",
};

async function everyRouteRefuses(f: Fixture): Promise<{ requests: number; faults: string[] }> {
  const faults: string[] = [];
  let requests = 0;
  const routes = routesWithParams(f.t);
  assert.ok(routes.length >= 30, `the routes with parameters are read from the server: ${routes.length}`);
  for (const route of routes) {
    const names = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
    for (const name of names) {
      for (const [label, bad] of Object.entries(badValues)) {
        const url = route.path.replace(/:(\w+)/g, (_whole, n: string) =>
          n === name ? bad : validValue(f, route.path, n),
        );
        const post = route.method === 'POST';
        const response: LightMyRequestResponse = await f.t.server.inject({
          method: route.method as 'GET',
          url,
          headers: { cookie: f.cookie, ...(post ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
          payload: post ? `_csrf=${encodeURIComponent(f.csrf)}` : undefined,
        });
        requests++;
        if (response.statusCode < 400 || response.statusCode >= 500) {
          faults.push(
            `${route.method} ${route.path} :${name} = ${label}: ${response.statusCode} ${response.body.slice(0, 120)}`,
          );
        } else if (
          url.startsWith('/api/') &&
          !String(response.headers['content-type']).startsWith('application/problem+json')
        ) {
          faults.push(`${route.method} ${route.path} :${name} = ${label}: not a problem document`);
        }
      }
    }
  }
  return { requests, faults };
}

async function queriesRefuse(f: Fixture): Promise<string[]> {
  const faults: string[] = [];
  const urls = [
    '/?order=%00',
    `/e?code=%00${f.valid.code}`,
    `/e/${f.valid.code}?list=%00&page=1`,
    `/e/${f.valid.code}/similar?text=bridge%00`,
    `/api/events/${f.valid.code}/questions?list=popular&offset=%00`,
    `/admin/petitions/${f.valid.petition}?from=%00&reason=%C2%85`,
    `/moderate/${f.valid.code}?list=%00`,
    '/api/log/proof/inclusion?index=%00',
    `/p/${f.valid.petition}?lang=%00`,
    `/%00?x=%00`,
  ];
  for (const url of urls) {
    const response = await f.t.server.inject({ url, headers: { cookie: f.cookie } });
    if (response.statusCode >= 500) faults.push(`${url}: ${response.statusCode}`);
  }
  return faults;
}

test('every route with a parameter answers a NUL, a C1 control, an over-long value and broken UTF-8 with a 4xx (SQLite)', async (t) => {
  const f = await fixture({});
  try {
    const { requests, faults } = await everyRouteRefuses(f);
    t.diagnostic(`${requests} requests`);
    assert.deepEqual(faults, []);
    assert.deepEqual(await queriesRefuse(f), []);
  } finally {
    await f.t.stop();
  }
});

test('every route with a parameter answers a NUL, a C1 control, an over-long value and broken UTF-8 with a 4xx (PostgreSQL)', {
  skip: postgres.skip,
}, async (t) => {
  if (postgres.problem !== null) assert.fail(`PostgreSQL is unreachable: ${postgres.problem}`);
  const schema = await createTestSchema();
  const f = await fixture({ DATABASE_URL: schema.url });
  try {
    const { requests, faults } = await everyRouteRefuses(f);
    t.diagnostic(`${requests} requests`);
    assert.deepEqual(faults, []);
    assert.deepEqual(await queriesRefuse(f), []);
  } finally {
    await f.t.stop();
    await schema.drop();
  }
});

test('a malformed id is the same 404 as an unknown one, naming the parameter; the API answers problem+json', async () => {
  const f = await fixture({});
  try {
    const page = await f.t.server.inject({ url: '/p/a%00b' });
    assert.equal(page.statusCode, 404);
    assert.match(page.body, /<strong>id<\/strong>: This part of the address is not valid/);
    const api = await f.t.server.inject({ url: '/api/petitions/%00' });
    assert.equal(api.statusCode, 404);
    const problem = api.json() as { code: string; errors: { field: string; problem: string }[] };
    assert.equal(problem.code, 'not-found');
    assert.deepEqual(
      problem.errors.map((e) => [e.field, e.problem]),
      [['id', 'malformed-parameter']],
    );
    const receipt = await f.t.server.inject({ url: `/receipt/${f.valid.signature}/short` });
    assert.equal(receipt.statusCode, 404);
    assert.match(receipt.body, /<strong>secret<\/strong>/);
    const unknown = await f.t.server.inject({ url: '/api/petitions/pNoSuchOne' });
    assert.deepEqual([unknown.statusCode, unknown.json().code], [404, 'not-found'], 'a well-formed unknown id');
  } finally {
    await f.t.stop();
  }
});
