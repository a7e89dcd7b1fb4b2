import type { ActionContext } from './context.ts';
import { VecheError } from '../domain/errors.ts';
import * as questions from '../store/questions.ts';
import type { Event } from '../domain/event.ts';
import type { Question } from '../domain/question.ts';

/** votableQuestion finds a question the public can see; a merged question stands for the one it was merged into. */
export async function votableQuestion(ctx: ActionContext, event: Event, questionId: string): Promise<Question> {
  let question =
    questionId.length <= 40 ? await questions.findQuestion(ctx.store.db, Number(event.id), questionId) : undefined;
  for (let hops = 0; question && question.status === 'merged' && question.mergedInto !== null && hops < 5; hops++) {
    question = await questions.findQuestionById(ctx.store.db, Number(question.mergedInto));
  }
  if (!question || question.status === 'pending' || question.status === 'merged') {
    throw new VecheError('not-found', 'This event has no such question.');
  }
  return question;
}
