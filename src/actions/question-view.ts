import { textWithheld } from '../domain/question-states.ts';
import type { HiddenReason, QuestionRow, QuestionStatus } from '../store/schema.ts';

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
export function questionView(row: QuestionRow, audience: 'public' | 'moderator'): QuestionView {
  const withheld = audience === 'public' && row.status === 'hidden' && textWithheld(row.hidden_reason);
  return {
    id: row.public_id,
    text: withheld ? null : row.text,
    sha256: row.text_sha256,
    author: withheld ? null : row.author_name,
    votes: Number(row.votes),
    status: row.status,
    hiddenReason: row.hidden_reason,
    group: Number(row.group_id),
    askedMinute: Number(row.asked_minute),
    answeredMinute: row.answered_minute === null ? null : Number(row.answered_minute),
  };
}
