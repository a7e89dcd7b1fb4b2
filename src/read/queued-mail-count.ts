import type { ActionContext } from '../actions/context.ts';
import { countQueuedMail } from '../store/mail-queue.ts';

/** queuedMailCount counts the emails waiting to be sent, for the metrics: a number, never an address. */
export function queuedMailCount(ctx: Pick<ActionContext, 'store'>): Promise<number> {
  return countQueuedMail(ctx.store.db);
}
