import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { readConfig } from '../../src/config.ts';
import { startApp, type RunningApp } from '../../src/start-app.ts';
import { acceptInvitation } from '../../src/actions/accept-invitation.ts';
import { inviteMember } from '../../src/actions/invite-member.ts';
import { prepareSetup } from '../../src/actions/prepare-setup.ts';
import { setUpAdmin } from '../../src/actions/set-up-admin.ts';
import { findAccountByLogin } from '../../src/store/accounts.ts';
import type { Actor } from '../../src/actions/context.ts';
import type { Role } from '../../src/domain/account.ts';
import type { WebApp } from '../../src/web/web-app.ts';
import { createTestSchema, testDatabase, type TestDatabase } from '../support/database.ts';

/** TestApp is a whole Veche (store, keys, routes) on a fresh data folder, reached through `server.inject`, no socket. */
export interface TestApp {
  app: WebApp;
  server: FastifyInstance;
  running: RunningApp;
  dataDir: string;
  /** database is the backend it runs on; `schema` is its PostgreSQL schema (null on SQLite). */
  database: TestDatabase;
  schema: string | null;
  /** stopApp stops the app but keeps its data folder and schema, to be read; `stop` then deletes them. */
  stopApp(): Promise<void>;
  stop(): Promise<void>;
}

/** TestAppOptions change how startTestApp starts the app. */
export interface TestAppOptions {
  /** jobs runs the background jobs and the sequencer's loop as `npm start` does (default off). */
  jobs?: boolean;
  /** logDestination receives the server's log lines (pino's JSON), at the level LOG_LEVEL in `env` sets. */
  logDestination?: NonNullable<Parameters<typeof startApp>[1]>['logDestination'];
}

/**
 * startTestApp starts the app as `npm start` does, but without listening and without background jobs (so a test
 * sees exactly what its own requests did), in a new temp VECHE_DATA folder that `stop()` deletes, on the database
 * VECHE_TEST_DB names: SQLite (the default) in that folder, or a fresh PostgreSQL schema (see createTestSchema) given
 * as DATABASE_URL, which `stop()` drops. `env` adds or overrides environment variables (e.g. `{ VECHE_POW_MAX: '0' }`).
 */
export async function startTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const database = testDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'veche-http-'));
  const schema = database === 'postgres' ? await createTestSchema() : null;
  const forget = async () => {
    try {
      await schema?.drop();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  };
  let running: RunningApp;
  try {
    const config = readConfig({
      VECHE_DATA: dataDir,
      LOG_LEVEL: 'silent',
      ...(schema ? { DATABASE_URL: schema.url } : {}),
      ...env,
    });
    running = await startApp(config, {
      listen: false,
      jobs: options.jobs ?? false,
      logDestination: options.logDestination,
    });
  } catch (error) {
    await forget();
    throw error;
  }
  let stopping: Promise<void> | null = null;
  const stopApp = () => (stopping ??= running.stop());
  return {
    app: running.app,
    server: running.server,
    running,
    dataDir,
    database,
    schema: schema?.name ?? null,
    stopApp,
    async stop() {
      try {
        await stopApp();
      } finally {
        await forget();
      }
    },
  };
}

/** testPassword is the password every account made by these helpers has. */
export const testPassword = 'correct horse battery staple';

/** createAdmin sets the site up through the first-start actions (prepareSetup, setUpAdmin) and returns the admin. */
export async function createAdmin(app: WebApp, login = 'ada'): Promise<Actor> {
  const token = await prepareSetup(app);
  if (!token) throw new Error('the site is already set up');
  await setUpAdmin(app, token, { login, displayName: 'Ada', password: testPassword, passwordAgain: testPassword });
  return actorOf(app, login);
}

/** addMember invites a person with a role through the admin's invitation and accepts it, as a new member would. */
export async function addMember(app: WebApp, admin: Actor, role: Role, login: string): Promise<Actor> {
  const token = await inviteMember(app, admin, { role });
  await acceptInvitation(app, token, {
    login,
    displayName: login,
    password: testPassword,
    passwordAgain: testPassword,
  });
  return actorOf(app, login);
}

async function actorOf(app: WebApp, login: string): Promise<Actor> {
  const account = await findAccountByLogin(app.store.db, login);
  if (!account) throw new Error(`no account ${login}`);
  return { id: Number(account.id), role: account.role };
}

/** Reply is what a test reads of a response. */
export interface Reply {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
  raw: Buffer;
  location: string | undefined;
}

/**
 * Browser is one person's visits to the app: it keeps cookies between requests, as a browser does, and the form
 * token (`_csrf`) of the last page it saw, which `post` sends along unless the fields say otherwise.
 */
export class Browser {
  readonly server: FastifyInstance;
  readonly cookies = new Map<string, string>();
  csrf = '';

  constructor(server: FastifyInstance) {
    this.server = server;
  }

  /** get fetches a page. */
  get(url: string, headers: Record<string, string> = {}): Promise<Reply> {
    return this.request('GET', url, undefined, headers);
  }

  /** post sends a form (repeated fields as arrays), url-encoded as a browser does, with the page's `_csrf`. */
  post(
    url: string,
    fields: Record<string, string | string[]> = {},
    headers: Record<string, string> = {},
  ): Promise<Reply> {
    const form = new URLSearchParams();
    if (!('_csrf' in fields)) form.append('_csrf', this.csrf);
    for (const [name, value] of Object.entries(fields)) {
      for (const item of Array.isArray(value) ? value : [value]) form.append(name, item);
    }
    return this.request('POST', url, form.toString(), {
      'content-type': 'application/x-www-form-urlencoded',
      ...headers,
    });
  }

  private async request(
    method: 'GET' | 'POST',
    url: string,
    payload: string | undefined,
    headers: Record<string, string>,
  ): Promise<Reply> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await this.server.inject({
      method,
      url,
      payload,
      headers: { ...(cookie ? { cookie } : {}), ...headers },
    });
    for (const c of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = c.value === '' || c.maxAge === 0 || (c.expires !== undefined && c.expires.getTime() < Date.now());
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const body = response.body;
    const token = /name="_csrf" value="([^"]+)"/.exec(body);
    if (token && String(response.headers['content-type'] ?? '').startsWith('text/html')) this.csrf = token[1];
    const location = response.headers.location;
    return {
      status: response.statusCode,
      headers: response.headers,
      body,
      raw: response.rawPayload,
      location: typeof location === 'string' ? location : undefined,
    };
  }
}

/** logIn signs a person in through the login page, as they would: GET /login for the form token, then POST /login. */
export async function logIn(server: FastifyInstance, login: string, password = testPassword): Promise<Browser> {
  const browser = new Browser(server);
  await browser.get('/login');
  const reply = await browser.post('/login', { login, password });
  if (reply.status !== 303 || reply.location !== '/admin')
    throw new Error(`logging in as ${login} failed: ${reply.status}`);
  await browser.get('/admin');
  return browser;
}
