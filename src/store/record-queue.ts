import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import { encodeEntry, type RecordEntry } from '../record/entry.ts';
import { compiledOnce } from './compiled-once.ts';

/** QueuedEntry is an entry and what the tallies need to know of it, never published beside it. */
export interface QueuedEntry {
  entry: RecordEntry;
  petitionId: number | null;
  signatureId?: number | null;
  /** eventId ties a question's or vote's entry to its event, for per-event lists of entries. */
  eventId?: number | null;
  /** delta is what the entry adds to its petition's count: +1, -1 or 0. */
  delta: number;
}

/** queueEntries adds entries to the record's queue; call it inside the transaction that makes the change. */
export async function queueEntries(db: Kysely<Database>, entries: QueuedEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const bodies = entries.map((e) => encodeEntry(e.entry));
  // SPEC: c2sp.org/tlog-tiles: an entry in a bundle is at most 65,535 bytes; refuse here, not in the sequencer.
  if (bodies.some((body) => Buffer.byteLength(body) > 65_535))
    throw new RangeError('a record entry is over 65,535 bytes');
  const rows = entries.map((e, i) => ({
    type: e.entry.type,
    body: bodies[i],
    petition_id: e.petitionId,
    signature_id: e.signatureId ?? null,
    event_id: e.eventId ?? null,
    delta: e.delta,
  }));
  if (rows.length === 1) await insertOneEntry(db, rows[0]);
  else
    await db
      .insertInto('record_entries')
      .values(rows.map((row) => ({ ...row, leaf_index: null })))
      .execute();
}

// One entry is what a signature queues, so that insert is compiled once (compiledOnce); a batch is built each time.
const insertOneEntry = compiledOnce(
  ['type', 'body', 'petition_id', 'signature_id', 'event_id', 'delta'] as const,
  (
    db,
    row: {
      type: string;
      body: string;
      petition_id: number | null;
      signature_id: number | null;
      event_id: number | null;
      delta: number;
    },
  ) => db.insertInto('record_entries').values({ ...row, leaf_index: null }),
);

/** listEntries returns queued entries in queue order, for the sequencer, tests and the tally job. */
export async function listEntries(db: Kysely<Database>, afterId = 0, limit = 1000) {
  return db.selectFrom('record_entries').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
}
