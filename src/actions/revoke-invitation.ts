import type { ActionContext, Actor } from './context.ts';
import { VecheError } from '../domain/errors.ts';
import * as accounts from '../store/accounts.ts';
import { requireAdmin } from './require-admin.ts';

/** revokeInvitation cancels an invitation nobody has used yet; its link then leads nowhere. */
export async function revokeInvitation(ctx: ActionContext, actor: Actor, invitationId: number): Promise<void> {
  requireAdmin(actor);
  if (!(await accounts.deleteInvitation(ctx.store.db, invitationId)))
    throw new VecheError('not-found', 'No such invitation (it was used or revoked).');
}
