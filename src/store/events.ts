import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { Event, EventChange, Moderator, NewEvent } from '../domain/event.ts';
import { eventColumns, newEventRow, toEvent } from './rows/event-row.ts';
import { isPostgres } from './dialect-of.ts';
import type { EventSummary } from '../domain/event-catalogue.ts';

/** insertEvent stores a new event and returns its row id. */
export async function insertEvent(db: Kysely<Database>, event: NewEvent): Promise<number> {
  const inserted = await db.insertInto('events').values(newEventRow(event)).returning('id').executeTakeFirstOrThrow();
  return Number(inserted.id);
}

/**
 * insertEventIfCodeFree stores a new event and returns its row id, or null when its join code is taken already (the
 * unique index decides, so two events drawing one code at once cannot both have it).
 */
export async function insertEventIfCodeFree(db: Kysely<Database>, event: NewEvent): Promise<number | null> {
  const inserted = await db
    .insertInto('events')
    .values(newEventRow(event))
    .onConflict((oc) => oc.column('code').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted ? Number(inserted.id) : null;
}

/** findEventByCode returns an event by its join code (upper case), or undefined. */
export async function findEventByCode(db: Kysely<Database>, code: string): Promise<Event | undefined> {
  const row = await db.selectFrom('events').selectAll().where('code', '=', code).executeTakeFirst();
  return row && toEvent(row);
}

/** findEventById returns an event by row id. */
export async function findEventById(db: Kysely<Database>, id: number): Promise<Event | undefined> {
  const row = await db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toEvent(row);
}

/** updateEvent changes an event. */
export async function updateEvent(db: Kysely<Database>, id: number, change: EventChange): Promise<void> {
  await db.updateTable('events').set(eventColumns(change)).where('id', '=', id).execute();
}

/** closeEventRow marks an open event closed, returning false if it was closed already. */
export async function closeEventRow(db: Kysely<Database>, id: number, now: number): Promise<boolean> {
  const result = await db
    .updateTable('events')
    .set({ status: 'closed', closed_at: now, pinned_question_id: null })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** listEventsOf returns the events an account owns (every event for `null`, an admin), newest first. */
export async function listEventsOf(db: Kysely<Database>, ownerId: number | null): Promise<Event[]> {
  let query = db.selectFrom('events').selectAll().orderBy('id', 'desc').limit(500);
  if (ownerId !== null) query = query.where('owner_id', '=', ownerId);
  return (await query.execute()).map(toEvent);
}

/** listModeratedEvents returns the events an account was made a moderator of, newest first. */
export async function listModeratedEvents(db: Kysely<Database>, accountId: number): Promise<Event[]> {
  return (
    await db
      .selectFrom('events')
      .innerJoin('event_moderators as m', 'm.event_id', 'events.id')
      .selectAll('events')
      .where('m.account_id', '=', accountId)
      .orderBy('events.id', 'desc')
      .limit(500)
      .execute()
  ).map(toEvent);
}

/** listOpenEvents returns open events, soonest first, for the home page. */
export async function listOpenEvents(db: Kysely<Database>, limit = 50): Promise<Event[]> {
  return (
    await db.selectFrom('events').selectAll().where('status', '=', 'open').orderBy('starts_at').limit(limit).execute()
  ).map(toEvent);
}

/**
 * listListedEvents returns what the public list of events shows of every event its organiser chose to list, newest
 * first, and never an unlisted one. `limit` bounds a list grown very long: the oldest are left out.
 */
export async function listListedEvents(db: Kysely<Database>, limit = 10_000): Promise<EventSummary[]> {
  const rows = await db
    .selectFrom('events')
    .select(['code', 'title', 'addressee', 'language', 'time_zone', 'starts_at', 'ends_at', 'status'])
    .where('listed', '=', 1)
    .orderBy('starts_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    code: r.code,
    title: r.title,
    addressee: r.addressee,
    language: r.language,
    timeZone: r.time_zone,
    startsAt: Number(r.starts_at),
    endsAt: Number(r.ends_at),
    status: r.status,
  }));
}

/** setEventListed shows an event in the public list of events, or takes it off. */
export async function setEventListed(db: Kysely<Database>, id: number, listed: boolean): Promise<void> {
  await db
    .updateTable('events')
    .set({ listed: listed ? 1 : 0 })
    .where('id', '=', id)
    .execute();
}

/** listEndedEvents returns open events whose end has passed, for the job that closes them. */
export async function listEndedEvents(db: Kysely<Database>, now: number): Promise<Event[]> {
  return (
    await db.selectFrom('events').selectAll().where('status', '=', 'open').where('ends_at', '<', now).execute()
  ).map(toEvent);
}

/** addModerator makes an account a moderator of an event (again is fine). */
export async function addModerator(db: Kysely<Database>, eventId: number, accountId: number): Promise<void> {
  await db
    .insertInto('event_moderators')
    .values({ event_id: eventId, account_id: accountId })
    .onConflict((oc) => oc.columns(['event_id', 'account_id']).doNothing())
    .execute();
}

/** removeModerator takes an account off an event's moderators. */
export async function removeModerator(db: Kysely<Database>, eventId: number, accountId: number): Promise<void> {
  await db.deleteFrom('event_moderators').where('event_id', '=', eventId).where('account_id', '=', accountId).execute();
}

/** listModerators returns an event's moderators with their login and name. */
export async function listModerators(db: Kysely<Database>, eventId: number): Promise<Moderator[]> {
  const rows = await db
    .selectFrom('event_moderators as m')
    .innerJoin('accounts as a', 'a.id', 'm.account_id')
    .select(['a.id', 'a.login', 'a.display_name'])
    .where('m.event_id', '=', eventId)
    .orderBy('a.login')
    .execute();
  return rows.map((row) => ({ id: Number(row.id), login: row.login, displayName: row.display_name }));
}

/**
 * lockEventsOpenAt locks (on PostgreSQL, sharing) the events of a batch in id order, as every writer that locks several
 * events should so that two batches never wait on each other, and returns the ids of those open at `now`. The lock
 * makes closing an event (which forgets its voters) wait for the votes in flight. SQLite runs one write transaction
 * at a time: there the question's own update checks the event, and every id is returned.
 */
export async function lockEventsOpenAt(db: Kysely<Database>, ids: number[], now: number): Promise<Set<number>> {
  const unique = [...new Set(ids)].sort((a, b) => a - b);
  if (!isPostgres(db)) return new Set(unique);
  const open = new Set<number>();
  for (const id of unique) {
    const locked = await lockEvent(db, id, 'share');
    if (locked && locked.status === 'open' && locked.endsAt > now) open.add(id);
  }
  return open;
}

/** isModerator tells whether an account moderates an event. */
export async function isModerator(db: Kysely<Database>, eventId: number, accountId: number): Promise<boolean> {
  const row = await db
    .selectFrom('event_moderators')
    .select('account_id')
    .where('event_id', '=', eventId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * lockEvent re-reads an event inside a writing transaction and, on PostgreSQL, locks its row, so a question or vote
 * cannot land after the event closed, and two moderators' decisions on one event are applied one after the other
 * (`update`). SQLite needs no lock: it runs one write transaction at a time.
 */
export async function lockEvent(
  db: Kysely<Database>,
  id: number,
  mode: 'share' | 'update',
): Promise<Event | undefined> {
  let query = db.selectFrom('events').selectAll().where('id', '=', id);
  if (isPostgres(db)) query = mode === 'share' ? query.forShare() : query.forUpdate();
  const row = await query.executeTakeFirst();
  return row && toEvent(row);
}

/** forgetVoters replaces each vote's voter hash in an event with the vote's own id, once no vote can change. */
export async function forgetVoters(db: Kysely<Database>, eventId: number): Promise<void> {
  await db
    .updateTable('votes')
    .set((eb) => ({ voter_hash: eb.ref('public_id') }))
    .where('question_id', 'in', (eb) => eb.selectFrom('questions').select('id').where('event_id', '=', eventId))
    .execute();
}
