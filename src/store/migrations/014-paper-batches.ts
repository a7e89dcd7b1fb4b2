import type { Kysely } from 'kysely';
import type { Dialect } from '../open-store.ts';

/**
 * up014 adds batches of signatures gathered on paper: how many, from which region, on which sheets, the SHA-256 of the
 * cleaned scan of the sheets (public, in the record) and, when one was kept, the private attachment holding the scan.
 * A batch is never changed: it is withdrawn (with its time and public reason) and, if wrong, entered again as a new
 * one. Nothing here names a signer.
 */
export async function up014(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const big = dialect === 'postgres' ? 'bigint' : 'integer';
  const id = dialect === 'postgres' ? 'bigserial' : 'integer';
  await db.schema
    .createTable('paper_batches')
    .addColumn('id', id, (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('public_id', 'text', (c) => c.notNull().unique())
    .addColumn('petition_id', big, (c) => c.notNull().references('petitions.id'))
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('region', 'text')
    .addColumn('sheets', 'text', (c) => c.notNull())
    .addColumn('evidence_sha256', 'text')
    .addColumn('evidence_attachment_id', big, (c) => c.references('attachments.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', big, (c) => c.notNull())
    .addColumn('withdrawn_at', big)
    .addColumn('reason', 'text')
    .execute();
  await db.schema.createIndex('paper_batches_by_petition').on('paper_batches').columns(['petition_id', 'id']).execute();
}
