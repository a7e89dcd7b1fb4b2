// Property-based fuzzing of every route the server answers (issue 9): arbitrary path parameters (NUL, C1 controls,
// lone surrogates as %ED%A0%80, overlong values, `..`, `//host`, any Unicode), query strings, bodies of every kind
// (form, JSON of any shape, multipart, wrong content types, empty, large but under the limit), cookies and headers
// (Accept, Accept-Language garbage, X-Forwarded-For chains, fetch metadata), from any address, as an anonymous visitor
// and as every role with a valid form token, so that the fuzzer gets past the form check into the handlers.
//
// The property: no answer is a 5xx, and the server logged no error while answering. The seed is fixed and the number
// of runs bounded (FUZZ_RUNS per route, VECHE_FUZZ_RUNS to change it, VECHE_FUZZ_SEED to try another seed); on a
// failure fast-check prints the seed, the path and the request, which `{ seed, path }` replays.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { metricsToken, startWorld, visitors, type Identity, type Visitor, type World } from './world.ts';
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

// ——— What an attacker sends ———————————————————————————————————————————————————————————————————————————————————

const c1 = Array.from({ length: 32 }, (_, i) => String.fromCharCode(0x80 + i));
/** evil are path and query values that have broken routers and parsers before, written as they go on the wire. */
const evil = [
  '%00', 'a%00b', '%C2%80', '%C2%85', '%C2%9F', '%ED%A0%80', '%ED%BF%BF', '%ED%A0%80%ED%B0%80', '%FF%FE', '%C0%AF', '%C0%80',
  '%E2%80%AE', '%EF%BB%BF', '%F4%90%80%80', '%25', '%', '%2', '%zz', '..', '%2e%2e', '.', '..%2F..%2Fpackage.json', '%2F',
  '//host', '%2F%2Fhost', '\\\\host', 'a;b', 'a,b', '__proto__', 'constructor', 'toString', '0', '-1', '1e999', '9'.repeat(30),
  'NaN', 'null', 'undefined', 'true', '[]', '{}', "'%20or%201=1--", '%3Cscript%3E', 'x'.repeat(199), 'x'.repeat(200),
  'x'.repeat(201), 'x'.repeat(4000), 'p', 's', 'q', 'AAAAAA', 'aaaa-aa', '🙂', '%F0%9F%99%82', 'й', 'Ё'.repeat(100),
];

/** encoded percent-escapes a string as a browser would, keeping lone surrogates as the bytes an attacker would send. */
function encoded(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return [...text].map((ch) => (ch.length === 1 && /[\uD800-\uDFFF]/.test(ch) ? '%ED%A0%80' : encodeURIComponent(ch))).join('');
  }
}

const anyText = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: fc.constantFrom(...c1, '\u0000', '\u001f', '\u007f', '\ud800', '\udfff', '\u202e', '\ufeff', '\ufffd', 'a', '.', '/'), maxLength: 12 }),
);

/** segment is a path parameter or query value as sent on the wire. */
const segment = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...evil) },
  { weight: 2, arbitrary: anyText.map(encoded) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...c1, 'a', 'é'), minLength: 1, maxLength: 6 }) },
);

/** changed is a value that exists, changed a little: the bytes that break a query when the rest of a request is right. */
const changed = (valid: string) => fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(`${valid}%00`, `%00${valid}`, `${valid}%C2%85`, `${valid}%ED%A0%80`, `${valid}%FF`) },
  { weight: 1, arbitrary: fc.constantFrom(valid.toLowerCase(), valid.toUpperCase(), `${valid}/`, valid.slice(0, -1), `${valid}x`, `${valid}..`, `${valid}%2F..`, `${valid}${'x'.repeat(150)}`) },
);

/** paramValue is the value that exists (most often, so that handlers are reached), one changed a little, or an evil one. */
const paramValue = (valid: string) => fc.oneof(
  { weight: 4, arbitrary: fc.constant(valid) },
  { weight: 2, arbitrary: changed(valid) },
  { weight: 3, arbitrary: segment },
);

/**
 * paramsOf fills a path's parameters: half the time each on its own (valid, changed or evil), half the time all valid
 * but one, so that a bad value in the last parameter meets a handler that found everything before it.
 */
function paramsOf(path: string, valid: Record<string, string>): fc.Arbitrary<Record<string, string>> {
  const names = paramNames(path);
  if (names.length === 0) return fc.constant({});
  const each = fc.record(Object.fromEntries(names.map((name) => [name, paramValue(valid[name] ?? 'nope')])));
  const allButOne = fc.constantFrom(...names).chain((name) =>
    fc.oneof(changed(valid[name] ?? 'nope'), segment).map((value) => ({ ...Object.fromEntries(names.map((n) => [n, valid[n] ?? 'nope'])), [name]: value })));
  return fc.oneof(each, allButOne);
}

/** fieldNames are the fields the site's forms and API read, and some they do not. */
const fieldNames = [
  'name', 'email', 'region', 'showName', 'altcha', 'login', 'password', 'passwordAgain', 'displayName', 'currentPassword',
  'newPassword', 'newPasswordAgain', 'role', 'title', 'body', 'addressee', 'language', 'goal', 'deadline', 'nameRule',
  'namesPublic', 'regionRule', 'regionCountries', 'confirmation', 'response', 'from', 'to', 'reason', 'note', 'text',
  'anyway', 'list', 'at', 'into', 'confirm', 'description', 'timeZone', 'startsAt', 'endsAt', 'moderation',
  'anonymousAllowed', 'maxLength', 'code', '__proto__', 'constructor', 'zzz',
];

/** fieldValue is what a field holds in a form: text (often plausible), or many of them. */
const plausible = fc.constantFrom('Anna', 'anna@example.org', 'UA-30', 'on', 'organiser', 'moderator', 'admin', 'en', 'ru', 'uk',
  'email', 'none', 'required', 'optional', 'signer', 'never', '100', '2031-01-01', '2026-03-12T12:00', 'burst', 'spam', 'abuse',
  'popular', 'recent', 'answered', 'UTC', 'Europe/Kyiv', 'before', 'after', '1', 'A petition title that is long enough');
const fieldValue = fc.oneof({ weight: 3, arbitrary: plausible }, { weight: 3, arbitrary: anyText }, { weight: 1, arbitrary: fc.constantFrom(...evil) });
const fieldName = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...fieldNames) }, { weight: 1, arbitrary: anyText });
const fields = fc.array(fc.tuple(fieldName, fc.oneof({ weight: 4, arbitrary: fieldValue }, { weight: 1, arbitrary: fc.array(fieldValue, { maxLength: 3 }) })), { maxLength: 8 });

/** CsrfChoice is the form token a request carries: the visitor's own (most often), none, or a wrong one. */
type CsrfChoice = 'valid' | 'missing' | 'wrong';
const csrfChoice = fc.constantFrom<CsrfChoice>('valid', 'valid', 'valid', 'valid', 'missing', 'wrong');

/**
 * BodyPlan is one request body as data (so that fast-check can print it): its kind, its fields, and which form token
 * it carries; `bodyOf` writes it for a visitor once the visitor (and so the token) is known.
 */
type BodyPlan =
  | { kind: 'form'; pairs: [string, string | string[]][]; csrf: CsrfChoice; raw: boolean }
  | { kind: 'json'; pairs: [string, string | string[]][]; csrf: CsrfChoice }
  | { kind: 'json-any'; value: unknown; csrf: CsrfChoice }
  | { kind: 'json-text'; text: string }
  | { kind: 'multipart'; pairs: [string, string | string[]][] }
  | { kind: 'wrong-type'; type: string; pairs: [string, string | string[]][] }
  | { kind: 'empty'; type: string | null }
  | { kind: 'large'; name: string; unit: string; json: boolean };

const tokenOf = (choice: CsrfChoice, identity: Identity) => (choice === 'valid' ? identity.csrf : choice === 'wrong' ? 'A'.repeat(43) : undefined);

/** bodyOf writes a planned body for a visitor: its content type (none for some) and its bytes. */
function bodyOf(plan: BodyPlan, identity: Identity): { type?: string; payload: string } {
  const withToken = (csrf: CsrfChoice, object: Record<string, unknown>) => {
    const token = tokenOf(csrf, identity);
    return token ? { _csrf: token, ...object } : object;
  };
  const object = (pairs: [string, string | string[]][]) => Object.fromEntries(pairs);
  const urlencoded = (pairs: [string, string | string[]][], enc: (s: string) => string) =>
    pairs.flatMap(([name, value]) => [value].flat().map((v) => `${enc(name)}=${enc(v)}`));
  switch (plan.kind) {
    case 'form': {
      // raw: names and values go on the wire as they are (so %FF and & and = reach the parser); else as a browser encodes.
      const parts = urlencoded(plan.pairs, plan.raw ? (x) => x : encoded);
      const token = tokenOf(plan.csrf, identity);
      if (token) parts.unshift(`_csrf=${encodeURIComponent(token)}`);
      return { type: 'application/x-www-form-urlencoded', payload: parts.join('&') };
    }
    case 'json':
      return { type: 'application/json', payload: JSON.stringify(withToken(plan.csrf, object(plan.pairs))) };
    case 'json-any': {
      const value = plan.value !== null && typeof plan.value === 'object' && !Array.isArray(plan.value) ? withToken(plan.csrf, plan.value as Record<string, unknown>) : plan.value;
      return { type: 'application/json', payload: JSON.stringify(value) ?? 'null' };
    }
    case 'json-text':
      return { type: 'application/json', payload: plan.text };
    case 'multipart': {
      const part = (name: string, value: string) => `--b0undary\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
      const text = part('_csrf', identity.csrf) + plan.pairs.map(([n, v]) => part(n, String(v))).join('') + '--b0undary--\r\n';
      return { type: 'multipart/form-data; boundary=b0undary', payload: text };
    }
    case 'wrong-type':
      return { type: plan.type, payload: [`_csrf=${encodeURIComponent(identity.csrf)}`, ...urlencoded(plan.pairs, encoded)].join('&') };
    case 'empty':
      return plan.type ? { type: plan.type, payload: '' } : { payload: '' };
    case 'large': {
      const value = plan.unit.repeat(Math.floor(200_000 / Buffer.byteLength(plan.unit)));
      if (plan.json) return { type: 'application/json', payload: JSON.stringify({ _csrf: identity.csrf, [plan.name]: value }) };
      return { type: 'application/x-www-form-urlencoded', payload: `_csrf=${encodeURIComponent(identity.csrf)}&${plan.name}=${value}` };
    }
  }
}

const oddTypes = ['text/plain', 'application/xml', 'application/x-www-form-urlencoded; charset=latin1', 'application/json; charset=utf-16',
  'application/jsonp', 'application/json, text/plain', 'x/y', '*/*', 'application/x-www-form-urlencoded, application/json', ';', 'text/html'];
const brokenJson = ['{', '{"name": ', '[', '"', '{"a":1}}', '\u0000', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}', '1'.repeat(400)];

/** evilValue is a field's value that has broken a store before: NUL, a lone surrogate, C1 controls, a huge number. */
const evilValue = fc.oneof(
  fc.constantFrom('\u0000', 'Anna\u0000', '\ud800', 'Anna\udfff', '\u0085', '\u0080\u009f', '\u202e', '9'.repeat(40), '-0', '1e309', 'x'.repeat(5000)),
  anyText,
);

/** goodBodies is a route's own form, as it is, with one field changed to an evil value, or with one field more. */
function goodBodies(good: [string, string | string[]][], json: boolean): fc.Arbitrary<BodyPlan> {
  const pairs = fc.oneof(
    fc.constant(good),
    ...(good.length > 0 ? [fc.tuple(fc.nat(good.length - 1), evilValue).map(([at, value]) => good.map(([name, v], i): [string, string | string[]] => [name, i === at ? value : v]))] : []),
    fc.tuple(fieldName, fieldValue).map((extra): [string, string | string[]][] => [...good, extra]),
  );
  return json
    ? fc.record({ kind: fc.constant('json' as const), pairs, csrf: fc.constant<CsrfChoice>('missing') })
    : fc.record({ kind: fc.constant('form' as const), pairs, csrf: csrfChoice, raw: fc.constant(false) });
}

/** anyBody is a body of any kind; a large one (200,000 characters, under the 256 KiB limit) now and then. */
const anyBody: fc.Arbitrary<BodyPlan> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('form' as const), pairs: fields, csrf: csrfChoice, raw: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('json' as const), pairs: fields, csrf: csrfChoice }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('json-any' as const), value: fc.jsonValue({ maxDepth: 3 }), csrf: csrfChoice }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('json-text' as const), text: fc.constantFrom(...brokenJson) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('multipart' as const), pairs: fields }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('wrong-type' as const), type: fc.constantFrom(...oddTypes), pairs: fields }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('empty' as const), type: fc.constantFrom(null, 'application/json', 'application/x-www-form-urlencoded') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('large' as const), name: fc.constantFrom(...fieldNames), unit: fc.constantFrom('x', 'й', '%FF', '🙂'), json: fc.boolean() }) },
);

const queryKeys = ['lang', 'list', 'page', 'asked', 'order', 'signed', 'done', 'n', 'from', 'to', 'reason', 'region', 'text', 'changes',
  'code', 'index', 'size', 'language', 'limit', 'offset', '__proto__', 'constructor', 'a[b]', 'list[]'];
const query = fc.option(
  fc.array(fc.tuple(fc.oneof(fc.constantFrom(...queryKeys), anyText.map(encoded)), fc.oneof(plausible, segment)), { minLength: 1, maxLength: 6 })
    .map((pairs) => `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`),
  { freq: 2 },
);

const headerText = fc.string({ unit: fc.constantFrom(...'abcXYZ019-_,;=*.:/ \t"\'()<>@[]?{}', 'é', 'ÿ', '\u0085', '\u00a0'), maxLength: 40 });
const ipv4 = fc.ipV4();
const ipv6 = fc.ipV6();
const forwardedFor = fc.tuple(
  fc.array(fc.oneof(ipv4, ipv6, fc.constantFrom('unknown', '_hidden', '', '300.1.1.1', '::ffff:10.0.0.1', '[::1]:80', '1.2.3.4:5678'), headerText), { minLength: 1, maxLength: 6 }),
  fc.constantFrom(', ', ',', ' , '),
).map(([hops, separator]) => hops.join(separator));
const headers = fc.record({
  accept: fc.option(fc.oneof(fc.constantFrom('text/html', 'application/json', 'text/event-stream', '*/*', '', 'application/json, text/html;q=0.9', 'image/*'), headerText)),
  'accept-language': fc.option(fc.oneof(fc.constantFrom('ru', 'uk-UA,uk;q=0.9', 'en;q=abc', '*', 'zz', 'ru-RU;q=0.5,,,,;q=', 'x'.repeat(2000)), headerText)),
  'x-forwarded-for': fc.option(forwardedFor),
  'sec-fetch-site': fc.option(fc.constantFrom('same-origin', 'none', 'cross-site', 'same-site', 'garbage')),
  cookie: fc.option(fc.constantFrom('veche_lang=zz', 'veche_lang=%FF', 'veche_voter=garbage', 'veche_voter=' + 'A'.repeat(500),
    'veche_session=' + 'x'.repeat(101), 'veche_csrf=' + 'y'.repeat(65), '=; ==; a', 'veche_lang=ru; veche_lang=uk')),
  origin: fc.option(fc.constantFrom('null', 'https://evil.example', 'http://localhost:3000')),
  authorization: fc.option(fc.constantFrom(`Bearer ${metricsToken}`, `Bearer ${metricsToken}x`, 'Bearer wrong', 'Basic b3duZXI6cGFzcw==', 'Bearer', '', `bearer ${'x'.repeat(300)}`)),
}, { requiredKeys: [] });

const remoteAddress = fc.oneof(ipv4, ipv6, fc.constant('127.0.0.1'));

/** Attack is one request against one route. */
interface Attack {
  visitor: Visitor;
  method: string;
  params: Record<string, string>;
  query: string | null;
  body: BodyPlan | null;
  headers: Partial<Record<string, string | null>>;
  remoteAddress: string;
}

function attacksOn(route: ServedRoute): fc.Arbitrary<Attack> {
  const valid = catalogue[keyOf(route)].fill(fx);
  const params = paramsOf(route.path, valid);
  const odd = route.method === 'GET' ? ['HEAD', 'POST', 'OPTIONS', 'PUT'] : ['GET', 'PATCH', 'PUT', 'OPTIONS'];
  const method = fc.oneof({ weight: 9, arbitrary: fc.constant(route.method) }, { weight: 1, arbitrary: fc.constantFrom(...odd) });
  // A GET now and then carries a body too; a POST now and then carries none; a route that takes a form gets it most
  // often, right or changed in one field, so that the fuzzer gets past validation into the actions and the queries.
  const info = catalogue[keyOf(route)];
  const body = route.method === 'GET'
    ? fc.oneof({ weight: 9, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: anyBody })
    : fc.oneof(
      { weight: 1, arbitrary: fc.constant(null) },
      { weight: 8, arbitrary: anyBody },
      { weight: info.form ? 12 : 0, arbitrary: goodBodies(Object.entries(info.form?.(fx) ?? {}), route.path.startsWith('/api/')) },
    );
  return fc.record({ visitor: fc.constantFrom(...visitors), method, params, query, body, headers, remoteAddress });
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
  return answer.status === 403 && (answer.body.includes('"code":"csrf"') || answer.body.includes('This form has expired'));
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
const url = (route: ServedRoute, attack: Attack) => urlOf(route.path, (name) => attack.params[name]) + (attack.query ?? '');

async function send(route: ServedRoute, attack: Attack): Promise<Answer> {
  // Logging out ends the session it is sent with: it gets a session of its own, so the visitor keeps theirs. (A
  // disabled account can open no page to get a token for a new one, and has nothing to lose.)
  const fresh = route.path === '/logout' && attack.visitor !== 'anonymous' && attack.visitor !== 'disabled';
  const identity = fresh ? await world.freshSession(attack.visitor as Exclude<Visitor, 'anonymous'>) : world.identities[attack.visitor];
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(attack.headers)) if (value !== null && value !== undefined) headers[name] = value;
  const body = attack.body ? bodyOf(attack.body, identity) : undefined;
  if (body?.type) headers['content-type'] = body.type;
  const options: InjectOptions = { method: attack.method as 'GET', url: url(route, attack), headers, payload: body?.payload, remoteAddress: attack.remoteAddress };
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
  const headers: Record<string, string | number> = { ...given, ...(identity.cookie ? { cookie: [identity.cookie, given.cookie].filter(Boolean).join('; ') } : {}) };
  // Node's client frames no body on GET or HEAD by itself: say its length, else its bytes would read as a second request.
  if (options.payload !== undefined) headers['content-length'] = Buffer.byteLength(options.payload as string);
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port: listening, method: options.method, path, headers, agent: false }, (response) => {
      if (String(response.headers['content-type']).startsWith('text/event-stream')) {
        response.destroy();
        resolve({ status: response.statusCode!, body: '' });
        return;
      }
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body: Buffer.concat(chunks).toString() }));
      response.on('error', reject);
    });
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
      await fc.assert(fc.asyncProperty(attacksOn(route), async (attack) => {
        const mark = world.log.lines.length;
        const answer = await send(route, attack);
        // Let the response's hooks (where a failed request is logged) run before the log is read.
        await new Promise((resolve) => setImmediate(resolve));
        tally.requests++;
        tally.statuses.set(answer.status, (tally.statuses.get(answer.status) ?? 0) + 1);
        if (!refusedBeforeHandler(answer)) tally.reached++;
        const errors = world.log.errorsSince(mark);
        const failure = answer.status >= 500 ? `answered ${answer.status}: ${answer.body.slice(0, 300)}`
          : errors.length > 0 ? `made the server log an error: ${errors.join('\n')}` : null;
        if (failure === null) return;
        if (!SURVEY) assert.fail(`${attack.visitor}: ${attack.method} ${url(route, attack)} ${failure}`);
        const kind = `${answer.status} ${errors.map(logged).join('; ')}`;
        survey.set(`${key} → ${kind}`, [...survey.get(`${key} → ${kind}`) ?? [], `${attack.visitor}: ${attack.method} ${url(route, attack).slice(0, 160)}`]);
      }), { seed: seedOf(key), numRuns: FUZZ_RUNS, endOnFailure: true });
      const statuses = [...tally.statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
      t.diagnostic(`${key}: ${tally.reached}/${tally.requests} reached the handler (${statuses})`);
      assert.ok(tally.reached > 0, `no request reached the handler of ${key}: ${statuses}`);
    });
  }
  const total = [...tallies.values()].reduce((sum, x) => sum + x.requests, 0);
  t.diagnostic(`${total} requests to ${tallies.size} routes`);
  for (const [kind, examples] of survey) t.diagnostic(`FAILURE ${kind} (${examples.length}×), e.g. ${examples.slice(0, 3).join(' | ')}`);
  assert.equal(survey.size, 0, 'the survey found failures: see the diagnostics');
});

/** sweepValues are what each parameter and field gets in turn, the rest of the request right. */
const sweepValues = (valid: string) => ['%00', `${valid}%00`, `%00${valid}`, '%C2%85', `${valid}%C2%9F`, `${valid}%ED%A0%80`, 'x'.repeat(200), '..', '%2F%2Fhost'];
const sweepFields = ['\u0000', 'Anna\u0000', '\ud800', '\u0085', '\u009f', 'x'.repeat(5000)];

test('a NUL, a C1 control, a lone surrogate or an overlong value in any one parameter or field, the rest right, is never a 5xx', async (t) => {
  const failures: string[] = [];
  let requests = 0;
  const check = async (route: ServedRoute, visitor: Visitor, params: Record<string, string>, pairs: [string, string | string[]][] | null) => {
    const api = route.path.startsWith('/api/');
    const body: BodyPlan | null = pairs === null ? null : api ? { kind: 'json', pairs, csrf: 'missing' } : { kind: 'form', pairs, csrf: 'valid', raw: false };
    // Each from an address of its own, so that no rate limit answers in the handler's place.
    const remoteAddress = `198.18.${(requests >> 8) & 255}.${requests & 255}`;
    const attack: Attack = { visitor, method: route.method, params, query: null, body, headers: {}, remoteAddress };
    const mark = world.log.lines.length;
    const answer = await send(route, attack);
    await new Promise((resolve) => setImmediate(resolve));
    requests++;
    const errors = world.log.errorsSince(mark).map(logged);
    if (answer.status >= 500 || errors.length > 0) failures.push(`${keyOf(route)}: ${visitor} ${route.method} ${url(route, attack).slice(0, 120)} ${pairs ? JSON.stringify(Object.fromEntries(pairs)).slice(0, 80) : ''} → ${answer.status} ${errors.join('; ')}`);
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
        for (const value of sweepValues(valid[name] ?? 'nope')) await check(route, visitor, { ...valid, [name]: value }, form);
      }
      for (const [at] of (form ?? []).entries()) {
        for (const value of sweepFields) await check(route, visitor, valid, form!.map(([n, v], i) => [n, i === at ? value : v]));
      }
    }
  }
  t.diagnostic(`${requests} requests`);
  assert.ok(requests > 1000, `the sweep sent ${requests} requests`);
  assert.deepEqual(failures, [], `${failures.length} answers were a 5xx or logged an error`);
});
