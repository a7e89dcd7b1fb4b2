import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** QueuedMail is one email waiting to be sent; recipient and params are sealed with the encryption key. */
export interface QueuedMail {
  id: number;
  recipient_enc: string;
  language: string;
  template: string;
  params: string;
  attempts: number;
}

/** enqueueMail adds an email to the queue, inside the caller's transaction so it is sent if and only if the change commits. */
export async function enqueueMail(
  db: Kysely<Database>,
  mail: Omit<QueuedMail, 'id' | 'attempts'>,
  now: number,
): Promise<void> {
  await db
    .insertInto('mail_queue')
    .values({ ...mail, attempts: 0, created_at: now, next_attempt_at: now })
    .execute();
}

/** dueMail returns emails whose time to be sent has come. */
export function dueMail(db: Kysely<Database>, now: number, limit = 50): Promise<QueuedMail[]> {
  return db
    .selectFrom('mail_queue')
    .select(['id', 'recipient_enc', 'language', 'template', 'params', 'attempts'])
    .where('next_attempt_at', '<=', now)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** deleteMail forgets a sent email, and with it the address. */
export async function deleteMail(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('mail_queue').where('id', '=', id).execute();
}

/** postponeMail schedules another attempt after a failure. */
export async function postponeMail(db: Kysely<Database>, id: number, attempts: number, at: number): Promise<void> {
  await db.updateTable('mail_queue').set({ attempts, next_attempt_at: at }).where('id', '=', id).execute();
}

/** countQueuedMail counts the emails waiting to be sent, for the metrics. */
export async function countQueuedMail(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('mail_queue')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** deleteStaleMail forgets emails that could not be sent before `before`: their links have expired by then. */
export async function deleteStaleMail(db: Kysely<Database>, before: number): Promise<number> {
  const result = await db.deleteFrom('mail_queue').where('created_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
