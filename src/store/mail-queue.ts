import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { NewMail, QueuedMail } from '../domain/queued-mail.ts';
import { mailColumns, toQueuedMail } from './rows/mail-row.ts';

/** enqueueMail adds an email to the queue, inside the caller's transaction so it is sent if and only if the change commits. */
export async function enqueueMail(db: Kysely<Database>, mail: NewMail, now: number): Promise<void> {
  await db.insertInto('mail_queue').values(mailColumns(mail, now)).execute();
}

/** dueMail returns emails whose time to be sent has come. */
export async function dueMail(db: Kysely<Database>, now: number, limit = 50): Promise<QueuedMail[]> {
  const rows = await db
    .selectFrom('mail_queue')
    .select(['id', 'recipient_enc', 'language', 'template', 'params', 'attempts', 'next_attempt_at'])
    .where('next_attempt_at', '<=', now)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toQueuedMail);
}

/**
 * claimMail takes a due email for this sender until `until`, and says whether it got it: the update finds the row
 * only while nobody else moved its time, so of two nodes that read the same due email one sends it. A sender that
 * dies after sending and before deleting leaves it to be sent again once `until` passes (at least once, not twice
 * at the same time).
 */
export async function claimMail(db: Kysely<Database>, mail: QueuedMail, until: number): Promise<boolean> {
  const result = await db
    .updateTable('mail_queue')
    .set({ next_attempt_at: until })
    .where('id', '=', mail.id)
    .where('next_attempt_at', '=', mail.nextAttemptAt)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
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
