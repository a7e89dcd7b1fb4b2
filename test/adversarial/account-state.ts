// What the authorisation matrix reads and sets of accounts, to put each one in the state a route acts on and to see,
// in the store, whose account a request changed: two-step sign-in, recovery codes, sessions, people for the admin's
// console to act on, and the rule that requires two-step sign-in of everyone.
import type { LightMyRequestResponse } from 'fastify';
import { sessionTokenOf, visitors, type Visitor, type World } from './world.ts';
import { startSession } from '../../src/actions/start-session.ts';
import { enrolSecondFactor } from '../../src/actions/enrol-second-factor.ts';
import { enrolmentHolder } from '../../src/actions/enrolment-holder.ts';
import { prepareEnrolment } from '../../src/actions/prepare-enrolment.ts';
import { openText } from '../../src/crypto/email-cipher.ts';
import { totpCode } from '../../src/crypto/one-time-codes.ts';
import { hashToken, randomId } from '../../src/crypto/tokens.ts';
import { findAccount, getSetting, insertAccount, putSetting } from '../../src/store/accounts.ts';
import { clearSecondFactor } from '../../src/store/second-factor.ts';
import { REQUIRE_SECOND_FACTOR } from '../../src/store/sessions.ts';

/** accountIdOf is a visitor's account id, or null for nobody signed in. */
export const accountIdOf = (world: World, visitor: Visitor) => world.identities[visitor].account?.id ?? null;

/** turnOnSecondFactor sets two-step sign-in up for an account as its set-up page does (for `session`), returning the secret. */
export async function turnOnSecondFactor(world: World, accountId: number, session: string): Promise<string> {
  const app = world.t.app;
  const holder = enrolmentHolder('session', session);
  const { secret } = await prepareEnrolment(app, accountId, holder);
  await enrolSecondFactor(app, accountId, { code: totpCode(secret, app.now()) }, [], { password: false, holder });
  return secret;
}

/** secondFactorOn makes sure a visitor's account has two-step sign-in, and returns its secret (null for nobody). */
export async function secondFactorOn(world: World, visitor: Visitor): Promise<string | null> {
  const id = accountIdOf(world, visitor);
  if (id === null) return null;
  const sealed = (await findAccount(world.t.app.store.db, id))!.totpSecretEnc;
  return sealed
    ? openText(world.t.app.secrets.encryption, sealed)
    : turnOnSecondFactor(world, id, sessionTokenOf(world, visitor));
}

/** secondFactorOff makes sure a visitor's account has no two-step sign-in, as the admin's reset leaves it. */
export async function secondFactorOff(world: World, visitor: Visitor): Promise<void> {
  const id = accountIdOf(world, visitor);
  if (id !== null) await clearSecondFactor(world.t.app.store.db, id);
}

/** nextCode is the phone's code for the next 30 seconds: accepted (one step either side is), and later than any used. */
export const nextCode = (world: World, secret: string | null) =>
  secret ? totpCode(secret, world.t.app.now() + 30_000) : '123456';

/** columnByAccount reads one column of every account, by id, to tell whose changed. */
export async function columnByAccount(
  world: World,
  column: 'totp_pending_enc' | 'totp_enabled_at',
): Promise<Map<number, unknown>> {
  const rows = await world.t.app.store.db.selectFrom('accounts').select(['id', column]).execute();
  return new Map(rows.map((row) => [Number(row.id), (row as Record<string, unknown>)[column]]));
}

/** recoveryCodesByAccount reads every account's recovery codes (their keyed hashes), by id. */
export async function recoveryCodesByAccount(world: World): Promise<Map<number, string>> {
  const rows = await world.t.app.store.db
    .selectFrom('recovery_codes')
    .select(['account_id', 'code_hash'])
    .orderBy('code_hash')
    .execute();
  const by = new Map<number, string>();
  for (const row of rows) by.set(Number(row.account_id), `${by.get(Number(row.account_id)) ?? ''} ${row.code_hash}`);
  return by;
}

/** changedSince lists the accounts whose value differs from a reading before. */
export function changedSince(before: Map<number, unknown>, after: Map<number, unknown>): number[] {
  return [...new Set([...before.keys(), ...after.keys()])].filter((id) => before.get(id) !== after.get(id));
}

/**
 * onlyOwn says whether an action on one's own account happened: false when no account changed, true when the visitor's
 * own did and no other; it throws when another person's account changed, which no visitor may cause.
 */
export function onlyOwn(world: World, visitor: Visitor, changed: number[], what: string): boolean {
  if (changed.length === 0) return false;
  const own = accountIdOf(world, visitor);
  if (changed.length === 1 && changed[0] === own) return true;
  throw new Error(
    `${visitor}'s request changed ${what} of account(s) ${changed.join(', ')}, not (only) their own (${own})`,
  );
}

/** keyShown is the two-step sign-in key a set-up page shows, without its spaces. */
export const keyShown = (response: LightMyRequestResponse) =>
  /<p class="secret" id="secret"[^>]*>([A-Z2-7 ]+)<\/p>/.exec(response.body)?.[1].replace(/ /g, '');

/** recoveryCodesShown are the recovery codes a page shows once. */
export const recoveryCodesShown = (response: LightMyRequestResponse) =>
  [...response.body.matchAll(/<li><code>([a-z2-9]{5}-[a-z2-9]{5})<\/code><\/li>/g)].map((m) => m[1]);

/** extraSession starts one more session of an account (no visitor's standing one); returns its token and public id. */
export async function extraSession(world: World, accountId: number): Promise<{ token: string; id: string }> {
  const token = await startSession(world.t.app, accountId);
  const row = await world.t.app.store.db
    .selectFrom('sessions')
    .select('public_id')
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirstOrThrow();
  return { token, id: row.public_id };
}

/** isLive says whether a session token still has its session. */
export async function isLive(world: World, token: string): Promise<boolean> {
  return (
    (
      await world.t.app.store.db
        .selectFrom('sessions')
        .select('public_id')
        .where('token_hash', '=', hashToken(token))
        .execute()
    ).length > 0
  );
}

/** freshPerson makes an organiser for the admin's console to act on, with a login found nowhere else; returns id and login. */
export async function freshPerson(world: World): Promise<{ id: number; login: string }> {
  const login = `person-${randomId(10).toLowerCase()}`;
  const id = await insertAccount(world.t.app.store.db, {
    login,
    displayName: `Person ${login}`,
    role: 'organiser',
    passwordHash: 'none',
    createdAt: Date.now(),
  });
  return { id, login };
}

/** ruleIsOn reads whether the admin requires two-step sign-in of every account. */
export async function ruleIsOn(world: World): Promise<boolean> {
  return (await getSetting(world.t.app.store.db, REQUIRE_SECOND_FACTOR)) === '1';
}

/** ruleOn requires two-step sign-in as the admin's rule does, without logging anyone out (the route does that). */
export async function ruleOn(world: World): Promise<void> {
  await putSetting(world.t.app.store.db, REQUIRE_SECOND_FACTOR, '1');
}

/**
 * ruleOff takes the requirement back off, and gives a new standing session to each visitor it logged out, so that what
 * comes after sees every visitor as the world made them.
 */
export async function ruleOff(world: World): Promise<void> {
  await putSetting(world.t.app.store.db, REQUIRE_SECOND_FACTOR, null);
  for (const visitor of visitors)
    if (visitor !== 'anonymous' && !(await isLive(world, sessionTokenOf(world, visitor)))) await world.renew(visitor);
}
