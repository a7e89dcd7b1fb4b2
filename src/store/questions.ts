import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type {
  EventCounts,
  NewQuestion,
  Question,
  QuestionChange,
  QuestionList,
  QuestionStatus,
  Vote,
} from '../domain/question.ts';
import { newQuestionRow, questionColumns, toQuestion, toVote } from './rows/question-row.ts';

/**
 * insertQuestion stores a question and returns its row id. A `groupId` of null starts a group of its own, named by
 * the question's own row id.
 */
export async function insertQuestion(
  db: Kysely<Database>,
  question: Omit<NewQuestion, 'groupId'> & { groupId: number | null },
): Promise<number> {
  const inserted = await db
    .insertInto('questions')
    .values(newQuestionRow({ ...question, groupId: question.groupId ?? 0 }))
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(inserted.id);
  if (question.groupId === null) await db.updateTable('questions').set({ group_id: id }).where('id', '=', id).execute();
  return id;
}

/** findQuestion returns an event's question by public id. */
export async function findQuestion(
  db: Kysely<Database>,
  eventId: number,
  publicId: string,
): Promise<Question | undefined> {
  const row = await db
    .selectFrom('questions')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('public_id', '=', publicId)
    .executeTakeFirst();
  return row && toQuestion(row);
}

/** findQuestionById returns a question by row id. */
export async function findQuestionById(db: Kysely<Database>, id: number): Promise<Question | undefined> {
  const row = await db.selectFrom('questions').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toQuestion(row);
}

/** findQuestionsByIds returns questions by row id, in no particular order. */
export async function findQuestionsByIds(db: Kysely<Database>, ids: number[]): Promise<Question[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return (await db.selectFrom('questions').selectAll().where('id', 'in', ids).execute()).map(toQuestion);
}

/** updateQuestion changes a question if it is still in `expectStatus`, returning false if another request moved it first. */
export async function updateQuestion(
  db: Kysely<Database>,
  id: number,
  expectStatus: QuestionStatus,
  change: QuestionChange,
): Promise<boolean> {
  const result = await db
    .updateTable('questions')
    .set(questionColumns(change))
    .where('id', '=', id)
    .where('status', '=', expectStatus)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * addVotesIfOpen adds `count` votes to a question still in `status` while its event is open at `now`, returning the
 * new count, or null if the question has moved on or the event closed.
 */
export async function addVotesIfOpen(
  db: Kysely<Database>,
  id: number,
  count: number,
  status: QuestionStatus,
  eventId: number,
  now: number,
): Promise<number | null> {
  const row = await db
    .updateTable('questions')
    .set({ votes: sql`votes + ${count}` })
    .where('id', '=', id)
    .where('status', '=', status)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('events')
          .select('id')
          .where('id', '=', eventId)
          .where('status', '=', 'open')
          .where('ends_at', '>', now),
      ),
    )
    .returning('votes')
    .executeTakeFirst();
  return row ? Number(row.votes) : null;
}

/** addToVotes adds `delta` to a question's vote count. */
export async function addToVotes(db: Kysely<Database>, id: number, delta: number): Promise<void> {
  await db
    .updateTable('questions')
    .set({ votes: sql`votes + ${delta}` })
    .where('id', '=', id)
    .execute();
}

/** listQuestions returns one of an event's lists, in that list's order. */
export async function listQuestions(
  db: Kysely<Database>,
  eventId: number,
  list: QuestionList,
  limit: number,
  offset = 0,
): Promise<Question[]> {
  let query = db.selectFrom('questions').selectAll().where('event_id', '=', eventId);
  switch (list) {
    case 'popular':
      query = query.where('status', '=', 'published').orderBy('votes', 'desc').orderBy('id');
      break;
    case 'recent':
      query = query.where('status', '=', 'published').orderBy('id', 'desc');
      break;
    case 'answered':
      query = query.where('status', '=', 'answered').orderBy('answered_minute', 'desc').orderBy('id', 'desc');
      break;
    case 'hidden':
      query = query.where('status', '=', 'hidden').orderBy('id', 'desc');
      break;
    case 'pending':
      query = query.where('status', '=', 'pending').orderBy('id');
      break;
  }
  return (await query.limit(limit).offset(offset).execute()).map(toQuestion);
}

/** listAllQuestions returns every question of an event in the order asked, a page at a time, for exports. */
export async function listAllQuestions(
  db: Kysely<Database>,
  eventId: number,
  afterId: number,
  limit: number,
): Promise<Question[]> {
  return (
    await db
      .selectFrom('questions')
      .selectAll()
      .where('event_id', '=', eventId)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute()
  ).map(toQuestion);
}

/** listQuestionTexts returns the texts asked after row id `afterId`, for the similar-question index. */
export function listQuestionTexts(db: Kysely<Database>, eventId: number, afterId: number, limit: number) {
  return db
    .selectFrom('questions')
    .select(['id', 'text'])
    .where('event_id', '=', eventId)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** countQuestions adds up an event's questions by status and hidden reason, and its counted votes. */
export async function countQuestions(db: Kysely<Database>, eventId: number): Promise<EventCounts> {
  const rows = await db
    .selectFrom('questions')
    .select([
      'status',
      'hidden_reason',
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) => eb.fn.sum<number>('votes').as('votes'),
    ])
    .where('event_id', '=', eventId)
    .groupBy(['status', 'hidden_reason'])
    .execute();
  const counts: EventCounts = { asked: 0, published: 0, answered: 0, pending: 0, merged: 0, votes: 0, hidden: {} };
  for (const r of rows) {
    const n = Number(r.n);
    counts.asked += n;
    counts.votes += Number(r.votes ?? 0);
    if (r.status === 'hidden')
      counts.hidden[r.hidden_reason ?? 'spam'] = (counts.hidden[r.hidden_reason ?? 'spam'] ?? 0) + n;
    else counts[r.status] += n;
  }
  return counts;
}

/** listGroups returns the groups of similar questions with more than one open member: group id and member rows. */
export async function listGroups(db: Kysely<Database>, eventId: number, limit: number): Promise<Question[][]> {
  const groups = await db
    .selectFrom('questions')
    .select(['group_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('votes').as('votes')])
    .where('event_id', '=', eventId)
    .where('status', 'in', ['pending', 'published', 'answered'])
    .groupBy('group_id')
    .having((eb) => eb.fn.countAll(), '>', 1)
    .orderBy('n', 'desc')
    .orderBy('votes', 'desc')
    .limit(limit)
    .execute();
  if (groups.length === 0) return [];
  const members = await db
    .selectFrom('questions')
    .selectAll()
    .where('event_id', '=', eventId)
    .where(
      'group_id',
      'in',
      groups.map((g) => Number(g.group_id)),
    )
    .where('status', 'in', ['pending', 'published', 'answered'])
    .orderBy('votes', 'desc')
    .orderBy('id')
    .execute();
  const byGroup = new Map<number, Question[]>(groups.map((g) => [Number(g.group_id), []]));
  for (const m of members) byGroup.get(Number(m.group_id))?.push(toQuestion(m));
  return [...byGroup.values()];
}

/** NewVote is a counted vote to store. */
export type NewVote = Omit<Vote, 'id' | 'status'>;

/**
 * insertVotes stores counted votes in one statement and returns the row id of each one stored, by public id. A vote
 * whose voter already counts a vote for that question (before, or earlier in the same list) is left out, not an error.
 */
export async function insertVotes(db: Kysely<Database>, votes: NewVote[]): Promise<Map<string, number>> {
  const stored = new Map<string, number>();
  if (votes.length === 0) return stored;
  // The conflict target names the partial unique index; SQLite matches its condition only if written as a literal.
  const rows = await db
    .insertInto('votes')
    .values(
      votes.map((v) => ({
        public_id: v.publicId,
        question_id: v.questionId,
        voter_hash: v.voterHash,
        status: 'counted' as const,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['voter_hash', 'question_id']).where(sql.ref('status'), '=', sql.lit('counted')).doNothing(),
    )
    .returning(['id', 'public_id'])
    .execute();
  for (const row of rows) stored.set(row.public_id, Number(row.id));
  return stored;
}

/** deleteVotes removes votes stored in this transaction that turned out not to count (their question moved on). */
export async function deleteVotes(db: Kysely<Database>, ids: number[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('votes').where('id', 'in', ids).execute();
}

/** findCountedVote returns a voter's counted vote for a question, if any. */
export async function findCountedVote(
  db: Kysely<Database>,
  questionId: number,
  voterHash: string,
): Promise<Vote | undefined> {
  const row = await db
    .selectFrom('votes')
    .selectAll()
    .where('question_id', '=', questionId)
    .where('voter_hash', '=', voterHash)
    .where('status', '=', 'counted')
    .executeTakeFirst();
  return row && toVote(row);
}

/** withdrawVoteRow marks a counted vote withdrawn, returning false if it was not counted any more. */
export async function withdrawVoteRow(db: Kysely<Database>, id: number): Promise<boolean> {
  const result = await db
    .updateTable('votes')
    .set({ status: 'withdrawn' })
    .where('id', '=', id)
    .where('status', '=', 'counted')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** listCountedVotes returns a question's counted votes. */
export async function listCountedVotes(db: Kysely<Database>, questionId: number): Promise<Vote[]> {
  return (
    await db
      .selectFrom('votes')
      .selectAll()
      .where('question_id', '=', questionId)
      .where('status', '=', 'counted')
      .orderBy('id')
      .execute()
  ).map(toVote);
}

/** moveVotes moves counted votes to another question. */
export async function moveVotes(db: Kysely<Database>, voteIds: number[], questionId: number): Promise<void> {
  for (let i = 0; i < voteIds.length; i += 500) {
    await db
      .updateTable('votes')
      .set({ question_id: questionId })
      .where('id', 'in', voteIds.slice(i, i + 500))
      .execute();
  }
}

/** votedQuestions returns the public ids of an event's questions one voter counts a vote for. */
export async function votedQuestions(db: Kysely<Database>, eventId: number, voterHash: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('votes')
    .innerJoin('questions as q', 'q.id', 'votes.question_id')
    .select('q.public_id')
    .where('votes.voter_hash', '=', voterHash)
    .where('votes.status', '=', 'counted')
    .where('q.event_id', '=', eventId)
    .execute();
  return new Set(rows.map((r) => r.public_id));
}

/** groupLeaders maps group ids to the public id of each group's first question, for exports. */
export async function groupLeaders(db: Kysely<Database>, groupIds: number[]): Promise<Map<number, string>> {
  const unique = [...new Set(groupIds)];
  const leaders = new Map<number, string>();
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom('questions')
      .select(['id', 'public_id'])
      .where('id', 'in', unique.slice(i, i + 500))
      .execute();
    for (const r of rows) leaders.set(Number(r.id), r.public_id);
  }
  return leaders;
}

/** questionOfVote returns the row id of the question a vote is on now (a merge may have moved it). */
export async function questionOfVote(db: Kysely<Database>, voteId: number): Promise<number> {
  const row = await db.selectFrom('votes').select('question_id').where('id', '=', voteId).executeTakeFirstOrThrow();
  return Number(row.question_id);
}
