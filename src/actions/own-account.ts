import type { ActionContext, Actor } from './context.ts';
import { VecheError } from '../domain/errors.ts';
import * as accounts from '../store/accounts.ts';

/** ownAccount returns the signed-in person's own account, for an action that asks for their password, or throws `not-found`. */
export async function ownAccount(ctx: ActionContext, actor: Actor) {
  const account = await accounts.findAccount(ctx.store.db, actor.id);
  if (!account) throw new VecheError('not-found', 'No such account.');
  return account;
}
