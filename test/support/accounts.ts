import assert from 'node:assert/strict';
import type { TestContext } from './database.ts';
import { VecheError } from '../../src/domain/errors.ts';
import type { Actor } from '../../src/actions/context.ts';
import { logIn as logInStep } from '../../src/actions/log-in.ts';
import { prepareSetup } from '../../src/actions/prepare-setup.ts';
import { setUpAdmin } from '../../src/actions/set-up-admin.ts';
import { sessionAccount } from '../../src/actions/session-account.ts';

/** admin is the setup form of the site's first admin, Olga. */
export const admin = {
  login: 'olga',
  displayName: 'Olga',
  password: 'correct horse battery',
  passwordAgain: 'correct horse battery',
};

/** failure awaits a promise that must be refused, and returns the VecheError it was refused with. */
export async function failure(promise: Promise<unknown>): Promise<VecheError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof VecheError, `expected a VecheError, got ${error}`);
    return error;
  }
  assert.fail('expected a refusal');
}

/** logIn signs in an account without a second factor and returns its session token. */
export async function logIn(context: TestContext, raw: Record<string, string>): Promise<string> {
  const step = await logInStep(context, raw);
  assert.equal(step.kind, 'session');
  return step.kind === 'session' ? step.session : '';
}

/** signedInAdmin sets the site up with Olga as its admin and returns her as an actor, with her session. */
export async function signedInAdmin(ctx: TestContext): Promise<{ actor: Actor; session: string }> {
  const session = await setUpAdmin(ctx, (await prepareSetup(ctx))!, admin);
  const account = await sessionAccount(ctx, session);
  return { actor: { id: account!.id, role: account!.role }, session };
}
