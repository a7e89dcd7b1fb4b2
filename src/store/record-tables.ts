import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** RecordTables are the tables of migration 002-record, which only the record's store code reads and writes. */
// A type, not an interface: withTables wants an index signature.
export type RecordTables = {
  /** record_state has one row (id 1): the committed tree. The root is lowercase hex. */
  record_state: { id: number; size: number; root: string; checkpoint: string };
  /** record_checkpoints lists every committed tree's size and root, so that older partial tiles can be served. */
  record_checkpoints: { size: number; root: string };
  /** record_blobs holds tiles, bundles and the checkpoint by path when the record lives in PostgreSQL. */
  record_blobs: { path: string; data: Uint8Array };
  /** record_witnesses (009) has a row per witness (its vkey): the size it last cosigned, and its line for that tree. */
  record_witnesses: { witness: string; size: number; root: string | null; line: string | null };
  /** record_witnessed (009) has one row (id 1): the newest checkpoint that met the witness policy's quorum. */
  record_witnessed: { id: number; size: number; checkpoint: string };
};

/** recordDb is the database with the record's tables typed, beside those of schema.ts. */
export function recordDb(db: Kysely<Database>): Kysely<Database & RecordTables> {
  return db.withTables<RecordTables>();
}
