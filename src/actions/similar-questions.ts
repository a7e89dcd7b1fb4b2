import type { ActionContext } from './context.ts';
import { questionIndexesOf } from './question-indexes.ts';
import * as questions from '../store/questions.ts';
import type { Question } from '../domain/question.ts';

/** similarQuestions reads the questions the index finds like `text`, best first; merged ones are replaced by their target. */
export async function similarQuestions(
  ctx: ActionContext,
  eventId: number,
  text: string,
  limit: number,
): Promise<Question[]> {
  const db = ctx.store.db;
  const found = await questionIndexesOf(ctx.store).similar(db, eventId, text, limit);
  const rows = await questions.findQuestionsByIds(
    db,
    found.map((f) => f.id),
  );
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  const out: Question[] = [];
  const seen = new Set<number>();
  for (const f of found) {
    let row = byId.get(f.id);
    for (let hops = 0; row && row.status === 'merged' && row.mergedInto !== null && hops < 5; hops++) {
      row = await questions.findQuestionById(db, Number(row.mergedInto));
    }
    if (row && !seen.has(Number(row.id))) {
      seen.add(Number(row.id));
      out.push(row);
    }
  }
  return out;
}
