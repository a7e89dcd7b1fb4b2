import type { Kysely } from 'kysely';
import type { Database } from '../../src/store/schema.ts';
import { findPetition } from '../../src/store/petitions.ts';
import { listEntries } from '../../src/store/record-queue.ts';

/** QueuedRecordEntry is a queued entry as an auditor would read it: its exact bytes and what they say. */
export interface QueuedRecordEntry {
  body: string;
  entry: Record<string, unknown>;
  delta: number;
}

/** entriesOf returns the queued record entries that name a petition, in queue order. */
export async function entriesOf(db: Kysely<Database>, petition: string): Promise<QueuedRecordEntry[]> {
  const found: QueuedRecordEntry[] = [];
  for (let after = 0; ; ) {
    const rows = await listEntries(db, after, 1000);
    if (rows.length === 0) return found;
    for (const row of rows) {
      const entry = JSON.parse(row.body) as Record<string, unknown>;
      if (entry.petition === petition) found.push({ body: row.body, entry, delta: Number(row.delta) });
    }
    after = Number(rows[rows.length - 1].id);
  }
}

/** entriesOfType returns a petition's queued entries of one type. */
export async function entriesOfType(
  db: Kysely<Database>,
  petition: string,
  type: string,
): Promise<QueuedRecordEntry[]> {
  return (await entriesOf(db, petition)).filter((e) => e.entry.type === type);
}

/** countFromRecord recomputes a petition's count as an auditor would: added less withdrawn less invalidated. */
export async function countFromRecord(db: Kysely<Database>, petition: string): Promise<number> {
  let count = 0;
  for (const { entry } of await entriesOf(db, petition)) {
    if (entry.type === 'signature.added') count++;
    if (entry.type === 'signature.withdrawn' || entry.type === 'signature.invalidated') count--;
  }
  return count;
}

/** petitionRowId returns the row id of a petition by its public id, failing the test if there is none. */
export async function petitionRowId(db: Kysely<Database>, petition: string): Promise<number> {
  const row = await findPetition(db, petition);
  if (!row) throw new Error(`no petition ${petition}`);
  return Number(row.id);
}
