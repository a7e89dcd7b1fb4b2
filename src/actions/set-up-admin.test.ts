import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore, testContext, type TestContext, type TestStore } from '../../test/support/database.ts';
import { checkSetupToken } from './check-setup-token.ts';
import { prepareSetup } from './prepare-setup.ts';
import { sessionAccount } from './session-account.ts';
import { setUpAdmin } from './set-up-admin.ts';
import { refusal } from '../../test/support/refusal.ts';
import { pausingAfterInsert } from '../../test/support/failing-store.ts';
import { setTimeout as delay } from 'node:timers/promises';
import { admin } from '../../test/support/accounts.ts';

let store: TestStore;
let ctx: TestContext;

test.beforeEach(async () => {
  store = await openTestStore();
  ctx = testContext(store);
});
test.afterEach(() => store.drop());

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
