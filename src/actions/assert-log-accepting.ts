import type { ActionContext } from './context.ts';
import { VecheError } from '../domain/errors.ts';

/**
 * assertLogAccepting throws `log-pushback` (503 with Retry-After) while more entries wait for the public record than
 * VECHE_LOG_QUEUE_LIMIT. Call it first in an action that queues a public change, before any work or transaction.
 */
export function assertLogAccepting(ctx: ActionContext): void {
  const backlog = ctx.logBacklog;
  if (backlog === undefined || backlog.accepting()) return;
  throw new VecheError(
    'log-pushback',
    `The public record is ${backlog.pending()} entries behind; try again in a few seconds.`,
  );
}
