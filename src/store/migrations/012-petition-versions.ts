import type { Kysely } from 'kysely';
import type { Dialect } from '../open-store.ts';

/**
 * up012 keeps every version of a corrected petition's text, public as the record's petition.corrected entries are:
 * the first correction writes version 1 (the text as published) and version 2, each later one its own version. The
 * petition row says which version it shows and when it last changed. Nothing here is about signers.
 */
export async function up012(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const big = dialect === 'postgres' ? 'bigint' : 'integer';
  await db.schema
    .alterTable('petitions')
    .addColumn('text_version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('petitions').addColumn('corrected_at', big).execute();
  await db.schema
    .createTable('petition_versions')
    .addColumn('petition_id', big, (c) => c.notNull().references('petitions.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('addressee', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    // When this version became the one shown: the opening for version 1, the correction for later ones.
    .addColumn('corrected_at', big, (c) => c.notNull())
    .addColumn('reason', 'text')
    .addPrimaryKeyConstraint('petition_versions_once', ['petition_id', 'version'])
    .execute();
}
