import type { NewMail, QueuedMail } from '../../domain/queued-mail.ts';
import type { MailQueueTable } from '../schema.ts';

/** mailColumns turns a new email into its mail_queue row, due at once. */
export function mailColumns(mail: NewMail, now: number): Omit<MailQueueTable, 'id'> {
  return {
    recipient_enc: mail.recipientSealed,
    language: mail.language,
    template: mail.template,
    params: mail.paramsSealed,
    created_at: now,
    attempts: 0,
    next_attempt_at: now,
  };
}

/** QueuedMailRow is what the sender reads of a mail_queue row. */
export type QueuedMailRow = Pick<
  MailQueueTable,
  'recipient_enc' | 'language' | 'template' | 'params' | 'attempts' | 'next_attempt_at'
> & { id: number | string };

/** toQueuedMail reads a mail_queue row as a QueuedMail. */
export function toQueuedMail(row: QueuedMailRow): QueuedMail {
  return {
    id: Number(row.id),
    recipientSealed: row.recipient_enc,
    language: row.language,
    template: row.template,
    paramsSealed: row.params,
    attempts: Number(row.attempts),
    nextAttemptAt: Number(row.next_attempt_at),
  };
}
