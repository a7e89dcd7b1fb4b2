import { join } from 'node:path';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import type { SequencerHold, SequencerLease } from '../record/start-sequencer.ts';
import type { RecordLedger, TileStore } from '../record/tile-store.ts';
import { DatabaseTileStore } from './database-tile-store.ts';
import { FileTileStore } from './file-tile-store.ts';
import type { Store } from './open-store.ts';
import type { Database } from './schema.ts';
import { SqlRecordLedger } from './sql-record-ledger.ts';

/** SEQUENCER_LOCK is the first key of the sequencer's advisory lock; the second is the hash of the schema's name. */
export const SEQUENCER_LOCK = 7_263_003;

/** RecordStorage is where a deployment keeps its record: what every node reads, and who may write. */
export interface RecordStorage {
  /** ledger and tiles read through the store's own connections, on every node. */
  ledger: RecordLedger;
  tiles: TileStore;
  lease: SequencerLease;
}

/**
 * openRecordStorage keeps the record in files under <dataDir>/log beside an SQLite store, which one process owns; or
 * in PostgreSQL's record_blobs, sequenced by whichever node holds the advisory lock, when a database URL is given.
 */
export function openRecordStorage(store: Store, options: { databaseUrl?: string; dataDir: string }): RecordStorage {
  const ledger = new SqlRecordLedger(store.db, store.dialect);
  if (store.dialect === 'postgres') {
    if (!options.databaseUrl) throw new Error("a PostgreSQL store needs its URL for the sequencer's own connection");
    return { ledger, tiles: new DatabaseTileStore(store.db), lease: postgresSequencerLease(options.databaseUrl) };
  }
  const tiles = new FileTileStore(join(options.dataDir, 'log'));
  return { ledger, tiles, lease: localSequencerLease(ledger, tiles) };
}

/** localSequencerLease always gives the turn: an SQLite data folder belongs to one server process. */
export function localSequencerLease(ledger: RecordLedger, tiles: TileStore): SequencerLease {
  return { acquire: async () => ({ ledger, tiles, release: async () => {} }) };
}

/**
 * postgresSequencerLease gives the turn to the node whose own session holds pg_try_advisory_lock, and makes that node
 * read and write the record through that session only. The lock lives exactly as long as the session: when the node
 * dies, PostgreSQL ends the session (at once on a closed socket, within ~25 s by TCP keepalives on a vanished one),
 * the lock is free for another node, and nothing the old node still sends can land. DATABASE_URL must therefore reach
 * PostgreSQL with session semantics (directly, or through a pooler in session mode).
 */
export function postgresSequencerLease(databaseUrl: string): SequencerLease {
  return {
    async acquire(): Promise<SequencerHold | null> {
      const client = new pg.Client({
        connectionString: databaseUrl,
        application_name: 'veche-sequencer',
        types: pgTypes as never,
        keepAlive: true,
        keepAliveInitialDelayMillis: 10_000,
        connectionTimeoutMillis: 10_000,
      });
      client.on('error', () => {
        /* the session died, and its lock with it: the next query fails and the turn is dropped */
      });
      try {
        await client.connect();
        await client.query(
          'set tcp_keepalives_idle = 10; set tcp_keepalives_interval = 5; set tcp_keepalives_count = 3',
        );
        const { rows } = await client.query<{ locked: boolean }>(
          'select pg_try_advisory_lock($1, hashtext(current_schema())) as locked',
          [SEQUENCER_LOCK],
        );
        if (rows[0]?.locked !== true) {
          await client.end();
          return null;
        }
      } catch (error) {
        await client.end().catch(() => {});
        throw error;
      }
      const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: onePool(client) }) });
      return {
        ledger: new SqlRecordLedger(db, 'postgres'),
        tiles: new DatabaseTileStore(db),
        // Ending the session releases the lock.
        release: () => client.end().catch(() => {}),
      };
    },
  };
}

const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    // As in open-store.ts: bigint (20) and numeric (1700) hold sizes and ids, far below 2^53.
    if (oid === 20 || oid === 1700) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as never);
  },
};

// A Kysely pool of one client, handed out to one query or transaction at a time, so that every statement of the
// sequencer runs in the session that holds the lock, and a lost session is never silently replaced by a new one.
function onePool(client: pg.Client): PostgresPool {
  let turn = Promise.resolve();
  return {
    options: {},
    async connect(): Promise<PostgresPoolClient> {
      const previous = turn;
      let release!: () => void;
      turn = new Promise<void>((resolve) => {
        release = resolve;
      });
      await previous;
      return { query: client.query.bind(client), release: () => release() } as unknown as PostgresPoolClient;
    },
    async end() {},
  };
}
