import { textWithheld } from '../domain/question-states.ts';
import type { HiddenReason, Question, QuestionStatus } from '../domain/question.ts';

/** QuestionView is a question as a page or the API shows it; `text` is null where it is withheld from the public. */
export interface QuestionView {
  id: string;
  text: string | null;
  sha256: string;
  author: string | null;
  votes: number;
  status: QuestionStatus;
  hiddenReason: HiddenReason | null;
  /** group is the row id of the first question of its group of similar questions; equal groups are alike. */
  group: number;
  askedMinute: number;
  answeredMinute: number | null;
}

/**
 * questionView shows a question. The public never sees the text of a question hidden as abuse or personal data (only
 * that it was asked, why it was hidden, and its hash); moderators do, so that they can restore a mistake.
 */
export function questionView(row: Question, audience: 'public' | 'moderator'): QuestionView {
  const withheld = audience === 'public' && row.status === 'hidden' && textWithheld(row.hiddenReason);
  return {
    id: row.publicId,
    text: withheld ? null : row.text,
    sha256: row.textSha256,
    author: withheld ? null : row.authorName,
    votes: Number(row.votes),
    status: row.status,
    hiddenReason: row.hiddenReason,
    group: Number(row.groupId),
    askedMinute: Number(row.askedMinute),
    answeredMinute: row.answeredMinute === null ? null : Number(row.answeredMinute),
  };
}
