import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../open-store.ts';

/**
 * up003 marks each entry once it is folded into the tallies. A high-water mark of entry ids is not enough on
 * PostgreSQL: an entry can get a lower id than one already tallied and commit after it, and would be missed.
 */
export async function up003(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .alterTable('record_entries')
    .addColumn('tallied', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // Everything up to the old high-water mark was tallied already.
  await sql`update record_entries set tallied = 1
    where id <= coalesce((select through_entry from tally_state where name = 'petitions'), 0)`.execute(db);
  await db.schema
    .createIndex('record_entries_untallied')
    .on('record_entries')
    .columns(['petition_id', 'id'])
    .where(sql.ref('tallied'), '=', 0)
    .execute();
  await db.schema
    .createIndex('record_entries_untallied_order')
    .on('record_entries')
    .column('id')
    .where(sql.ref('tallied'), '=', 0)
    .execute();
}
