import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';
import { isPostgres } from './dialect-of.ts';

const MINUTES_PER_DAY = 1440;

/**
 * addUpTallies folds untallied entries into per-petition, per-region, per-day tallies in one transaction, marking
 * each entry as it goes, so signing never updates a shared counter row. Returns how many entries it folded in.
 */
export async function addUpTallies(db: Kysely<Database>, batch = 5000): Promise<number> {
  return db.transaction().execute(async (trx) => {
    // The sequencer's commit takes the same lock (src/store/sql-record-ledger.ts): both update record_entries rows.
    if (isPostgres(db)) await sql`select pg_advisory_xact_lock(7263001)`.execute(trx);
    const entries = await trx
      .updateTable('record_entries')
      .set({ tallied: 1 })
      .where('id', 'in', (eb) =>
        eb.selectFrom('record_entries').select('id').where('tallied', '=', 0).orderBy('id').limit(batch),
      )
      .returning(['petition_id', 'signature_id', 'delta'])
      .execute();
    const counted = entries.filter((e) => e.delta !== 0 && e.petition_id !== null && e.signature_id !== null);
    if (counted.length === 0) return entries.length;
    const signatures = await trx
      .selectFrom('signatures')
      .select(['id', 'region', 'signed_minute'])
      .where('id', 'in', [...new Set(counted.map((e) => Number(e.signature_id)))])
      .execute();
    const byId = new Map(signatures.map((s) => [Number(s.id), s]));
    const groups = new Map<string, { petition: number; region: string; day: number; delta: number }>();
    for (const e of counted) {
      const signature = byId.get(Number(e.signature_id))!;
      const region = signature.region ?? '';
      const day = Math.floor(Number(signature.signed_minute) / MINUTES_PER_DAY);
      const key = `${e.petition_id}\u0000${region}\u0000${day}`;
      const group = groups.get(key) ?? { petition: Number(e.petition_id), region, day, delta: 0 };
      group.delta += Number(e.delta);
      groups.set(key, group);
    }
    for (const g of groups.values()) {
      if (g.delta === 0) continue;
      await trx
        .insertInto('petition_tallies')
        .values({ petition_id: g.petition, region: g.region, day: g.day, signatures: g.delta })
        .onConflict((oc) =>
          oc
            .columns(['petition_id', 'region', 'day'])
            .doUpdateSet({ signatures: sql`petition_tallies.signatures + ${g.delta}` }),
        )
        .execute();
    }
    return entries.length;
  });
}

/** countSignatures is a petition's exact public count: its tallies plus the entries not yet folded into them. */
export async function countSignatures(db: Kysely<Database>, petitionId: number): Promise<number> {
  // One statement, so both halves come from one snapshot even while the tally job commits.
  const row = await sql<{ tallied: number | null; pending: number | null }>`
    select
      (select sum(signatures) from petition_tallies where petition_id = ${petitionId}) as tallied,
      (select sum(delta) from record_entries where petition_id = ${petitionId} and tallied = 0) as pending`.execute(db);
  const r = row.rows[0];
  return Number(r?.tallied ?? 0) + Number(r?.pending ?? 0);
}

/** countsByRegion returns the tallied count of each region (empty string: none given). */
export async function countsByRegion(
  db: Kysely<Database>,
  petitionId: number,
): Promise<{ region: string; signatures: number }[]> {
  const rows = await db
    .selectFrom('petition_tallies')
    .select(['region', sql<number>`sum(signatures)`.as('signatures')])
    .where('petition_id', '=', petitionId)
    .groupBy('region')
    .orderBy('region')
    .execute();
  return rows.map((r) => ({ region: r.region, signatures: Number(r.signatures) })).filter((r) => r.signatures !== 0);
}

/** countsByDay returns the tallied count of each UTC day (days since the epoch) of signing. */
export async function countsByDay(
  db: Kysely<Database>,
  petitionId: number,
): Promise<{ day: number; signatures: number }[]> {
  const rows = await db
    .selectFrom('petition_tallies')
    .select(['day', sql<number>`sum(signatures)`.as('signatures')])
    .where('petition_id', '=', petitionId)
    .groupBy('day')
    .orderBy('day')
    .execute();
  return rows.map((r) => ({ day: Number(r.day), signatures: Number(r.signatures) })).filter((r) => r.signatures !== 0);
}

/** countEveryPetition returns the exact count of every petition that has one, in one statement, for the public list. */
export async function countEveryPetition(db: Kysely<Database>): Promise<Map<number, number>> {
  const rows = await sql<{ petition_id: number; n: number }>`
    select petition_id, sum(n) as n from (
      select petition_id, signatures as n from petition_tallies
      union all
      select petition_id, delta as n from record_entries where tallied = 0 and petition_id is not null
    ) as parts group by petition_id`.execute(db);
  return new Map(rows.rows.map((r) => [Number(r.petition_id), Number(r.n)]));
}

/** countAll returns the exact counts of many petitions at once, for lists. */
export async function countAll(db: Kysely<Database>, petitionIds: number[]): Promise<Map<number, number>> {
  const counts = new Map<number, number>(petitionIds.map((id) => [id, 0]));
  if (petitionIds.length === 0) return counts;
  const rows = await sql<{ petition_id: number; n: number }>`
    select petition_id, sum(n) as n from (
      select petition_id, signatures as n from petition_tallies where petition_id in (${sql.join(petitionIds)})
      union all
      select petition_id, delta as n from record_entries where tallied = 0 and petition_id in (${sql.join(petitionIds)})
    ) as parts group by petition_id`.execute(db);
  for (const r of rows.rows) counts.set(Number(r.petition_id), Number(r.n));
  return counts;
}

/**
 * countsByRegionNow returns the exact count of each region (empty string: none given), as countSignatures does for
 * the total: the tallies plus the entries not yet folded into them, so the organiser's dashboard adds up to the count.
 */
export async function countsByRegionNow(
  db: Kysely<Database>,
  petitionId: number,
): Promise<{ region: string; signatures: number }[]> {
  const [tallied, pending] = await Promise.all([
    db
      .selectFrom('petition_tallies')
      .select(['region', sql<number>`sum(signatures)`.as('n')])
      .where('petition_id', '=', petitionId)
      .groupBy('region')
      .execute(),
    db
      .selectFrom('record_entries as e')
      .innerJoin('signatures as s', 's.id', 'e.signature_id')
      .select([sql<string>`coalesce(s.region, '')`.as('region'), sql<number>`sum(e.delta)`.as('n')])
      .where('e.petition_id', '=', petitionId)
      .where('e.tallied', '=', 0)
      .where('e.delta', '!=', 0)
      .groupBy(sql`coalesce(s.region, '')`)
      .execute(),
  ]);
  const counts = new Map<string, number>();
  for (const r of [...tallied, ...pending]) counts.set(r.region, (counts.get(r.region) ?? 0) + Number(r.n));
  return [...counts]
    .map(([region, signatures]) => ({ region, signatures }))
    .filter((r) => r.signatures !== 0)
    .sort((a, b) => b.signatures - a.signatures || (a.region < b.region ? -1 : a.region > b.region ? 1 : 0));
}

/** countRecordEntries returns how many of a petition's entries wait in the record's queue and how many have a log position. */
export async function countRecordEntries(
  db: Kysely<Database>,
  petitionId: number,
): Promise<{ queued: number; sequenced: number }> {
  const row = await db
    .selectFrom('record_entries')
    .select([(eb) => eb.fn.countAll<number>().as('queued'), (eb) => eb.fn.count<number>('leaf_index').as('sequenced')])
    .where('petition_id', '=', petitionId)
    .executeTakeFirst();
  return { queued: Number(row?.queued ?? 0), sequenced: Number(row?.sequenced ?? 0) };
}

/** countsByDayNow returns the exact count of each UTC day of signing: the tallies plus entries not yet folded in. */
export async function countsByDayNow(
  db: Kysely<Database>,
  petitionId: number,
): Promise<{ day: number; signatures: number }[]> {
  const [tallied, pending] = await Promise.all([
    countsByDay(db, petitionId),
    db
      .selectFrom('record_entries as e')
      .innerJoin('signatures as s', 's.id', 'e.signature_id')
      .select([
        sql<number>`(s.signed_minute / ${sql.lit(MINUTES_PER_DAY)})`.as('day'),
        sql<number>`sum(e.delta)`.as('n'),
      ])
      .where('e.petition_id', '=', petitionId)
      .where('e.tallied', '=', 0)
      .where('e.delta', '!=', 0)
      .groupBy(sql`(s.signed_minute / ${sql.lit(MINUTES_PER_DAY)})`)
      .execute(),
  ]);
  const counts = new Map<number, number>();
  for (const r of tallied) counts.set(r.day, r.signatures);
  for (const r of pending) counts.set(Number(r.day), (counts.get(Number(r.day)) ?? 0) + Number(r.n));
  return [...counts]
    .map(([day, signatures]) => ({ day, signatures }))
    .filter((r) => r.signatures !== 0)
    .sort((a, b) => a.day - b.day);
}
