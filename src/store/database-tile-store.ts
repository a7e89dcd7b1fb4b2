import { Buffer } from 'node:buffer';
import type { Kysely } from 'kysely';
import { CHECKPOINT_PATH } from '../record/tile-store.ts';
import type { TileStore } from '../record/tile-store.ts';
import { parseTilePath } from '../record/tile-path.ts';
import { recordDb, type RecordTables } from './record-tables.ts';
import type { Database } from './schema.ts';

/**
 * DatabaseTileStore keeps the record's tiles, bundles and checkpoint in the record_blobs table, for deployments on
 * PostgreSQL, where every node reads them. Each put is one upsert, atomic and (on PostgreSQL) durable when it returns.
 * On SQLite it works too, but its puts are not fsynced: tests only; an SQLite server keeps its tiles in files.
 */
export class DatabaseTileStore implements TileStore {
  readonly #db: Kysely<Database & RecordTables>;

  constructor(db: Kysely<Database>) {
    this.#db = recordDb(db);
  }

  /** get reads one blob. */
  async get(path: string): Promise<Uint8Array | null> {
    checkPath(path);
    const row = await this.#db.selectFrom('record_blobs').select('data').where('path', '=', path).executeTakeFirst();
    if (row === undefined) return null;
    return new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength);
  }

  /** put upserts one blob. */
  async put(path: string, data: Uint8Array): Promise<void> {
    checkPath(path);
    const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    await this.#db
      .insertInto('record_blobs')
      .values({ path, data: bytes })
      .onConflict((oc) => oc.column('path').doUpdateSet({ data: bytes }))
      .execute();
  }
}

function checkPath(path: string): void {
  if (path !== CHECKPOINT_PATH && parseTilePath(path) === null) throw new RangeError(`not a record path: ${path}`);
}
