// What an attacker sends, as fast-check arbitraries: path parameters, query strings, bodies, cookies, headers and
// addresses, most of them broken in the ways that have broken routers, parsers and databases before, and some right,
// so that a request changed in one place gets as far as it can.
import fc from 'fast-check';
import { metricsToken, visitors, type Identity, type Visitor } from './world.ts';
import { paramNames, type Fixtures, type RouteInfo } from './routes.ts';
import type { ServedRoute } from '../../src/web/server.ts';
import { FORM_FIELDS } from '../support/form-fields.ts';

const c1 = Array.from({ length: 32 }, (_, i) => String.fromCharCode(0x80 + i));
/** evil are path and query values that have broken routers and parsers before, written as they go on the wire. */
const evil = [
  '%00',
  'a%00b',
  '%C2%80',
  '%C2%85',
  '%C2%9F',
  '%ED%A0%80',
  '%ED%BF%BF',
  '%ED%A0%80%ED%B0%80',
  '%FF%FE',
  '%C0%AF',
  '%C0%80',
  '%E2%80%AE',
  '%EF%BB%BF',
  '%F4%90%80%80',
  '%25',
  '%',
  '%2',
  '%zz',
  '..',
  '%2e%2e',
  '.',
  '..%2F..%2Fpackage.json',
  '%2F',
  '//host',
  '%2F%2Fhost',
  '\\\\host',
  'a;b',
  'a,b',
  '__proto__',
  'constructor',
  'toString',
  '0',
  '-1',
  '1e999',
  '9'.repeat(30),
  'NaN',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  "'%20or%201=1--",
  '%3Cscript%3E',
  'x'.repeat(199),
  'x'.repeat(200),
  'x'.repeat(201),
  'x'.repeat(4000),
  'p',
  's',
  'q',
  'AAAAAA',
  'aaaa-aa',
  '🙂',
  '%F0%9F%99%82',
  'й',
  'Ё'.repeat(100),
];

/** encoded percent-escapes a string as a browser would, keeping lone surrogates as the bytes an attacker would send. */
export function encoded(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return [...text]
      .map((ch) => (ch.length === 1 && /[\uD800-\uDFFF]/.test(ch) ? '%ED%A0%80' : encodeURIComponent(ch)))
      .join('');
  }
}

const anyText = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({
    unit: fc.constantFrom(
      ...c1,
      '\u0000',
      '\u001f',
      '\u007f',
      '\ud800',
      '\udfff',
      '\u202e',
      '\ufeff',
      '\ufffd',
      'a',
      '.',
      '/',
    ),
    maxLength: 12,
  }),
);

/** segment is a path parameter or query value as sent on the wire. */
const segment = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...evil) },
  { weight: 2, arbitrary: anyText.map(encoded) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...c1, 'a', 'é'), minLength: 1, maxLength: 6 }) },
);

/** changed is a value that exists, changed a little: the bytes that break a query when the rest of a request is right. */
const changed = (valid: string) =>
  fc.oneof(
    {
      weight: 1,
      arbitrary: fc.constantFrom(`${valid}%00`, `%00${valid}`, `${valid}%C2%85`, `${valid}%ED%A0%80`, `${valid}%FF`),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        valid.toLowerCase(),
        valid.toUpperCase(),
        `${valid}/`,
        valid.slice(0, -1),
        `${valid}x`,
        `${valid}..`,
        `${valid}%2F..`,
        `${valid}${'x'.repeat(150)}`,
      ),
    },
  );

/** paramValue is the value that exists (most often, so that handlers are reached), one changed a little, or an evil one. */
const paramValue = (valid: string) =>
  fc.oneof(
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
  const allButOne = fc
    .constantFrom(...names)
    .chain((name) =>
      fc
        .oneof(changed(valid[name] ?? 'nope'), segment)
        .map((value) => ({ ...Object.fromEntries(names.map((n) => [n, valid[n] ?? 'nope'])), [name]: value })),
    );
  return fc.oneof(each, allButOne);
}

/** fieldNames are the fields the site's forms and API read, and some they do not. */
const fieldNames = [...FORM_FIELDS, '__proto__', 'constructor', 'zzz'];

/** fieldValue is what a field holds in a form: text (often plausible), or many of them. */
const plausible = fc.constantFrom(
  'Anna',
  'anna@example.org',
  'UA-30',
  'on',
  'organiser',
  'moderator',
  'admin',
  'en',
  'ru',
  'uk',
  'email',
  'none',
  'required',
  'optional',
  'signer',
  'never',
  '100',
  '2031-01-01',
  '2026-03-12T12:00',
  'burst',
  'spam',
  'abuse',
  'popular',
  'recent',
  'answered',
  'UTC',
  'Europe/Kyiv',
  'before',
  'after',
  '1',
  'A petition title that is long enough',
);
const fieldValue = fc.oneof(
  { weight: 3, arbitrary: plausible },
  { weight: 3, arbitrary: anyText },
  { weight: 1, arbitrary: fc.constantFrom(...evil) },
);
const fieldName = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...fieldNames) }, { weight: 1, arbitrary: anyText });
const fields = fc.array(
  fc.tuple(
    fieldName,
    fc.oneof({ weight: 4, arbitrary: fieldValue }, { weight: 1, arbitrary: fc.array(fieldValue, { maxLength: 3 }) }),
  ),
  { maxLength: 8 },
);

/** CsrfChoice is the form token a request carries: the visitor's own (most often), none, or a wrong one. */
export type CsrfChoice = 'valid' | 'missing' | 'wrong';
const csrfChoice = fc.constantFrom<CsrfChoice>('valid', 'valid', 'valid', 'valid', 'missing', 'wrong');

/**
 * BodyPlan is one request body as data (so that fast-check can print it): its kind, its fields, and which form token
 * it carries; `bodyOf` writes it for a visitor once the visitor (and so the token) is known.
 */
export type BodyPlan =
  | { kind: 'form'; pairs: [string, string | string[]][]; csrf: CsrfChoice; raw: boolean }
  | { kind: 'json'; pairs: [string, string | string[]][]; csrf: CsrfChoice }
  | { kind: 'json-any'; value: unknown; csrf: CsrfChoice }
  | { kind: 'json-text'; text: string }
  | { kind: 'multipart'; pairs: [string, string | string[]][] }
  | { kind: 'wrong-type'; type: string; pairs: [string, string | string[]][] }
  | { kind: 'empty'; type: string | null }
  | { kind: 'large'; name: string; unit: string; json: boolean };

const tokenOf = (choice: CsrfChoice, identity: Identity) =>
  choice === 'valid' ? identity.csrf : choice === 'wrong' ? 'A'.repeat(43) : undefined;

/** bodyOf writes a planned body for a visitor: its content type (none for some) and its bytes. */
export function bodyOf(plan: BodyPlan, identity: Identity): { type?: string; payload: string } {
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
      const value =
        plan.value !== null && typeof plan.value === 'object' && !Array.isArray(plan.value)
          ? withToken(plan.csrf, plan.value as Record<string, unknown>)
          : plan.value;
      return { type: 'application/json', payload: JSON.stringify(value) ?? 'null' };
    }
    case 'json-text':
      return { type: 'application/json', payload: plan.text };
    case 'multipart': {
      const part = (name: string, value: string) =>
        `--b0undary\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
      const text = `${part('_csrf', identity.csrf) + plan.pairs.map(([n, v]) => part(n, String(v))).join('')}--b0undary--\r\n`;
      return { type: 'multipart/form-data; boundary=b0undary', payload: text };
    }
    case 'wrong-type':
      return {
        type: plan.type,
        payload: [`_csrf=${encodeURIComponent(identity.csrf)}`, ...urlencoded(plan.pairs, encoded)].join('&'),
      };
    case 'empty':
      return plan.type ? { type: plan.type, payload: '' } : { payload: '' };
    case 'large': {
      const value = plan.unit.repeat(Math.floor(200_000 / Buffer.byteLength(plan.unit)));
      if (plan.json)
        return { type: 'application/json', payload: JSON.stringify({ _csrf: identity.csrf, [plan.name]: value }) };
      return {
        type: 'application/x-www-form-urlencoded',
        payload: `_csrf=${encodeURIComponent(identity.csrf)}&${plan.name}=${value}`,
      };
    }
  }
}

const oddTypes = [
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded; charset=latin1',
  'application/json; charset=utf-16',
  'application/jsonp',
  'application/json, text/plain',
  'x/y',
  '*/*',
  'application/x-www-form-urlencoded, application/json',
  ';',
  'text/html',
];
const brokenJson = [
  '{',
  '{"name": ',
  '[',
  '"',
  '{"a":1}}',
  '\u0000',
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"x":1}}}',
  '1'.repeat(400),
];

/** evilValue is a field's value that has broken a store before: NUL, a lone surrogate, C1 controls, a huge number. */
const evilValue = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'Anna\u0000',
    '\ud800',
    'Anna\udfff',
    '\u0085',
    '\u0080\u009f',
    '\u202e',
    '9'.repeat(40),
    '-0',
    '1e309',
    'x'.repeat(5000),
  ),
  anyText,
);

/** goodBodies is a route's own form, as it is, with one field changed to an evil value, or with one field more. */
function goodBodies(good: [string, string | string[]][], json: boolean): fc.Arbitrary<BodyPlan> {
  const pairs = fc.oneof(
    fc.constant(good),
    ...(good.length > 0
      ? [
          fc
            .tuple(fc.nat(good.length - 1), evilValue)
            .map(([at, value]) =>
              good.map(([name, v], i): [string, string | string[]] => [name, i === at ? value : v]),
            ),
        ]
      : []),
    fc.tuple(fieldName, fieldValue).map((extra): [string, string | string[]][] => [...good, extra]),
  );
  return json
    ? fc.record({ kind: fc.constant('json' as const), pairs, csrf: fc.constant<CsrfChoice>('missing') })
    : fc.record({ kind: fc.constant('form' as const), pairs, csrf: csrfChoice, raw: fc.constant(false) });
}

/** anyBody is a body of any kind; a large one (200,000 characters, under the 256 KiB limit) now and then. */
const anyBody: fc.Arbitrary<BodyPlan> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('form' as const), pairs: fields, csrf: csrfChoice, raw: fc.boolean() }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('json' as const), pairs: fields, csrf: csrfChoice }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('json-any' as const),
      value: fc.jsonValue({ maxDepth: 3 }),
      csrf: csrfChoice,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('json-text' as const), text: fc.constantFrom(...brokenJson) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('multipart' as const), pairs: fields }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('wrong-type' as const),
      type: fc.constantFrom(...oddTypes),
      pairs: fields,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('empty' as const),
      type: fc.constantFrom(null, 'application/json', 'application/x-www-form-urlencoded'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('large' as const),
      name: fc.constantFrom(...fieldNames),
      unit: fc.constantFrom('x', 'й', '%FF', '🙂'),
      json: fc.boolean(),
    }),
  },
);

const queryKeys = [
  'lang',
  'list',
  'page',
  'asked',
  'order',
  'signed',
  'done',
  'n',
  'from',
  'to',
  'reason',
  'region',
  'text',
  'changes',
  'code',
  'index',
  'size',
  'language',
  'limit',
  'offset',
  '__proto__',
  'constructor',
  'a[b]',
  'list[]',
];
const query = fc.option(
  fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...queryKeys), anyText.map(encoded)), fc.oneof(plausible, segment)), {
      minLength: 1,
      maxLength: 6,
    })
    .map((pairs) => `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`),
  { freq: 2 },
);

const headerText = fc.string({
  unit: fc.constantFrom(...'abcXYZ019-_,;=*.:/ \t"\'()<>@[]?{}', 'é', 'ÿ', '\u0085', '\u00a0'),
  maxLength: 40,
});
const ipv4 = fc.ipV4();
const ipv6 = fc.ipV6();
const forwardedFor = fc
  .tuple(
    fc.array(
      fc.oneof(
        ipv4,
        ipv6,
        fc.constantFrom('unknown', '_hidden', '', '300.1.1.1', '::ffff:10.0.0.1', '[::1]:80', '1.2.3.4:5678'),
        headerText,
      ),
      { minLength: 1, maxLength: 6 },
    ),
    fc.constantFrom(', ', ',', ' , '),
  )
  .map(([hops, separator]) => hops.join(separator));
const headers = fc.record(
  {
    accept: fc.option(
      fc.oneof(
        fc.constantFrom(
          'text/html',
          'application/json',
          'text/event-stream',
          '*/*',
          '',
          'application/json, text/html;q=0.9',
          'image/*',
        ),
        headerText,
      ),
    ),
    'accept-language': fc.option(
      fc.oneof(
        fc.constantFrom('ru', 'uk-UA,uk;q=0.9', 'en;q=abc', '*', 'zz', 'ru-RU;q=0.5,,,,;q=', 'x'.repeat(2000)),
        headerText,
      ),
    ),
    'x-forwarded-for': fc.option(forwardedFor),
    'sec-fetch-site': fc.option(fc.constantFrom('same-origin', 'none', 'cross-site', 'same-site', 'garbage')),
    cookie: fc.option(
      fc.constantFrom(
        'veche_lang=zz',
        'veche_lang=%FF',
        'veche_voter=garbage',
        `veche_voter=${'A'.repeat(500)}`,
        `veche_session=${'x'.repeat(101)}`,
        `veche_csrf=${'y'.repeat(65)}`,
        '=; ==; a',
        'veche_lang=ru; veche_lang=uk',
      ),
    ),
    origin: fc.option(fc.constantFrom('null', 'https://evil.example', 'http://localhost:3000')),
    authorization: fc.option(
      fc.constantFrom(
        `Bearer ${metricsToken}`,
        `Bearer ${metricsToken}x`,
        'Bearer wrong',
        'Basic b3duZXI6cGFzcw==',
        'Bearer',
        '',
        `bearer ${'x'.repeat(300)}`,
      ),
    ),
  },
  { requiredKeys: [] },
);

const remoteAddress = fc.oneof(ipv4, ipv6, fc.constant('127.0.0.1'));

/** Attack is one request against one route. */
export interface Attack {
  visitor: Visitor;
  method: string;
  params: Record<string, string>;
  query: string | null;
  body: BodyPlan | null;
  headers: Partial<Record<string, string | null>>;
  remoteAddress: string;
}

/** attacksOn is every request the fuzzer may send to one route, given what the route is known to take. */
export function attacksOn(route: ServedRoute, info: RouteInfo, fx: Fixtures): fc.Arbitrary<Attack> {
  const valid = info.fill(fx);
  const params = paramsOf(route.path, valid);
  const odd = route.method === 'GET' ? ['HEAD', 'POST', 'OPTIONS', 'PUT'] : ['GET', 'PATCH', 'PUT', 'OPTIONS'];
  const method = fc.oneof(
    { weight: 9, arbitrary: fc.constant(route.method) },
    { weight: 1, arbitrary: fc.constantFrom(...odd) },
  );
  // A GET now and then carries a body too; a POST now and then carries none; a route that takes a form gets it most
  // often, right or changed in one field, so that the fuzzer gets past validation into the actions and the queries.
  const body =
    route.method === 'GET'
      ? fc.oneof({ weight: 9, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: anyBody })
      : fc.oneof(
          { weight: 1, arbitrary: fc.constant(null) },
          { weight: 8, arbitrary: anyBody },
          {
            weight: info.form ? 12 : 0,
            arbitrary: goodBodies(Object.entries(info.form?.(fx) ?? {}), route.path.startsWith('/api/')),
          },
        );
  return fc.record({ visitor: fc.constantFrom(...visitors), method, params, query, body, headers, remoteAddress });
}
