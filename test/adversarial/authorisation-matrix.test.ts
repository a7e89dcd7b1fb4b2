// The authorisation matrix (issue 9): every route that needs an account, tried by every kind of visitor — nobody
// signed in, the organiser who owns the petition or event, another organiser, a moderator of the event and one of no
// event of the owner's, an admin, and a disabled account (an admin, disabled after its session began). The table says
// what each must get: the page or the action done, 403, the way to the login page, or 404 where existence is hidden.
// A refusal is checked in the data too — a refused close leaves the petition open — and a refused page must not
// carry what it guards. An allowed attempt must really happen, or the check of a refusal could pass for nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { startWorld, metricsToken, outboxFiles, actorOf, askAnyway, eventFields, openEvent, openPetition, password, petitionFields, signCounted, visitors, type Visitor, type World } from './world.ts';
import { startTestApp } from '../http/support.ts';
import { buildFixtures, catalogue, routesOf, keyOf, unclassified, type Fixtures } from './routes.ts';
import { findPetition } from '../../src/store/petitions.ts';
import { findEventByCode, isModerator } from '../../src/store/events.ts';
import { findQuestion } from '../../src/store/questions.ts';
import { addEventModerator } from '../../src/actions/organise-event.ts';
import { closePetition } from '../../src/actions/organise-petition.ts';
import { randomId } from '../../src/crypto/tokens.ts';
import { insertAccount } from '../../src/store/accounts.ts';

/** Outcome is what a visitor must get: the page or action, 403, the way to log in, or 404 (existence hidden). */
type Outcome = 'allowed' | 'forbidden' | 'login' | 'hidden';

/** Attempt is one visitor's try at a route, on targets made fresh for it. */
interface Attempt {
  method: 'GET' | 'POST';
  url: string;
  fields?: Record<string, string | string[]>;
  /** secret is what the route guards: it must not be in a refused answer (nor in an allowed one for `hideFrom`). */
  secret?: string;
  /** happened tells whether the action took place, read from the store. */
  happened?: () => Promise<boolean>;
  /** served tells an allowed answer from the rest (by default a 200 page, or a 303 that is not to /login). */
  served?: (response: LightMyRequestResponse) => boolean;
}

/** Row is one route's line of the matrix. */
interface Row {
  expect: Record<Visitor, Outcome>;
  /** hideFrom are visitors who may open the page but must not see its secret (another organiser's list, say). */
  hideFrom?: Visitor[];
  attempt(visitor: Visitor): Promise<Attempt>;
}

// The columns a route's row most often has. A disabled account is refused as if signed out: its session no longer counts.
const everyAccount: Record<Visitor, Outcome> = { anonymous: 'login', owner: 'allowed', otherOrganiser: 'allowed', moderator: 'allowed', otherModerator: 'allowed', admin: 'allowed', disabled: 'login' };
const organisers: Record<Visitor, Outcome> = { ...everyAccount, moderator: 'forbidden', otherModerator: 'forbidden' };
const ownerOrAdmin: Record<Visitor, Outcome> = { ...organisers, otherOrganiser: 'forbidden' };
const eventModerators: Record<Visitor, Outcome> = { ...ownerOrAdmin, moderator: 'allowed' };
const adminOnly: Record<Visitor, Outcome> = { ...ownerOrAdmin, owner: 'forbidden' };

let world: World;
let fx: Fixtures;
const db = () => world.t.app.store.db;
const owner = () => actorOf(world, 'owner');
/** marker is a text found nowhere else, so that a page that shows it is known to show what it guards. */
const marker = (what: string) => `${what} ${randomId(10)}`;

/** quietModerator is a moderator of every event made here who never visits: a name only the dashboard shows. */
const quietModerator = { login: 'zoryana', name: 'Zoryana Quiet-Moderator' };

before(async () => {
  world = await startWorld({ VECHE_METRICS_TOKEN: metricsToken });
  fx = await buildFixtures(world);
  await insertAccount(db(), { login: quietModerator.login, display_name: quietModerator.name, role: 'moderator', password_hash: 'none', created_at: Date.now() });
});
after(() => world?.stop());

/** petitionIn makes a fresh petition of the owner's in a state, titled with a marker. */
async function petitionIn(state: 'draft' | 'open' | 'closed', change: Record<string, unknown> = {}): Promise<{ id: string; title: string }> {
  const title = marker('Return our husbands');
  const id = await openPetition(world, owner(), { title, ...change }, state !== 'draft');
  if (state === 'closed') await closePetition(world.t.app, owner(), id);
  return { id, title };
}

const status = async (id: string) => (await findPetition(db(), id))?.status;

/** eventWith makes a fresh event of the owner's, moderated by the moderator, with a question waiting for approval. */
async function eventWith(): Promise<{ code: string; pending: string; pendingText: string; title: string }> {
  const title = marker('Town hall');
  const code = await openEvent(world, owner(), { title, moderation: 'before' });
  await addEventModerator(world.t.app, owner(), code, { login: world.identities.moderator.login });
  await addEventModerator(world.t.app, owner(), code, { login: quietModerator.login });
  const pendingText = marker('Who signed the order to close the maternity ward?');
  const pending = await askAnyway(world, code, pendingText);
  return { code, pending, pendingText, title };
}

const questionStatus = async (code: string, id: string) => {
  const event = await findEventByCode(db(), code);
  return (await findQuestion(db(), Number(event!.id), id))?.status;
};

/** matrix is the table: one row per route that needs an account (see `Access` in routes.ts). */
const matrix: Record<string, Row> = {
  'GET /admin': {
    expect: everyAccount,
    // The home lists the petitions one may manage: the owner's draft is not another organiser's or a moderator's to see.
    hideFrom: ['otherOrganiser', 'moderator', 'otherModerator'],
    attempt: async () => ({ method: 'GET', url: '/admin', secret: (await petitionIn('draft')).title }),
  },
  'POST /admin/invitations': {
    expect: adminOnly,
    attempt: async () => {
      const count = async () => (await db().selectFrom('invitations').select('id').execute()).length;
      const before = await count();
      return { method: 'POST', url: '/admin/invitations', fields: { role: 'admin' }, happened: async () => await count() > before, served: (r) => r.statusCode === 200 && r.body.includes('/join/') };
    },
  },
  'GET /admin/password': { expect: everyAccount, attempt: async () => ({ method: 'GET', url: '/admin/password' }) },
  'POST /admin/password': {
    expect: everyAccount,
    attempt: async () => {
      // The same password again: a new hash (a new salt) shows the change, and every account keeps its password.
      const hashes = async () => new Map((await db().selectFrom('accounts').select(['id', 'password_hash']).execute()).map((a) => [Number(a.id), a.password_hash]));
      const before = await hashes();
      return {
        method: 'POST', url: '/admin/password', fields: { currentPassword: password, newPassword: password, newPasswordAgain: password },
        happened: async () => [...await hashes()].some(([id, hash]) => before.get(id) !== hash),
      };
    },
  },
  'GET /admin/petitions': { expect: everyAccount, attempt: async () => ({ method: 'GET', url: '/admin/petitions', served: (r) => r.statusCode === 303 && r.headers.location === '/admin' }) },
  'GET /admin/petitions/new': { expect: organisers, attempt: async () => ({ method: 'GET', url: '/admin/petitions/new' }) },
  'POST /admin/petitions': {
    expect: organisers,
    attempt: async () => {
      const title = marker('A new demand');
      const fields = Object.fromEntries(Object.entries(petitionFields({ title })).map(([k, v]) => [k, v as string | string[]]));
      return { method: 'POST', url: '/admin/petitions', fields, happened: async () => (await db().selectFrom('petitions').select('id').where('title', '=', title).execute()).length > 0 };
    },
  },
  'GET /admin/petitions/:id': {
    expect: ownerOrAdmin,
    attempt: async () => {
      const { id, title } = await petitionIn('draft');
      return { method: 'GET', url: `/admin/petitions/${id}`, secret: title };
    },
  },
  'GET /admin/petitions/:id/edit': {
    expect: ownerOrAdmin,
    attempt: async () => {
      const { id, title } = await petitionIn('draft');
      return { method: 'GET', url: `/admin/petitions/${id}/edit`, secret: title };
    },
  },
  'POST /admin/petitions/:id/edit': {
    expect: ownerOrAdmin,
    attempt: async () => {
      const { id } = await petitionIn('draft');
      const title = marker('Rewritten by someone');
      const fields = Object.fromEntries(Object.entries(petitionFields({ title })).map(([k, v]) => [k, v as string | string[]]));
      return { method: 'POST', url: `/admin/petitions/${id}/edit`, fields, happened: async () => (await findPetition(db(), id))?.title === title };
    },
  },
  'POST /admin/petitions/:id/publish': {
    expect: ownerOrAdmin,
    attempt: async () => {
      const { id } = await petitionIn('draft');
      return { method: 'POST', url: `/admin/petitions/${id}/publish`, happened: async () => await status(id) === 'open' };
    },
  },
  'POST /admin/petitions/:id/close': {
    expect: ownerOrAdmin,
    attempt: async () => {
      const { id } = await petitionIn('open');
      return { method: 'POST', url: `/admin/petitions/${id}/close`, fields: { confirm: 'yes' }, happened: async () => await status(id) === 'closed' };
    },
  },
  'POST /admin/petitions/:id/response': {
    expect: ownerOrAdmin,
    attempt: async () => {
      const { id } = await petitionIn('closed');
      return { method: 'POST', url: `/admin/petitions/${id}/response`, fields: { response: 'The ministry refused.' }, happened: async () => (await findPetition(db(), id))?.response !== null };
    },
  },
  'POST /admin/petitions/:id/invalidate': {
    expect: ownerOrAdmin,
    attempt: async () => {
      const { id } = await petitionIn('open');
      await signCounted(world, id, 'Halyna');
      await signCounted(world, id, 'Iryna');
      const minute = Math.floor(Date.now() / 60_000);
      const petitionId = Number((await findPetition(db(), id))!.id);
      return {
        // The second step, which carries the number the first showed: two signatures.
        method: 'POST', url: `/admin/petitions/${id}/invalidate`, fields: { from: String(minute - 60), to: String(minute + 60), reason: 'burst', expected: '2' },
        happened: async () => (await db().selectFrom('signatures').select('id').where('petition_id', '=', petitionId).where('status', '=', 'invalidated').execute()).length > 0,
      };
    },
  },
  'GET /admin/petitions/:id/signatures.csv': {
    expect: ownerOrAdmin,
    attempt: async () => {
      const { id } = await petitionIn('open');
      await signCounted(world, id, 'Svitlana');
      return { method: 'GET', url: `/admin/petitions/${id}/signatures.csv`, served: (r) => r.statusCode === 200 && String(r.headers['content-type']).startsWith('text/csv') };
    },
  },
  'GET /admin/petitions/:id/packet.pdf': {
    expect: ownerOrAdmin,
    attempt: async () => {
      const { id } = await petitionIn('open');
      return { method: 'GET', url: `/admin/petitions/${id}/packet.pdf`, served: (r) => r.statusCode === 200 && r.headers['content-type'] === 'application/pdf' };
    },
  },
  'GET /admin/outbox': {
    expect: adminOnly,
    attempt: async () => ({ method: 'GET', url: '/admin/outbox', secret: fx.outboxName }),
  },
  'GET /admin/outbox/:name': {
    expect: adminOnly,
    // The outbox holds the addresses of people who signed: the one email there went to pending.signer@example.org.
    attempt: async () => ({ method: 'GET', url: `/admin/outbox/${outboxFiles(world.t.dataDir)[0]}`, secret: 'pending.signer@example.org' }),
  },
  'GET /organiser/events': {
    expect: everyAccount,
    // The list shows the events one organises or moderates: not the owner's to another organiser or moderator.
    hideFrom: ['otherOrganiser', 'otherModerator'],
    attempt: async () => ({ method: 'GET', url: '/organiser/events', secret: (await eventWith()).title }),
  },
  'GET /organiser/events/new': { expect: organisers, attempt: async () => ({ method: 'GET', url: '/organiser/events/new' }) },
  'POST /organiser/events': {
    expect: organisers,
    attempt: async () => {
      const title = marker('An event');
      const fields = Object.fromEntries(Object.entries(eventFields({ title })).map(([k, v]) => [k, String(v)]));
      return { method: 'POST', url: '/organiser/events', fields, happened: async () => (await db().selectFrom('events').select('id').where('title', '=', title).execute()).length > 0 };
    },
  },
  'GET /organiser/events/:code': {
    expect: ownerOrAdmin,
    // The dashboard names the event's moderators.
    attempt: async () => ({ method: 'GET', url: `/organiser/events/${(await eventWith()).code}`, secret: quietModerator.name }),
  },
  'POST /organiser/events/:code/moderators': {
    expect: ownerOrAdmin,
    attempt: async () => {
      const { code } = await eventWith();
      const eventId = Number((await findEventByCode(db(), code))!.id);
      return {
        method: 'POST', url: `/organiser/events/${code}/moderators`, fields: { login: world.identities.otherModerator.login! },
        happened: () => isModerator(db(), eventId, actorOf(world, 'otherModerator').id),
      };
    },
  },
  'POST /organiser/events/:code/moderators/:id/remove': {
    expect: ownerOrAdmin,
    attempt: async () => {
      const { code } = await eventWith();
      const eventId = Number((await findEventByCode(db(), code))!.id);
      const moderator = actorOf(world, 'moderator').id;
      return { method: 'POST', url: `/organiser/events/${code}/moderators/${moderator}/remove`, happened: async () => !await isModerator(db(), eventId, moderator) };
    },
  },
  'POST /organiser/events/:code/close': {
    expect: ownerOrAdmin,
    attempt: async () => {
      const { code } = await eventWith();
      return { method: 'POST', url: `/organiser/events/${code}/close`, fields: { confirm: 'on' }, happened: async () => (await findEventByCode(db(), code))?.status === 'closed' };
    },
  },
  'GET /organiser/events/:code/questions.csv': {
    expect: ownerOrAdmin,
    attempt: async () => {
      const { code, pendingText } = await eventWith();
      return { method: 'GET', url: `/organiser/events/${code}/questions.csv`, secret: pendingText, served: (r) => r.statusCode === 200 && r.body.includes(pendingText) };
    },
  },
  'GET /organiser/events/:code/questions.json': {
    expect: ownerOrAdmin,
    attempt: async () => {
      const { code, pendingText } = await eventWith();
      return { method: 'GET', url: `/organiser/events/${code}/questions.json`, secret: pendingText, served: (r) => r.statusCode === 200 && r.body.includes(pendingText) };
    },
  },
  'GET /organiser/events/:code/summary': {
    expect: ownerOrAdmin,
    attempt: async () => ({ method: 'GET', url: `/organiser/events/${(await eventWith()).code}/summary` }),
  },
  'GET /organiser/events/:code/summary.json': {
    expect: ownerOrAdmin,
    attempt: async () => ({ method: 'GET', url: `/organiser/events/${(await eventWith()).code}/summary.json` }),
  },
  'GET /moderate/:code': {
    expect: eventModerators,
    // The console shows the questions waiting for approval, which the public does not see.
    attempt: async () => {
      const { code, pendingText } = await eventWith();
      return { method: 'GET', url: `/moderate/${code}?list=popular`, secret: pendingText, served: (r) => r.statusCode === 200 && r.body.includes(pendingText) };
    },
  },
  'GET /moderate/:code/fragment': {
    expect: eventModerators,
    attempt: async () => {
      const { code, pendingText } = await eventWith();
      return { method: 'GET', url: `/moderate/${code}/fragment`, secret: pendingText, served: (r) => r.statusCode === 200 && r.body.includes(pendingText) };
    },
  },
  'POST /moderate/:code/questions/:id/:action': {
    expect: eventModerators,
    attempt: async () => {
      const { code, pending } = await eventWith();
      return { method: 'POST', url: `/moderate/${code}/questions/${pending}/approve`, fields: { list: 'popular' }, happened: async () => await questionStatus(code, pending) === 'published' };
    },
  },
  'POST /moderate/:code/merge': {
    expect: eventModerators,
    attempt: async () => {
      const { code, pending } = await eventWith();
      const other = await askAnyway(world, code, marker('Who decided to close the maternity ward?'));
      return { method: 'POST', url: `/moderate/${code}/merge`, fields: { into: pending, from: other }, happened: async () => await questionStatus(code, other) === 'merged' };
    },
  },
};

/** outcomeOf reads which outcome an answer is, for the allowed case by the row's own test. */
function outcomeOf(response: LightMyRequestResponse, attempt: Attempt): Outcome | `unexpected ${number}` {
  if (response.statusCode === 303 && response.headers.location === '/login') return 'login';
  if (response.statusCode === 403) return 'forbidden';
  if (response.statusCode === 404) return 'hidden';
  const served = attempt.served ?? ((r: LightMyRequestResponse) => (attempt.method === 'GET' ? r.statusCode === 200 : r.statusCode === 303 || r.statusCode === 200));
  return served(response) ? 'allowed' : `unexpected ${response.statusCode}`;
}

test('every route that needs an account has a row in the matrix, and every row is a route the server answers', () => {
  assert.deepEqual(unclassified(world), [], 'classify each new route in test/adversarial/routes.ts');
  const needAccount = routesOf(world).map(keyOf).filter((key) => catalogue[key]?.access === 'account').sort();
  assert.ok(needAccount.length >= 30, `${needAccount.length} routes need an account`);
  assert.deepEqual(Object.keys(matrix).sort(), needAccount);
});

test('each visitor gets exactly what the matrix says on every route that needs an account, and a refused action does not happen', async (t) => {
  let cells = 0;
  let checkedSideEffects = 0;
  for (const [key, row] of Object.entries(matrix)) {
    await t.test(key, async () => {
      const wrong: string[] = [];
      for (const visitor of visitors) {
        const attempt = await row.attempt(visitor);
        const response = attempt.method === 'GET'
          ? await world.inject(visitor, { method: 'GET', url: attempt.url })
          : await world.post(visitor, attempt.url, attempt.fields ?? {});
        cells++;
        const expected = row.expect[visitor];
        const got = outcomeOf(response, attempt);
        const where = `${visitor}: ${attempt.method} ${attempt.url}`;
        if (got !== expected) wrong.push(`${where} — expected ${expected}, got ${got} (${response.statusCode} ${response.headers.location ?? ''} ${response.body.slice(0, 120).replace(/\s+/g, ' ')})`);
        if (attempt.happened) {
          checkedSideEffects++;
          const happened = await attempt.happened();
          if (happened !== (expected === 'allowed')) wrong.push(`${where} — the action ${happened ? 'happened' : 'did not happen'}, though the visitor was ${expected === 'allowed' ? 'allowed' : 'refused'}`);
        }
        const mustHide = expected !== 'allowed' || row.hideFrom?.includes(visitor);
        if (attempt.secret && mustHide && response.body.includes(attempt.secret)) wrong.push(`${where} — the answer shows what the route guards (${attempt.secret})`);
        if (attempt.secret && expected === 'allowed' && !row.hideFrom?.includes(visitor) && attempt.method === 'GET' && !response.body.includes(attempt.secret)) {
          wrong.push(`${where} — the allowed page does not show ${attempt.secret}, so the check of the refusals proves nothing`);
        }
      }
      assert.deepEqual(wrong, []);
    });
  }
  t.diagnostic(`${cells} cells, ${checkedSideEffects} checked in the store`);
  assert.equal(cells, Object.keys(matrix).length * visitors.length);
});

/**
 * operatorRoutes are the operator's monitoring: what each shows, which no visitor may read without the operator's
 * token (VECHE_METRICS_TOKEN), signed in or not: an admin's session is a person's, not the monitoring's.
 */
const operatorRoutes: Record<string, { url: string; shows: RegExp }> = {
  'GET /metrics': { url: '/metrics', shows: /veche_http_responses_total|process_cpu_seconds_total/ },
};

test('the operator\'s metrics are not public: no visitor without the operator\'s token reads them, the operator with it does', async () => {
  const operator = routesOf(world).map(keyOf).filter((key) => catalogue[key]?.access === 'operator').sort();
  assert.deepEqual(Object.keys(operatorRoutes).sort(), operator, 'every operator route has a line here');
  const read: string[] = [];
  for (const [key, { url, shows }] of Object.entries(operatorRoutes)) {
    for (const visitor of visitors) {
      for (const authorization of [undefined, 'Bearer not-the-token-at-all-0123456789', `Bearer ${metricsToken}x`]) {
        const response = await world.inject(visitor, { method: 'GET', url, headers: authorization ? { authorization } : {} });
        if (response.statusCode < 400 || shows.test(response.body)) read.push(`${visitor} (${authorization ?? 'no token'}): ${key} answered ${response.statusCode}${shows.test(response.body) ? ' with the metrics' : ''}`);
      }
    }
    const operator = await world.inject('anonymous', { method: 'GET', url, headers: { authorization: `Bearer ${metricsToken}` } });
    assert.equal(operator.statusCode, 200, 'the operator\'s Prometheus, with the token, reads the metrics');
    assert.match(operator.body, shows);
  }
  assert.deepEqual(read, []);
});

test('without a token configured, the metrics are served to no one', async () => {
  const plain = await startTestApp();
  try {
    const response = await plain.server.inject({ url: '/metrics', headers: { authorization: `Bearer ${metricsToken}` } });
    assert.ok(response.statusCode >= 400 && !operatorRoutes['GET /metrics'].shows.test(response.body), `/metrics answered ${response.statusCode}`);
  } finally {
    await plain.stop();
  }
});
