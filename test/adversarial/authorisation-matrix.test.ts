// The authorisation matrix (issue 9): every route that needs an account, tried by every kind of visitor — nobody
// signed in, the organiser who owns the petition or event, another organiser, a moderator of the event and one of no
// event of the owner's, an admin, and a disabled account (an admin, disabled after its session began). The table says
// what each must get: the page or the action done, 403, the way to the login page, or 404 where existence is hidden.
// A refusal is checked in the data too — a refused close leaves the petition open — and a refused page must not
// carry what it guards. An allowed attempt must really happen, or the check of a refusal could pass for nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import {
  startWorld,
  metricsToken,
  outboxFiles,
  actorOf,
  askAnyway,
  eventFields,
  openEvent,
  openPetition,
  password,
  petitionFields,
  sessionTokenOf,
  signCounted,
  visitors,
  type Visitor,
  type World,
} from './world.ts';
import { startTestApp } from '../http/support.ts';
import { attachPhoto } from '../support/attachments.ts';
import { findAttachment } from '../../src/store/attachments.ts';
import { addPaperBatch } from '../../src/actions/add-paper-batch.ts';
import { findPaperBatch } from '../../src/store/paper-batches.ts';
import { buildFixtures, catalogue, routesOf, keyOf, unclassified, type Fixtures } from './routes.ts';
import { findPetition } from '../../src/store/petitions.ts';
import { findEventByCode, isModerator } from '../../src/store/events.ts';
import { readOperatorNote } from '../../src/store/site-operator.ts';
import { findQuestion } from '../../src/store/questions.ts';
import { addEventModerator } from '../../src/actions/add-event-moderator.ts';
import { closePetition } from '../../src/actions/close-petition.ts';
import { inviteMember } from '../../src/actions/invite-member.ts';
import { enrolmentHolder } from '../../src/actions/enrolment-holder.ts';
import { prepareEnrolment } from '../../src/actions/prepare-enrolment.ts';
import { hashToken, randomId } from '../../src/crypto/tokens.ts';
import { openText, sealText } from '../../src/crypto/email-cipher.ts';
import { totpCode } from '../../src/crypto/one-time-codes.ts';
import { findAccount, findInvitation, insertAccount, setDisabled } from '../../src/store/accounts.ts';
import { signInCookie } from '../../src/web/routes/account-replies.ts';
import { saveNoticeSettings } from '../../src/store/notices.ts';
import {
  accountIdOf,
  changedSince,
  columnByAccount,
  extraSession,
  freshPerson,
  isLive,
  keyShown,
  nextCode,
  onlyOwn,
  recoveryCodesByAccount,
  recoveryCodesShown,
  ruleIsOn,
  ruleOff,
  ruleOn,
  secondFactorOff,
  secondFactorOn,
  turnOnSecondFactor,
} from './account-state.ts';

/** Outcome is what a visitor must get: the page or action, 403, the way to log in, or 404 (existence hidden). */
type Outcome = 'allowed' | 'forbidden' | 'login' | 'hidden';

/** Attempt is one visitor's try at a route, on targets made fresh for it. */
interface Attempt {
  method: 'GET' | 'POST';
  url: string;
  fields?: Record<string, string | string[]>;
  /** secret is what the route guards: it must not be in a refused answer (nor in an allowed one for `hideFrom`). */
  secret?: string;
  /**
   * happened tells whether the action took place, read from the store (and, for a page that sets something up, the
   * answer); it throws when something happened that must never, whoever asked (another person's session ended, say).
   */
  happened?: (response: LightMyRequestResponse) => Promise<boolean>;
  /** served tells an allowed answer from the rest (by default a 200 page, or a 303 that is not to /login). */
  served?: (response: LightMyRequestResponse) => boolean;
  /** after puts back what a later row needs and this attempt took (a standing session, the rule on two-step sign-in). */
  after?: () => Promise<void>;
}

/** Row is one route's line of the matrix. */
interface Row {
  expect: Record<Visitor, Outcome>;
  /** hideFrom are visitors who may open the page but must not see its secret (another organiser's list, say). */
  hideFrom?: Visitor[];
  attempt(visitor: Visitor): Promise<Attempt>;
}

// The columns a route's row most often has. A disabled account is refused as if signed out: its session no longer counts.
const everyAccount: Record<Visitor, Outcome> = {
  anonymous: 'login',
  owner: 'allowed',
  otherOrganiser: 'allowed',
  moderator: 'allowed',
  otherModerator: 'allowed',
  admin: 'allowed',
  disabled: 'login',
};
const organisers: Record<Visitor, Outcome> = { ...everyAccount, moderator: 'forbidden', otherModerator: 'forbidden' };
const ownerOrAdmin: Record<Visitor, Outcome> = { ...organisers, otherOrganiser: 'forbidden' };
const eventModerators: Record<Visitor, Outcome> = { ...ownerOrAdmin, moderator: 'allowed' };
const adminOnly: Record<Visitor, Outcome> = { ...ownerOrAdmin, owner: 'forbidden' };
// A session is its owner's alone: to anyone else, an admin too, another person's session does not exist.
const ownerAlone: Record<Visitor, Outcome> = {
  ...everyAccount,
  otherOrganiser: 'hidden',
  moderator: 'hidden',
  otherModerator: 'hidden',
  admin: 'hidden',
};

let world: World;
let fx: Fixtures;
const db = () => world.t.app.store.db;
const owner = () => actorOf(world, 'owner');
/** marker is a text found nowhere else, so that a page that shows it is known to show what it guards. */
const marker = (what: string) => `${what} ${randomId(10)}`;

/** quietModerator is a moderator of every event made here who never visits: a name only the dashboard shows. */
const quietModerator = { login: 'zoryana', name: 'Zoryana Quiet-Moderator' };

before(async () => {
  world = await startWorld({ VECHE_METRICS_TOKEN: metricsToken });
  fx = await buildFixtures(world);
  await insertAccount(db(), {
    login: quietModerator.login,
    displayName: quietModerator.name,
    role: 'moderator',
    passwordHash: 'none',
    createdAt: Date.now(),
  });
});
after(() => world?.stop());

/** petitionIn makes a fresh petition of the owner's in a state, titled with a marker. */
async function petitionIn(
  state: 'draft' | 'open' | 'closed',
  change: Record<string, unknown> = {},
): Promise<{ id: string; title: string }> {
  const title = marker('Return our husbands');
  const id = await openPetition(world, owner(), { title, ...change }, state !== 'draft');
  if (state === 'closed') await closePetition(world.t.app, owner(), id);
  return { id, title };
}

const status = async (id: string) => (await findPetition(db(), id))?.status;

/** noticeRowsByAccount reads every account's email choices as one string each, by id. */
async function noticeRowsByAccount(): Promise<Map<number, unknown>> {
  const rows = await db()
    .selectFrom('notice_settings')
    .select(['account_id', 'goal', 'summary', 'questions', 'address_enc'])
    .execute();
  return new Map(rows.map((r) => [Number(r.account_id), `${r.goal}${r.summary}${r.questions}${r.address_enc}`]));
}

/** eventWith makes a fresh event of the owner's, moderated by the moderator, with a question waiting for approval. */
async function eventWith(): Promise<{ code: string; pending: string; pendingText: string; title: string }> {
  const title = marker('Town hall');
  const code = await openEvent(world, owner(), { title, moderation: 'before' });
  await addEventModerator(world.t.app, owner(), code, { login: world.identities.moderator.login });
  await addEventModerator(world.t.app, owner(), code, { login: quietModerator.login });
  const pendingText = marker('Who signed the order to close the maternity ward?');
  const pending = await askAnyway(world, code, pendingText);
  return { code, pending, pendingText, title };
}

const questionStatus = async (code: string, id: string) => {
  const event = await findEventByCode(db(), code);
  return (await findQuestion(db(), Number(event!.id), id))?.status;
};

/**
 * endingOwn is an attempt that logs out of sessions (`url`): the visitor's own extra session must end when they are
 * allowed, and never a session of another person's (a bystander's, made alongside); `standingStays` says whether the
 * session the request comes with must survive it.
 */
async function endingOwn(visitor: Visitor, url: string, standingStays: boolean): Promise<Attempt> {
  const own = accountIdOf(world, visitor);
  const mine = own === null ? null : await extraSession(world, own);
  const bystander = await extraSession(world, actorOf(world, visitor === 'owner' ? 'otherOrganiser' : 'owner').id);
  const standing = sessionTokenOf(world, visitor);
  return {
    method: 'POST',
    url,
    happened: async () => {
      if (!(await isLive(world, bystander.token))) throw new Error(`${visitor} ended a session of someone else's`);
      const ended = mine !== null && !(await isLive(world, mine.token));
      if (ended && standingStays && !(await isLive(world, standing)))
        throw new Error(`${visitor} ended the session the request came with`);
      return ended;
    },
    // Logging out everywhere ends the visitor's standing session: they get a new one for the rows that follow.
    after: standingStays ? undefined : () => world.renew(visitor),
  };
}

/** personPage is an attempt at one of the console's pages about a fresh person: only an admin may see their login there. */
async function personPage(path: (id: number) => string): Promise<Attempt> {
  const { id, login } = await freshPerson(world);
  return { method: 'GET', url: path(id), secret: login };
}

/** matrix is the table: one row per route that needs an account (see `Access` in routes.ts). */
const matrix: Record<string, Row> = {
  'GET /admin': {
    expect: everyAccount,
    // The home lists the petitions one may manage: the owner's draft is not another organiser's or a moderator's to see.
    hideFrom: ['otherOrganiser', 'moderator', 'otherModerator'],
    attempt: async () => ({ method: 'GET', url: '/admin', secret: (await petitionIn('draft')).title }),
  },
  'POST /admin/invitations': {
    expect: adminOnly,
    attempt: async () => {
      const count = async () => (await db().selectFrom('invitations').select('id').execute()).length;
      const before = await count();
      return {
        method: 'POST',
        url: '/admin/invitations',
        fields: { role: 'admin', password },
        happened: async () => (await count()) > before,
        served: (r) => r.statusCode === 200 && r.body.includes('/join/'),
      };
    },
  },
  'GET /admin/two-step': {
    expect: everyAccount,
    attempt: async (visitor) => {
      // For an account without two-step sign-in the page sets a key up: on the visitor's own account, and no other.
      await secondFactorOff(world, visitor);
      const before = await columnByAccount(world, 'totp_pending_enc');
      return {
        method: 'GET',
        url: '/admin/two-step',
        happened: async (response) => {
          const changed = changedSince(before, await columnByAccount(world, 'totp_pending_enc'));
          if (!onlyOwn(world, visitor, changed, 'the key being set up')) return false;
          const pending = (await findAccount(db(), changed[0]))!.totpPendingEnc!;
          const shown = keyShown(response);
          if (openText(world.t.app.secrets.encryption, pending).split('\n')[1] !== shown)
            throw new Error(`${visitor} was shown a key (${shown}) that is not the one set up on their account`);
          return true;
        },
      };
    },
  },
  'POST /admin/two-step/enrol': {
    expect: everyAccount,
    attempt: async (visitor) => {
      await secondFactorOff(world, visitor);
      // The key the set-up page showed this visitor's session, and the code the phone shows for it now (the disabled
      // account's too, as if it had kept the page open from before it was switched off).
      const id = accountIdOf(world, visitor);
      const key =
        id === null
          ? null
          : (await prepareEnrolment(world.t.app, id, enrolmentHolder('session', sessionTokenOf(world, visitor))))
              .secret;
      const before = await columnByAccount(world, 'totp_enabled_at');
      return {
        method: 'POST',
        url: '/admin/two-step/enrol',
        fields: { code: key ? totpCode(key, world.t.app.now()) : '123456', password },
        served: (r) => r.statusCode === 200 && recoveryCodesShown(r).length === 10,
        happened: async () =>
          onlyOwn(
            world,
            visitor,
            changedSince(before, await columnByAccount(world, 'totp_enabled_at')),
            'two-step sign-in',
          ),
      };
    },
  },
  'POST /admin/two-step/recovery-codes': {
    expect: everyAccount,
    attempt: async (visitor) => {
      await secondFactorOn(world, visitor);
      const before = await recoveryCodesByAccount(world);
      return {
        method: 'POST',
        url: '/admin/two-step/recovery-codes',
        fields: { password },
        served: (r) => r.statusCode === 200 && recoveryCodesShown(r).length === 10,
        happened: async () =>
          onlyOwn(world, visitor, changedSince(before, await recoveryCodesByAccount(world)), 'the recovery codes'),
      };
    },
  },
  'GET /admin/two-step/off': {
    expect: everyAccount,
    attempt: async (visitor) => {
      await secondFactorOn(world, visitor);
      return { method: 'GET', url: '/admin/two-step/off' };
    },
  },
  'POST /admin/two-step/off': {
    expect: everyAccount,
    attempt: async (visitor) => {
      const secret = await secondFactorOn(world, visitor);
      const before = await columnByAccount(world, 'totp_enabled_at');
      return {
        method: 'POST',
        url: '/admin/two-step/off',
        fields: { password, code: nextCode(world, secret) },
        served: (r) => r.statusCode === 303 && r.headers.location === '/admin?done=two-step-off',
        happened: async () =>
          onlyOwn(
            world,
            visitor,
            changedSince(before, await columnByAccount(world, 'totp_enabled_at')),
            'two-step sign-in',
          ),
      };
    },
  },
  'GET /admin/sessions': {
    expect: everyAccount,
    // Each sees their own sessions: the owner's second session is on the owner's list, and nobody else's.
    hideFrom: ['otherOrganiser', 'moderator', 'otherModerator', 'admin'],
    attempt: async () => ({
      method: 'GET',
      url: '/admin/sessions',
      secret: (await extraSession(world, owner().id)).id,
    }),
  },
  'GET /admin/notifications': {
    expect: everyAccount,
    // Each sees their own choices: the owner's address is on the owner's page, and nobody else's, an admin's neither.
    hideFrom: ['otherOrganiser', 'moderator', 'otherModerator', 'admin'],
    attempt: async () => {
      const address = `${marker('owner').replace(/\W+/g, '.').toLowerCase()}@example.org`;
      const addressSealed = sealText(world.t.app.secrets.encryption, address);
      await saveNoticeSettings(
        db(),
        owner().id,
        { addressSealed, language: 'en', choices: { goal: true, summary: false, questions: false } },
        Date.now(),
      );
      return { method: 'GET', url: '/admin/notifications', secret: address };
    },
  },
  'POST /admin/notifications': {
    expect: everyAccount,
    attempt: async (visitor) => {
      // Each visitor's own choices are cleared first; the request must set them, and no one else's.
      const own = accountIdOf(world, visitor);
      if (own !== null) await db().deleteFrom('notice_settings').where('account_id', '=', own).execute();
      const before = await noticeRowsByAccount();
      return {
        method: 'POST',
        url: '/admin/notifications',
        fields: { goal: 'on', questions: 'on' },
        happened: async () =>
          onlyOwn(world, visitor, changedSince(before, await noticeRowsByAccount()), 'the email choices'),
      };
    },
  },
  'POST /admin/sessions/:id/end': {
    expect: ownerAlone,
    attempt: async () => {
      const { token, id } = await extraSession(world, owner().id);
      return {
        method: 'POST',
        url: `/admin/sessions/${id}/end`,
        happened: async () => !(await isLive(world, token)),
        served: (r) => r.statusCode === 303 && r.headers.location === '/admin/sessions?done=ended-one',
      };
    },
  },
  'POST /admin/sessions/end-others': {
    expect: everyAccount,
    attempt: (visitor) => endingOwn(visitor, '/admin/sessions/end-others', true),
  },
  'POST /admin/sessions/end-all': {
    expect: everyAccount,
    attempt: (visitor) => endingOwn(visitor, '/admin/sessions/end-all', false),
  },
  'GET /admin/people': { expect: adminOnly, attempt: () => personPage(() => '/admin/people') },
  'POST /admin/invitations/:id/revoke': {
    expect: adminOnly,
    attempt: async () => {
      const token = await inviteMember(world.t.app, actorOf(world, 'admin'), { role: 'moderator' });
      const id = (await findInvitation(db(), hashToken(token)))!.id;
      return {
        method: 'POST',
        url: `/admin/invitations/${id}/revoke`,
        happened: async () => (await findInvitation(db(), hashToken(token))) === undefined,
      };
    },
  },
  'GET /admin/people/:id': { expect: adminOnly, attempt: () => personPage((id) => `/admin/people/${id}`) },
  'POST /admin/people/:id/enable': {
    expect: adminOnly,
    attempt: async () => {
      const { id } = await freshPerson(world);
      await setDisabled(db(), id, Date.now());
      return {
        method: 'POST',
        url: `/admin/people/${id}/enable`,
        fields: { password },
        happened: async () => (await findAccount(db(), id))!.disabledAt === null,
      };
    },
  },
  'GET /admin/people/:id/disable': {
    expect: adminOnly,
    attempt: () => personPage((id) => `/admin/people/${id}/disable`),
  },
  'GET /admin/people/:id/enable': {
    expect: adminOnly,
    attempt: () => personPage((id) => `/admin/people/${id}/enable`),
  },
  'POST /admin/people/:id/disable': {
    expect: adminOnly,
    attempt: async () => {
      const { id } = await freshPerson(world);
      const { token } = await extraSession(world, id);
      return {
        // Switched off, and logged out at once.
        method: 'POST',
        url: `/admin/people/${id}/disable`,
        fields: { password },
        happened: async () => (await findAccount(db(), id))!.disabledAt !== null && !(await isLive(world, token)),
      };
    },
  },
  'GET /admin/people/:id/reset-two-step': {
    expect: adminOnly,
    attempt: () => personPage((id) => `/admin/people/${id}/reset-two-step`),
  },
  'POST /admin/people/:id/reset-two-step': {
    expect: adminOnly,
    attempt: async () => {
      const { id } = await freshPerson(world);
      const { token } = await extraSession(world, id);
      await turnOnSecondFactor(world, id, token);
      return {
        method: 'POST',
        url: `/admin/people/${id}/reset-two-step`,
        fields: { password },
        happened: async () => (await findAccount(db(), id))!.totpEnabledAt === null && !(await isLive(world, token)),
      };
    },
  },
  'GET /admin/people/:id/reset-link': {
    expect: adminOnly,
    attempt: () => personPage((id) => `/admin/people/${id}/reset-link`),
  },
  'POST /admin/people/:id/reset-link': {
    expect: adminOnly,
    attempt: async () => {
      const { id, login } = await freshPerson(world);
      return {
        method: 'POST',
        url: `/admin/people/${id}/reset-link`,
        fields: { password },
        secret: login,
        served: (r) => r.statusCode === 200 && /\/reset\/[\w-]{20,}/.test(r.body),
        happened: async () =>
          (await db().selectFrom('password_resets').select('id').where('account_id', '=', id).execute()).length > 0,
      };
    },
  },
  'GET /admin/people/two-step-rule/on': {
    expect: adminOnly,
    attempt: async () => ({ method: 'GET', url: '/admin/people/two-step-rule/on' }),
  },
  'POST /admin/people/two-step-rule/on': {
    expect: adminOnly,
    attempt: async (visitor) => {
      // The admin needs two-step sign-in of their own to require it; every visitor has it here, so that only the
      // route and the role decide. Whoever turned the rule on, it is taken back off for the rows that follow.
      await secondFactorOn(world, visitor);
      return {
        method: 'POST',
        url: '/admin/people/two-step-rule/on',
        fields: { password },
        happened: () => ruleIsOn(world),
        after: () => ruleOff(world),
      };
    },
  },
  'GET /admin/people/two-step-rule/off': {
    expect: adminOnly,
    attempt: async () => ({ method: 'GET', url: '/admin/people/two-step-rule/off' }),
  },
  'POST /admin/people/two-step-rule/off': {
    expect: adminOnly,
    attempt: async (visitor) => {
      // The rule is on, and the visitor has two-step sign-in (without it, their session would count for nothing).
      await secondFactorOn(world, visitor);
      await ruleOn(world);
      return {
        method: 'POST',
        url: '/admin/people/two-step-rule/off',
        fields: { password },
        happened: async () => !(await ruleIsOn(world)),
        after: () => ruleOff(world),
      };
    },
  },
  'GET /admin/password': { expect: everyAccount, attempt: async () => ({ method: 'GET', url: '/admin/password' }) },
  'POST /admin/password': {
    expect: everyAccount,
    // After it every visitor's password is hashed at the real cost (half a second a check): the rows that ask for the
    // password again come before it.
    attempt: async () => {
      // The same password again: a new hash (a new salt) shows the change, and every account keeps its password.
      const hashes = async () =>
        new Map(
          (await db().selectFrom('accounts').select(['id', 'password_hash']).execute()).map((a) => [
            Number(a.id),
            a.password_hash,
          ]),
        );
      const before = await hashes();
      return {
        method: 'POST',
        url: '/admin/password',
        fields: { currentPassword: password, newPassword: password, newPasswordAgain: password },
        happened: async () => [...(await hashes())].some(([id, hash]) => before.get(id) !== hash),
      };
    },
  },
  'GET /admin/petitions': {
    expect: everyAccount,
    attempt: async () => ({
      method: 'GET',
      url: '/admin/petitions',
      served: (r) => r.statusCode === 303 && r.headers.location === '/admin',
    }),
  },
  'GET /admin/petitions/new': {
    expect: organisers,
    attempt: async () => ({ method: 'GET', url: '/admin/petitions/new' }),
  },
  'POST /admin/petitions': {
    expect: organisers,
    attempt: async () => {
      const title = marker('A new demand');
      const fields = Object.fromEntries(
        Object.entries(petitionFields({ title })).map(([k, v]) => [k, v as string | string[]]),
      );
      return {
        method: 'POST',
        url: '/admin/petitions',
        fields,
        happened: async () =>
          (await db().selectFrom('petitions').select('id').where('title', '=', title).execute()).length > 0,
      };
    },
  },
  'GET /admin/petitions/:id': {
    expect: ownerOrAdmin,
    attempt: async () => {
      const { id, title } = await petitionIn('draft');
      return { method: 'GET', url: `/admin/petitions/${id}`, secret: title };
    },
  },
  'GET /admin/petitions/:id/edit': {
    expect: ownerOrAdmin,
    attempt: async () => {
      const { id, title } = await petitionIn('draft');
      return { method: 'GET', url: `/admin/petitions/${id}/edit`, secret: title };
    },
  },
  'POST /admin/petitions/:id/edit': {
    expect: ownerOrAdmin,
    attempt: async () => {
      const { id } = await petitionIn('draft');
      const title = marker('Rewritten by someone');
      const fields = Object.fromEntries(
        Object.entries(petitionFields({ title })).map(([k, v]) => [k, v as string | string[]]),
      );
      return {
        method: 'POST',
        url: `/admin/petitions/${id}/edit`,
        fields,
        happened: async () => (await findPetition(db(), id))?.title === title,
      };
    },
  },
  'GET /admin/petitions/:id/correct': {
    expect: ownerOrAdmin,
    attempt: async () => {
      const { id, title } = await petitionIn('open');
      return { method: 'GET', url: `/admin/petitions/${id}/correct`, secret: title };
    },
  },
  'POST /admin/petitions/:id/correct': {
    expect: ownerOrAdmin,
    attempt: async () => {
      const { id, title } = await petitionIn('open');
      const { addressee, body } = petitionFields() as Record<string, string>;
      return {
        // The second step, which publishes the correction.
        method: 'POST',
        url: `/admin/petitions/${id}/correct`,
        fields: { title, addressee, body: `${body} Corrected by someone.`, reason: 'typo', step: 'publish' },
        happened: async () => (await findPetition(db(), id))?.version === 2,
      };
    },
  },
  'POST /admin/petitions/:id/publish': {
    expect: ownerOrAdmin,
    attempt: async () => {
      const { id } = await petitionIn('draft');
      return {
        method: 'POST',
        url: `/admin/petitions/${id}/publish`,
        happened: async () => (await status(id)) === 'open',
      };
    },
  },
  'POST /admin/petitions/:id/close': {
    expect: ownerOrAdmin,
    attempt: async () => {
      const { id } = await petitionIn('open');
      return {
        method: 'POST',
        url: `/admin/petitions/${id}/close`,
        fields: { confirm: 'yes' },
        happened: async () => (await status(id)) === 'closed',
      };
    },
  },
  'POST /admin/petitions/:id/response': {
    expect: ownerOrAdmin,
    attempt: async () => {
      const { id } = await petitionIn('closed');
      return {
        method: 'POST',
        url: `/admin/petitions/${id}/response`,
        fields: { response: 'The ministry refused.' },
        happened: async () => (await findPetition(db(), id))?.response !== null,
      };
    },
  },
  'POST /admin/petitions/:id/invalidate': {
    expect: ownerOrAdmin,
    attempt: async () => {
      const { id } = await petitionIn('open');
      await signCounted(world, id, 'Halyna');
      await signCounted(world, id, 'Iryna');
      const minute = Math.floor(Date.now() / 60_000);
      const petitionId = Number((await findPetition(db(), id))!.id);
      return {
        // The second step, which carries the number the first showed: two signatures.
        method: 'POST',
        url: `/admin/petitions/${id}/invalidate`,
        fields: { from: String(minute - 60), to: String(minute + 60), reason: 'burst', expected: '2' },
        happened: async () =>
          (
            await db()
              .selectFrom('signatures')
              .select('id')
              .where('petition_id', '=', petitionId)
              .where('status', '=', 'invalidated')
              .execute()
          ).length > 0,
      };
    },
  },
  'GET /admin/petitions/:id/signatures.csv': {
    expect: ownerOrAdmin,
    attempt: async () => {
      const { id } = await petitionIn('open');
      await signCounted(world, id, 'Svitlana');
      return {
        method: 'GET',
        url: `/admin/petitions/${id}/signatures.csv`,
        served: (r) => r.statusCode === 200 && String(r.headers['content-type']).startsWith('text/csv'),
      };
    },
  },
  'GET /admin/petitions/:id/attachments': {
    expect: ownerOrAdmin,
    attempt: async () => {
      const { id, title } = await petitionIn('open');
      return { method: 'GET', url: `/admin/petitions/${id}/attachments`, secret: title };
    },
  },
  'POST /admin/petitions/:id/attachments': {
    expect: ownerOrAdmin,
    attempt: async () => {
      const { id } = await petitionIn('open');
      const alt = marker('A banner');
      return {
        // A plain form has no file: the organiser reaches the handler, which asks for one; no one else gets that far.
        method: 'POST',
        url: `/admin/petitions/${id}/attachments`,
        fields: { alt },
        served: (r) => r.statusCode === 422 && r.body.includes('href="#file"'),
      };
    },
  },
  'POST /admin/petitions/:id/attachments/:attachment/publish': {
    expect: ownerOrAdmin,
    attempt: async () => {
      const { id } = await petitionIn('open');
      const attachment = await attachPhoto(world.t.app, owner(), id, false);
      return {
        method: 'POST',
        url: `/admin/petitions/${id}/attachments/${attachment}/publish`,
        happened: async () => (await findAttachment(db(), attachment))?.status === 'published',
      };
    },
  },
  'POST /admin/petitions/:id/attachments/:attachment/remove': {
    expect: ownerOrAdmin,
    attempt: async () => {
      const { id } = await petitionIn('open');
      const attachment = await attachPhoto(world.t.app, owner(), id, true);
      return {
        method: 'POST',
        url: `/admin/petitions/${id}/attachments/${attachment}/remove`,
        fields: { reason: 'wrong-file' },
        happened: async () => (await findAttachment(db(), attachment))?.status === 'removed',
      };
    },
  },
  'GET /admin/petitions/:id/paper': {
    expect: ownerOrAdmin,
    attempt: async () => {
      const { id } = await petitionIn('open');
      const batch = await addPaperBatch(world.t.app, owner(), id, { count: 7, sheets: '1' });
      // The organiser's list names each batch by its id; no one else sees it.
      return { method: 'GET', url: `/admin/petitions/${id}/paper`, secret: batch };
    },
  },
  'POST /admin/petitions/:id/paper': {
    expect: ownerOrAdmin,
    attempt: async () => {
      const { id } = await petitionIn('open');
      return {
        method: 'POST',
        url: `/admin/petitions/${id}/paper`,
        fields: { count: '9', sheets: '3', step: 'add' },
        happened: async () => (await world.t.app.reader.view(id))?.paper === 9,
      };
    },
  },
  'POST /admin/petitions/:id/paper/:batch/withdraw': {
    expect: ownerOrAdmin,
    attempt: async () => {
      const { id } = await petitionIn('open');
      const batch = await addPaperBatch(world.t.app, owner(), id, { count: 7, sheets: '1' });
      return {
        method: 'POST',
        url: `/admin/petitions/${id}/paper/${batch}/withdraw`,
        fields: { reason: 'other' },
        happened: async () => (await findPaperBatch(db(), batch))?.status === 'withdrawn',
      };
    },
  },
  'GET /admin/petitions/:id/packet.pdf': {
    expect: ownerOrAdmin,
    attempt: async () => {
      const { id } = await petitionIn('open');
      return {
        method: 'GET',
        url: `/admin/petitions/${id}/packet.pdf`,
        served: (r) => r.statusCode === 200 && r.headers['content-type'] === 'application/pdf',
      };
    },
  },
  'GET /admin/site': { expect: adminOnly, attempt: async () => ({ method: 'GET', url: '/admin/site' }) },
  'POST /admin/site': {
    expect: adminOnly,
    // What the about page says of who runs the site, and the contact people will write to: the admin's alone to change.
    attempt: async () => {
      const name = marker('The Council of Mothers');
      return {
        method: 'POST',
        url: '/admin/site',
        fields: { name, contact: 'sovet@example.org', password },
        happened: async () => (await readOperatorNote(db()))?.name === name,
      };
    },
  },
  'GET /admin/outbox': {
    expect: adminOnly,
    attempt: async () => ({ method: 'GET', url: '/admin/outbox', secret: fx.outboxName }),
  },
  'GET /admin/outbox/:name': {
    expect: adminOnly,
    // The outbox holds the addresses of people who signed: the one email there went to pending.signer@example.org.
    attempt: async () => ({
      method: 'GET',
      url: `/admin/outbox/${outboxFiles(world.t.dataDir)[0]}`,
      secret: 'pending.signer@example.org',
    }),
  },
  'GET /organiser/events': {
    expect: everyAccount,
    // The list shows the events one organises or moderates: not the owner's to another organiser or moderator.
    hideFrom: ['otherOrganiser', 'otherModerator'],
    attempt: async () => ({ method: 'GET', url: '/organiser/events', secret: (await eventWith()).title }),
  },
  'GET /organiser/events/new': {
    expect: organisers,
    attempt: async () => ({ method: 'GET', url: '/organiser/events/new' }),
  },
  'POST /organiser/events': {
    expect: organisers,
    attempt: async () => {
      const title = marker('An event');
      const fields = Object.fromEntries(Object.entries(eventFields({ title })).map(([k, v]) => [k, String(v)]));
      return {
        method: 'POST',
        url: '/organiser/events',
        fields,
        happened: async () =>
          (await db().selectFrom('events').select('id').where('title', '=', title).execute()).length > 0,
      };
    },
  },
  'GET /organiser/events/:code': {
    expect: ownerOrAdmin,
    // The dashboard names the event's moderators.
    attempt: async () => ({
      method: 'GET',
      url: `/organiser/events/${(await eventWith()).code}`,
      secret: quietModerator.name,
    }),
  },
  'POST /organiser/events/:code/moderators': {
    expect: ownerOrAdmin,
    attempt: async () => {
      const { code } = await eventWith();
      const eventId = Number((await findEventByCode(db(), code))!.id);
      return {
        method: 'POST',
        url: `/organiser/events/${code}/moderators`,
        fields: { login: world.identities.otherModerator.login! },
        happened: () => isModerator(db(), eventId, actorOf(world, 'otherModerator').id),
      };
    },
  },
  'POST /organiser/events/:code/moderators/:id/remove': {
    expect: ownerOrAdmin,
    attempt: async () => {
      const { code } = await eventWith();
      const eventId = Number((await findEventByCode(db(), code))!.id);
      const moderator = actorOf(world, 'moderator').id;
      return {
        method: 'POST',
        url: `/organiser/events/${code}/moderators/${moderator}/remove`,
        happened: async () => !(await isModerator(db(), eventId, moderator)),
      };
    },
  },
  'POST /organiser/events/:code/close': {
    expect: ownerOrAdmin,
    attempt: async () => {
      const { code } = await eventWith();
      return {
        method: 'POST',
        url: `/organiser/events/${code}/close`,
        fields: { confirm: 'on' },
        happened: async () => (await findEventByCode(db(), code))?.status === 'closed',
      };
    },
  },
  'POST /organiser/events/:code/listing': {
    expect: ownerOrAdmin,
    attempt: async () => {
      const { code } = await eventWith();
      return {
        method: 'POST',
        url: `/organiser/events/${code}/listing`,
        fields: { listed: 'yes' },
        happened: async () => Number((await findEventByCode(db(), code))?.listed) === 1,
      };
    },
  },
  'GET /organiser/events/:code/questions.csv': {
    expect: ownerOrAdmin,
    attempt: async () => {
      const { code, pendingText } = await eventWith();
      return {
        method: 'GET',
        url: `/organiser/events/${code}/questions.csv`,
        secret: pendingText,
        served: (r) => r.statusCode === 200 && r.body.includes(pendingText),
      };
    },
  },
  'GET /organiser/events/:code/questions.json': {
    expect: ownerOrAdmin,
    attempt: async () => {
      const { code, pendingText } = await eventWith();
      return {
        method: 'GET',
        url: `/organiser/events/${code}/questions.json`,
        secret: pendingText,
        served: (r) => r.statusCode === 200 && r.body.includes(pendingText),
      };
    },
  },
  'GET /organiser/events/:code/summary': {
    expect: ownerOrAdmin,
    attempt: async () => ({ method: 'GET', url: `/organiser/events/${(await eventWith()).code}/summary` }),
  },
  'GET /organiser/events/:code/summary.json': {
    expect: ownerOrAdmin,
    attempt: async () => ({ method: 'GET', url: `/organiser/events/${(await eventWith()).code}/summary.json` }),
  },
  'GET /moderate/:code': {
    expect: eventModerators,
    // The console shows the questions waiting for approval, which the public does not see.
    attempt: async () => {
      const { code, pendingText } = await eventWith();
      return {
        method: 'GET',
        url: `/moderate/${code}?list=popular`,
        secret: pendingText,
        served: (r) => r.statusCode === 200 && r.body.includes(pendingText),
      };
    },
  },
  'GET /moderate/:code/fragment': {
    expect: eventModerators,
    attempt: async () => {
      const { code, pendingText } = await eventWith();
      return {
        method: 'GET',
        url: `/moderate/${code}/fragment`,
        secret: pendingText,
        served: (r) => r.statusCode === 200 && r.body.includes(pendingText),
      };
    },
  },
  'POST /moderate/:code/questions/:id/:action': {
    expect: eventModerators,
    attempt: async () => {
      const { code, pending } = await eventWith();
      return {
        method: 'POST',
        url: `/moderate/${code}/questions/${pending}/approve`,
        fields: { list: 'popular' },
        happened: async () => (await questionStatus(code, pending)) === 'published',
      };
    },
  },
  'POST /moderate/:code/merge': {
    expect: eventModerators,
    attempt: async () => {
      const { code, pending } = await eventWith();
      const other = await askAnyway(world, code, marker('Who decided to close the maternity ward?'));
      return {
        method: 'POST',
        url: `/moderate/${code}/merge`,
        fields: { into: pending, from: other },
        happened: async () => (await questionStatus(code, other)) === 'merged',
      };
    },
  },
};

/** outcomeOf reads which outcome an answer is, for the allowed case by the row's own test. */
function outcomeOf(response: LightMyRequestResponse, attempt: Attempt): Outcome | `unexpected ${number}` {
  if (response.statusCode === 303 && response.headers.location === '/login') return 'login';
  if (response.statusCode === 403) return 'forbidden';
  if (response.statusCode === 404) return 'hidden';
  const served =
    attempt.served ??
    ((r: LightMyRequestResponse) =>
      attempt.method === 'GET' ? r.statusCode === 200 : r.statusCode === 303 || r.statusCode === 200);
  return served(response) ? 'allowed' : `unexpected ${response.statusCode}`;
}

test('every route that needs an account has a row in the matrix, and every row is a route the server answers', () => {
  assert.deepEqual(unclassified(world), [], 'classify each new route in test/adversarial/routes.ts');
  const needAccount = routesOf(world)
    .map(keyOf)
    .filter((key) => catalogue[key]?.access === 'account')
    .sort();
  assert.ok(needAccount.length >= 30, `${needAccount.length} routes need an account`);
  assert.deepEqual(Object.keys(matrix).sort(), needAccount);
});

test('each visitor gets exactly what the matrix says on every route that needs an account, and a refused action does not happen', async (t) => {
  let cells = 0;
  let checkedSideEffects = 0;
  for (const [key, row] of Object.entries(matrix)) {
    await t.test(key, async () => {
      const wrong: string[] = [];
      for (const visitor of visitors) {
        const attempt = await row.attempt(visitor);
        const response =
          attempt.method === 'GET'
            ? await world.inject(visitor, { method: 'GET', url: attempt.url })
            : await world.post(visitor, attempt.url, attempt.fields ?? {});
        cells++;
        const expected = row.expect[visitor];
        const got = outcomeOf(response, attempt);
        const where = `${visitor}: ${attempt.method} ${attempt.url}`;
        if (got !== expected)
          wrong.push(
            `${where} — expected ${expected}, got ${got} (${response.statusCode} ${response.headers.location ?? ''} ${response.body.slice(0, 120).replace(/\s+/g, ' ')})`,
          );
        if (attempt.happened) {
          checkedSideEffects++;
          const happened = await attempt.happened(response);
          if (happened !== (expected === 'allowed'))
            wrong.push(
              `${where} — the action ${happened ? 'happened' : 'did not happen'}, though the visitor was ${expected === 'allowed' ? 'allowed' : 'refused'}`,
            );
        }
        const mustHide = expected !== 'allowed' || row.hideFrom?.includes(visitor);
        if (attempt.secret && mustHide && response.body.includes(attempt.secret))
          wrong.push(`${where} — the answer shows what the route guards (${attempt.secret})`);
        if (
          attempt.secret &&
          expected === 'allowed' &&
          !row.hideFrom?.includes(visitor) &&
          !response.body.includes(attempt.secret)
        ) {
          wrong.push(
            `${where} — the allowed answer does not show ${attempt.secret}, so the check of the refusals proves nothing`,
          );
        }
        await attempt.after?.();
      }
      assert.deepEqual(wrong, []);
    });
  }
  t.diagnostic(`${cells} cells, ${checkedSideEffects} checked in the store`);
  assert.equal(cells, Object.keys(matrix).length * visitors.length);
});

test('a sign-in step opens its own page and nothing else, and nothing at all once its account is switched off', async () => {
  // The step's cookie is given for a right password and stands for it until the code (or the set-up) is done: it is
  // no session, and a step of one kind is not the other.
  const withStep = (token: string) => ({ cookie: `${signInCookie(world.t.app.https)}=${token}` });
  const wrong: string[] = [];
  const steps = [
    ['the code step', fx.codeStep, '/login/code', '/login/enrol'],
    ['the set-up step', fx.enrolStep, '/login/enrol', '/login/code'],
  ] as const;
  for (const [name, token, own, other] of steps) {
    const opened = await world.inject('anonymous', { method: 'GET', url: own, headers: withStep(token) });
    if (opened.statusCode !== 200) wrong.push(`${name} does not open ${own}: ${opened.statusCode}`);
    for (const url of [other, '/admin', '/admin/two-step', '/admin/sessions', '/admin/people']) {
      const refused = await world.inject('anonymous', { method: 'GET', url, headers: withStep(token) });
      if (refused.statusCode !== 303 || refused.headers.location !== '/login')
        wrong.push(`${name} opens ${url}: ${refused.statusCode} ${refused.headers.location ?? ''}`);
    }
  }
  // The member is switched off after giving the password (as the disabled visitor was after its session began): the
  // step opens nothing, and the right code from the phone starts no session.
  const member = Number(fx.member);
  await setDisabled(db(), member, Date.now());
  try {
    const page = await world.inject('anonymous', { method: 'GET', url: '/login/code', headers: withStep(fx.codeStep) });
    if (page.statusCode !== 303 || page.headers.location !== '/login')
      wrong.push(`a switched-off account's step opens /login/code: ${page.statusCode}`);
    const secret = openText(world.t.app.secrets.encryption, (await findAccount(db(), member))!.totpSecretEnc!);
    const sessions = async () =>
      (await db().selectFrom('sessions').select('public_id').where('account_id', '=', member).execute()).length;
    const before = await sessions();
    const form = new URLSearchParams({
      _csrf: world.identities.anonymous.csrf,
      code: nextCode(world, secret),
    }).toString();
    const code = await world.inject('anonymous', {
      method: 'POST',
      url: '/login/code',
      payload: form,
      headers: { ...withStep(fx.codeStep), 'content-type': 'application/x-www-form-urlencoded' },
    });
    if (code.statusCode !== 410 || (await sessions()) !== before)
      wrong.push(
        `a switched-off account's step took the right code: ${code.statusCode}, ${(await sessions()) - before} session(s) started`,
      );
  } finally {
    await setDisabled(db(), member, null);
  }
  assert.deepEqual(wrong, []);
});

/**
 * operatorRoutes are the operator's monitoring: what each shows, which no visitor may read without the operator's
 * token (VECHE_METRICS_TOKEN), signed in or not: an admin's session is a person's, not the monitoring's.
 */
const operatorRoutes: Record<string, { url: string; shows: RegExp }> = {
  'GET /metrics': { url: '/metrics', shows: /veche_http_responses_total|process_cpu_seconds_total/ },
};

test("the operator's metrics are not public: no visitor without the operator's token reads them, the operator with it does", async () => {
  const operator = routesOf(world)
    .map(keyOf)
    .filter((key) => catalogue[key]?.access === 'operator')
    .sort();
  assert.deepEqual(Object.keys(operatorRoutes).sort(), operator, 'every operator route has a line here');
  const read: string[] = [];
  for (const [key, { url, shows }] of Object.entries(operatorRoutes)) {
    for (const visitor of visitors) {
      for (const authorization of [undefined, 'Bearer not-the-token-at-all-0123456789', `Bearer ${metricsToken}x`]) {
        const response = await world.inject(visitor, {
          method: 'GET',
          url,
          headers: authorization ? { authorization } : {},
        });
        if (response.statusCode < 400 || shows.test(response.body))
          read.push(
            `${visitor} (${authorization ?? 'no token'}): ${key} answered ${response.statusCode}${shows.test(response.body) ? ' with the metrics' : ''}`,
          );
      }
    }
    const operator = await world.inject('anonymous', {
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${metricsToken}` },
    });
    assert.equal(operator.statusCode, 200, "the operator's Prometheus, with the token, reads the metrics");
    assert.match(operator.body, shows);
  }
  assert.deepEqual(read, []);
});

test('without a token configured, the metrics are served to no one', async () => {
  const plain = await startTestApp();
  try {
    const response = await plain.server.inject({
      url: '/metrics',
      headers: { authorization: `Bearer ${metricsToken}` },
    });
    assert.ok(
      response.statusCode >= 400 && !operatorRoutes['GET /metrics'].shows.test(response.body),
      `/metrics answered ${response.statusCode}`,
    );
  } finally {
    await plain.stop();
  }
});
