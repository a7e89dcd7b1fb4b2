import type { Insertable, Updateable } from 'kysely';
import type { NewQuestion, Question, QuestionChange, Vote } from '../../domain/question.ts';
import type { QuestionRow, QuestionsTable, VoteRow } from '../schema.ts';
import { columnsOf, numberOrNull } from './columns.ts';

const names: { [K in keyof Question]: keyof QuestionsTable } = {
  id: 'id',
  publicId: 'public_id',
  eventId: 'event_id',
  status: 'status',
  hiddenReason: 'hidden_reason',
  restoreStatus: 'restore_status',
  mergedInto: 'merged_into',
  groupId: 'group_id',
  authorName: 'author_name',
  text: 'text',
  textSha256: 'text_sha256',
  votes: 'votes',
  askedMinute: 'asked_minute',
  answeredMinute: 'answered_minute',
};

/** toQuestion reads a questions row as a Question. */
export function toQuestion(row: QuestionRow): Question {
  return {
    id: Number(row.id),
    publicId: row.public_id,
    eventId: Number(row.event_id),
    status: row.status,
    hiddenReason: row.hidden_reason,
    restoreStatus: row.restore_status,
    mergedInto: numberOrNull(row.merged_into),
    groupId: Number(row.group_id),
    authorName: row.author_name,
    text: row.text,
    textSha256: row.text_sha256,
    votes: Number(row.votes),
    askedMinute: Number(row.asked_minute),
    answeredMinute: numberOrNull(row.answered_minute),
  };
}

/** questionColumns turns a change to a question into the columns to set. */
export function questionColumns(change: QuestionChange): Updateable<QuestionsTable> {
  return columnsOf<Question>(change, names) as Updateable<QuestionsTable>;
}

/** newQuestionRow turns a new question into the row to insert. */
export function newQuestionRow(question: NewQuestion): Insertable<QuestionsTable> {
  return columnsOf<Question>(question, names) as unknown as Insertable<QuestionsTable>;
}

/** toVote reads a votes row as a Vote. */
export function toVote(row: VoteRow): Vote {
  return {
    id: Number(row.id),
    publicId: row.public_id,
    questionId: Number(row.question_id),
    voterHash: row.voter_hash,
    status: row.status,
  };
}
