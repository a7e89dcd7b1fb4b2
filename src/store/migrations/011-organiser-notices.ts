import type { Kysely } from 'kysely';
import type { Dialect } from '../open-store.ts';

/**
 * up011 lets organisers and moderators have email about their own petitions and events (a reached goal, a daily
 * summary, questions waiting): their choices and the address (sealed with the encryption key), a mark for every email
 * written (its primary key is what lets one node, once, claim a summary for a day or a goal for a petition), and each
 * petition's count at its owner's last summary. None of it is about who signed: counts only.
 */
export async function up011(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const big = dialect === 'postgres' ? 'bigint' : 'integer';
  await db.schema
    .createTable('notice_settings')
    .addColumn('account_id', big, (c) => c.primaryKey().references('accounts.id'))
    .addColumn('address_enc', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('goal', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('summary', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('questions', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', big, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('notices_sent')
    .addColumn('account_id', big, (c) => c.notNull().references('accounts.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('sent_at', big, (c) => c.notNull())
    .addPrimaryKeyConstraint('notices_sent_once', ['account_id', 'kind', 'subject'])
    .execute();
  await db.schema
    .createIndex('notices_sent_latest')
    .on('notices_sent')
    .columns(['account_id', 'kind', 'sent_at'])
    .execute();

  await db.schema
    .createTable('summary_counts')
    .addColumn('petition_id', big, (c) => c.primaryKey().references('petitions.id'))
    .addColumn('signatures', big, (c) => c.notNull())
    .addColumn('counted_at', big, (c) => c.notNull())
    .execute();
}
