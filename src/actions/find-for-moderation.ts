import { VecheError } from '../domain/errors.ts';
import type { Event } from '../domain/event.ts';
import type { Question } from '../domain/question.ts';
import { findQuestion } from '../store/questions.ts';
import type { Transaction } from '../store/open-store.ts';

/** findForModeration finds a question of the event by its public id, in any state, naming `field` when there is none. */
export async function findForModeration(
  trx: Transaction,
  event: Event,
  publicId: string,
  field = 'question',
): Promise<Question> {
  const question = publicId.length <= 40 ? await findQuestion(trx, Number(event.id), publicId) : undefined;
  if (!question) throw new VecheError('not-found', `This event has no such question (${field}).`);
  return question;
}
