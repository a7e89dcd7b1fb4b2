import type { ActionContext, Actor } from './context.ts';
import { InputReader } from '../domain/input.ts';
import { VecheError } from '../domain/errors.ts';
import * as accounts from '../store/accounts.ts';
import * as secondFactor from '../store/second-factor.ts';
import * as sessions from '../store/sessions.ts';
import { deletePasswordResets } from '../store/password-resets.ts';
import { confirmOwnPassword } from './login-throttle.ts';
import { inviteMember } from './accounts.ts';

/** requireAdmin throws `forbidden` unless the actor is an admin. */
export function requireAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw new VecheError('forbidden', 'Only an admin can do this.');
}

/** PeopleOverview is the admin's page of people: accounts, open invitations, and whether two-step sign-in is required. */
export interface PeopleOverview {
  people: accounts.Person[];
  invitations: accounts.PendingInvitation[];
  required: boolean;
  /** adminHasSecondFactor: an admin must have two-step sign-in before requiring it of everyone. */
  adminHasSecondFactor: boolean;
}

/** peopleOverview gathers the admin's page of people. */
export async function peopleOverview(ctx: ActionContext, actor: Actor): Promise<PeopleOverview> {
  requireAdmin(actor);
  const people = await accounts.listPeople(ctx.store.db);
  return {
    people,
    invitations: await accounts.listPendingInvitations(ctx.store.db, ctx.now()),
    required: (await accounts.getSetting(ctx.store.db, sessions.REQUIRE_SECOND_FACTOR)) === '1',
    adminHasSecondFactor: people.some((p) => p.id === actor.id && p.totpEnabledAt !== null),
  };
}

/** PersonOverview is one account as the admin sees it, with what may be done to it. */
export interface PersonOverview {
  person: accounts.Person;
  sessions: number;
  self: boolean;
  /** lastAdmin: the only enabled admin, who cannot be switched off. */
  lastAdmin: boolean;
}

/** personOverview returns one account for the admin, or throws `not-found`. */
export async function personOverview(ctx: ActionContext, actor: Actor, id: number): Promise<PersonOverview> {
  requireAdmin(actor);
  const person = await accounts.findPerson(ctx.store.db, id);
  if (!person) throw new VecheError('not-found', 'No such account.');
  const others = await accounts.countOtherEnabledAdmins(ctx.store.db, id);
  return {
    person,
    sessions: await sessions.countSessions(ctx.store.db, id, ctx.now()),
    self: id === actor.id,
    lastAdmin: person.role === 'admin' && person.disabledAt === null && others === 0,
  };
}

/**
 * confirmAdmin checks that an admin may act on another account: the account exists, is not their own (their own has
 * its own pages, which ask for a code), and the admin has given their password, so a stolen session is not enough.
 */
export async function confirmAdmin(
  ctx: ActionContext,
  actor: Actor,
  accountId: number | null,
  raw: unknown,
  ignore: string[] = [],
): Promise<accounts.Person> {
  requireAdmin(actor);
  const input = new InputReader(raw);
  input.ignore(...ignore);
  const password = input.text('password', { max: 200, required: true });
  input.done();
  const person = await accounts.findPerson(ctx.store.db, accountId ?? actor.id);
  if (!person) throw new VecheError('not-found', 'No such account.');
  if (accountId !== null && accountId === actor.id)
    throw new VecheError('forbidden', 'Use your own account pages for your own account.');
  const admin = await accounts.findAccount(ctx.store.db, actor.id);
  if (admin?.role !== 'admin' || admin.disabledAt !== null)
    throw new VecheError('forbidden', 'Only an admin can do this.');
  await confirmOwnPassword(ctx, admin, password!);
  return person;
}

/**
 * disableAccount switches an account off: its sessions, sign-in steps and reset links end with it, and its login
 * stops working. The last enabled admin cannot be switched off (checked under a lock on PostgreSQL).
 */
export async function disableAccount(
  ctx: ActionContext,
  actor: Actor,
  accountId: number,
  raw: unknown,
  ignore: string[] = [],
): Promise<void> {
  await confirmAdmin(ctx, actor, accountId, raw, ignore);
  await ctx.store.transaction(async (trx) => {
    if ((await accounts.countOtherEnabledAdmins(trx, accountId)) === 0) {
      throw new VecheError('wrong-state', 'The last admin cannot be switched off.', [
        { field: 'account', problem: 'last-admin' },
      ]);
    }
    await accounts.setDisabled(trx, accountId, ctx.now());
    await sessions.deleteSessions(trx, { accountId });
    await sessions.deleteChallenges(trx, accountId);
    await deletePasswordResets(trx, accountId);
  });
}

/**
 * enableAccount switches an account back on, after the admin's password: a stolen admin session must not be enough to
 * let back in an account switched off because its owner was arrested. Its owner logs in with the password they had.
 */
export async function enableAccount(
  ctx: ActionContext,
  actor: Actor,
  accountId: number,
  raw: unknown,
  ignore: string[] = [],
): Promise<void> {
  await confirmAdmin(ctx, actor, accountId, raw, ignore);
  await accounts.setDisabled(ctx.store.db, accountId, null);
}

/**
 * inviteWithPassword makes an invitation link after the admin's password, so that a stolen admin session cannot
 * invite itself a new admin account; `inviteMember` does the rest.
 */
export async function inviteWithPassword(
  ctx: ActionContext,
  actor: Actor,
  raw: unknown,
  ignore: string[] = [],
): Promise<string> {
  requireAdmin(actor);
  // Both fields read at once, so that the form names every mistake together; inviteMember reads the role again.
  const input = new InputReader(raw);
  input.ignore(...ignore);
  input.choice('role', ['admin', 'organiser', 'moderator'] as const, { required: true });
  const password = input.text('password', { max: 200, required: true });
  input.done();
  const admin = await accounts.findAccount(ctx.store.db, actor.id);
  if (admin?.role !== 'admin' || admin.disabledAt !== null)
    throw new VecheError('forbidden', 'Only an admin can do this.');
  await confirmOwnPassword(ctx, admin, password!);
  return inviteMember(ctx, actor, raw, [...ignore, 'password']);
}

/**
 * resetSecondFactorOf turns another account's second factor off (a lost phone), ending its sessions: its owner logs
 * in with the password and, if the admin requires it, sets up a new second factor before anything else.
 */
export async function resetSecondFactorOf(
  ctx: ActionContext,
  actor: Actor,
  accountId: number,
  raw: unknown,
  ignore: string[] = [],
): Promise<void> {
  await confirmAdmin(ctx, actor, accountId, raw, ignore);
  await ctx.store.transaction(async (trx) => {
    await secondFactor.clearSecondFactor(trx, accountId);
    await sessions.deleteSessions(trx, { accountId });
    await sessions.deleteChallenges(trx, accountId);
  });
}

/**
 * requireSecondFactor turns the rule "every account has two-step sign-in" on or off, after the admin's password.
 * Turning it on needs the admin's own second factor, and ends every session of an account without one.
 */
export async function requireSecondFactor(
  ctx: ActionContext,
  actor: Actor,
  required: boolean,
  raw: unknown,
  ignore: string[] = [],
): Promise<void> {
  await confirmAdmin(ctx, actor, null, raw, ignore);
  if (required && !(await secondFactor.findSecondFactor(ctx.store.db, actor.id))?.secretSealed) {
    throw new VecheError('wrong-state', 'Turn on two-step sign-in for your own account first.', [
      { field: 'password', problem: 'admin-needs-second-factor' },
    ]);
  }
  await ctx.store.transaction(async (trx) => {
    await accounts.putSetting(trx, sessions.REQUIRE_SECOND_FACTOR, required ? '1' : null);
    if (required) await sessions.deleteSessionsWithoutSecondFactor(trx);
  });
}

/** revokeInvitation cancels an invitation nobody has used yet; its link then leads nowhere. */
export async function revokeInvitation(ctx: ActionContext, actor: Actor, invitationId: number): Promise<void> {
  requireAdmin(actor);
  if (!(await accounts.deleteInvitation(ctx.store.db, invitationId)))
    throw new VecheError('not-found', 'No such invitation (it was used or revoked).');
}
