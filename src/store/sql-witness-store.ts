import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { Migrator, type Migration } from 'kysely/migration';
import pg from 'pg';
import { fromHex, toHex } from '../record/bytes.ts';
import type { LogState, WitnessStore } from '../witness/witness-store.ts';
import { openSqliteDatabase } from './sqlite-database.ts';

// A witness's own database, apart from any Veche site's: an SQLite file in the witness's data folder, or PostgreSQL.
// Its migrations are tracked in tables of their own, so that it may share a PostgreSQL schema with a site.

interface WitnessTables {
  /** witness_logs has one row per log this witness ever cosigned: the latest tree, the root in lowercase hex. */
  witness_logs: { origin: string; size: number; root: string; checkpoint: string };
}

const migrations: Record<string, (db: Kysely<any>, postgres: boolean) => Promise<void>> = {
  'witness-001-logs': async (db, postgres) => {
    await db.schema
      .createTable('witness_logs')
      .addColumn('origin', 'text', (c) => c.primaryKey())
      .addColumn('size', postgres ? 'bigint' : 'integer', (c) => c.notNull())
      .addColumn('root', 'text', (c) => c.notNull())
      .addColumn('checkpoint', 'text', (c) => c.notNull())
      .execute();
  },
};

/** SqlWitnessStore is the WitnessStore in SQLite or PostgreSQL: one row per log, moved by compare-and-swap. */
export class SqlWitnessStore implements WitnessStore {
  readonly #db: Kysely<WitnessTables>;
  readonly #postgres: boolean;

  constructor(db: Kysely<WitnessTables>, postgres: boolean) {
    this.#db = db;
    this.#postgres = postgres;
  }

  /** latest reads the log's row. */
  async latest(origin: string): Promise<LogState | null> {
    const row = await this.#db
      .selectFrom('witness_logs')
      .select(['size', 'root', 'checkpoint'])
      .where('origin', '=', origin)
      .executeTakeFirst();
    return row === undefined ? null : { size: Number(row.size), root: fromHex(row.root), checkpoint: row.checkpoint };
  }

  /** advance inserts the first row (if none) or updates the row only where it still holds `from`, in one statement. */
  async advance(origin: string, from: { size: number; root: Uint8Array } | null, to: LogState): Promise<boolean> {
    const values = { size: to.size, root: toHex(to.root), checkpoint: to.checkpoint };
    return this.#durably(async (db) => {
      if (from === null) {
        const inserted = await db
          .insertInto('witness_logs')
          .values({ origin, ...values })
          .onConflict((oc) => oc.column('origin').doNothing())
          .executeTakeFirst();
        return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
      }
      const updated = await db
        .updateTable('witness_logs')
        .set(values)
        .where('origin', '=', origin)
        .where('size', '=', from.size)
        .where('root', '=', toHex(from.root))
        .executeTakeFirst();
      return Number(updated.numUpdatedRows) === 1;
    });
  }

  /** close ends the connections. */
  close(): Promise<void> {
    return this.#db.destroy();
  }

  async #durably(work: (db: Kysely<WitnessTables>) => Promise<boolean>): Promise<boolean> {
    // A cosignature goes out right after this resolves: on PostgreSQL the commit waits for the disk whatever
    // synchronous_commit says elsewhere; the SQLite file is opened with synchronous=FULL (openWitnessStore).
    if (!this.#postgres) return work(this.#db);
    return this.#db.transaction().execute(async (trx) => {
      await sql`set local synchronous_commit = on`.execute(trx);
      return work(trx);
    });
  }
}

/** openWitnessStore opens (and migrates) a witness's store: PostgreSQL when a URL is given, else <dataDir>/witness.sqlite. */
export async function openWitnessStore(options: { databaseUrl?: string; dataDir: string }): Promise<SqlWitnessStore> {
  let db: Kysely<WitnessTables>;
  const postgres = Boolean(options.databaseUrl);
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 4, types: pgTypes as never });
    pool.on('error', () => {
      /* an idle client died; the pool replaces it */
    });
    db = new Kysely<WitnessTables>({ dialect: new PostgresDialect({ pool }) });
  } else {
    mkdirSync(options.dataDir, { recursive: true });
    const database = openSqliteDatabase(join(options.dataDir, 'witness.sqlite'));
    // Every cosignature is preceded by a commit that must survive a power cut, not only a killed process.
    database.raw.exec('PRAGMA synchronous = FULL');
    db = new Kysely<WitnessTables>({ dialect: new SqliteDialect({ database }) });
  }
  try {
    await migrate(db, postgres);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return new SqlWitnessStore(db, postgres);
}

async function migrate(db: Kysely<WitnessTables>, postgres: boolean): Promise<void> {
  const provider = {
    async getMigrations(): Promise<Record<string, Migration>> {
      return Object.fromEntries(
        Object.entries(migrations).map(([name, up]) => [name, { up: (d: Kysely<any>) => up(d, postgres) }]),
      );
    },
  };
  const migrationTableSchema = postgres
    ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0].schema
    : undefined;
  const migrator = new Migrator({
    db,
    provider,
    migrationTableSchema,
    migrationTableName: 'witness_migration',
    migrationLockTableName: 'witness_migration_lock',
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}

const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20 || oid === 1700) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as never);
  },
};
