import type { ActionContext } from './context.ts';
import { VecheError } from '../domain/errors.ts';
import { hashToken } from '../crypto/tokens.ts';
import { getSetting } from '../store/accounts.ts';

/** setupSetting names the setting that keeps the hash of the one-time setup token while no admin exists. */
export const setupSetting = 'setup_token_hash';

/** checkSetupToken throws unless the token is the current one-time setup token. */
export async function checkSetupToken(ctx: ActionContext, token: string): Promise<void> {
  const stored = await getSetting(ctx.store.db, setupSetting);
  if (!stored || stored !== hashToken(token))
    throw new VecheError('token-invalid', 'This setup link is not valid (it was used, or replaced by a newer one).');
}
