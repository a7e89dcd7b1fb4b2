// Property-based fuzzing of every route the server answers (issue 9): arbitrary path parameters (NUL, C1 controls,
// lone surrogates as %ED%A0%80, overlong values, `..`, `//host`, any Unicode), query strings, bodies of every kind
// (form, JSON of any shape, multipart, wrong content types, empty, large but under the limit), cookies and headers
// (Accept, Accept-Language garbage, X-Forwarded-For chains, fetch metadata), from any address, as an anonymous visitor
// and as every role with a valid form token, so that the fuzzer gets past the form check into the handlers.
//
// The property: no answer is a 5xx, and the server logged no error while answering. The seed is fixed and the number
// of runs bounded (FUZZ_RUNS per route, VECHE_FUZZ_RUNS to change it, VECHE_FUZZ_SEED to try another seed); on a
// failure fast-check prints the seed, the path and the request, which `{ seed, path }` replays. A route whose
// requests never reach its handler (all refused by the router, a parser or the form check) fails: the fuzzing of it
// would prove nothing. A last, deterministic sweep puts each bad value into each parameter and field in turn, the
// rest of the request right, so that nothing rests on the random draw alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { metricsToken, startWorld, type Identity, type Visitor, type World } from './world.ts';
import { attacksOn, bodyOf, encoded, type Attack, type BodyPlan } from './attacks.ts';
import { buildFixtures, catalogue, keyOf, paramNames, routesOf, unclassified, urlOf, type Fixtures } from './routes.ts';
import type { ServedRoute } from '../../src/web/server.ts';

/** FUZZ_RUNS is how many requests each route gets; about a minute a database on two cores. */
const FUZZ_RUNS = Number(process.env.VECHE_FUZZ_RUNS ?? 150);
/** FUZZ_SEED is the fixed seed; each route's own seed is derived from it and the route, so adding a route moves no other. */
const FUZZ_SEED = Number(process.env.VECHE_FUZZ_SEED ?? 20260312);
/**
 * SURVEY (VECHE_FUZZ_SURVEY=1) goes on past a route's first failure and lists every failure, grouped by status and
 * error, instead of stopping at the first with fast-check's counterexample: for a bug report, not for CI.
 */
const SURVEY = Boolean(process.env.VECHE_FUZZ_SURVEY);

let world: World;
let fx: Fixtures;
/** listening is the port the server also listens on, for the live streams. */
let listening: number;

before(async () => {
  // Behind a trusted proxy, so that X-Forwarded-For chains are read; rate limits on, as in production; metrics served
  // to the operator's token, which the fuzzer sends now and then.
  world = await startWorld({ VECHE_TRUST_PROXY: 'true', VECHE_METRICS_TOKEN: metricsToken });
  fx = await buildFixtures(world);
  await world.t.server.listen({ port: 0, host: '127.0.0.1' });
  listening = (world.t.server.server.address() as AddressInfo).port;
});
after(() => world?.stop());

/** seedOf derives a route's seed from the fixed seed (FNV-1a of its name). */
function seedOf(key: string): number {
  let h = 0x811c9dc5;
  for (const c of key) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193);
  return (FUZZ_SEED ^ h) | 0;
}

/** Tally is what the fuzzer saw of one route, to show it reached the handlers and not only the router. */
interface Tally {
  requests: number;
  reached: number;
  statuses: Map<number, number>;
}

/** Answer is what the fuzzer reads of a response. */
interface Answer {
  status: number;
  body: string;
}

/** refusedBeforeHandler tells the answers that come before a route's handler: no route, no parser, no form token. */
function refusedBeforeHandler(answer: Answer): boolean {
  if ([404, 405, 413, 414, 415].includes(answer.status)) return true;
  return (
    answer.status === 403 && (answer.body.includes('"code":"csrf"') || answer.body.includes('This form has expired'))
  );
}

/** logged is the gist of a log line: its error's message, or its message. */
function logged(line: string): string {
  try {
    const entry = JSON.parse(line) as { msg?: string; err?: { message?: string } };
    return entry.err?.message ?? entry.msg ?? line.slice(0, 120);
  } catch {
    return line.slice(0, 120);
  }
}

/** url is the URL an attack sends, as written on the wire. */
const url = (route: ServedRoute, attack: Attack) =>
  urlOf(route.path, (name) => attack.params[name]) + (attack.query ?? '');

async function send(route: ServedRoute, attack: Attack): Promise<Answer> {
  // Logging out ends the session it is sent with: it gets a session of its own, so the visitor keeps theirs. (A
  // disabled account can open no page to get a token for a new one, and has nothing to lose.)
  const fresh = route.path === '/logout' && attack.visitor !== 'anonymous' && attack.visitor !== 'disabled';
  const identity = fresh
    ? await world.freshSession(attack.visitor as Exclude<Visitor, 'anonymous'>)
    : world.identities[attack.visitor];
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(attack.headers))
    if (value !== null && value !== undefined) headers[name] = value;
  const info = catalogue[keyOf(route)];
  const cookie = info.cookie?.(fx, world.t.app.https);
  if (cookie) headers.cookie = [cookie, headers.cookie].filter(Boolean).join('; ');
  try {
    return await sendAs(route, attack, identity, headers);
  } finally {
    // Logging out everywhere ends the visitor's standing session too: they are given a new one for what follows.
    if (route.path === '/admin/sessions/end-all') await world.renew(attack.visitor);
  }
}

async function sendAs(
  route: ServedRoute,
  attack: Attack,
  identity: Identity,
  headers: Record<string, string>,
): Promise<Answer> {
  const body = attack.body ? bodyOf(attack.body, identity) : undefined;
  if (body?.type) headers['content-type'] = body.type;
  const options: InjectOptions = {
    method: attack.method as 'GET',
    url: url(route, attack),
    headers,
    payload: body?.payload,
    remoteAddress: attack.remoteAddress,
  };
  if (!catalogue[keyOf(route)].stream) {
    const response = await world.inject(identity, options);
    return { status: response.statusCode, body: response.body };
  }
  return overSocket(identity, options);
}

/**
 * overSocket sends a request to a live stream over a real socket (the injected one has no TCP to tune, which a stream
 * needs): a stream that opens is read to its head and closed, as a viewer leaving; any other answer is read whole.
 * The address is the socket's own (127.0.0.1); X-Forwarded-For still varies.
 */
function overSocket(identity: Identity, options: InjectOptions): Promise<Answer> {
  // A request line with a space, a control or a byte past ASCII is refused by Node's own parser (400) before Fastify
  // sees it: escape those as browsers do, so the request reaches the route.
  const path = String(options.url).replace(/[^\u0021-\u007e]/gu, (ch) => encoded(ch));
  const given = options.headers as Record<string, string>;
  const headers: Record<string, string | number> = {
    ...given,
    ...(identity.cookie ? { cookie: [identity.cookie, given.cookie].filter(Boolean).join('; ') } : {}),
  };
  // Node's client frames no body on GET or HEAD by itself: say its length, else its bytes would read as a second request.
  if (options.payload !== undefined) headers['content-length'] = Buffer.byteLength(options.payload as string);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: '127.0.0.1', port: listening, method: options.method, path, headers, agent: false },
      (response) => {
        if (String(response.headers['content-type']).startsWith('text/event-stream')) {
          response.destroy();
          resolve({ status: response.statusCode!, body: '' });
          return;
        }
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode!, body: Buffer.concat(chunks).toString() }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(options.payload as string | undefined);
  });
}

test('every route the server answers is known to the fuzzer', (t) => {
  assert.deepEqual(unclassified(world), [], 'classify each new route in test/adversarial/routes.ts');
  const served = new Set(routesOf(world).map(keyOf));
  const unserved = Object.keys(catalogue).filter((key) => !served.has(key));
  if (unserved.length > 0) t.diagnostic(`classified but not served here: ${unserved.join(', ')}`);
});

test('no request to any route, by anyone, gets a 5xx or makes the server log an error', async (t) => {
  const routes = routesOf(world);
  assert.ok(routes.length >= 80, `the server answers ${routes.length} routes`);
  const tallies = new Map<string, Tally>();
  const survey = new Map<string, string[]>();
  for (const route of routes) {
    const key = keyOf(route);
    if (!(key in catalogue)) continue;
    await t.test(key, async () => {
      const tally: Tally = { requests: 0, reached: 0, statuses: new Map() };
      tallies.set(key, tally);
      await fc.assert(
        fc.asyncProperty(attacksOn(route, catalogue[key], fx), async (attack) => {
          const mark = world.log.lines.length;
          const answer = await send(route, attack);
          // Let the response's hooks (where a failed request is logged) run before the log is read.
          await new Promise((resolve) => setImmediate(resolve));
          tally.requests++;
          tally.statuses.set(answer.status, (tally.statuses.get(answer.status) ?? 0) + 1);
          if (!refusedBeforeHandler(answer)) tally.reached++;
          const errors = world.log.errorsSince(mark);
          const failure =
            answer.status >= 500
              ? `answered ${answer.status}: ${answer.body.slice(0, 300)}`
              : errors.length > 0
                ? `made the server log an error: ${errors.join('\n')}`
                : null;
          if (failure === null) return;
          if (!SURVEY) assert.fail(`${attack.visitor}: ${attack.method} ${url(route, attack)} ${failure}`);
          const kind = `${answer.status} ${errors.map(logged).join('; ')}`;
          survey.set(`${key} → ${kind}`, [
            ...(survey.get(`${key} → ${kind}`) ?? []),
            `${attack.visitor}: ${attack.method} ${url(route, attack).slice(0, 160)}`,
          ]);
        }),
        { seed: seedOf(key), numRuns: FUZZ_RUNS, endOnFailure: true },
      );
      const statuses = [...tally.statuses]
        .sort(([a], [b]) => a - b)
        .map(([s, n]) => `${s}×${n}`)
        .join(' ');
      t.diagnostic(`${key}: ${tally.reached}/${tally.requests} reached the handler (${statuses})`);
      assert.ok(tally.reached > 0, `no request reached the handler of ${key}: ${statuses}`);
    });
  }
  const total = [...tallies.values()].reduce((sum, x) => sum + x.requests, 0);
  t.diagnostic(`${total} requests to ${tallies.size} routes`);
  for (const [kind, examples] of survey)
    t.diagnostic(`FAILURE ${kind} (${examples.length}×), e.g. ${examples.slice(0, 3).join(' | ')}`);
  assert.equal(survey.size, 0, 'the survey found failures: see the diagnostics');
});

/** sweepValues are what each parameter and field gets in turn, the rest of the request right. */
const sweepValues = (valid: string) => [
  '%00',
  `${valid}%00`,
  `%00${valid}`,
  '%C2%85',
  `${valid}%C2%9F`,
  `${valid}%ED%A0%80`,
  'x'.repeat(200),
  '..',
  '%2F%2Fhost',
];
const sweepFields = ['\u0000', 'Anna\u0000', '\ud800', '\u0085', '\u009f', 'x'.repeat(5000)];

test('a NUL, a C1 control, a lone surrogate or an overlong value in any one parameter or field, the rest right, is never a 5xx', async (t) => {
  const failures: string[] = [];
  let requests = 0;
  const check = async (
    route: ServedRoute,
    visitor: Visitor,
    params: Record<string, string>,
    pairs: [string, string | string[]][] | null,
  ) => {
    const api = route.path.startsWith('/api/');
    const body: BodyPlan | null =
      pairs === null
        ? null
        : api
          ? { kind: 'json', pairs, csrf: 'missing' }
          : { kind: 'form', pairs, csrf: 'valid', raw: false };
    // Each from an address of its own, so that no rate limit answers in the handler's place.
    const remoteAddress = `198.18.${(requests >> 8) & 255}.${requests & 255}`;
    const attack: Attack = { visitor, method: route.method, params, query: null, body, headers: {}, remoteAddress };
    const mark = world.log.lines.length;
    const answer = await send(route, attack);
    await new Promise((resolve) => setImmediate(resolve));
    requests++;
    const errors = world.log.errorsSince(mark).map(logged);
    if (answer.status >= 500 || errors.length > 0)
      failures.push(
        `${keyOf(route)}: ${visitor} ${route.method} ${url(route, attack).slice(0, 120)} ${pairs ? JSON.stringify(Object.fromEntries(pairs)).slice(0, 80) : ''} → ${answer.status} ${errors.join('; ')}`,
      );
  };
  for (const route of routesOf(world)) {
    const info = catalogue[keyOf(route)];
    if (!info) continue;
    const valid = info.fill(fx);
    const form = info.form ? Object.entries(info.form(fx)) : route.method === 'GET' ? null : [];
    // Someone the route lets in, so that the value meets the handler's queries; and someone it does not.
    const who: Visitor[] = info.access === 'account' ? ['admin', 'owner'] : ['anonymous', 'owner'];
    for (const visitor of who) {
      for (const name of paramNames(route.path)) {
        for (const value of sweepValues(valid[name] ?? 'nope'))
          await check(route, visitor, { ...valid, [name]: value }, form);
      }
      for (const [at] of (form ?? []).entries()) {
        for (const value of sweepFields)
          await check(
            route,
            visitor,
            valid,
            form!.map(([n, v], i) => [n, i === at ? value : v]),
          );
      }
    }
  }
  t.diagnostic(`${requests} requests`);
  assert.ok(requests > 1000, `the sweep sent ${requests} requests`);
  assert.deepEqual(failures, [], `${failures.length} answers were a 5xx or logged an error`);
});
