import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../open-store.ts';

/**
 * up006 leaves the votes table one index that a vote writes at a random place instead of three. A vote's public id
 * and its voter hash are random, so every index led by one of them takes a write on a random page: with three of them
 * a burst of votes dirtied three pages per vote and commits grew with it (docs/benchmarks.md, "Open questions").
 * - The unique index stopping a second vote now leads with the voter hash, so it also finds a browser's votes and
 *   the separate voter index goes.
 * - The public id keeps no unique index: nothing looks a vote up by it, and it carries 70 random bits.
 * - A plain index on the question (appended to in order) serves the lists of a question's votes and merges.
 */
export async function up006(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema.dropIndex('votes_voter').execute();
  await db.schema.dropIndex('votes_once').execute();
  if (dialect === 'postgres') {
    await sql`alter table votes drop constraint votes_public_id_key`.execute(db);
  } else {
    // SQLite cannot drop a column's unique constraint: the table is copied into one without it.
    await db.schema
      .createTable('votes_new')
      .addColumn('id', sql`integer primary key autoincrement` as never)
      .addColumn('public_id', 'text', (c) => c.notNull())
      .addColumn('question_id', 'integer', (c) => c.notNull().references('questions.id'))
      .addColumn('voter_hash', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .execute();
    await sql`insert into votes_new (id, public_id, question_id, voter_hash, status)
      select id, public_id, question_id, voter_hash, status from votes`.execute(db);
    await db.schema.dropTable('votes').execute();
    await db.schema.alterTable('votes_new').renameTo('votes').execute();
  }
  await db.schema
    .createIndex('votes_once')
    .on('votes')
    .columns(['voter_hash', 'question_id'])
    .unique()
    .where(sql.ref('status'), '=', 'counted')
    .execute();
  await db.schema.createIndex('votes_question').on('votes').columns(['question_id']).execute();
}
