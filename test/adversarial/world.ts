// The world the adversarial suite attacks: a whole Veche on the database VECHE_TEST_DB names, every kind of visitor
// with a live session and a valid form token (so that an attack gets past the form check into the handlers), a log
// that the tests can read, and builders for the petitions, events and links the routes act on.
import { Writable } from 'node:stream';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { startTestApp, type TestApp, type TestAppOptions } from '../http/support.ts';
import { insertAccount } from '../../src/store/accounts.ts';
import { startSession } from '../../src/actions/start-session.ts';
import { randomBytes, scryptSync } from 'node:crypto';
import { verifyPassword } from '../../src/crypto/passwords.ts';
import { openText } from '../../src/crypto/email-cipher.ts';
import { cookieNames } from '../../src/web/security.ts';
import { publishPetition } from '../../src/actions/publish-petition.ts';
import { savePetitionDraft } from '../../src/actions/save-petition-draft.ts';
import { signPetition } from '../../src/actions/sign-petition.ts';
import { createEvent } from '../../src/actions/create-event.ts';
import { askQuestion } from '../../src/actions/ask-question.ts';
import { epochToLocalInput } from '../../src/domain/zoned-time.ts';
import type { Actor } from '../../src/actions/context.ts';
import type { Role as AccountRole } from '../../src/store/schema.ts';

/** metricsToken is the operator's token for /metrics (VECHE_METRICS_TOKEN), in the worlds that configure one. */
export const metricsToken = 'operator-metrics-token-2f9c4e7a1b';

/** password is every test account's password. */
export const password = 'correct horse battery staple';

/**
 * Visitor is who sends a request: nobody signed in; the organiser who owns the petitions and events under attack;
 * another organiser; a moderator of the owner's event and one of no event of theirs; an admin; and a disabled account.
 * The disabled account is an admin (the strongest role), disabled after its session began: whatever an admin may do,
 * it must not.
 */
export type Visitor = 'anonymous' | 'owner' | 'otherOrganiser' | 'moderator' | 'otherModerator' | 'admin' | 'disabled';

/** visitors lists every Visitor, in the order the matrix prints them. */
export const visitors: readonly Visitor[] = [
  'anonymous',
  'owner',
  'otherOrganiser',
  'moderator',
  'otherModerator',
  'admin',
  'disabled',
];

/** displayNames are the accounts' names, each found nowhere else on the site, so a page that shows one can be told. */
export const displayNames: Record<Exclude<Visitor, 'anonymous'>, string> = {
  owner: 'Olena Hnatiuk',
  otherOrganiser: 'Oksana Lysenko',
  moderator: 'Marta Kovalchuk',
  otherModerator: 'Maria Shevchuk',
  admin: 'Ada Lovelace-Admin',
  disabled: 'Dmytro Vovk',
};

/** Identity is one visitor's standing: account, cookies and the form token their pages carry. */
export interface Identity {
  visitor: Visitor;
  account: Actor | null;
  login: string | null;
  cookie: string;
  csrf: string;
}

/** LogCapture is a pino destination that keeps every line the server logged, parsed. */
export class LogCapture extends Writable {
  readonly lines: { level: number; msg?: string; raw: string }[] = [];
  readonly text: string[] = [];

  override _write(chunk: Buffer | string, _encoding: string, done: () => void): void {
    const raw = chunk.toString();
    this.text.push(raw);
    for (const line of raw.split('\n')) {
      if (line.trim() === '') continue;
      try {
        const parsed = JSON.parse(line) as { level: number; msg?: string };
        this.lines.push({ level: parsed.level, msg: parsed.msg, raw: line });
      } catch {
        this.lines.push({ level: 60, msg: 'unparsable log line', raw: line });
      }
    }
    done();
  }

  /** errorsSince returns the lines at level error (50) or above logged after line `mark`. */
  errorsSince(mark: number): string[] {
    return this.lines
      .slice(mark)
      .filter((l) => l.level >= 50)
      .map((l) => l.raw);
  }

  /** all is everything logged, as written. */
  all(): string {
    return this.text.join('');
  }
}

/** World is a running app with its visitors. */
export interface World {
  t: TestApp;
  log: LogCapture;
  identities: Record<Visitor, Identity>;
  /** inject sends a request as a visitor: their cookies are added to the headers given. */
  inject(visitor: Visitor | Identity, options: InjectOptions): Promise<LightMyRequestResponse>;
  /** post sends a form as a browser does: url-encoded, with the visitor's form token unless the fields carry `_csrf`. */
  post(
    visitor: Visitor | Identity,
    url: string,
    fields?: Record<string, string | string[]>,
    remoteAddress?: string,
  ): Promise<LightMyRequestResponse>;
  /** freshSession gives an account visitor a new session of their own (for requests that end it, like logging out). */
  freshSession(visitor: Exclude<Visitor, 'anonymous'>): Promise<Identity>;
  /**
   * renew gives an account visitor a new standing session in `identities`, after a request that ended every session of
   * theirs (logging out everywhere, the admin requiring two-step sign-in). The disabled account keeps its own: it can
   * open no page to get a form token, and its session counts for nothing anyway.
   */
  renew(visitor: Visitor): Promise<void>;
  stop(): Promise<void>;
}

/**
 * startWorld starts the app (see startTestApp: VECHE_TEST_DB picks the database), makes one account per role
 * straight in the store, gives each a session and reads each one's form token from a page, as their browser would.
 * The first admin is made in the store too, so the one-time setup link stays unused (running.setupLink).
 */
export async function startWorld(
  env: Record<string, string> = {},
  options: TestAppOptions & { logLevel?: string } = {},
): Promise<World> {
  const log = new LogCapture();
  const t = await startTestApp(
    { VECHE_POW_MAX: '0', LOG_LEVEL: options.logLevel ?? 'warn', ...env },
    { ...options, logDestination: log },
  );
  const db = t.app.store.db;
  const names = cookieNames(t.app.https);
  const hash = await lightHash(password);
  const accounts = new Map<Visitor, { actor: Actor; login: string }>();
  const roleOf: Record<Exclude<Visitor, 'anonymous'>, AccountRole> = {
    owner: 'organiser',
    otherOrganiser: 'organiser',
    moderator: 'moderator',
    otherModerator: 'moderator',
    admin: 'admin',
    disabled: 'admin',
  };
  for (const [visitor, role] of Object.entries(roleOf) as [Exclude<Visitor, 'anonymous'>, AccountRole][]) {
    const login = visitor.toLowerCase();
    const id = await insertAccount(db, {
      login,
      displayName: displayNames[visitor],
      role,
      passwordHash: hash,
      createdAt: Date.now(),
    });
    accounts.set(visitor, { actor: { id, role }, login });
  }

  const inject = async (who: Visitor | Identity, options: InjectOptions) => {
    const identity = typeof who === 'string' ? world.identities[who] : who;
    const headers = { ...(options.headers as Record<string, string> | undefined) };
    const cookie = [identity.cookie, headers.cookie].filter(Boolean).join('; ');
    return t.server.inject({ ...options, headers: { ...headers, ...(cookie ? { cookie } : {}) } });
  };

  /** formToken reads the form token a page gives this cookie, as the browser would see it. */
  const formToken = async (cookie: string, url: string) => {
    const page = await t.server.inject({ url, headers: cookie ? { cookie } : {} });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    if (!csrf) throw new Error(`${url} gave no form token (${page.statusCode})`);
    const anonymous = [page.headers['set-cookie'] ?? []]
      .flat()
      .map((c) => String(c).split(';')[0])
      .find((c) => c.startsWith(`${names.csrf}=`));
    return { csrf, cookie: [cookie, anonymous].filter(Boolean).join('; ') };
  };

  /** session opens a session for an account as logging in does (the one place to change if signing in gains steps). */
  const session = async (visitor: Exclude<Visitor, 'anonymous'>): Promise<Identity> => {
    const { actor, login } = accounts.get(visitor)!;
    const token = await startSession(t.app, actor.id);
    const { csrf, cookie } = await formToken(`${names.session}=${token}`, '/admin/password');
    return { visitor, account: actor, login, cookie, csrf };
  };

  const identities = {} as Record<Visitor, Identity>;
  const anonymous = await formToken('', '/login');
  identities.anonymous = { visitor: 'anonymous', account: null, login: null, ...anonymous };
  for (const visitor of accounts.keys()) identities[visitor] = await session(visitor as Exclude<Visitor, 'anonymous'>);
  // Disabled after its session began and its form token was given: the session cookie and token are still sent.
  await db
    .updateTable('accounts')
    .set({ disabled_at: Date.now() })
    .where('id', '=', accounts.get('disabled')!.actor.id)
    .execute();

  const world: World = {
    t,
    log,
    identities,
    inject,
    post(who, url, fields = {}, remoteAddress) {
      const identity = typeof who === 'string' ? identities[who] : who;
      const form = new URLSearchParams();
      if (!('_csrf' in fields)) form.append('_csrf', identity.csrf);
      for (const [name, value] of Object.entries(fields)) for (const item of [value].flat()) form.append(name, item);
      return inject(identity, {
        method: 'POST',
        url,
        payload: form.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        ...(remoteAddress ? { remoteAddress } : {}),
      });
    },
    freshSession: session,
    async renew(visitor) {
      if (visitor !== 'anonymous' && visitor !== 'disabled') identities[visitor] = await session(visitor);
    },
    stop: () => t.stop(),
  };
  return world;
}

/**
 * lightHash hashes the visitors' password the way hashPassword writes a hash, at a small scrypt cost (N = 2^12 rather
 * than 2^17). verifyPassword takes the cost from the stored hash, so the visitors' passwords are checked by the same
 * code as any other, but in milliseconds: many account pages ask for the password again, and at the real cost each
 * check takes almost half a second. Passwords the app hashes itself (a new password, an accepted invitation) cost the
 * real amount, and the timing test makes its own accounts at the real cost.
 */
async function lightHash(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const params = { N: 2 ** 12, r: 8, p: 1 };
  const key = scryptSync(secret.normalize('NFC'), salt, 32, params);
  const hash = ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
  if (!(await verifyPassword(secret, hash)))
    throw new Error('verifyPassword no longer reads the hashes lightHash writes');
  return hash;
}

/**
 * outboxFiles lists the emails in the data folder's outbox ($VECHE_DATA/outbox, one .eml each; README), newest last,
 * read from the folder itself and not through the mailer, whose way of naming and keeping them may change.
 */
export function outboxFiles(dataDir: string): string[] {
  try {
    return readdirSync(join(dataDir, 'outbox'))
      .filter((name) => name.endsWith('.eml') && !name.startsWith('.'))
      .sort();
  } catch {
    return [];
  }
}

/** sessionTokenOf is the session token a visitor's cookie carries ('' for nobody signed in). */
export function sessionTokenOf(world: World, visitor: Visitor): string {
  const name = cookieNames(world.t.app.https).session;
  const pair = world.identities[visitor].cookie.split('; ').find((c) => c.startsWith(`${name}=`));
  return pair?.slice(name.length + 1) ?? '';
}

/** actorOf is the account of an account visitor, for calling actions as them. */
export function actorOf(world: World, visitor: Exclude<Visitor, 'anonymous'>): Actor {
  return world.identities[visitor].account!;
}

/** petitionFields is a valid petition form; `change` replaces or adds fields. */
export function petitionFields(change: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Bring our men home after a year of service',
    addressee: 'The Minister of Defence',
    language: 'en',
    body: 'We, the wives and mothers of mobilised soldiers, ask for a fixed term of service and rotation home.',
    confirmation: 'none',
    nameRule: 'optional',
    namesPublic: 'signer',
    regionRule: 'optional',
    regionCountries: ['UA'],
    ...change,
  };
}

/** openPetition writes a petition as `owner` and publishes it (unless `publish` is false); returns its public id. */
export async function openPetition(
  world: World,
  owner: Actor,
  change: Record<string, unknown> = {},
  publish = true,
): Promise<string> {
  const id = await savePetitionDraft(world.t.app, owner, petitionFields(change));
  if (publish) await publishPetition(world.t.app, owner, id);
  return id;
}

/** signCounted signs a petition without confirmation and returns its receipt. */
export async function signCounted(
  world: World,
  petition: string,
  name = 'Anna',
): Promise<{ signature: string; secret: string }> {
  const result = await signPetition(world.t.app, petition, { name, showName: 'on' }, 'en');
  if (result.kind !== 'counted') throw new Error('the petition asked for confirmation');
  return { signature: result.signature, secret: result.receiptSecret };
}

/** signPending signs a petition that confirms by email and returns the link's token, read from the queued email. */
export async function signPending(world: World, petition: string, email: string, name = 'Oksana'): Promise<string> {
  await signPetition(world.t.app, petition, { name, email }, 'en');
  return confirmationToken(world, email);
}

/** confirmationToken is the token of the newest confirmation email queued to an address, read with the server's key. */
export async function confirmationToken(world: World, email: string): Promise<string> {
  const key = world.t.app.secrets.encryption;
  const rows = await world.t.app.store.db.selectFrom('mail_queue').selectAll().orderBy('id', 'desc').execute();
  const row = rows.find((r) => r.template === 'confirm-signature' && openText(key, r.recipient_enc) === email);
  if (!row) throw new Error(`no confirmation email queued to ${email}`);
  return (JSON.parse(openText(key, row.params)) as { token: string }).token;
}

/** eventFields is a valid event form: open from an hour ago for three hours, in UTC. */
export function eventFields(change: Record<string, unknown> = {}): Record<string, unknown> {
  const hour = 3_600_000;
  return {
    title: 'Town hall with the regional governor',
    addressee: 'Governor of the region',
    description: 'Questions about the mobilised.',
    language: 'en',
    timeZone: 'UTC',
    startsAt: epochToLocalInput(Date.now() - hour, 'UTC'),
    endsAt: epochToLocalInput(Date.now() + 3 * hour, 'UTC'),
    moderation: 'after',
    anonymousAllowed: 'on',
    maxLength: '300',
    ...change,
  };
}

/** openEvent opens an event as `owner` and returns its join code. */
export function openEvent(world: World, owner: Actor, change: Record<string, unknown> = {}): Promise<string> {
  return createEvent(world.t.app, owner, eventFields(change));
}

/** askAnyway asks a question (past the similar-questions step) and returns its public id. */
export async function askAnyway(world: World, code: string, text: string): Promise<string> {
  const asked = await askQuestion(world.t.app, code, { text, anyway: '1' });
  if (asked.kind !== 'asked') throw new Error('the question was not asked');
  return asked.question;
}
