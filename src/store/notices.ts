import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';
import { defaultNoticeChoices, type NoticeKind, type NoticeSettings } from '../domain/notices.ts';

// The emails organisers and moderators choose to get about their own petitions and events (src/jobs/notify-organisers.ts).
// Every one is claimed before it is written: a row in notices_sent whose primary key is (account, kind, subject), put
// in by the transaction that queues the email. Two nodes, or a node and itself after a restart, that try to write the
// same email insert the same key; one insert wins, the other finds the row and writes nothing.

/** readNoticeSettings returns a person's choices and sealed address, or null when they have never saved any. */
export async function readNoticeSettings(db: Kysely<Database>, accountId: number): Promise<NoticeSettings | null> {
  const row = await db
    .selectFrom('notice_settings')
    .select(['address_enc', 'language', 'goal', 'summary', 'questions'])
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    addressSealed: row.address_enc,
    language: row.language,
    choices: { goal: row.goal === 1, summary: row.summary === 1, questions: row.questions === 1 },
  };
}

/** saveNoticeSettings stores a person's choices and sealed address, replacing what they saved before. */
export async function saveNoticeSettings(
  db: Kysely<Database>,
  accountId: number,
  settings: NoticeSettings,
  now: number,
): Promise<void> {
  const values = {
    address_enc: settings.addressSealed,
    language: settings.language,
    updated_at: now,
    goal: settings.choices.goal ? 1 : 0,
    summary: settings.choices.summary ? 1 : 0,
    questions: settings.choices.questions ? 1 : 0,
  };
  await db
    .insertInto('notice_settings')
    .values({ account_id: accountId, ...values })
    .onConflict((oc) => oc.column('account_id').doUpdateSet(values))
    .execute();
}

/** turnNoticeOff stops one kind of email to a person (an unsubscribe link), whether or not they ever saved settings. */
export async function turnNoticeOff(
  db: Kysely<Database>,
  accountId: number,
  kind: NoticeKind,
  now: number,
): Promise<void> {
  const choices = {
    goal: defaultNoticeChoices.goal ? 1 : 0,
    summary: defaultNoticeChoices.summary ? 1 : 0,
    questions: defaultNoticeChoices.questions ? 1 : 0,
  };
  await db
    .insertInto('notice_settings')
    .values({ account_id: accountId, address_enc: null, language: 'en', ...choices, [kind]: 0, updated_at: now })
    .onConflict((oc) => oc.column('account_id').doUpdateSet({ [kind]: 0, updated_at: now }))
    .execute();
}

/** NoticeRecipient is a person who wants one kind of email and gave an address for it. */
export interface NoticeRecipient {
  accountId: number;
  addressSealed: string;
  language: string;
}

/**
 * noticeRecipients lists the people, their accounts not switched off, who want `kind` and gave an address; with
 * `unclaimed`, only those who were not yet written the email of that subject (today's summary, say).
 */
export async function noticeRecipients(
  db: Kysely<Database>,
  kind: NoticeKind,
  unclaimed?: string,
): Promise<NoticeRecipient[]> {
  let query = db
    .selectFrom('notice_settings as n')
    .innerJoin('accounts as a', 'a.id', 'n.account_id')
    .select(['n.account_id', 'n.address_enc', 'n.language'])
    .where(`n.${kind}`, '=', 1)
    .where('n.address_enc', 'is not', null)
    .where('a.disabled_at', 'is', null);
  if (unclaimed !== undefined) {
    query = query.where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('notices_sent as s')
            .select('s.account_id')
            .whereRef('s.account_id', '=', 'n.account_id')
            .where('s.kind', '=', kind)
            .where('s.subject', '=', unclaimed),
        ),
      ),
    );
  }
  const rows = await query.orderBy('n.account_id').limit(10_000).execute();
  return rows.map((r) => ({ accountId: Number(r.account_id), addressSealed: r.address_enc!, language: r.language }));
}

/** noticeRecipient returns one person as a recipient of `kind`, or null when they do not want it or gave no address. */
export async function noticeRecipient(
  db: Kysely<Database>,
  accountId: number,
  kind: NoticeKind,
): Promise<NoticeRecipient | null> {
  const settings = await readNoticeSettings(db, accountId);
  const account = await db.selectFrom('accounts').select('disabled_at').where('id', '=', accountId).executeTakeFirst();
  const choices = settings?.choices ?? defaultNoticeChoices;
  if (!settings?.addressSealed || !choices[kind] || !account || account.disabled_at !== null) return null;
  return { accountId, addressSealed: settings.addressSealed, language: settings.language };
}

/**
 * claimNotice marks an email as written and says whether this caller is the one to write it: true once per
 * (account, kind, subject), false to everyone after, on any node. Call it in the transaction that queues the email,
 * so that a rollback takes the mark back with the email.
 */
export async function claimNotice(
  db: Kysely<Database>,
  accountId: number,
  kind: NoticeKind,
  subject: string,
  now: number,
): Promise<boolean> {
  const rows = await db
    .insertInto('notices_sent')
    .values({ account_id: accountId, kind, subject, sent_at: now })
    .onConflict((oc) => oc.columns(['account_id', 'kind', 'subject']).doNothing())
    .returning('account_id')
    .execute();
  return rows.length === 1;
}

/** lastNoticeAt returns when the last email of a kind was written to a person, or null if none was. */
export async function lastNoticeAt(db: Kysely<Database>, accountId: number, kind: NoticeKind): Promise<number | null> {
  const row = await db
    .selectFrom('notices_sent')
    .select((eb) => eb.fn.max('sent_at').as('at'))
    .where('account_id', '=', accountId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return row?.at === null || row?.at === undefined ? null : Number(row.at);
}

/** OwnPetition is what a notice says of one of the person's petitions. */
export interface OwnPetition {
  id: number;
  publicId: string;
  title: string;
  language: string;
  goal: number | null;
  status: 'open' | 'closed';
}

/** publishedPetitionsOf lists the petitions a person owns that are open or closed (no drafts), oldest first. */
export async function publishedPetitionsOf(db: Kysely<Database>, ownerId: number): Promise<OwnPetition[]> {
  const rows = await db
    .selectFrom('petitions')
    .select(['id', 'public_id', 'title', 'language', 'goal', 'status'])
    .where('owner_id', '=', ownerId)
    .where('status', '!=', 'draft')
    .orderBy('id')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    publicId: r.public_id,
    title: r.title,
    language: r.language,
    goal: r.goal === null ? null : Number(r.goal),
    status: r.status as 'open' | 'closed',
  }));
}

/** GoalCandidate is a published petition with a goal whose owner wants to hear it was reached and has not yet. */
export interface GoalCandidate extends OwnPetition {
  ownerId: number;
}

/** unannouncedGoals lists petitions with a goal whose owner wants goal emails, gave an address, and was not yet told. */
export async function unannouncedGoals(db: Kysely<Database>): Promise<GoalCandidate[]> {
  const rows = await db
    .selectFrom('petitions as p')
    .innerJoin('notice_settings as n', 'n.account_id', 'p.owner_id')
    .innerJoin('accounts as a', 'a.id', 'p.owner_id')
    .select(['p.id', 'p.public_id', 'p.title', 'p.language', 'p.goal', 'p.status', 'p.owner_id'])
    .where('p.goal', 'is not', null)
    .where('p.status', '!=', 'draft')
    .where('n.goal', '=', 1)
    .where('n.address_enc', 'is not', null)
    .where('a.disabled_at', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('notices_sent as s')
            .select('s.account_id')
            .whereRef('s.account_id', '=', 'p.owner_id')
            .where('s.kind', '=', 'goal')
            .whereRef('s.subject', '=', 'p.public_id'),
        ),
      ),
    )
    .orderBy('p.id')
    .limit(1000)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    publicId: r.public_id,
    title: r.title,
    language: r.language,
    goal: Number(r.goal),
    status: r.status as 'open' | 'closed',
    ownerId: Number(r.owner_id),
  }));
}

/** summaryCounts returns each petition's count as its owner's last summary gave it (absent: never summarised). */
export async function summaryCounts(db: Kysely<Database>, petitionIds: number[]): Promise<Map<number, number>> {
  if (petitionIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('summary_counts')
    .select(['petition_id', 'signatures'])
    .where('petition_id', 'in', petitionIds)
    .execute();
  return new Map(rows.map((r) => [Number(r.petition_id), Number(r.signatures)]));
}

/** keepSummaryCounts stores the counts a summary gave, for the next summary to say what changed since. */
export async function keepSummaryCounts(
  db: Kysely<Database>,
  counts: ReadonlyMap<number, number>,
  now: number,
): Promise<void> {
  for (const [petitionId, signatures] of counts) {
    await db
      .insertInto('summary_counts')
      .values({ petition_id: petitionId, signatures, counted_at: now })
      .onConflict((oc) => oc.column('petition_id').doUpdateSet({ signatures, counted_at: now }))
      .execute();
  }
}

/** EventWaiting is an open event a person owns or moderates, with how many questions wait for a moderator. */
export interface EventWaiting {
  code: string;
  title: string;
  language: string;
  waiting: number;
  /** newestMinute is when the newest waiting question was asked, in minutes since the epoch (as questions keep it). */
  newestMinute: number;
}

/** eventsWaitingFor lists the open events a person owns or moderates that have questions waiting for approval. */
export async function eventsWaitingFor(db: Kysely<Database>, accountId: number): Promise<EventWaiting[]> {
  const rows = await db
    .selectFrom('questions as q')
    .innerJoin('events as e', 'e.id', 'q.event_id')
    .select([
      'e.code',
      'e.title',
      'e.language',
      sql<number>`count(*)`.as('waiting'),
      sql<number>`max(q.asked_minute)`.as('newest'),
    ])
    .where('q.status', '=', 'pending')
    .where('e.status', '=', 'open')
    .where((eb) =>
      eb.or([
        eb('e.owner_id', '=', accountId),
        eb.exists(
          eb
            .selectFrom('event_moderators as m')
            .select('m.event_id')
            .whereRef('m.event_id', '=', 'e.id')
            .where('m.account_id', '=', accountId),
        ),
      ]),
    )
    .groupBy(['e.id', 'e.code', 'e.title', 'e.language'])
    .orderBy('e.id')
    .limit(100)
    .execute();
  return rows.map((r) => ({
    code: r.code,
    title: r.title,
    language: r.language,
    waiting: Number(r.waiting),
    newestMinute: Number(r.newest),
  }));
}
