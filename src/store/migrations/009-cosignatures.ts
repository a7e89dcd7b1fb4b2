import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../open-store.ts';

/**
 * up009 adds what the record keeps of its witnesses (c2sp.org/tlog-witness): for each witness, the size it last
 * cosigned as far as this log knows and its cosignature of that tree; and the newest checkpoint that met the policy's
 * quorum, with its cosignatures. Only the latest of each is kept: a cosignature carries the second it was made, and a
 * history of them would tell, long after, when each batch of entries was sequenced.
 */
export async function up009(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const big = dialect === 'postgres' ? 'bigint' : 'integer';
  await db.schema
    .createTable('record_witnesses')
    .addColumn('witness', 'text', (c) => c.primaryKey())
    .addColumn('size', big, (c) => c.notNull())
    .addColumn('root', 'text')
    .addColumn('line', 'text')
    .execute();
  await db.schema
    .createTable('record_witnessed')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('size', big, (c) => c.notNull())
    .addColumn('checkpoint', 'text', (c) => c.notNull())
    .addCheckConstraint('record_witnessed_one_row', sql`id = 1`)
    .execute();
}
