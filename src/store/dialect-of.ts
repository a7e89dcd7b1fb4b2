import { type Kysely, PostgresAdapter } from 'kysely';

/**
 * isPostgres tells whether a database handle (or a transaction on one) talks to PostgreSQL, so that the store, and
 * nothing above it, decides where a row lock is needed: SQLite runs one write transaction at a time and needs none.
 */
// biome-ignore lint/suspicious/noExplicitAny: any database's handle will do; only its adapter is read.
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** isUniqueViolation tells whether a statement failed on a unique index, in PostgreSQL's words (23505) or SQLite's. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  return e?.code === '23505' || /UNIQUE constraint failed/.test(e?.message ?? '');
}
