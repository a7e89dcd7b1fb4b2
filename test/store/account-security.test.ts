// The store behind account security (migration 007), run on SQLite and on PostgreSQL (VECHE_TEST_DB=postgres):
// login failure counts, second-factor steps and recovery codes, sessions, sign-in steps, reset links, invitations,
// and the last admin. Where two requests race, both are sent at once and the data must come out right.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { openTestStore, testContext, hour, day, minute, type TestStore } from '../support/database.ts';
import { addMember } from '../support/people.ts';
import { migrateStore } from '../../src/store/open-store.ts';
import {
  countOtherEnabledAdmins,
  deleteInvitation,
  insertAccount,
  insertInvitation,
  listPendingInvitations,
  setDisabled,
} from '../../src/store/accounts.ts';
import { clearLoginFailures, findLoginFailures, lockSteps, takeLoginAttempt } from '../../src/store/login-failures.ts';
import * as secondFactor from '../../src/store/second-factor.ts';
import * as sessions from '../../src/store/sessions.ts';
import * as resets from '../../src/store/password-resets.ts';
import { findPasswordResetLink } from '../../src/actions/find-password-reset-link.ts';
import { recoverAccount } from '../../src/actions/recover-account.ts';
import { refusal } from '../support/refusal.ts';
import type { Session } from '../../src/domain/session.ts';

async function withStore(body: (store: TestStore) => Promise<void>, options: { through?: string } = {}): Promise<void> {
  const store = await openTestStore({ poolSize: 20, ...options });
  try {
    await body(store);
  } finally {
    await store.drop();
  }
}

const session = (accountId: number, name: string, at = 0): Session => ({
  tokenHash: `hash-${name}`,
  publicId: `id-${name}`,
  accountId,
  createdAt: at,
  lastUsedAt: at,
  expiresAt: at + 14 * day,
  browser: null,
});

test('migration 007 replaces the sessions (everyone logs in again) and keeps the accounts, with no second factor yet', async () => {
  await withStore(
    async (store) => {
      const ctx = testContext(store);
      const organiser = await addMember(ctx, 'organiser', 'olena');
      await store.db
        .insertInto('sessions' as never)
        .values({ token_hash: 'old', account_id: organiser.id, created_at: 1, expires_at: Date.now() + day } as never)
        .execute();
      assert.deepEqual(await migrateStore(store, '007-account-security'), ['007-account-security']);
      assert.deepEqual(await store.db.selectFrom('sessions').selectAll().execute(), []);
      const account = await store.db
        .selectFrom('accounts')
        .selectAll()
        .where('login', '=', 'olena')
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        [account.totp_secret_enc, account.totp_pending_enc, account.totp_last_step, account.totp_enabled_at],
        [null, null, null, null],
      );
      for (const table of ['login_challenges', 'login_failures', 'recovery_codes', 'password_resets'] as const) {
        assert.deepEqual(await store.db.selectFrom(table).selectAll().execute(), [], `${table} exists and is empty`);
      }
    },
    { through: '006-vote-indexes' },
  );
});

test('a login key is counted from the first attempt and locked from the fifth, one minute doubling to fifteen', async () => {
  await withStore(async (store) => {
    let now = Date.UTC(2026, 2, 12, 12);
    const take = () => takeLoginAttempt(store.db, 'key', now);
    for (let i = 1; i <= 4; i++) assert.equal(await take(), null, `attempt ${i} is let through`);
    assert.deepEqual({ ...(await findLoginFailures(store.db, 'key')) }, { failures: 4, lockedUntil: 0 });
    assert.equal(await take(), null, 'the fifth is let through, and locks the key behind it');
    assert.deepEqual(await take(), { lockedUntil: now + minute });
    assert.equal((await findLoginFailures(store.db, 'key'))?.failures, 5, 'a refused attempt is not counted');
    const locks: number[] = [];
    for (let i = 0; i < lockSteps.length + 2; i++) {
      now = (await take())?.lockedUntil ?? now;
      assert.equal(await take(), null, 'when the lock ends one attempt goes through');
      const locked = await take();
      locks.push((locked!.lockedUntil - now) / minute);
    }
    assert.deepEqual(locks, [2, 4, 8, 15, 15, 15, 15]);
    await clearLoginFailures(store.db, 'key');
    assert.equal(await findLoginFailures(store.db, 'key'), undefined);
    for (let i = 1; i <= 4; i++) await take();
    now += day + 1;
    assert.equal(await take(), null);
    assert.equal((await findLoginFailures(store.db, 'key'))?.failures, 1, 'a count quiet for a day is forgotten');
  });
});

test('twenty attempts sent at once on one login: five are let through, fifteen are refused', async () => {
  await withStore(async (store) => {
    const now = Date.UTC(2026, 2, 12, 12);
    const results = await Promise.all(Array.from({ length: 20 }, () => takeLoginAttempt(store.db, 'same-login', now)));
    assert.equal(results.filter((r) => r === null).length, 5);
    assert.equal(results.filter((r) => r?.lockedUntil === now + minute).length, 15);
    assert.equal((await findLoginFailures(store.db, 'same-login'))?.failures, 5);
  });
});

test('a code step is accepted once; an earlier or equal step is refused, even sent twice at once', async () => {
  await withStore(async (store) => {
    const ctx = testContext(store);
    const { id } = await addMember(ctx, 'organiser');
    assert.equal(await secondFactor.useTotpStep(store.db, id, 100), false, 'no second factor, no step');
    await secondFactor.setPendingSecret(store.db, id, 'sealed-secret');
    assert.equal(
      await secondFactor.enableSecondFactor(store.db, id, 'another-secret', 'sealed-alone', 100, 1),
      false,
      'only the secret being set up is enabled',
    );
    assert.equal(await secondFactor.enableSecondFactor(store.db, id, 'sealed-secret', 'sealed-alone', 100, 1), true);
    assert.deepEqual(await secondFactor.findSecondFactor(store.db, id), {
      secretSealed: 'sealed-alone',
      pendingSealed: null,
      lastStep: 100,
      enabledAt: 1,
    });
    assert.equal(await secondFactor.useTotpStep(store.db, id, 100), false, 'the step that enrolled is used');
    assert.equal(await secondFactor.useTotpStep(store.db, id, 99), false);
    const both = await Promise.all([
      secondFactor.useTotpStep(store.db, id, 101),
      secondFactor.useTotpStep(store.db, id, 101),
    ]);
    assert.deepEqual(both.sort(), [false, true]);
    assert.equal(await secondFactor.useTotpStep(store.db, id, 102), true);
  });
});

test('recovery codes: each works once, a new set replaces the old, clearing the second factor removes them', async () => {
  await withStore(async (store) => {
    const ctx = testContext(store);
    const { id } = await addMember(ctx, 'organiser');
    const other = await addMember(ctx, 'organiser');
    await secondFactor.replaceRecoveryCodes(store.db, id, ['a', 'b', 'c']);
    await secondFactor.replaceRecoveryCodes(store.db, other.id, ['a']);
    assert.equal(await secondFactor.useRecoveryCode(store.db, id, 'a', 5), true);
    assert.equal(await secondFactor.useRecoveryCode(store.db, id, 'a', 6), false, 'used once');
    assert.equal(await secondFactor.useRecoveryCode(store.db, id, 'z', 6), false);
    assert.equal(await secondFactor.countRecoveryCodes(store.db, id), 2);
    assert.equal(await secondFactor.countRecoveryCodes(store.db, other.id), 1, "another account's code is its own");
    const race = await Promise.all([
      secondFactor.useRecoveryCode(store.db, id, 'b', 7),
      secondFactor.useRecoveryCode(store.db, id, 'b', 7),
    ]);
    assert.deepEqual(race.sort(), [false, true]);
    await secondFactor.replaceRecoveryCodes(store.db, id, ['d', 'e']);
    assert.equal(await secondFactor.useRecoveryCode(store.db, id, 'c', 8), false, 'the old set is gone');
    assert.equal(await secondFactor.countRecoveryCodes(store.db, id), 2);
    await secondFactor.clearSecondFactor(store.db, id);
    assert.equal(await secondFactor.countRecoveryCodes(store.db, id), 0);
    assert.deepEqual(await secondFactor.findSecondFactor(store.db, id), {
      secretSealed: null,
      pendingSealed: null,
      lastStep: null,
      enabledAt: null,
    });
  });
});

test('sessions: found while live, touched by the hour, listed, counted and ended one, some or all at a time', async () => {
  await withStore(async (store) => {
    const ctx = testContext(store);
    const a = await addMember(ctx, 'organiser', 'anna');
    const b = await addMember(ctx, 'organiser', 'bohdana');
    const now = Date.UTC(2026, 2, 12, 12);
    for (const name of ['one', 'two', 'three']) await sessions.insertSession(store.db, session(a.id, name, now));
    await sessions.insertSession(store.db, session(b.id, 'other', now));
    const found = await sessions.findSessionAccount(store.db, 'hash-one', now);
    assert.equal(found?.login, 'anna');
    assert.equal(found?.secondFactorRequired, false);
    assert.equal(await sessions.findSessionAccount(store.db, 'hash-one', now + 14 * day), undefined, 'expired');
    await sessions.touchSession(store.db, 'hash-two', now + hour);
    await sessions.touchSession(store.db, 'hash-two', now);
    const listed = await sessions.listSessions(store.db, a.id, now);
    assert.deepEqual(
      listed.map((s) => [s.publicId, s.lastUsedAt])[0],
      ['id-two', now + hour],
      'the most recently used first; a touch never goes back',
    );
    assert.deepEqual(listed.map((s) => s.publicId).sort(), ['id-one', 'id-three', 'id-two']);
    assert.equal(await sessions.countSessions(store.db, a.id, now), 3);
    assert.equal(
      await sessions.deleteSessions(store.db, { accountId: b.id, publicId: 'id-one' }),
      0,
      "not another account's session",
    );
    assert.equal(await sessions.deleteSessions(store.db, { accountId: a.id, publicId: 'id-one' }), 1);
    assert.equal(await sessions.deleteSessions(store.db, { accountId: a.id, exceptHash: 'hash-two' }), 1);
    assert.deepEqual(
      (await sessions.listSessions(store.db, a.id, now)).map((s) => s.publicId),
      ['id-two'],
    );
    assert.equal(await sessions.deleteSessions(store.db, { tokenHash: 'hash-two' }), 1);
    assert.equal(await sessions.countSessions(store.db, a.id, now), 0);
    assert.equal(await sessions.countSessions(store.db, b.id, now), 1);
    await assert.rejects(sessions.deleteSessions(store.db, {}), /needs a token hash or an account/);
    assert.equal(sessions.hourOf(now + 59 * minute), now);
  });
});

test('requiring a second factor: the session query says so, and the sessions of accounts without one can be ended', async () => {
  await withStore(async (store) => {
    const ctx = testContext(store);
    const without = await addMember(ctx, 'organiser');
    const withFactor = await addMember(ctx, 'admin');
    await secondFactor.setPendingSecret(store.db, withFactor.id, 's');
    await secondFactor.enableSecondFactor(store.db, withFactor.id, 's', 's', 1, 1);
    await sessions.insertSession(store.db, session(without.id, 'without'));
    await sessions.insertSession(store.db, session(withFactor.id, 'with'));
    await store.db.insertInto('settings').values({ name: sessions.REQUIRE_SECOND_FACTOR, value: '1' }).execute();
    assert.equal((await sessions.findSessionAccount(store.db, 'hash-without', 0))?.secondFactorRequired, true);
    assert.equal(await sessions.deleteSessionsWithoutSecondFactor(store.db), 1);
    assert.equal(await sessions.findSessionAccount(store.db, 'hash-without', 0), undefined);
    assert.ok(await sessions.findSessionAccount(store.db, 'hash-with', 0));
  });
});

test("sign-in steps: found by purpose until they expire, taken once, dropped with the account's", async () => {
  await withStore(async (store) => {
    const ctx = testContext(store);
    const { id } = await addMember(ctx, 'organiser');
    await sessions.insertChallenge(
      store.db,
      { tokenHash: 'old', accountId: id, purpose: 'second-factor', expiresAt: 50 },
      0,
    );
    await sessions.insertChallenge(
      store.db,
      { tokenHash: 'step', accountId: id, purpose: 'second-factor', expiresAt: 200 },
      100,
    );
    assert.equal(
      await store.db
        .selectFrom('login_challenges')
        .select('token_hash')
        .where('token_hash', '=', 'old')
        .executeTakeFirst(),
      undefined,
      'an expired step is dropped on the way',
    );
    assert.equal((await sessions.findChallenge(store.db, 'step', 'second-factor', 150))?.accountId, id);
    assert.equal(
      await sessions.findChallenge(store.db, 'step', 'enrol', 150),
      undefined,
      'a step opens only its own page',
    );
    assert.equal(await sessions.findChallenge(store.db, 'step', 'second-factor', 200), undefined, 'expired');
    assert.deepEqual(
      await Promise.all([sessions.takeChallenge(store.db, 'step'), sessions.takeChallenge(store.db, 'step')]).then(
        (r) => r.sort(),
      ),
      [false, true],
    );
    await sessions.insertChallenge(
      store.db,
      { tokenHash: 'enrol', accountId: id, purpose: 'enrol', expiresAt: 300 },
      100,
    );
    await sessions.deleteChallenges(store.db, id);
    assert.equal(await sessions.findChallenge(store.db, 'enrol', 'enrol', 150), undefined);
  });
});

test('reset links: a new one cancels the unused ones, each is used once, not after it expires', async () => {
  await withStore(async (store) => {
    const ctx = testContext(store);
    const admin = await addMember(ctx, 'admin');
    const { id } = await addMember(ctx, 'organiser', 'roksolana');
    const link = (hash: string, at: number) =>
      resets.insertPasswordReset(store.db, {
        tokenHash: hash,
        accountId: id,
        createdBy: admin.id,
        createdAt: at,
        expiresAt: at + day,
      });
    await link('first', 0);
    await link('second', 10);
    assert.equal(await resets.findPasswordReset(store.db, 'first'), undefined, 'the first was cancelled');
    const second = await resets.findPasswordReset(store.db, 'second');
    assert.equal(second?.login, 'roksolana');
    assert.deepEqual(
      await Promise.all([
        resets.usePasswordReset(store.db, second!.id, 20),
        resets.usePasswordReset(store.db, second!.id, 20),
      ]).then((r) => r.sort()),
      [false, true],
    );
    await link('third', 30);
    assert.ok(
      await resets.findPasswordReset(store.db, 'second'),
      'a used link stays, as a record, and is not cancelled',
    );
    const third = await resets.findPasswordReset(store.db, 'third');
    assert.equal(await resets.usePasswordReset(store.db, third!.id, 30 + day + 1), false, 'expired');
    await resets.deletePasswordResets(store.db, id);
    assert.equal(await resets.findPasswordReset(store.db, 'third'), undefined);
  });
});

test('invitations: the pending list leaves out used and expired ones; only an unused one can be deleted', async () => {
  await withStore(async (store) => {
    const ctx = testContext(store);
    const admin = await addMember(ctx, 'admin', 'ada');
    for (const [hash, expires] of [
      ['open', 1000],
      ['expired', 10],
      ['used', 1000],
    ] as const) {
      await insertInvitation(store.db, {
        tokenHash: hash,
        role: 'moderator',
        createdBy: admin.id,
        createdAt: 0,
        expiresAt: expires,
      });
    }
    await store.db.updateTable('invitations').set({ used_at: 5 }).where('token_hash', '=', 'used').execute();
    const pending = await listPendingInvitations(store.db, 100);
    assert.deepEqual(
      pending.map((i) => [i.role, i.createdByName, i.expiresAt]),
      [['moderator', 'ada', 1000]],
    );
    const used = await store.db
      .selectFrom('invitations')
      .select('id')
      .where('token_hash', '=', 'used')
      .executeTakeFirstOrThrow();
    assert.equal(await deleteInvitation(store.db, Number(used.id)), false);
    assert.equal(await deleteInvitation(store.db, pending[0].id), true);
    assert.equal(await deleteInvitation(store.db, pending[0].id), false);
  });
});

test('two admins switching each other off at the same moment leave one of them enabled', async () => {
  await withStore(async (store) => {
    const ctx = testContext(store);
    const a = await insertAccount(store.db, {
      login: 'a',
      displayName: 'A',
      role: 'admin',
      passwordHash: 'x',
      createdAt: 0,
    });
    const b = await insertAccount(store.db, {
      login: 'b',
      displayName: 'B',
      role: 'admin',
      passwordHash: 'x',
      createdAt: 0,
    });
    const disable = async (target: number, counted: () => void, hold: Promise<unknown>) =>
      store.db.transaction().execute(async (trx) => {
        const others = await countOtherEnabledAdmins(trx, target);
        counted();
        if (others === 0) return 'refused';
        await setDisabled(trx, target, ctx.now());
        await hold;
        return 'disabled';
      });
    let firstCounted!: () => void;
    const counted = new Promise<void>((done) => {
      firstCounted = done;
    });
    const first = disable(b, firstCounted, delay(300));
    await counted;
    const second = disable(a, () => {}, Promise.resolve());
    assert.deepEqual(await Promise.all([first, second]), ['disabled', 'refused']);
    const enabled = await store.db.selectFrom('accounts').select('login').where('disabled_at', 'is', null).execute();
    assert.deepEqual(
      enabled.map((r) => r.login),
      ['a'],
    );
  });
});

test('an admin locked out of her own site is let back in from the server: switched on, no second factor, no session, a link', async () => {
  await withStore(async (store) => {
    const ctx = testContext(store);
    const { id } = await addMember(ctx, 'admin', 'olha');
    await secondFactor.setPendingSecret(store.db, id, 's');
    await secondFactor.enableSecondFactor(store.db, id, 's', 's', 1, 1);
    await secondFactor.replaceRecoveryCodes(store.db, id, ['a']);
    await sessions.insertSession(store.db, session(id, 'stolen', ctx.now()));
    await setDisabled(store.db, id, ctx.now());
    const { token, expiresAt } = await recoverAccount(ctx, ' Olha ');
    assert.equal(expiresAt, ctx.now() + day);
    const account = await store.db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual([account.disabled_at, account.totp_secret_enc, account.totp_enabled_at], [null, null, null]);
    assert.equal(await secondFactor.countRecoveryCodes(store.db, id), 0);
    assert.equal(await sessions.countSessions(store.db, id, ctx.now()), 0);
    assert.equal((await findPasswordResetLink(ctx, token)).login, 'olha');
    await assert.rejects(recoverAccount(ctx, 'nobody'), refusal('not-found'));
  });
});
