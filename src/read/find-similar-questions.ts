import type { ActionContext } from '../actions/context.ts';
import { findEvent } from '../actions/find-event.ts';
import { similarQuestions } from '../actions/similar-questions.ts';
import { questionView, type QuestionView } from './question-view.ts';

/** findSimilarQuestions returns the published or answered questions of an event like `text`, best first, for suggestions. */
export async function findSimilarQuestions(
  ctx: ActionContext,
  code: string,
  text: string,
  limit = 3,
): Promise<QuestionView[]> {
  const event = await findEvent(ctx, code);
  const trimmed = text
    .normalize('NFC')
    .trim()
    .slice(0, Number(event.maxLength) + 100);
  if ([...trimmed].length < 3) return [];
  const rows = await similarQuestions(ctx, Number(event.id), trimmed, limit + 5);
  return rows
    .filter((q) => q.status === 'published' || q.status === 'answered')
    .slice(0, limit)
    .map((q) => questionView(q, 'public'));
}
