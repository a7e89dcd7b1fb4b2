import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { readConfig } from '../../src/config.ts';
import { loadSecrets } from '../../src/crypto/secrets.ts';
import { PetitionEvents } from '../../src/actions/petition-events.ts';
import type { ActionContext } from '../../src/actions/context.ts';

/** TestDatabase names the backend a store test runs on: VECHE_TEST_DB, SQLite unless it says postgres. */
export type TestDatabase = 'sqlite' | 'postgres';

/** testDatabase reads VECHE_TEST_DB; anything but `sqlite` or `postgres` is a mistake in the caller. */
export function testDatabase(): TestDatabase {
  const name = process.env.VECHE_TEST_DB ?? 'sqlite';
  if (name !== 'sqlite' && name !== 'postgres')
    throw new Error(`VECHE_TEST_DB must be sqlite or postgres, not "${name}"`);
  return name;
}

/** testDatabaseUrl is the PostgreSQL server the tests may create schemas on. */
export function testDatabaseUrl(): string {
  return process.env.VECHE_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
}

/** TestStore is a store of its own for one test, and the way to throw it away. */
export type TestStore = Store & { drop(): Promise<void> };

/**
 * openTestStore opens a fresh, migrated store on the backend VECHE_TEST_DB names: for SQLite a new file in a temp
 * folder (a real file, as in production), for PostgreSQL a new schema `t_<random>` reached through the connection
 * string's `options=-c search_path=…`. `drop()` closes it and deletes the file or the schema.
 */
export async function openTestStore(options: { poolSize?: number; through?: string } = {}): Promise<TestStore> {
  if (testDatabase() === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'veche-store-'));
    const store = await openStore({ dataDir: dir, through: options.through });
    return withDrop(store, async () => rmSync(dir, { recursive: true, force: true }));
  }
  const schema = await createTestSchema();
  try {
    const store = await openStore({
      databaseUrl: schema.url,
      dataDir: tmpdir(),
      poolSize: options.poolSize,
      through: options.through,
    });
    return withDrop(store, schema.drop);
  } catch (error) {
    await schema.drop();
    throw error;
  }
}

/** TestSchema is an empty PostgreSQL schema on the test server, the URL that works in it, and how to drop it. */
export interface TestSchema {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** createTestSchema creates an empty schema `t_<random>` on the test server, for a store to be opened in. */
export async function createTestSchema(): Promise<TestSchema> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  await onServer(`create schema ${name}`);
  return { name, url: schemaUrl(name), drop: () => onServer(`drop schema if exists ${name} cascade`) };
}

/** schemaUrl is the test server's URL with every connection's search_path set to one schema. */
export function schemaUrl(schema: string): string {
  const url = new URL(testDatabaseUrl());
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

/** onServer runs one statement on the test server outside any test schema (creating or dropping one). */
export async function onServer(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseUrl(), connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

function withDrop(store: Store, forget: () => Promise<void>): TestStore {
  let dropped = false;
  return Object.assign(store, {
    async drop() {
      if (dropped) return;
      dropped = true;
      try {
        await store.close();
      } finally {
        await forget();
      }
    },
  });
}

/** TestClock is a clock that only moves when a test moves it. */
export class TestClock {
  time: number;

  constructor(start: number) {
    this.time = start;
  }

  /** now returns the clock's time in epoch ms. */
  now(): number {
    return this.time;
  }

  /** advance moves the clock on by `ms` and returns the new time. */
  advance(ms: number): number {
    this.time += ms;
    return this.time;
  }

  /** set puts the clock at an epoch ms time. */
  set(time: number): void {
    this.time = time;
  }
}

/** TestContext is an ActionContext with its clock in the test's hands and every live-update announcement kept. */
export type TestContext = ActionContext & { clock: TestClock; changes: string[]; dataDir: string };

/** testStart is when every test's clock starts: noon UTC on a Thursday, far from any day boundary. */
export const testStart = Date.UTC(2026, 2, 12, 12, 0, 0);

/** minute, hour and day are durations in ms, for moving the clock. */
export const minute = 60_000;
export const hour = 60 * minute;
export const day = 24 * hour;

const dataDirs: string[] = [];

/**
 * testContext builds an ActionContext over a store: config from `readConfig({})` with a temp data folder,
 * secrets generated into that folder as on a first start, a fixed clock, and a PetitionEvents whose
 * announcements are collected in `changes`.
 */
export function testContext(store: Store, start = testStart): TestContext {
  const dataDir = mkdtempSync(join(tmpdir(), 'veche-data-'));
  if (dataDirs.length === 0)
    process.once('exit', () => dataDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  dataDirs.push(dataDir);
  const config = { ...readConfig({}), dataDir };
  const clock = new TestClock(start);
  const events = new PetitionEvents();
  const changes: string[] = [];
  events.onChange((petition) => changes.push(petition));
  return { config, store, secrets: loadSecrets(config), events, now: () => clock.now(), clock, changes, dataDir };
}
