import type { ActionContext, Actor } from './context.ts';
import { InputReader } from '../domain/input.ts';
import { VecheError } from '../domain/errors.ts';
import * as accounts from '../store/accounts.ts';
import { confirmOwnPassword } from './confirm-own-password.ts';
import { requireAdmin } from './require-admin.ts';

/**
 * confirmAdmin checks that an admin may act on another account: the account exists, is not their own (their own has
 * its own pages, which ask for a code), and the admin has given their password, so a stolen session is not enough.
 */
export async function confirmAdmin(
  ctx: ActionContext,
  actor: Actor,
  accountId: number | null,
  raw: unknown,
  ignore: string[] = [],
): Promise<accounts.Person> {
  requireAdmin(actor);
  const input = new InputReader(raw);
  input.ignore(...ignore);
  const password = input.text('password', { max: 200, required: true });
  input.done();
  const person = await accounts.findPerson(ctx.store.db, accountId ?? actor.id);
  if (!person) throw new VecheError('not-found', 'No such account.');
  if (accountId !== null && accountId === actor.id)
    throw new VecheError('forbidden', 'Use your own account pages for your own account.');
  const admin = await accounts.findAccount(ctx.store.db, actor.id);
  if (admin?.role !== 'admin' || admin.disabledAt !== null)
    throw new VecheError('forbidden', 'Only an admin can do this.');
  await confirmOwnPassword(ctx, admin, password!);
  return person;
}
