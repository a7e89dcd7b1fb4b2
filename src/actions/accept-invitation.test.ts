import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore, testContext, day, type TestContext, type TestStore } from '../../test/support/database.ts';
import { acceptInvitation } from './accept-invitation.ts';
import { findOpenInvitation } from './find-open-invitation.ts';
import { inviteMember } from './invite-member.ts';
import { sessionAccount } from './session-account.ts';
import { refusal } from '../../test/support/refusal.ts';
import { signedInAdmin } from '../../test/support/accounts.ts';

let store: TestStore;
let ctx: TestContext;

test.beforeEach(async () => {
  store = await openTestStore();
  ctx = testContext(store);
});
test.afterEach(() => store.drop());

test('an admin invites an organiser, who joins once with the link and has the organiser role', async () => {
  const { actor } = await signedInAdmin(ctx);
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
  const { actor } = await signedInAdmin(ctx);
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
  const { actor } = await signedInAdmin(ctx);
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
  const { actor } = await signedInAdmin(ctx);
  const invitation = await inviteMember(ctx, actor, { role: 'organiser' });
  const person = { displayName: 'Olga Two', password: 'a long passphrase', passwordAgain: 'a long passphrase' };
  await assert.rejects(
    acceptInvitation(ctx, invitation, { ...person, login: 'olga' }),
    refusal('invalid-input', [{ field: 'login', problem: 'login-taken' }]),
  );
  const session = await acceptInvitation(ctx, invitation, { ...person, login: 'olga2' });
  assert.equal((await sessionAccount(ctx, session))?.login, 'olga2');
});
