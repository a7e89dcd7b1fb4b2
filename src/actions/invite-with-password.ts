import type { ActionContext, Actor } from './context.ts';
import { InputReader } from '../domain/input.ts';
import { VecheError } from '../domain/errors.ts';
import * as accounts from '../store/accounts.ts';
import { confirmOwnPassword } from './confirm-own-password.ts';
import { inviteMember } from './invite-member.ts';
import { requireAdmin } from './require-admin.ts';

/**
 * inviteWithPassword makes an invitation link after the admin's password, so that a stolen admin session cannot
 * invite itself a new admin account; `inviteMember` does the rest.
 */
export async function inviteWithPassword(
  ctx: ActionContext,
  actor: Actor,
  raw: unknown,
  ignore: string[] = [],
): Promise<string> {
  requireAdmin(actor);
  // Both fields read at once, so that the form names every mistake together; inviteMember reads the role again.
  const input = new InputReader(raw);
  input.ignore(...ignore);
  input.choice('role', ['admin', 'organiser', 'moderator'] as const, { required: true });
  const password = input.text('password', { max: 200, required: true });
  input.done();
  const admin = await accounts.findAccount(ctx.store.db, actor.id);
  if (admin?.role !== 'admin' || admin.disabledAt !== null)
    throw new VecheError('forbidden', 'Only an admin can do this.');
  await confirmOwnPassword(ctx, admin, password!);
  return inviteMember(ctx, actor, raw, [...ignore, 'password']);
}
