import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore, testContext, day, type TestContext, type TestStore } from '../../test/support/database.ts';
import {
  acceptInvitation,
  changePassword,
  checkSetupToken,
  findOpenInvitation,
  inviteMember,
  logOut,
  prepareSetup,
  sessionAccount,
  setUpAdmin,
} from './accounts.ts';
import { logIn as logInStep } from './log-in.ts';
import type { Actor } from './context.ts';
import { VecheError } from '../domain/errors.ts';
import { refusal } from '../../test/support/refusal.ts';
import { pausingAfterInsert } from '../../test/support/failing-store.ts';
import { setTimeout as delay } from 'node:timers/promises';

let store: TestStore;
let ctx: TestContext;

test.beforeEach(async () => {
  store = await openTestStore();
  ctx = testContext(store);
});
test.afterEach(() => store.drop());

const admin = {
  login: 'olga',
  displayName: 'Olga',
  password: 'correct horse battery',
  passwordAgain: 'correct horse battery',
};

async function failure(promise: Promise<unknown>): Promise<VecheError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof VecheError, `expected a VecheError, got ${error}`);
    return error;
  }
  assert.fail('expected a refusal');
}

/** logIn signs in an account without a second factor and returns its session token. */
async function logIn(context: TestContext, raw: Record<string, string>): Promise<string> {
  const step = await logInStep(context, raw);
  assert.equal(step.kind, 'session');
  return step.kind === 'session' ? step.session : '';
}

async function signedInAdmin(): Promise<{ actor: Actor; session: string }> {
  const session = await setUpAdmin(ctx, (await prepareSetup(ctx))!, admin);
  const account = await sessionAccount(ctx, session);
  return { actor: { id: account!.id, role: account!.role }, session };
}

test('the first visitor sets the site up with the one-time link, and the link then stops working', async () => {
  const token = await prepareSetup(ctx);
  assert.ok(token, 'a fresh site offers a setup link');
  await checkSetupToken(ctx, token);
  const session = await setUpAdmin(ctx, token, admin);
  const account = await sessionAccount(ctx, session);
  assert.equal(account?.login, 'olga');
  assert.equal(account?.role, 'admin');

  await assert.rejects(checkSetupToken(ctx, token), refusal('token-invalid'));
  await assert.rejects(setUpAdmin(ctx, token, { ...admin, login: 'mallory' }), refusal('token-invalid'));
  assert.equal(await prepareSetup(ctx), null, 'a site that has an admin offers no setup link');
});

test('the setup link clicked twice at once makes one admin', async () => {
  const token = (await prepareSetup(ctx))!;
  const person = (login: string) => ({
    login,
    displayName: login,
    password: 'a long passphrase',
    passwordAgain: 'a long passphrase',
  });
  // The first click is slow: its transaction has written the account and not yet committed when the second arrives.
  // (The second then waits on the setting row the first deleted, on both databases; we stop waiting after a second.)
  const slow = pausingAfterInsert(store, 'accounts');
  const first = setUpAdmin({ ...ctx, store: slow.store }, token, person('olga'));
  await slow.paused;
  const second = setUpAdmin(ctx, token, person('mallory'));
  await Promise.race([second.catch(() => {}), delay(1_000, undefined, { ref: false })]).finally(() => slow.release());
  const results = await Promise.allSettled([first, second]);

  const admins = await store.db.selectFrom('accounts').select('login').where('role', '=', 'admin').execute();
  assert.deepEqual(
    admins.map((a) => a.login),
    ['olga'],
    'one admin, the first to click',
  );
  assert.deepEqual(
    results.map((r) => r.status),
    ['fulfilled', 'rejected'],
  );
});

test('only the newest setup link works, and a made-up one never does', async () => {
  const first = (await prepareSetup(ctx))!;
  const second = (await prepareSetup(ctx))!;
  await assert.rejects(checkSetupToken(ctx, first), refusal('token-invalid'));
  await assert.rejects(checkSetupToken(ctx, 'made-up'), refusal('token-invalid'));
  await checkSetupToken(ctx, second);
});

test('setting up names every bad field at once', async () => {
  const token = (await prepareSetup(ctx))!;
  await assert.rejects(
    setUpAdmin(ctx, token, {
      login: 'Olga K',
      displayName: '',
      password: 'a long passphrase',
      passwordAgain: 'a long passphrasf',
    }),
    refusal('invalid-input', [
      { field: 'login', problem: 'login-characters' },
      { field: 'displayName', problem: 'required' },
      { field: 'passwordAgain', problem: 'passwords-differ' },
    ]),
  );
  await assert.rejects(
    setUpAdmin(ctx, token, {
      login: 'ol',
      displayName: 'Olga',
      password: 'short',
      passwordAgain: 'short',
      admin: 'yes',
    }),
    refusal('invalid-input', [
      { field: 'login', problem: 'too-short' },
      { field: 'password', problem: 'too-short' },
      { field: 'admin', problem: 'unknown-field' },
    ]),
  );
  await checkSetupToken(ctx, token);
});

test('an admin invites an organiser, who joins once with the link and has the organiser role', async () => {
  const { actor } = await signedInAdmin();
  const invitation = await inviteMember(ctx, actor, { role: 'organiser' });
  assert.equal((await findOpenInvitation(ctx, invitation)).role, 'organiser');

  const session = await acceptInvitation(ctx, invitation, {
    login: 'maria',
    displayName: 'Maria',
    password: 'a long passphrase',
    passwordAgain: 'a long passphrase',
  });
  const account = await sessionAccount(ctx, session);
  assert.equal(account?.login, 'maria');
  assert.equal(account?.role, 'organiser');

  await assert.rejects(findOpenInvitation(ctx, invitation), refusal('token-used'));
  await assert.rejects(
    acceptInvitation(ctx, invitation, {
      login: 'maria2',
      displayName: 'Maria',
      password: 'a long passphrase',
      passwordAgain: 'a long passphrase',
    }),
    refusal('token-used'),
  );
});

test('each invitation carries its role: a moderator invited joins as a moderator, who cannot invite', async () => {
  const { actor } = await signedInAdmin();
  const invitation = await inviteMember(ctx, actor, { role: 'moderator' });
  const session = await acceptInvitation(ctx, invitation, {
    login: 'ivan',
    displayName: 'Ivan',
    password: 'a long passphrase',
    passwordAgain: 'a long passphrase',
  });
  const moderator = await sessionAccount(ctx, session);
  assert.equal(moderator?.role, 'moderator');
  await assert.rejects(
    inviteMember(ctx, { id: moderator!.id, role: 'moderator' }, { role: 'admin' }),
    refusal('forbidden'),
  );
  await assert.rejects(
    inviteMember(ctx, actor, { role: 'owner' }),
    refusal('invalid-input', [{ field: 'role', problem: 'not-a-choice' }]),
  );
});

test('an invitation expires after seven days', async () => {
  const { actor } = await signedInAdmin();
  const invitation = await inviteMember(ctx, actor, { role: 'organiser' });
  ctx.clock.advance(7 * day);
  assert.equal((await findOpenInvitation(ctx, invitation)).role, 'organiser', 'still good at exactly seven days');
  ctx.clock.advance(1);
  await assert.rejects(findOpenInvitation(ctx, invitation), refusal('token-expired'));
  await assert.rejects(
    acceptInvitation(ctx, invitation, {
      login: 'late',
      displayName: 'Late',
      password: 'a long passphrase',
      passwordAgain: 'a long passphrase',
    }),
    refusal('token-expired'),
  );
});

test('a taken login is refused by name, and the invitation can still be used with another', async () => {
  const { actor } = await signedInAdmin();
  const invitation = await inviteMember(ctx, actor, { role: 'organiser' });
  const person = { displayName: 'Olga Two', password: 'a long passphrase', passwordAgain: 'a long passphrase' };
  await assert.rejects(
    acceptInvitation(ctx, invitation, { ...person, login: 'olga' }),
    refusal('invalid-input', [{ field: 'login', problem: 'login-taken' }]),
  );
  const session = await acceptInvitation(ctx, invitation, { ...person, login: 'olga2' });
  assert.equal((await sessionAccount(ctx, session))?.login, 'olga2');
});

test('logging in with the right password starts a session; logging out ends it', async () => {
  await signedInAdmin();
  const session = await logIn(ctx, { login: 'olga', password: admin.password });
  assert.equal((await sessionAccount(ctx, session))?.login, 'olga');
  await logOut(ctx, session);
  assert.equal(await sessionAccount(ctx, session), null);
});

test('a wrong password and an unknown login get the same answer', async () => {
  await signedInAdmin();
  const wrongPassword = await failure(logIn(ctx, { login: 'olga', password: 'not her password' }));
  const unknownLogin = await failure(logIn(ctx, { login: 'nobody', password: 'not her password' }));
  refusal('invalid-input', [{ field: 'password', problem: 'wrong-login' }])(wrongPassword);
  assert.deepEqual(
    [unknownLogin.code, unknownLogin.message, unknownLogin.fields],
    [wrongPassword.code, wrongPassword.message, wrongPassword.fields],
  );
});

test('a session lasts fourteen days', async () => {
  const { session } = await signedInAdmin();
  ctx.clock.advance(14 * day - 1);
  assert.ok(await sessionAccount(ctx, session));
  ctx.clock.advance(1);
  assert.equal(await sessionAccount(ctx, session), null);
});

test('changing the password keeps this session, ends the others, and only the new password logs in', async () => {
  const { actor, session } = await signedInAdmin();
  const onPhone = await logIn(ctx, { login: 'olga', password: admin.password });
  const newPassword = 'another long passphrase';

  await assert.rejects(
    changePassword(ctx, actor, session, {
      currentPassword: 'wrong guess!',
      newPassword,
      newPasswordAgain: newPassword,
    }),
    refusal('invalid-input', [{ field: 'currentPassword', problem: 'wrong-password' }]),
  );
  assert.ok(await sessionAccount(ctx, onPhone), 'a refused change ends no session');

  await changePassword(ctx, actor, session, {
    currentPassword: admin.password,
    newPassword,
    newPasswordAgain: newPassword,
  });
  assert.ok(await sessionAccount(ctx, session), 'the session that changed it stays');
  assert.equal(await sessionAccount(ctx, onPhone), null, 'the other session is ended');
  await assert.rejects(logIn(ctx, { login: 'olga', password: admin.password }), refusal('invalid-input'));
  assert.ok(await sessionAccount(ctx, await logIn(ctx, { login: 'olga', password: newPassword })));
});
