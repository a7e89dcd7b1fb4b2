import { VecheError } from '../domain/errors.ts';
import type { Question } from '../domain/question.ts';
import { updateQuestion } from '../store/questions.ts';
import type { Transaction } from '../store/open-store.ts';

/**
 * changeQuestion moves a question to status `to` and sets `columns`, if it is still in the status it was read in;
 * a moderator who changed it meanwhile makes this a `conflict`.
 */
export async function changeQuestion(
  trx: Transaction,
  question: Question,
  to: Question['status'],
  columns: Parameters<typeof updateQuestion>[3],
): Promise<void> {
  if (!(await updateQuestion(trx, Number(question.id), question.status, { ...columns, status: to }))) {
    throw new VecheError('conflict', 'Another moderator changed this question at the same time. Look again and retry.');
  }
}
