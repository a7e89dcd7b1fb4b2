import { sql, type Kysely } from 'kysely';
import { recordDb } from './record-tables.ts';
import type { Database } from './schema.ts';

/** SignatureEntry is one record entry about a signature: its type, exact text, petition, and leaf index once sequenced. */
export interface SignatureEntry {
  type: string;
  body: string;
  petition: string;
  petitionId: number;
  leafIndex: number | null;
}

/** signatureEntries returns the record entries of the signature with this public id, in the order they were queued. */
export async function signatureEntries(db: Kysely<Database>, signature: string): Promise<SignatureEntry[]> {
  const rows = await db
    .selectFrom('signatures as s')
    .innerJoin('record_entries as e', 'e.signature_id', 's.id')
    .innerJoin('petitions as p', 'p.id', 'e.petition_id')
    .select(['e.type', 'e.body', 'e.leaf_index', 'p.public_id', 'p.id'])
    .where('s.public_id', '=', signature)
    .orderBy('e.id')
    .execute();
  return rows.map((r) => ({
    type: r.type,
    body: r.body,
    petition: r.public_id,
    petitionId: Number(r.id),
    leafIndex: r.leaf_index === null ? null : Number(r.leaf_index),
  }));
}

/** RecordCount is a petition's count in the record's first `size` entries, and its public count, from one snapshot. */
export interface RecordCount {
  /** signatures is the sum of the deltas of the petition's entries at leaf indexes below the size. */
  signatures: number;
  /** now is the petition's public count: the deltas of all its entries, in the record or still waiting. */
  now: number;
}

/**
 * countInRecord returns a petition's count in the tree of `size` entries, which must be a committed tree. It is the
 * public count less the entries not in that tree (waiting, or sequenced since), so that it reads only the few entries
 * newer than the checkpoint rather than every entry of the petition. One statement: one snapshot on both backends.
 */
export async function countInRecord(db: Kysely<Database>, petitionId: number, size: number): Promise<RecordCount> {
  // The unary + keeps SQLite from walking the petition's index (every one of its entries) instead of the leaf index.
  const result = await sql<{
    folded: number | null;
    unfolded: number | null;
    waiting: number | null;
    later: number | null;
  }>`
    select
      (select sum(signatures) from petition_tallies where petition_id = ${petitionId}) as folded,
      (select sum(delta) from record_entries where petition_id = ${petitionId} and tallied = 0) as unfolded,
      (select sum(delta) from record_entries where +petition_id = ${petitionId} and leaf_index is null) as waiting,
      (select sum(delta) from record_entries where +petition_id = ${petitionId} and leaf_index >= ${size}) as later`.execute(
    db,
  );
  const row = result.rows[0];
  const now = Number(row?.folded ?? 0) + Number(row?.unfolded ?? 0);
  return { now, signatures: now - Number(row?.waiting ?? 0) - Number(row?.later ?? 0) };
}

/** wasCheckpointed reports whether the record ever committed (and signed a checkpoint for) a tree of this size. */
export async function wasCheckpointed(db: Kysely<Database>, size: number): Promise<boolean> {
  const row = await recordDb(db)
    .selectFrom('record_checkpoints')
    .select('size')
    .where('size', '=', size)
    .executeTakeFirst();
  return row !== undefined;
}
