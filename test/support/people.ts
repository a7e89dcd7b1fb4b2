import type { Actor } from '../../src/actions/context.ts';
import type { Role } from '../../src/domain/account.ts';
import { insertAccount } from '../../src/store/accounts.ts';
import { randomId } from '../../src/crypto/tokens.ts';
import type { TestContext } from './database.ts';

/**
 * addMember creates an account straight in the store and returns it as an Actor, for tests whose subject is not
 * signing in. Its password hash matches no password, so nobody can log in as it; the tests beside
 * src/actions/set-up-admin.ts and accept-invitation.ts cover real sign-up.
 */
export async function addMember(
  ctx: TestContext,
  role: Role,
  login = `${role}-${randomId(6).toLowerCase()}`,
): Promise<Actor> {
  const id = await insertAccount(ctx.store.db, {
    login,
    displayName: login,
    role,
    passwordHash: 'none',
    createdAt: ctx.now(),
  });
  return { id, role };
}
