import { sql, type Kysely } from 'kysely';

/**
 * up010 lets an organiser choose whether an event appears in the public list of events (/events). Events made before
 * it stay unlisted: their organisers were never asked, and some ran them for people who must not be seen there.
 * The index holds only listed events, which is all the list reads.
 */
export async function up010(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('events')
    .addColumn('listed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('events_listed')
    .on('events')
    .column('starts_at')
    .where(sql.ref('listed'), '=', 1)
    .execute();
}
