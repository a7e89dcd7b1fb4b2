import { sql, type Kysely } from 'kysely';

/**
 * up008 indexes the expiry of confirmation links, so that the job deleting pending signatures whose link expired
 * (and with them the sealed address) finds them without reading every signature. Only rows with a link are in it:
 * confirming clears the expiry, so the index stays as small as the number of signatures waiting for confirmation.
 */
export async function up008(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('signatures_pending_expiry')
    .on('signatures')
    .column('confirm_expires_at')
    .where(sql.ref('confirm_expires_at'), 'is not', null)
    .execute();
}
