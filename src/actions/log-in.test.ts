import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore, testContext, type TestContext, type TestStore } from '../../test/support/database.ts';
import { logOut } from './log-out.ts';
import { sessionAccount } from './session-account.ts';
import { refusal } from '../../test/support/refusal.ts';
import { admin, failure, logIn, signedInAdmin } from '../../test/support/accounts.ts';

let store: TestStore;
let ctx: TestContext;

test.beforeEach(async () => {
  store = await openTestStore();
  ctx = testContext(store);
});
test.afterEach(() => store.drop());

test('logging in with the right password starts a session; logging out ends it', async () => {
  await signedInAdmin(ctx);
  const session = await logIn(ctx, { login: 'olga', password: admin.password });
  assert.equal((await sessionAccount(ctx, session))?.login, 'olga');
  await logOut(ctx, session);
  assert.equal(await sessionAccount(ctx, session), null);
});

test('a wrong password and an unknown login get the same answer', async () => {
  await signedInAdmin(ctx);
  const wrongPassword = await failure(logIn(ctx, { login: 'olga', password: 'not her password' }));
  const unknownLogin = await failure(logIn(ctx, { login: 'nobody', password: 'not her password' }));
  refusal('invalid-input', [{ field: 'password', problem: 'wrong-login' }])(wrongPassword);
  assert.deepEqual(
    [unknownLogin.code, unknownLogin.message, unknownLogin.fields],
    [wrongPassword.code, wrongPassword.message, wrongPassword.fields],
  );
});
