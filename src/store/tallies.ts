import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { Dialect } from './open-store.ts';

const MINUTES_PER_DAY = 1440;

/** Count is a petition's public count and when the tally that gave it was last brought up to date. */
export interface Count {
  signatures: number;
  throughEntry: number;
}

/**
 * addUpTallies folds entries queued since the last run into per-petition, per-region, per-day tallies, in one
 * transaction, so signing never updates a shared counter row. Returns how many entries it folded in.
 */
export async function addUpTallies(db: Kysely<Database>, dialect: Dialect, batch = 20_000): Promise<number> {
  return db.transaction().execute(async (trx) => {
    if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(7263001)`.execute(trx);
    const state = await trx.selectFrom('tally_state').select('through_entry').where('name', '=', 'petitions').executeTakeFirst();
    const from = state?.through_entry ?? 0;
    const last = await trx.selectFrom('record_entries').select('id').where('id', '>', from)
      .orderBy('id').limit(1).offset(batch - 1).executeTakeFirst();
    const maxRow = last ?? await trx.selectFrom('record_entries').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
    const through = Number(maxRow?.id ?? from);
    if (!through || through <= from) return 0;
    const groups = await trx.selectFrom('record_entries as e')
      .innerJoin('signatures as s', 's.id', 'e.signature_id')
      .select([
        'e.petition_id as petition_id',
        sql<string>`coalesce(s.region, '')`.as('region'),
        sql<number>`(s.signed_minute / ${sql.lit(MINUTES_PER_DAY)})`.as('day'),
        sql<number>`sum(e.delta)`.as('delta'),
      ])
      .where('e.id', '>', from).where('e.id', '<=', through).where('e.delta', '!=', 0)
      .groupBy(['e.petition_id', sql`coalesce(s.region, '')`, sql`(s.signed_minute / ${sql.lit(MINUTES_PER_DAY)})`])
      .execute();
    for (const g of groups) {
      if (!g.petition_id || Number(g.delta) === 0) continue;
      await trx.insertInto('petition_tallies')
        .values({ petition_id: g.petition_id, region: g.region, day: Number(g.day), signatures: Number(g.delta) })
        .onConflict((oc) => oc.columns(['petition_id', 'region', 'day'])
          .doUpdateSet({ signatures: sql`petition_tallies.signatures + ${Number(g.delta)}` }))
        .execute();
    }
    await trx.insertInto('tally_state').values({ name: 'petitions', through_entry: through })
      .onConflict((oc) => oc.column('name').doUpdateSet({ through_entry: through })).execute();
    return through - from;
  });
}

/** countSignatures is a petition's exact public count: its tallies plus the entries not yet folded into them. */
export async function countSignatures(db: Kysely<Database>, petitionId: number): Promise<number> {
  const row = await sql<{ tallied: number | null; pending: number | null }>`
    select
      (select sum(signatures) from petition_tallies where petition_id = ${petitionId}) as tallied,
      (select sum(delta) from record_entries where petition_id = ${petitionId}
         and id > coalesce((select through_entry from tally_state where name = 'petitions'), 0)) as pending`
    .execute(db);
  const r = row.rows[0];
  return Number(r?.tallied ?? 0) + Number(r?.pending ?? 0);
}

/** countsByRegion returns the tallied count of each region (empty string: none given). */
export async function countsByRegion(db: Kysely<Database>, petitionId: number): Promise<{ region: string; signatures: number }[]> {
  const rows = await db.selectFrom('petition_tallies').select(['region', sql<number>`sum(signatures)`.as('signatures')])
    .where('petition_id', '=', petitionId).groupBy('region').orderBy('region').execute();
  return rows.map((r) => ({ region: r.region, signatures: Number(r.signatures) })).filter((r) => r.signatures !== 0);
}

/** countsByDay returns the tallied count of each UTC day (days since the epoch) of signing. */
export async function countsByDay(db: Kysely<Database>, petitionId: number): Promise<{ day: number; signatures: number }[]> {
  const rows = await db.selectFrom('petition_tallies').select(['day', sql<number>`sum(signatures)`.as('signatures')])
    .where('petition_id', '=', petitionId).groupBy('day').orderBy('day').execute();
  return rows.map((r) => ({ day: Number(r.day), signatures: Number(r.signatures) })).filter((r) => r.signatures !== 0);
}

/** countAll returns the exact counts of many petitions at once, for lists. */
export async function countAll(db: Kysely<Database>, petitionIds: number[]): Promise<Map<number, number>> {
  const counts = new Map<number, number>(petitionIds.map((id) => [id, 0]));
  if (petitionIds.length === 0) return counts;
  const tallied = await db.selectFrom('petition_tallies').select(['petition_id', sql<number>`sum(signatures)`.as('n')])
    .where('petition_id', 'in', petitionIds).groupBy('petition_id').execute();
  for (const r of tallied) counts.set(Number(r.petition_id), Number(r.n));
  const through = await db.selectFrom('tally_state').select('through_entry').where('name', '=', 'petitions').executeTakeFirst();
  const pending = await db.selectFrom('record_entries').select(['petition_id', sql<number>`sum(delta)`.as('n')])
    .where('petition_id', 'in', petitionIds).where('id', '>', through?.through_entry ?? 0).groupBy('petition_id').execute();
  for (const r of pending) counts.set(Number(r.petition_id), (counts.get(Number(r.petition_id)) ?? 0) + Number(r.n));
  return counts;
}

/**
 * countsByRegionNow returns the exact count of each region (empty string: none given), as countSignatures does for
 * the total: the tallies plus the entries not yet folded into them, so the organiser's dashboard adds up to the count.
 */
export async function countsByRegionNow(db: Kysely<Database>, petitionId: number): Promise<{ region: string; signatures: number }[]> {
  const through = await db.selectFrom('tally_state').select('through_entry').where('name', '=', 'petitions').executeTakeFirst();
  const [tallied, pending] = await Promise.all([
    db.selectFrom('petition_tallies').select(['region', sql<number>`sum(signatures)`.as('n')])
      .where('petition_id', '=', petitionId).groupBy('region').execute(),
    db.selectFrom('record_entries as e').innerJoin('signatures as s', 's.id', 'e.signature_id')
      .select([sql<string>`coalesce(s.region, '')`.as('region'), sql<number>`sum(e.delta)`.as('n')])
      .where('e.petition_id', '=', petitionId).where('e.id', '>', through?.through_entry ?? 0).where('e.delta', '!=', 0)
      .groupBy(sql`coalesce(s.region, '')`).execute(),
  ]);
  const counts = new Map<string, number>();
  for (const r of [...tallied, ...pending]) counts.set(r.region, (counts.get(r.region) ?? 0) + Number(r.n));
  return [...counts].map(([region, signatures]) => ({ region, signatures })).filter((r) => r.signatures !== 0)
    .sort((a, b) => b.signatures - a.signatures || (a.region < b.region ? -1 : a.region > b.region ? 1 : 0));
}

/** countRecordEntries returns how many of a petition's entries wait in the record's queue and how many have a log position. */
export async function countRecordEntries(db: Kysely<Database>, petitionId: number): Promise<{ queued: number; sequenced: number }> {
  const row = await db.selectFrom('record_entries')
    .select([(eb) => eb.fn.countAll<number>().as('queued'), (eb) => eb.fn.count<number>('leaf_index').as('sequenced')])
    .where('petition_id', '=', petitionId).executeTakeFirst();
  return { queued: Number(row?.queued ?? 0), sequenced: Number(row?.sequenced ?? 0) };
}

/** countsByDayNow returns the exact count of each UTC day of signing: the tallies plus entries not yet folded in. */
export async function countsByDayNow(db: Kysely<Database>, petitionId: number): Promise<{ day: number; signatures: number }[]> {
  const through = await db.selectFrom('tally_state').select('through_entry').where('name', '=', 'petitions').executeTakeFirst();
  const [tallied, pending] = await Promise.all([
    countsByDay(db, petitionId),
    db.selectFrom('record_entries as e').innerJoin('signatures as s', 's.id', 'e.signature_id')
      .select([sql<number>`(s.signed_minute / ${sql.lit(MINUTES_PER_DAY)})`.as('day'), sql<number>`sum(e.delta)`.as('n')])
      .where('e.petition_id', '=', petitionId).where('e.id', '>', through?.through_entry ?? 0).where('e.delta', '!=', 0)
      .groupBy(sql`(s.signed_minute / ${sql.lit(MINUTES_PER_DAY)})`).execute(),
  ]);
  const counts = new Map<number, number>();
  for (const r of tallied) counts.set(r.day, r.signatures);
  for (const r of pending) counts.set(Number(r.day), (counts.get(Number(r.day)) ?? 0) + Number(r.n));
  return [...counts].map(([day, signatures]) => ({ day, signatures })).filter((r) => r.signatures !== 0).sort((a, b) => a.day - b.day);
}
