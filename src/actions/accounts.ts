import type { ActionContext, Actor } from './context.ts';
import { InputReader } from '../domain/input.ts';
import { VecheError } from '../domain/errors.ts';
import { hashPassword } from '../crypto/passwords.ts';
import { hashToken, newToken } from '../crypto/tokens.ts';
import type { Role } from '../domain/account.ts';
import * as accounts from '../store/accounts.ts';
import { deleteSessions } from '../store/sessions.ts';
import { startSession } from './account-sessions.ts';
import { confirmOwnPassword } from './login-throttle.ts';

export { sessionAccount } from './account-sessions.ts';

const INVITATION_MS = 7 * 24 * 3600_000;
const SETUP_SETTING = 'setup_token_hash';

/** NewAccount is what a person gives when they accept an invitation or set the site up. */
interface NewAccount {
  login: string;
  displayName: string;
  password: string;
}

function readNewAccount(raw: unknown, ignore: string[]): NewAccount {
  const input = new InputReader(raw);
  input.ignore(...ignore);
  const login = input.text('login', { max: 40, min: 3, required: true });
  if (login !== null && !/^[a-z0-9._-]+$/.test(login)) input.add('login', 'login-characters');
  const displayName = input.text('displayName', { max: 80, required: true });
  const password = readNewPassword(input, 'password');
  input.done();
  return { login: login!, displayName: displayName!, password: password! };
}

/** readNewPassword reads a new password and its repetition (`<field>Again`), naming the second when they differ. */
export function readNewPassword(input: InputReader, field: string): string | null {
  const password = input.text(field, { max: 200, min: 10, required: true });
  const confirm = input.text(`${field}Again`, { max: 200, required: true });
  if (password !== null && confirm !== null && password !== confirm) input.add(`${field}Again`, 'passwords-differ');
  return password;
}

/** prepareSetup returns a one-time link token to create the admin account, or null when accounts exist. */
export async function prepareSetup(ctx: ActionContext): Promise<string | null> {
  if ((await accounts.countAdmins(ctx.store.db)) > 0) return null;
  const token = newToken();
  await accounts.putSetting(ctx.store.db, SETUP_SETTING, hashToken(token));
  return token;
}

/** checkSetupToken throws unless the token is the current one-time setup token. */
export async function checkSetupToken(ctx: ActionContext, token: string): Promise<void> {
  const stored = await accounts.getSetting(ctx.store.db, SETUP_SETTING);
  if (!stored || stored !== hashToken(token))
    throw new VecheError('token-invalid', 'This setup link is not valid (it was used, or replaced by a newer one).');
}

/** setUpAdmin creates the first admin account with the one-time setup token and signs them in. */
export async function setUpAdmin(
  ctx: ActionContext,
  token: string,
  raw: unknown,
  ignore: string[] = [],
  browser: string | null = null,
): Promise<string> {
  await checkSetupToken(ctx, token);
  const account = readNewAccount(raw, ignore);
  const passwordHash = await hashPassword(account.password);
  const id = await ctx.store.transaction(async (trx) => {
    // Taking the token is what makes two clicks at once create one admin: only one delete finds the row.
    if (!(await accounts.takeSetting(trx, SETUP_SETTING, hashToken(token))) || (await accounts.countAdmins(trx)) > 0) {
      throw new VecheError('token-used', 'The site is already set up.');
    }
    return accounts.insertAccount(trx, {
      login: account.login,
      displayName: account.displayName,
      role: 'admin',
      passwordHash: passwordHash,
      createdAt: ctx.now(),
    });
  });
  return startSession(ctx, id, browser);
}

/** inviteMember makes an invitation link for a new organiser, moderator or admin; only admins may. */
export async function inviteMember(
  ctx: ActionContext,
  actor: Actor,
  raw: unknown,
  ignore: string[] = [],
): Promise<string> {
  if (actor.role !== 'admin') throw new VecheError('forbidden', 'Only an admin can invite people.');
  const input = new InputReader(raw);
  input.ignore(...ignore);
  const role = input.choice('role', ['admin', 'organiser', 'moderator'] as const, { required: true });
  input.done();
  const token = newToken();
  await accounts.insertInvitation(ctx.store.db, {
    tokenHash: hashToken(token),
    role: role as Role,
    createdBy: actor.id,
    createdAt: ctx.now(),
    expiresAt: ctx.now() + INVITATION_MS,
  });
  return token;
}

/** findOpenInvitation returns the role an invitation offers, throwing if it is unknown, used or expired. */
export async function findOpenInvitation(ctx: ActionContext, token: string) {
  const invitation = await accounts.findInvitation(ctx.store.db, hashToken(token));
  if (!invitation) throw new VecheError('token-invalid', 'This invitation link is not valid.');
  if (invitation.usedAt !== null) throw new VecheError('token-used', 'This invitation has already been used.');
  if (invitation.expiresAt < ctx.now())
    throw new VecheError('token-expired', 'This invitation has expired; ask for a new one.');
  return invitation;
}

/** acceptInvitation creates the invited account and signs it in, returning the session token. */
export async function acceptInvitation(
  ctx: ActionContext,
  token: string,
  raw: unknown,
  ignore: string[] = [],
  browser: string | null = null,
): Promise<string> {
  const invitation = await findOpenInvitation(ctx, token);
  const account = readNewAccount(raw, ignore);
  const passwordHash = await hashPassword(account.password);
  const id = await ctx.store.transaction(async (trx) => {
    if (await accounts.findAccountByLogin(trx, account.login)) {
      throw new VecheError('invalid-input', 'That login is taken.', [{ field: 'login', problem: 'login-taken' }]);
    }
    if (!(await accounts.useInvitation(trx, invitation.id, ctx.now())))
      throw new VecheError('token-used', 'This invitation has already been used.');
    return accounts.insertAccount(trx, {
      login: account.login,
      displayName: account.displayName,
      role: invitation.role,
      passwordHash: passwordHash,
      createdAt: ctx.now(),
    });
  });
  return startSession(ctx, id, browser);
}

/** logOut ends a session. */
export async function logOut(ctx: ActionContext, sessionToken: string): Promise<void> {
  await deleteSessions(ctx.store.db, { tokenHash: hashToken(sessionToken) });
}

/** changePassword replaces the password after checking the current one, and ends the account's other sessions. */
export async function changePassword(
  ctx: ActionContext,
  actor: Actor,
  sessionToken: string,
  raw: unknown,
  ignore: string[] = [],
): Promise<void> {
  const input = new InputReader(raw);
  input.ignore(...ignore);
  const current = input.text('currentPassword', { max: 200, required: true });
  const next = readNewPassword(input, 'newPassword');
  input.done();
  const account = await accounts.findAccount(ctx.store.db, actor.id);
  if (!account) throw new VecheError('not-found', 'No such account.');
  await confirmOwnPassword(ctx, account, current!, 'currentPassword');
  const passwordHash = await hashPassword(next!);
  await ctx.store.transaction(async (trx) => {
    await accounts.setPassword(trx, actor.id, passwordHash);
    await deleteSessions(trx, { accountId: actor.id, exceptHash: hashToken(sessionToken) });
  });
}
