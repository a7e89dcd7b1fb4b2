import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore, testContext, type TestContext, type TestStore } from '../../test/support/database.ts';
import { changePassword } from './change-password.ts';
import { sessionAccount } from './session-account.ts';
import { refusal } from '../../test/support/refusal.ts';
import { admin, logIn, signedInAdmin } from '../../test/support/accounts.ts';

let store: TestStore;
let ctx: TestContext;

test.beforeEach(async () => {
  store = await openTestStore();
  ctx = testContext(store);
});
test.afterEach(() => store.drop());

test('changing the password keeps this session, ends the others, and only the new password logs in', async () => {
  const { actor, session } = await signedInAdmin(ctx);
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
