import type { ActionContext } from './context.ts';
import { hashToken, newToken } from '../crypto/tokens.ts';
import * as accounts from '../store/accounts.ts';
import { setupSetting } from './check-setup-token.ts';

/** prepareSetup returns a one-time link token to create the admin account, or null when accounts exist. */
export async function prepareSetup(ctx: ActionContext): Promise<string | null> {
  if ((await accounts.countAdmins(ctx.store.db)) > 0) return null;
  const token = newToken();
  await accounts.putSetting(ctx.store.db, setupSetting, hashToken(token));
  return token;
}
