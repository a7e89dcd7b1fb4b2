import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * lockSteps is how long a login is locked after its nth attempt without a success: from the fifth, one minute,
 * doubling, up to fifteen. Each attempt counts as a failure until it succeeds (see takeLoginAttempt).
 */
export const lockSteps: { attempt: number; lockMs: number }[] = [
  { attempt: 5, lockMs: 60_000 },
  { attempt: 6, lockMs: 2 * 60_000 },
  { attempt: 7, lockMs: 4 * 60_000 },
  { attempt: 8, lockMs: 8 * 60_000 },
  { attempt: 9, lockMs: 15 * 60_000 },
];

const FORGET_MS = 24 * 3_600_000;

/**
 * takeLoginAttempt counts one attempt for a login key and returns null, or returns when the key's lock ends without
 * counting. The count is taken before the password is checked, in one conditional UPDATE, so that a hundred attempts
 * sent at once get five checks, not a hundred, on every node. Counts quiet for a day are forgotten.
 */
export async function takeLoginAttempt(
  db: Kysely<Database>,
  key: string,
  now: number,
): Promise<{ lockedUntil: number } | null> {
  await db
    .deleteFrom('login_failures')
    .where('updated_at', '<', now - FORGET_MS)
    .where('locked_until', '<=', now)
    .execute();
  await db
    .insertInto('login_failures')
    .values({ login_key: key, failures: 0, locked_until: 0, updated_at: now })
    .onConflict((oc) => oc.column('login_key').doNothing())
    .execute();
  const last = lockSteps[lockSteps.length - 1];
  const lockedUntil = sql<number>`case when failures + 1 >= ${last.attempt} then ${now + last.lockMs} ${sql.join(
    lockSteps.slice(0, -1).map((step) => sql`when failures + 1 = ${step.attempt} then ${now + step.lockMs}`),
    sql` `,
  )} else locked_until end`;
  const counted = await db
    .updateTable('login_failures')
    .set({ failures: sql`failures + 1`, locked_until: lockedUntil, updated_at: now })
    .where('login_key', '=', key)
    .where('locked_until', '<=', now)
    .returning('failures')
    .executeTakeFirst();
  if (counted) return null;
  const row = await db
    .selectFrom('login_failures')
    .select('locked_until')
    .where('login_key', '=', key)
    .executeTakeFirst();
  return { lockedUntil: Number(row?.locked_until ?? now) };
}

/** clearLoginFailures forgets a login's count: it signed in, or the admin gave it a new password. */
export async function clearLoginFailures(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('login_failures').where('login_key', '=', key).execute();
}

/** findLoginFailures returns a login key's count and lock, for tests and the admin. */
export async function findLoginFailures(
  db: Kysely<Database>,
  key: string,
): Promise<{ failures: number; lockedUntil: number } | undefined> {
  const row = await db
    .selectFrom('login_failures')
    .select(['failures', 'locked_until'])
    .where('login_key', '=', key)
    .executeTakeFirst();
  return row && { failures: Number(row.failures), lockedUntil: Number(row.locked_until) };
}
