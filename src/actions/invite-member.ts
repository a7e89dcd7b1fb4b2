import type { ActionContext, Actor } from './context.ts';
import { InputReader } from '../domain/input.ts';
import { VecheError } from '../domain/errors.ts';
import { hashToken, newToken } from '../crypto/tokens.ts';
import type { Role } from '../domain/account.ts';
import { insertInvitation } from '../store/accounts.ts';

/** An invitation link works for a week. */
const INVITATION_MS = 7 * 24 * 3600_000;

/** inviteMember makes an invitation link for a new organiser, moderator or admin; only admins may. */
export async function inviteMember(
  ctx: ActionContext,
  actor: Actor,
  raw: unknown,
  ignore: string[] = [],
): Promise<string> {
  if (actor.role !== 'admin') throw new VecheError('forbidden', 'Only an admin can invite people.');
  const input = new InputReader(raw);
  input.ignore(...ignore);
  const role = input.choice('role', ['admin', 'organiser', 'moderator'] as const, { required: true });
  input.done();
  const token = newToken();
  await insertInvitation(ctx.store.db, {
    tokenHash: hashToken(token),
    role: role as Role,
    createdBy: actor.id,
    createdAt: ctx.now(),
    expiresAt: ctx.now() + INVITATION_MS,
  });
  return token;
}
