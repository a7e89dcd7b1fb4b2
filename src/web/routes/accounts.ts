import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebApp } from '../web-app.ts';
import { viewContext } from '../view-context.ts';
import { newAccountPage, passwordPage, adminHome } from '../views/account-pages.ts';
import { acceptInvitation } from '../../actions/accept-invitation.ts';
import { changePassword } from '../../actions/change-password.ts';
import { checkSetupToken } from '../../actions/check-setup-token.ts';
import { findOpenInvitation } from '../../actions/find-open-invitation.ts';
import { setUpAdmin } from '../../actions/set-up-admin.ts';
import { secondFactorStatus } from '../../read/second-factor-status.ts';
import { VecheError } from '../../domain/errors.ts';
import { formErrors, formValues } from '../form-errors.ts';
import { cookieNames } from '../security.ts';
import { outboxEnabled } from '../../mail/mailer.ts';
import { answerForm, browserOf, doneOf, sendPage as html, setSession } from './account-replies.ts';
import { signInRoutes } from './sign-in.ts';
import { secondFactorRoutes } from './second-factor.ts';
import { accountSessionRoutes } from './account-sessions.ts';
import { peopleRoutes } from './people.ts';
import { passwordResetRoutes } from './password-reset.ts';
import { readOwnPetitions } from '../../read/organiser-lists.ts';
import { noticeRoutes } from './notices.ts';

/** requireAccount returns the signed-in account, or throws `unauthenticated`. */
export function requireAccount(request: FastifyRequest) {
  if (!request.account) throw new VecheError('unauthenticated', 'Please log in.');
  return request.account;
}

/**
 * accountRoutes: first-start setup, joining by invitation, the dashboard home and password changes; and, through the
 * route groups it registers, signing in, two-step sign-in, sessions, the admin's people, password reset links and
 * the emails a person chooses about their own petitions and events.
 */
export function accountRoutes(server: FastifyInstance, app: WebApp): void {
  const names = cookieNames(app.https);
  const startSession = (reply: Parameters<typeof setSession>[1], token: string) => setSession(app, reply, token);
  signInRoutes(server, app);
  secondFactorRoutes(server, app);
  accountSessionRoutes(server, app);
  peopleRoutes(server, app);
  passwordResetRoutes(server, app);
  noticeRoutes(server, app);

  server.get<{ Params: { token: string } }>('/setup/:token', async (request, reply) => {
    await checkSetupToken(app, request.params.token);
    const ctx = viewContext(app, request, reply);
    return html(reply, newAccountPage(ctx, request.url, ctx.t('account.setup-title'), ctx.t('account.setup-lead')));
  });
  server.post<{ Params: { token: string } }>('/setup/:token', async (request, reply) => {
    try {
      startSession(reply, await setUpAdmin(app, request.params.token, request.body, ['_csrf'], browserOf(request)));
      return reply.redirect('/admin', 303);
    } catch (error) {
      const ctx = viewContext(app, request, reply);
      const form = { values: formValues(request.body), errors: formErrors(error, ctx.t) };
      return html(
        reply,
        newAccountPage(ctx, request.url, ctx.t('account.setup-title'), ctx.t('account.setup-lead'), form),
        422,
      );
    }
  });

  server.get<{ Params: { token: string } }>('/join/:token', async (request, reply) => {
    const invitation = await findOpenInvitation(app, request.params.token);
    const ctx = viewContext(app, request, reply);
    return html(
      reply,
      newAccountPage(
        ctx,
        request.url,
        ctx.t('account.join-title', { role: ctx.t(`role.${invitation.role}`) }),
        ctx.t('account.join-lead', { role: ctx.t(`role.${invitation.role}`) }),
      ),
    );
  });
  server.post<{ Params: { token: string } }>('/join/:token', async (request, reply) => {
    try {
      startSession(
        reply,
        await acceptInvitation(app, request.params.token, request.body, ['_csrf'], browserOf(request)),
      );
      return reply.redirect('/admin', 303);
    } catch (error) {
      const invitation = await findOpenInvitation(app, request.params.token);
      const ctx = viewContext(app, request, reply);
      const form = { values: formValues(request.body), errors: formErrors(error, ctx.t) };
      return html(
        reply,
        newAccountPage(
          ctx,
          request.url,
          ctx.t('account.join-title', { role: ctx.t(`role.${invitation.role}`) }),
          ctx.t('account.join-lead', { role: ctx.t(`role.${invitation.role}`) }),
          form,
        ),
        422,
      );
    }
  });

  server.get('/admin', async (request, reply) => {
    const account = requireAccount(request);
    const ctx = viewContext(app, request, reply);
    const { petitions, counts } = await readOwnPetitions(app, account);
    const secondFactor = (await secondFactorStatus(app, account)).enabled;
    const done = doneOf(request, ['two-step-off']);
    return html(
      reply,
      adminHome(
        ctx,
        petitions,
        {
          admin: account.role === 'admin',
          outbox: account.role === 'admin' && outboxEnabled(app.config),
          secondFactor,
          done: done && ctx.t(`security.done-${done}`),
        },
        counts,
      ),
    );
  });

  server.get('/admin/password', async (request, reply) => {
    requireAccount(request);
    return html(reply, passwordPage(viewContext(app, request, reply)));
  });
  server.post('/admin/password', async (request, reply) => {
    const account = requireAccount(request);
    try {
      await changePassword(app, account, request.cookies[names.session]!, request.body, ['_csrf']);
      return html(reply, passwordPage(viewContext(app, request, reply), undefined, true));
    } catch (error) {
      const ctx = viewContext(app, request, reply);
      const { errors, status } = answerForm(app, reply, ctx, error, 'currentPassword');
      return html(reply, passwordPage(ctx, { values: {}, errors }), status);
    }
  });
}
