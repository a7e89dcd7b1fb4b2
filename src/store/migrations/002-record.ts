import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../open-store.ts';

/** up002 adds the public record's committed tree, its checkpoint history, its blobs, and an index of pending entries. */
export async function up002(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const big = dialect === 'postgres' ? 'bigint' : 'integer';

  await db.schema
    .createTable('record_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('size', big, (c) => c.notNull())
    .addColumn('root', 'text', (c) => c.notNull())
    .addColumn('checkpoint', 'text', (c) => c.notNull())
    .addCheckConstraint('record_state_one_row', sql`id = 1`)
    .execute();

  // Sizes and roots only: no time is kept that could be matched against when someone signed.
  await db.schema
    .createTable('record_checkpoints')
    .addColumn('size', big, (c) => c.primaryKey())
    .addColumn('root', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('record_blobs')
    .addColumn('path', 'text', (c) => c.primaryKey())
    .addColumn('data', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
    .execute();

  // The sequencer's "oldest pending entries" and the backlog count read only this small index.
  await db.schema
    .createIndex('record_entries_pending')
    .on('record_entries')
    .column('id')
    .where(sql.ref('leaf_index'), 'is', null)
    .execute();
}
