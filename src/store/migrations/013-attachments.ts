import type { Kysely } from 'kysely';
import type { Dialect } from '../open-store.ts';

/**
 * up013 adds photos and videos attached to petitions: the attachment, each cleaned file it is served as (type, size,
 * SHA-256), and the files' bytes in chunks. The bytes live in the database on both backends, not in the data folder:
 * every node of a cluster serves them from the one PostgreSQL, a backup of the database holds them, and an attachment
 * and its bytes are written and deleted in one transaction (no file left behind by a crash). Chunks let a video's
 * range requests read only the part asked for. Only cleaned files are stored; the upload itself never is.
 */
export async function up013(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const big = dialect === 'postgres' ? 'bigint' : 'integer';
  const id = dialect === 'postgres' ? 'bigserial' : 'integer';
  await db.schema
    .createTable('attachments')
    .addColumn('id', id, (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('public_id', 'text', (c) => c.notNull().unique())
    .addColumn('petition_id', big, (c) => c.notNull().references('petitions.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('alt', 'text', (c) => c.notNull())
    .addColumn('created_at', big, (c) => c.notNull())
    .addColumn('published_at', big)
    .addColumn('removed_at', big)
    .execute();
  await db.schema.createIndex('attachments_by_petition').on('attachments').columns(['petition_id', 'id']).execute();

  await db.schema
    .createTable('attachment_files')
    .addColumn('attachment_id', big, (c) => c.notNull().references('attachments.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('size', big, (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('attachment_files_key', ['attachment_id', 'name'])
    .execute();

  await db.schema
    .createTable('attachment_chunks')
    .addColumn('attachment_id', big, (c) => c.notNull().references('attachments.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('bytes', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
    .addPrimaryKeyConstraint('attachment_chunks_key', ['attachment_id', 'name', 'seq'])
    .execute();
}
