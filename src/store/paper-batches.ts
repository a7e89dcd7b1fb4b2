import { sql, type Kysely } from 'kysely';
import type { PaperBatch, PaperWithdrawalReason } from '../domain/paper-batch.ts';
import type { Database, PaperBatchesTable } from './schema.ts';
import type { Selectable } from 'kysely';

/** NewPaperBatch is a batch to store, counted from now on. */
export type NewPaperBatch = Omit<PaperBatch, 'id' | 'status' | 'withdrawnAt' | 'reason'>;

function toPaperBatch(row: Selectable<PaperBatchesTable>): PaperBatch {
  return {
    id: Number(row.id),
    publicId: row.public_id,
    petitionId: Number(row.petition_id),
    count: Number(row.count),
    region: row.region,
    sheets: row.sheets,
    evidenceSha256: row.evidence_sha256,
    evidenceAttachmentId: row.evidence_attachment_id === null ? null : Number(row.evidence_attachment_id),
    status: row.status,
    createdAt: Number(row.created_at),
    withdrawnAt: row.withdrawn_at === null ? null : Number(row.withdrawn_at),
    reason: row.reason as PaperWithdrawalReason | null,
  };
}

/** insertPaperBatch stores a counted batch; call it in the transaction that queues its entry. */
export async function insertPaperBatch(db: Kysely<Database>, batch: NewPaperBatch): Promise<number> {
  const row = await db
    .insertInto('paper_batches')
    .values({
      public_id: batch.publicId,
      petition_id: batch.petitionId,
      count: batch.count,
      region: batch.region,
      sheets: batch.sheets,
      evidence_sha256: batch.evidenceSha256,
      evidence_attachment_id: batch.evidenceAttachmentId,
      status: 'counted',
      created_at: batch.createdAt,
      withdrawn_at: null,
      reason: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** listPaperBatches returns a petition's batches, oldest first, withdrawn ones too. */
export async function listPaperBatches(db: Kysely<Database>, petitionId: number): Promise<PaperBatch[]> {
  const rows = await db
    .selectFrom('paper_batches')
    .selectAll()
    .where('petition_id', '=', petitionId)
    .orderBy('id')
    .execute();
  return rows.map(toPaperBatch);
}

/** findPaperBatch returns a batch by its public id, or null. */
export async function findPaperBatch(db: Kysely<Database>, publicId: string): Promise<PaperBatch | null> {
  const row = await db.selectFrom('paper_batches').selectAll().where('public_id', '=', publicId).executeTakeFirst();
  return row === undefined ? null : toPaperBatch(row);
}

/** markWithdrawn takes a counted batch out of the count; false when it was withdrawn meanwhile. */
export async function markWithdrawn(
  db: Kysely<Database>,
  id: number,
  at: number,
  reason: PaperWithdrawalReason,
): Promise<boolean> {
  const result = await db
    .updateTable('paper_batches')
    .set({ status: 'withdrawn', withdrawn_at: at, reason })
    .where('id', '=', id)
    .where('status', '=', 'counted')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** countPaper returns the signatures of a petition's counted batches. */
export async function countPaper(db: Kysely<Database>, petitionId: number): Promise<number> {
  const row = await db
    .selectFrom('paper_batches')
    .select(sql<number>`coalesce(sum(count), 0)`.as('n'))
    .where('petition_id', '=', petitionId)
    .where('status', '=', 'counted')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** countPaperOfEvery returns the paper signatures of every petition that has counted batches. */
export async function countPaperOfEvery(db: Kysely<Database>): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('paper_batches')
    .select(['petition_id', sql<number>`sum(count)`.as('n')])
    .where('status', '=', 'counted')
    .groupBy('petition_id')
    .execute();
  return new Map(rows.map((r) => [Number(r.petition_id), Number(r.n)]));
}
