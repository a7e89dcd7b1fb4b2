import type { Kysely } from 'kysely';
import type { Dialect } from '../open-store.ts';

/**
 * up004 indexes record entries by signature, so that a receipt finds its signature's entries (and their leaf indexes)
 * without reading every entry of a petition: /api/signatures/{id}/proof and the receipt page ask for them.
 */
export async function up004(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.createIndex('record_entries_signature').on('record_entries').column('signature_id').execute();
}
