import type { ActionContext } from '../actions/context.ts';
import { pingDatabase } from '../store/wait-for-database.ts';

/** assertDatabaseAnswers throws unless the database answers now: what readiness (/healthz) means. */
export function assertDatabaseAnswers(ctx: Pick<ActionContext, 'store'>): Promise<void> {
  return pingDatabase(ctx.store.db);
}
