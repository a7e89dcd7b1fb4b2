// Every route the server answers, classified: who may reach it, and how to fill its path with things that exist. The
// list of routes is read from the server itself (servedRoutes); a route that is not here fails the suite, so a route
// added later must be classified here (and, if it needs an account, given a row in the authorisation matrix).
import { sendMail } from '../../src/jobs/send-mail.ts';
import { createMailer } from '../../src/mail/mailer.ts';
import { addEventModerator } from '../../src/actions/add-event-moderator.ts';
import { closePetition } from '../../src/actions/close-petition.ts';
import { acceptInvitation } from '../../src/actions/accept-invitation.ts';
import { inviteMember } from '../../src/actions/invite-member.ts';
import { logIn } from '../../src/actions/log-in.ts';
import { issuePasswordReset } from '../../src/actions/issue-password-reset.ts';
import { hashToken } from '../../src/crypto/tokens.ts';
import { unsubscribeKey, unsubscribeToken } from '../../src/crypto/unsubscribe-token.ts';
import { findAccountByLogin, findInvitation } from '../../src/store/accounts.ts';
import { signInCookie } from '../../src/web/routes/account-replies.ts';
import { servedRoutes, type ServedRoute } from '../../src/web/server.ts';
import { attachPhoto } from '../support/attachments.ts';
import { addPaperBatch } from '../../src/actions/add-paper-batch.ts';
import { extraSession, ruleOff, ruleOn, turnOnSecondFactor } from './account-state.ts';
import {
  actorOf,
  askAnyway,
  eventFields,
  openEvent,
  openPetition,
  outboxFiles,
  password,
  petitionFields,
  signCounted,
  signPending,
  type World,
} from './world.ts';

/**
 * Access says who may reach a route: `public` anyone; `link` whoever holds the secret its URL carries (a receipt, a
 * confirmation, an invitation, the setup link); `account` a signed-in account (each is a row of the authorisation
 * matrix); `operator` the operator's monitoring, not people.
 */
export type Access = 'public' | 'link' | 'account' | 'operator';

/** Fixtures are the things the routes act on, made through the actions, in the states the routes need. */
export interface Fixtures {
  open: string;
  openEmail: string;
  closed: string;
  draft: string;
  managed: string;
  closable: string;
  publishable: string;
  receipt: { signature: string; secret: string };
  confirmToken: string;
  setupToken: string;
  invitation: string;
  outboxName: string;
  tiles: string[];
  event: string;
  closableEvent: string;
  question: string;
  otherQuestion: string;
  moderatorId: string;
  /** member is the id of an organiser with two-step sign-in on, whom the admin's console acts on. */
  member: string;
  /** codeStep is the member's sign-in step: the password given, the code from the phone still to come. */
  codeStep: string;
  /** enrolStep is a newcomer's sign-in step where the admin requires two-step sign-in and the newcomer has none yet. */
  enrolStep: string;
  /** resetToken is the newcomer's password reset link. */
  resetToken: string;
  /** revocable is the id of an invitation nobody has used (not the one `invitation` joins by). */
  revocable: string;
  /** ownerSession is the public id of a second session of the owner's, one that no visitor sends. */
  ownerSession: string;
  /** unsubscribeToken is the secret of the link in the owner's daily summaries that stops them. */
  unsubscribeToken: string;
  /** attachment is a published photo of the open petition; draftAttachment one not published yet. */
  attachment: string;
  draftAttachment: string;
  /** paperBatch is a counted batch of paper signatures of the open petition. */
  paperBatch: string;
}

/** RouteInfo is what the suite knows of one route. */
export interface RouteInfo {
  access: Access;
  /** fill gives each path parameter (`*` for a wildcard) a value that exists, so a request reaches the handler. */
  fill(fx: Fixtures): Record<string, string>;
  /** form is a body the route takes (form fields, or JSON under /api/), so that a request changed in one field gets far. */
  form?(fx: Fixtures): Record<string, string | string[]>;
  /** stream: on success the answer is a live stream that never ends. */
  stream?: boolean;
  /** cookie is one the route reads besides the visitor's (a sign-in step), sent with every request to it. */
  cookie?(fx: Fixtures, https: boolean): string;
}

const none = () => ({});
const petition = (pick: (fx: Fixtures) => string) => (fx: Fixtures) => ({ id: pick(fx) });
const event =
  (pick: (fx: Fixtures) => string = (fx) => fx.event) =>
  (fx: Fixtures) => ({ code: pick(fx) });
const question = (fx: Fixtures) => ({ code: fx.event, id: fx.question });
const button = () => ({});
const newAccount = (login: string) => () => ({ login, displayName: 'A new member', password, passwordAgain: password });
const petitionForm = () =>
  Object.fromEntries(Object.entries(petitionFields()).map(([k, v]) => [k, v as string | string[]]));
const withPassword = () => ({ password });
const code = () => ({ code: '123456' });
const person = (fx: Fixtures) => ({ id: fx.member });
const step = (pick: (fx: Fixtures) => string) => (fx: Fixtures, https: boolean) => `${signInCookie(https)}=${pick(fx)}`;
const correctionForm = () => {
  const { title, addressee, body } = petitionFields() as Record<string, string>;
  return { title, addressee, body: `${body} Corrected.`, reason: 'typo' };
};
const eventForm = () => Object.fromEntries(Object.entries(eventFields()).map(([k, v]) => [k, String(v)]));

/** catalogue classifies every `METHOD /path` the server registers (HEAD routes go with their GET). */
export const catalogue: Record<string, RouteInfo> = {
  'GET /': { access: 'public', fill: none },
  'GET /p/:id': { access: 'public', fill: petition((fx) => fx.open) },
  'GET /p/:id/qr.svg': { access: 'public', fill: petition((fx) => fx.open) },
  'GET /p/:id/audit': { access: 'public', fill: petition((fx) => fx.open) },
  'GET /p/:id/versions': { access: 'public', fill: petition((fx) => fx.open) },
  'GET /p/:id/check-email': { access: 'public', fill: petition((fx) => fx.openEmail) },
  'POST /p/:id/sign': {
    access: 'public',
    fill: petition((fx) => fx.open),
    form: () => ({ name: 'Anna', showName: 'on' }),
  },
  'GET /confirm/:token': { access: 'link', fill: (fx) => ({ token: fx.confirmToken }) },
  'POST /confirm/:token': { access: 'link', fill: (fx) => ({ token: fx.confirmToken }), form: button },
  'GET /receipt/:id/:secret': {
    access: 'link',
    fill: (fx) => ({ id: fx.receipt.signature, secret: fx.receipt.secret }),
  },
  // The receipt opened by its code, kept as a file and withdrawn with the secret in the form's body (the mail work of
  // issue 9): classified before this branch has them, so that they are known where they are served.
  'GET /receipt': { access: 'public', fill: none },
  'POST /receipt': { access: 'public', fill: none, form: () => ({ code: '3F-K7M2-Q9XH-4T2P-RW3A' }) },
  'POST /receipt/file': {
    access: 'link',
    fill: none,
    form: (fx) => ({ signature: fx.receipt.signature, secret: fx.receipt.secret }),
  },
  'POST /receipt/withdraw': {
    access: 'link',
    fill: none,
    form: (fx) => ({ signature: fx.receipt.signature, secret: fx.receipt.secret }),
  },
  'POST /receipt/:id/:secret/withdraw': {
    access: 'link',
    fill: (fx) => ({ id: fx.receipt.signature, secret: fx.receipt.secret }),
    form: button,
  },
  'GET /setup/:token': { access: 'link', fill: (fx) => ({ token: fx.setupToken }) },
  'POST /setup/:token': { access: 'link', fill: (fx) => ({ token: fx.setupToken }), form: newAccount('second-admin') },
  'GET /join/:token': { access: 'link', fill: (fx) => ({ token: fx.invitation }) },
  'POST /join/:token': { access: 'link', fill: (fx) => ({ token: fx.invitation }), form: newAccount('joiner') },
  'GET /login': { access: 'public', fill: none },
  'POST /login': { access: 'public', fill: none, form: () => ({ login: 'owner', password: 'not the password' }) },
  'POST /logout': { access: 'public', fill: none, form: button },
  // The second step of signing in is open to anyone: what it asks for is the step's cookie, which the password gave.
  'GET /login/code': { access: 'public', fill: none, cookie: step((fx) => fx.codeStep) },
  'POST /login/code': { access: 'public', fill: none, form: code, cookie: step((fx) => fx.codeStep) },
  'GET /login/enrol': { access: 'public', fill: none, cookie: step((fx) => fx.enrolStep) },
  'POST /login/enrol': { access: 'public', fill: none, form: code, cookie: step((fx) => fx.enrolStep) },
  'GET /reset/:token': { access: 'link', fill: (fx) => ({ token: fx.resetToken }) },
  'POST /reset/:token': {
    access: 'link',
    fill: (fx) => ({ token: fx.resetToken }),
    form: () => ({ newPassword: 'a new long password', newPasswordAgain: 'a new long password' }),
  },
  'GET /admin': { access: 'account', fill: none },
  'POST /admin/invitations': { access: 'account', fill: none, form: () => ({ role: 'moderator', password }) },
  'GET /admin/two-step': { access: 'account', fill: none },
  'POST /admin/two-step/enrol': { access: 'account', fill: none, form: () => ({ code: '123456', password }) },
  'POST /admin/two-step/recovery-codes': { access: 'account', fill: none, form: withPassword },
  'GET /admin/two-step/off': { access: 'account', fill: none },
  'POST /admin/two-step/off': { access: 'account', fill: none, form: () => ({ password, code: '123456' }) },
  // Pages shown in answer to a form, asked for again: a redirect to the form's page, for anyone, showing nothing.
  'GET /admin/two-step/enrol': { access: 'public', fill: none },
  'GET /admin/two-step/recovery-codes': { access: 'public', fill: none },
  'GET /admin/sessions': { access: 'account', fill: none },
  'GET /admin/notifications': { access: 'account', fill: none },
  'POST /admin/notifications': {
    access: 'account',
    fill: none,
    form: () => ({ email: 'owner@example.org', goal: 'on', summary: 'on', password }),
  },
  'GET /unsubscribe/:token': { access: 'link', fill: (fx) => ({ token: fx.unsubscribeToken }) },
  'POST /unsubscribe/:token': { access: 'link', fill: (fx) => ({ token: fx.unsubscribeToken }), form: button },
  'POST /admin/sessions/:id/end': { access: 'account', fill: (fx) => ({ id: fx.ownerSession }), form: button },
  'POST /admin/sessions/end-others': { access: 'account', fill: none, form: button },
  'POST /admin/sessions/end-all': { access: 'account', fill: none, form: button },
  'GET /admin/people': { access: 'account', fill: none },
  'GET /admin/invitations': { access: 'public', fill: none },
  'POST /admin/invitations/:id/revoke': { access: 'account', fill: (fx) => ({ id: fx.revocable }), form: button },
  'GET /admin/people/:id': { access: 'account', fill: person },
  'POST /admin/people/:id/enable': { access: 'account', fill: person, form: withPassword },
  'GET /admin/people/:id/enable': { access: 'account', fill: person },
  'GET /admin/people/:id/disable': { access: 'account', fill: person },
  'POST /admin/people/:id/disable': { access: 'account', fill: person, form: withPassword },
  'GET /admin/people/:id/reset-two-step': { access: 'account', fill: person },
  'POST /admin/people/:id/reset-two-step': { access: 'account', fill: person, form: withPassword },
  'GET /admin/people/:id/reset-link': { access: 'account', fill: person },
  'POST /admin/people/:id/reset-link': { access: 'account', fill: person, form: withPassword },
  'GET /admin/people/two-step-rule/on': { access: 'account', fill: none },
  'POST /admin/people/two-step-rule/on': { access: 'account', fill: none, form: withPassword },
  'GET /admin/people/two-step-rule/off': { access: 'account', fill: none },
  'POST /admin/people/two-step-rule/off': { access: 'account', fill: none, form: withPassword },
  'GET /admin/password': { access: 'account', fill: none },
  'POST /admin/password': {
    access: 'account',
    fill: none,
    form: () => ({
      currentPassword: 'not the password',
      newPassword: 'a new long password',
      newPasswordAgain: 'a new long password',
    }),
  },
  'GET /admin/petitions': { access: 'account', fill: none },
  'GET /admin/petitions/new': { access: 'account', fill: none },
  'POST /admin/petitions': { access: 'account', fill: none, form: petitionForm },
  'GET /admin/petitions/:id': { access: 'account', fill: petition((fx) => fx.managed) },
  'GET /admin/petitions/:id/edit': { access: 'account', fill: petition((fx) => fx.draft) },
  'POST /admin/petitions/:id/edit': { access: 'account', fill: petition((fx) => fx.draft), form: petitionForm },
  'POST /admin/petitions/:id/publish': { access: 'account', fill: petition((fx) => fx.publishable), form: button },
  'POST /admin/petitions/:id/close': {
    access: 'account',
    fill: petition((fx) => fx.closable),
    form: () => ({ confirm: 'yes' }),
  },
  'POST /admin/petitions/:id/response': {
    access: 'account',
    fill: petition((fx) => fx.closed),
    form: () => ({ response: 'The minister wrote back.' }),
  },
  'POST /admin/petitions/:id/invalidate': {
    access: 'account',
    fill: petition((fx) => fx.managed),
    form: () => ({ from: '0', to: '1000', reason: 'other' }),
  },
  'GET /admin/petitions/:id/correct': { access: 'account', fill: petition((fx) => fx.managed) },
  // The first step only (a preview): the fuzzer sends it thousands of times, and it changes nothing.
  'POST /admin/petitions/:id/correct': {
    access: 'account',
    fill: petition((fx) => fx.managed),
    form: () => ({ ...correctionForm(), step: 'preview' }),
  },
  'GET /admin/petitions/:id/signatures.csv': { access: 'account', fill: petition((fx) => fx.managed) },
  'GET /admin/petitions/:id/packet.pdf': { access: 'account', fill: petition((fx) => fx.managed) },
  'GET /admin/outbox': { access: 'account', fill: none },
  'GET /admin/outbox/:name': { access: 'account', fill: (fx) => ({ name: fx.outboxName }) },
  'GET /api/pow/challenge': { access: 'public', fill: none },
  'GET /api/openapi.json': { access: 'public', fill: none },
  'GET /api/petitions': { access: 'public', fill: none },
  'GET /api/petitions/:id': { access: 'public', fill: petition((fx) => fx.open) },
  'POST /api/petitions/:id/signatures': {
    access: 'public',
    fill: petition((fx) => fx.open),
    form: () => ({ name: 'Anna' }),
  },
  'GET /api/petitions/:id/events': { access: 'public', fill: petition((fx) => fx.open), stream: true },
  'GET /healthz': { access: 'public', fill: none },
  'GET /robots.txt': { access: 'public', fill: none },
  'GET /healthz/record': { access: 'public', fill: none },
  'GET /metrics': { access: 'operator', fill: none },
  'GET /log/checkpoint': { access: 'public', fill: none },
  'GET /log/key': { access: 'public', fill: none },
  'GET /log/witnessed-checkpoint': { access: 'public', fill: none },
  'GET /log/policy': { access: 'public', fill: none },
  'GET /log/tile/*': { access: 'public', fill: (fx) => ({ '*': fx.tiles[0] }) },
  'GET /record': { access: 'public', fill: none },
  'GET /audit': { access: 'public', fill: none },
  'GET /audit/worker.js': { access: 'public', fill: none },
  'GET /audit/veche-audit.mjs': { access: 'public', fill: none },
  'GET /api/log/proof/inclusion': { access: 'public', fill: none },
  'GET /api/log/proof/consistency': { access: 'public', fill: none },
  'GET /api/signatures/:id/proof': { access: 'public', fill: (fx) => ({ id: fx.receipt.signature }) },
  'GET /e': { access: 'public', fill: none },
  'GET /e/:code': { access: 'public', fill: event() },
  'POST /e/:code/questions': {
    access: 'public',
    fill: event(),
    form: () => ({ text: 'Will the school on Sadovaya street get heating?', anyway: '1' }),
  },
  'POST /e/:code/questions/:id/vote': { access: 'public', fill: question, form: () => ({ list: 'popular' }) },
  'POST /e/:code/questions/:id/unvote': { access: 'public', fill: question, form: () => ({ list: 'popular' }) },
  'GET /e/:code/similar': { access: 'public', fill: event() },
  'GET /api/events/:code': { access: 'public', fill: event() },
  'GET /api/events/:code/questions': { access: 'public', fill: event() },
  'POST /api/events/:code/questions': {
    access: 'public',
    fill: event(),
    form: () => ({ text: 'Will the school on Sadovaya street get heating?', anyway: 'true' }),
  },
  'POST /api/events/:code/questions/:id/vote': { access: 'public', fill: question, form: button },
  'DELETE /api/events/:code/questions/:id/vote': { access: 'public', fill: question },
  'GET /e/:code/live': { access: 'public', fill: event(), stream: true },
  'GET /api/events/:code/state': { access: 'public', fill: event() },
  'GET /e/:code/screen': { access: 'public', fill: event() },
  'GET /organiser/events': { access: 'account', fill: none },
  'GET /organiser/events/new': { access: 'account', fill: none },
  'POST /organiser/events': { access: 'account', fill: none, form: eventForm },
  'GET /organiser/events/:code': { access: 'account', fill: event() },
  'POST /organiser/events/:code/moderators': {
    access: 'account',
    fill: event(),
    form: () => ({ login: 'othermoderator' }),
  },
  'POST /organiser/events/:code/moderators/:id/remove': {
    access: 'account',
    fill: (fx) => ({ code: fx.event, id: fx.moderatorId }),
    form: button,
  },
  'POST /organiser/events/:code/close': {
    access: 'account',
    fill: event((fx) => fx.closableEvent),
    form: () => ({ confirm: 'on' }),
  },
  'GET /organiser/events/:code/questions.csv': { access: 'account', fill: event() },
  'GET /organiser/events/:code/questions.json': { access: 'account', fill: event() },
  'GET /organiser/events/:code/summary': { access: 'account', fill: event() },
  'GET /organiser/events/:code/summary.json': { access: 'account', fill: event() },
  'GET /moderate/:code': { access: 'account', fill: event() },
  'GET /moderate/:code/fragment': { access: 'account', fill: event() },
  'POST /moderate/:code/questions/:id/:action': {
    access: 'account',
    fill: (fx) => ({ code: fx.event, id: fx.otherQuestion, action: 'answer' }),
    form: () => ({ list: 'popular' }),
  },
  'POST /moderate/:code/merge': {
    access: 'account',
    fill: event(),
    form: (fx) => ({ into: fx.question, from: fx.otherQuestion }),
  },
  'POST /organiser/events/:code/listing': { access: 'account', fill: event(), form: () => ({ listed: 'yes' }) },
  'GET /events': { access: 'public', fill: none },
  'GET /about': { access: 'public', fill: none },
  'GET /admin/site': { access: 'account', fill: none },
  'POST /admin/site': {
    access: 'account',
    fill: none,
    form: () => ({
      name: 'The Council of Mothers and Wives',
      contact: 'sovet@example.org',
      about: 'We run this site.',
      password,
    }),
  },
  'GET /privacy': { access: 'public', fill: none },
  'GET /privacy/threat-model.txt': { access: 'public', fill: none },
  'GET /admin/petitions/:id/attachments': { access: 'account', fill: petition((fx) => fx.open) },
  // Sent as a plain form, the upload reaches its handler without a file and comes back asking for one.
  'POST /admin/petitions/:id/attachments': {
    access: 'account',
    fill: petition((fx) => fx.open),
    form: () => ({ alt: 'A banner' }),
  },
  'POST /admin/petitions/:id/attachments/:attachment/publish': {
    access: 'account',
    fill: (fx) => ({ id: fx.open, attachment: fx.draftAttachment }),
    form: button,
  },
  'POST /admin/petitions/:id/attachments/:attachment/remove': {
    access: 'account',
    fill: (fx) => ({ id: fx.open, attachment: fx.draftAttachment }),
    form: () => ({ reason: 'other' }),
  },
  'GET /admin/petitions/:id/paper': { access: 'account', fill: petition((fx) => fx.open) },
  // The first step only (a preview): the fuzzer sends it thousands of times, and it changes nothing.
  'POST /admin/petitions/:id/paper': {
    access: 'account',
    fill: petition((fx) => fx.open),
    form: () => ({ count: '12', sheets: '1-2', step: 'preview' }),
  },
  // Without a reason: the withdrawal is refused with 422 naming it, so the batch stays for every other request.
  'POST /admin/petitions/:id/paper/:batch/withdraw': {
    access: 'account',
    fill: (fx) => ({ id: fx.open, batch: fx.paperBatch }),
    form: () => ({}),
  },
  'GET /a/:attachment/:file': { access: 'public', fill: (fx) => ({ attachment: fx.attachment, file: '480.jpg' }) },
  'GET /assets/*': { access: 'public', fill: () => ({ '*': 'site.css' }) },
  'GET /assets/altcha/*': { access: 'public', fill: () => ({ '*': 'altcha.js' }) },
};

/** keyOf is a route's name in the catalogue and in test names. */
export const keyOf = (route: ServedRoute) => `${route.method} ${route.path}`;

/** routesOf lists the routes a world's server answers, HEAD left out (each goes with its GET, and is sent as one). */
export function routesOf(world: World): ServedRoute[] {
  return servedRoutes(world.t.server).filter((r) => r.method !== 'HEAD');
}

/** unclassified lists the routes the server answers that the catalogue does not know, and HEADs without a GET. */
export function unclassified(world: World): string[] {
  const all = servedRoutes(world.t.server);
  const missing = all.filter((r) => r.method !== 'HEAD' && !(keyOf(r) in catalogue)).map(keyOf);
  const lonelyHeads = all.filter((r) => r.method === 'HEAD' && !(`GET ${r.path}` in catalogue)).map(keyOf);
  return [...missing, ...lonelyHeads];
}

/** paramNames are a path's parameters, `*` for its wildcard. */
export function paramNames(path: string): string[] {
  return [...path.matchAll(/:(\w+)|\*/g)].map((m) => m[1] ?? '*');
}

/** urlOf fills a path's parameters with values written into the URL exactly as given (already %-escaped). */
export function urlOf(path: string, value: (name: string) => string): string {
  return path.replace(/:(\w+)|\*/g, (_whole, name: string | undefined) => value(name ?? '*'));
}

/** joinAs makes an account through an invitation of the admin's, as a person joining does; returns its id and session. */
async function joinAs(
  world: World,
  role: 'organiser' | 'moderator' | 'admin',
  login: string,
): Promise<{ id: number; session: string }> {
  const token = await inviteMember(world.t.app, actorOf(world, 'admin'), { role });
  const session = await acceptInvitation(world.t.app, token, {
    login,
    displayName: `A ${role} called ${login}`,
    password,
    passwordAgain: password,
  });
  return { id: Number((await findAccountByLogin(world.t.app.store.db, login))!.id), session };
}

/** signInStep gives the password of an account to the login and returns the step's token (the cookie it sets). */
async function signInStep(world: World, login: string, kind: 'second-factor' | 'enrol'): Promise<string> {
  const step = await logIn(world.t.app, { login, password });
  if (step.kind !== kind) throw new Error(`${login} logged in to ${step.kind}, not ${kind}`);
  return step.challenge;
}

/**
 * buildFixtures makes, as the owner, every petition and event the catalogue's fills name; signs, queues and sends a
 * confirmation email (so the outbox has a file); makes the moderator one of the event's; and sequences the record, so
 * that tiles and proofs exist. For the account pages it makes a member with two-step sign-in (for the admin's console)
 * and a newcomer without, each half-way through signing in, the newcomer with a reset link; an invitation to revoke;
 * and a second session of the owner's.
 */
export async function buildFixtures(world: World): Promise<Fixtures> {
  const app = world.t.app;
  const owner = actorOf(world, 'owner');
  const open = await openPetition(world, owner);
  const openEmail = await openPetition(world, owner, { confirmation: 'email' });
  const closed = await openPetition(world, owner);
  await signCounted(world, closed);
  await closePetition(app, owner, closed);
  const draft = await openPetition(world, owner, {}, false);
  const managed = await openPetition(world, owner, { goal: '100' });
  for (const name of ['Anna', 'Olena', 'Iryna']) await signCounted(world, managed, name);
  const receipt = await signCounted(world, open);
  const confirmToken = await signPending(world, openEmail, 'pending.signer@example.org');
  const setupToken = world.t.running.setupLink?.split('/').pop();
  if (!setupToken) throw new Error('the site has no setup link: was an admin made before the world?');
  const admin = actorOf(world, 'admin');
  const invitation = await inviteMember(app, admin, { role: 'moderator' });
  // One to revoke, not the one the join pages use: the fuzzer reaches the people routes first, and would close them.
  const revocable = (await findInvitation(
    app.store.db,
    hashToken(await inviteMember(app, admin, { role: 'organiser' })),
  ))!.id;
  // Made right after the world's six visitors: their ids are one digit, so an id one digit shorter (a change the
  // fuzzer makes) is no account at all, and the fuzzer cannot switch off a visitor by chance.
  const member = await joinAs(world, 'organiser', 'member');
  const newcomer = await joinAs(world, 'organiser', 'newcomer');
  if (member.id > 9 || newcomer.id > 9)
    throw new Error(`the member's and newcomer's ids (${member.id}, ${newcomer.id}) have two digits`);
  await turnOnSecondFactor(world, member.id, member.session);
  const codeStep = await signInStep(world, 'member', 'second-factor');
  // The admin requires two-step sign-in for the moment the newcomer gives the password, and no longer: the world's
  // visitors have none, and while it is required their sessions count for nothing.
  await ruleOn(world);
  const enrolStep = await signInStep(world, 'newcomer', 'enrol');
  await ruleOff(world);
  const resetToken = (await issuePasswordReset(app, admin, newcomer.id, { password })).token;
  const ownerSession = (await extraSession(world, owner.id)).id;
  const event = await openEvent(world, owner);
  await addEventModerator(app, owner, event, { login: world.identities.moderator.login });
  const question = await askAnyway(world, event, 'When will the bridge on the river road be repaired?');
  const otherQuestion = await askAnyway(
    world,
    event,
    'Why were pensions for the families of soldiers cut this spring?',
  );
  const closableEvent = await openEvent(world, owner);
  // The outbox gets the confirmation email; the queue is left with nothing to send.
  await sendMail(app, createMailer(app.config), { warn: () => {} });
  const outboxName = outboxFiles(app.config.dataDir)[0];
  if (!outboxName) throw new Error('the outbox is empty');
  await world.t.running.sequencer.tick();
  const size = Number((await app.log.checkpoint())!.split('\n')[1]);
  const tiles = [`0/000.p/${size}`, `entries/000.p/${size}`];
  return {
    open,
    openEmail,
    closed,
    draft,
    managed,
    receipt,
    confirmToken,
    setupToken,
    invitation,
    outboxName,
    tiles,
    event,
    closableEvent,
    question,
    otherQuestion,
    moderatorId: String(world.identities.moderator.account!.id),
    member: String(member.id),
    codeStep,
    enrolStep,
    resetToken,
    revocable: String(revocable),
    ownerSession,
    unsubscribeToken: unsubscribeToken(unsubscribeKey(app.secrets.hashing), owner.id, 'summary'),
    closable: await openPetition(world, owner),
    publishable: await openPetition(world, owner, {}, false),
    attachment: await attachPhoto(app, owner, open, true),
    draftAttachment: await attachPhoto(app, owner, open, false),
    paperBatch: await addPaperBatch(app, owner, open, { count: 12, sheets: '1-2' }),
  };
}
