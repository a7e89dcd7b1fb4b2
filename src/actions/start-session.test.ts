import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore, testContext, day, type TestContext, type TestStore } from '../../test/support/database.ts';
import { sessionAccount } from './session-account.ts';
import { signedInAdmin } from '../../test/support/accounts.ts';

let store: TestStore;
let ctx: TestContext;

test.beforeEach(async () => {
  store = await openTestStore();
  ctx = testContext(store);
});
test.afterEach(() => store.drop());

test('a session lasts fourteen days', async () => {
  const { session } = await signedInAdmin(ctx);
  ctx.clock.advance(14 * day - 1);
  assert.ok(await sessionAccount(ctx, session));
  ctx.clock.advance(1);
  assert.equal(await sessionAccount(ctx, session), null);
});
