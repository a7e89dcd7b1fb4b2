import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WebApp } from '../web-app.ts';
import { viewContext } from '../view-context.ts';
import { newAccountPage, loginPage, passwordPage, adminHome } from '../views/account-pages.ts';
import * as accounts from '../../actions/accounts.ts';
import { VecheError } from '../../domain/errors.ts';
import { formErrors, formValues, readButtonForm } from '../form-errors.ts';
import { cookieNames } from '../security.ts';
import { listAccounts } from '../../store/accounts.ts';
import { listPetitionsOf } from '../../store/petitions.ts';
import { outboxEnabled } from '../../mail/mailer.ts';

/** requireAccount returns the signed-in account, or throws `unauthenticated`. */
export function requireAccount(request: FastifyRequest) {
  if (!request.account) throw new VecheError('unauthenticated', 'Please log in.');
  return request.account;
}

/** accountRoutes: first-start setup, invitations, logging in and out, the dashboard home and password changes. */
export function accountRoutes(server: FastifyInstance, app: WebApp): void {
  const names = cookieNames(app.https);
  const html = (reply: FastifyReply, page: { text: string }, status = 200) => reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page.text);
  const startSession = (reply: FastifyReply, token: string) =>
    reply.setCookie(names.session, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: app.https, maxAge: 14 * 86400 });

  server.get<{ Params: { token: string } }>('/setup/:token', async (request, reply) => {
    await accounts.checkSetupToken(app, request.params.token);
    const ctx = viewContext(app, request, reply);
    return html(reply, newAccountPage(ctx, request.url, ctx.t('account.setup-title'), ctx.t('account.setup-lead')));
  });
  server.post<{ Params: { token: string } }>('/setup/:token', async (request, reply) => {
    try {
      startSession(reply, await accounts.setUpAdmin(app, request.params.token, request.body, ['_csrf']));
      return reply.redirect('/admin', 303);
    } catch (error) {
      const ctx = viewContext(app, request, reply);
      const form = { values: formValues(request.body), errors: formErrors(error, ctx.t) };
      return html(reply, newAccountPage(ctx, request.url, ctx.t('account.setup-title'), ctx.t('account.setup-lead'), form), 422);
    }
  });

  server.get<{ Params: { token: string } }>('/join/:token', async (request, reply) => {
    const invitation = await accounts.findOpenInvitation(app, request.params.token);
    const ctx = viewContext(app, request, reply);
    return html(reply, newAccountPage(ctx, request.url, ctx.t('account.join-title', { role: ctx.t(`role.${invitation.role}`) }), ctx.t('account.join-lead', { role: ctx.t(`role.${invitation.role}`) })));
  });
  server.post<{ Params: { token: string } }>('/join/:token', async (request, reply) => {
    try {
      startSession(reply, await accounts.acceptInvitation(app, request.params.token, request.body, ['_csrf']));
      return reply.redirect('/admin', 303);
    } catch (error) {
      const invitation = await accounts.findOpenInvitation(app, request.params.token);
      const ctx = viewContext(app, request, reply);
      const form = { values: formValues(request.body), errors: formErrors(error, ctx.t) };
      return html(reply, newAccountPage(ctx, request.url, ctx.t('account.join-title', { role: ctx.t(`role.${invitation.role}`) }), ctx.t('account.join-lead', { role: ctx.t(`role.${invitation.role}`) }), form), 422);
    }
  });

  server.get('/login', async (request, reply) => {
    if (request.account) return reply.redirect('/admin', 303);
    return html(reply, loginPage(viewContext(app, request, reply)));
  });
  server.post('/login', async (request, reply) => {
    try {
      startSession(reply, await accounts.logIn(app, request.body, ['_csrf']));
      return reply.redirect('/admin', 303);
    } catch (error) {
      const ctx = viewContext(app, request, reply);
      return html(reply, loginPage(ctx, { values: formValues(request.body), errors: formErrors(error, ctx.t) }), 422);
    }
  });
  server.post('/logout', async (request, reply) => {
    readButtonForm(request.body);
    const token = request.cookies[names.session];
    if (token) await accounts.logOut(app, token);
    reply.clearCookie(names.session, { path: '/' });
    return reply.redirect('/', 303);
  });

  server.get('/admin', async (request, reply) => {
    const account = requireAccount(request);
    const ctx = viewContext(app, request, reply);
    const petitions = account.role === 'moderator' ? [] : await listPetitionsOf(app.store.db, account.role === 'admin' ? null : account.id);
    const people = account.role === 'admin' ? await listAccounts(app.store.db) : null;
    return html(reply, adminHome(ctx, petitions, people, null, account.role === 'admin' && outboxEnabled(app.config)));
  });
  server.post('/admin/invitations', async (request, reply) => {
    const account = requireAccount(request);
    const ctx = viewContext(app, request, reply);
    try {
      const token = await accounts.inviteMember(app, account, request.body, ['_csrf']);
      const petitions = await listPetitionsOf(app.store.db, null);
      return html(reply, adminHome(ctx, petitions, await listAccounts(app.store.db), `${app.config.publicUrl}/join/${token}`, outboxEnabled(app.config)));
    } catch (error) {
      const errors = formErrors(error, ctx.t);
      const petitions = await listPetitionsOf(app.store.db, null);
      return html(reply, adminHome(ctx, petitions, await listAccounts(app.store.db), null, outboxEnabled(app.config), errors), 422);
    }
  });

  server.get('/admin/password', async (request, reply) => {
    requireAccount(request);
    return html(reply, passwordPage(viewContext(app, request, reply)));
  });
  server.post('/admin/password', async (request, reply) => {
    const account = requireAccount(request);
    try {
      await accounts.changePassword(app, account, request.cookies[names.session]!, request.body, ['_csrf']);
      return html(reply, passwordPage(viewContext(app, request, reply), undefined, true));
    } catch (error) {
      const ctx = viewContext(app, request, reply);
      return html(reply, passwordPage(ctx, { values: {}, errors: formErrors(error, ctx.t) }), 422);
    }
  });
}
