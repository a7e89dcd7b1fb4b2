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

/**
 * Transaction is the handle the store's functions take: the open database, or a transaction on it. Code above the
 * store only passes it on (to `petitions.findPetition(ctx.store.db, …)`, inside `ctx.store.transaction(…)`); it never
 * builds a query on it, so that SQL, rows and the differences between SQLite and PostgreSQL stay in src/store.
 */
export type Transaction = Kysely<Database>;

/** Store is an open database: the handle the store's functions take, and transactions on it. */
export interface Store {
  db: Transaction;
  /** dialect names the backend, for the store's own code and its tests; nothing above src/store branches on it. */
  dialect: Dialect;
  /** writes pools small transactions that arrive together into one commit (see WritePool). */
  writes: WritePool;
  /** transaction runs `work` in one transaction of its own, committed when it returns and rolled back when it throws. */
  transaction<T>(work: (trx: Transaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** storeOn wraps an open database handle as a Store. */
function storeOn(db: Kysely<Database>, dialect: Dialect): Store {
  return {
    db,
    dialect,
    writes: new WritePool(db),
    // Through `this.db`, so that a copy of the store with another handle (a test's fault-injecting one) uses it.
    transaction(work) {
      return this.db.transaction().execute(work);
    },
    close: () => db.destroy(),
  };
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
  return storeOn(db, 'postgres');
}

function openSqlite(options: StoreOptions): Store {
  const file = options.sqliteFile ?? join(options.dataDir, 'veche.sqlite');
  if (file !== ':memory:') mkdirSync(options.dataDir, { recursive: true });
  const database = openSqliteDatabase(file);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  return storeOn(db, 'sqlite');
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
