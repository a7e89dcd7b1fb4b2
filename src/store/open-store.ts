import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { Migrator, type Migration } from 'kysely/migration';
import pg from 'pg';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { openSqliteDatabase } from './sqlite-database.ts';
import { migrations } from './migrations/index.ts';
import type { Database } from './schema.ts';
import { WritePool } from './write-pool.ts';
import { waitForDatabase, type DatabaseWait } from './wait-for-database.ts';

export type Dialect = 'sqlite' | 'postgres';

/** Store is an open database: typed queries through `db`, and which backend answers them. */
export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  /** writes pools small transactions that arrive together into one commit (see WritePool). */
  writes: WritePool;
  close(): Promise<void>;
}

/** StoreOptions name the database: a PostgreSQL URL, or else an SQLite file in the data folder. */
export interface StoreOptions {
  databaseUrl?: string;
  dataDir: string;
  sqliteFile?: string;
  poolSize?: number;
  /** through names the last migration to apply, for a test of the migration after it; the default is every one. */
  through?: string;
  /** wait keeps trying a PostgreSQL that does not answer yet (a server start); by default it is tried once. */
  wait?: DatabaseWait;
}

const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    // bigint (20) and numeric (1700) hold epoch ms, ids and counts, all far below 2^53.
    if (oid === 20 || oid === 1700) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as never);
  },
};

/** openStore connects to PostgreSQL when a URL is given, else to SQLite under the data folder, and migrates it. */
export async function openStore(options: StoreOptions): Promise<Store> {
  const store = options.databaseUrl ? openPostgres(options.databaseUrl, options.poolSize ?? 10) : openSqlite(options);
  try {
    if (store.dialect === 'postgres') {
      await waitForDatabase(store.db, databaseName(options.databaseUrl!), options.wait ?? { waitMs: 0 });
    }
    await migrateStore(store, options.through);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

/** databaseName shows a PostgreSQL URL without its user and password: host, port and database. */
function databaseName(url: string): string {
  const parsed = URL.parse(url);
  return parsed === null ? 'DATABASE_URL' : `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
}

function openPostgres(url: string, max: number): Store {
  const pool = new pg.Pool({ connectionString: url, max, types: pgTypes as never });
  pool.on('error', () => {
    /* an idle client died; the pool replaces it */
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', writes: new WritePool(db), close: () => db.destroy() };
}

function openSqlite(options: StoreOptions): Store {
  const file = options.sqliteFile ?? join(options.dataDir, 'veche.sqlite');
  if (file !== ':memory:') mkdirSync(options.dataDir, { recursive: true });
  const database = openSqliteDatabase(file);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  return { db, dialect: 'sqlite', writes: new WritePool(db), close: () => db.destroy() };
}

/** migrateStore brings the schema up to date (or up to `through`); it is safe to run on every start and from several nodes. */
export async function migrateStore(store: Store, through?: string): Promise<string[]> {
  const provider = {
    async getMigrations(): Promise<Record<string, Migration>> {
      const all: Record<string, Migration> = {};
      for (const [name, up] of Object.entries(migrations)) all[name] = { up: (db) => up(db, store.dialect) };
      return all;
    },
  };
  // Kysely looks for its own tables in every schema unless told which: name the one this connection uses.
  const migrationTableSchema =
    store.dialect === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(store.db)).rows[0].schema
      : undefined;
  const migrator = new Migrator({ db: store.db, provider, migrationTableSchema });
  const { error, results } = through ? await migrator.migrateTo(through) : await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
