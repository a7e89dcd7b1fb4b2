import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WebApp } from '../web-app.ts';
import { viewContext, type ViewContext } from '../view-context.ts';
import { loginPage } from '../views/account-pages.ts';
import { codePage, enrolPage, recoveryCodesPage } from '../views/second-factor-pages.ts';
import { dateTime } from '../views/account-form.ts';
import { logIn, type LoginStep } from '../../actions/log-in.ts';
import { enterSecondFactor } from '../../actions/enter-second-factor.ts';
import { challengeAccount } from '../../actions/challenge-account.ts';
import { enrolAtLogIn } from '../../actions/enrol-at-log-in.ts';
import { enrolmentHolder } from '../../actions/enrolment-holder.ts';
import { prepareEnrolment } from '../../actions/prepare-enrolment.ts';
import { logOut } from '../../actions/log-out.ts';
import { VecheError } from '../../domain/errors.ts';
import { formErrors, formValues, readButtonForm } from '../form-errors.ts';
import { cookieNames } from '../security.ts';
import { enrolmentQr } from './second-factor.ts';
import {
  adoptSession,
  browserOf,
  clearSignInStep,
  doneOf,
  limitSignIn,
  refusalOf,
  sendPage,
  setSession,
  setSignInStep,
  signInCookie,
} from './account-replies.ts';

const loginNotices = ['everywhere', 'reset'] as const;

/**
 * signInRoutes: the password, then (when the account has one) the code from the phone, or (when the admin requires
 * one and the account has none) setting a second factor up; and logging out.
 */
export function signInRoutes(server: FastifyInstance, app: WebApp): void {
  const names = cookieNames(app.https);
  const step = (request: FastifyRequest) => request.cookies[signInCookie(app.https)];

  /** refuse shows a sign-in form again with why it cannot be tried yet, as a 429 with Retry-After; else null. */
  const refuse = (reply: FastifyReply, ctx: ViewContext, error: unknown, page: (alert: string) => { text: string }) => {
    const refusal = refusalOf(error, ctx.t, app.now(), (time) => dateTime(ctx, time));
    if (!refusal) return null;
    reply.header('retry-after', String(refusal.retryAfter));
    return sendPage(reply, page(refusal.message), 429);
  };
  /** expired shows the login form saying the sign-in took too long (the step's cookie is gone or old). */
  const expired = (reply: FastifyReply, ctx: ViewContext, error: unknown) => {
    if (!(error instanceof VecheError) || error.code !== 'token-expired') return null;
    clearSignInStep(app, reply);
    return sendPage(reply, loginPage(ctx, undefined, { alert: ctx.t('signin.expired') }), 410);
  };
  const next = (reply: FastifyReply, result: LoginStep) => {
    if (result.kind === 'session') {
      setSession(app, reply, result.session);
      return reply.redirect('/admin', 303);
    }
    setSignInStep(app, reply, result.challenge);
    return reply.redirect(result.kind === 'enrol' ? '/login/enrol' : '/login/code', 303);
  };

  server.get('/login', async (request, reply) => {
    if (request.account) return reply.redirect('/admin', 303);
    const ctx = viewContext(app, request, reply);
    const done = doneOf(request, loginNotices);
    return sendPage(reply, loginPage(ctx, undefined, { done: done && ctx.t(`signin.done-${done}`) }));
  });
  server.post('/login', async (request, reply) => {
    try {
      limitSignIn(app, request, 'password');
      return next(reply, await logIn(app, request.body, ['_csrf'], browserOf(request)));
    } catch (error) {
      const ctx = viewContext(app, request, reply);
      const values = formValues(request.body);
      return (
        refuse(reply, ctx, error, (alert) => loginPage(ctx, { values, errors: {} }, { alert })) ??
        sendPage(reply, loginPage(ctx, { values, errors: formErrors(error, ctx.t) }), 422)
      );
    }
  });

  server.get('/login/code', async (request, reply) => {
    try {
      await challengeAccount(app, step(request), 'second-factor');
    } catch {
      return reply.redirect('/login', 303);
    }
    return sendPage(reply, codePage(viewContext(app, request, reply)));
  });
  server.post('/login/code', async (request, reply) => {
    try {
      limitSignIn(app, request, 'code');
      const result = await enterSecondFactor(app, step(request), request.body, ['_csrf'], browserOf(request));
      clearSignInStep(app, reply);
      setSession(app, reply, result.session);
      return reply.redirect(result.usedRecoveryCode ? '/admin/two-step?done=recovery-used' : '/admin', 303);
    } catch (error) {
      const ctx = viewContext(app, request, reply);
      const values = formValues(request.body);
      return (
        refuse(reply, ctx, error, (alert) => codePage(ctx, { values, errors: { code: alert } })) ??
        expired(reply, ctx, error) ??
        sendPage(reply, codePage(ctx, { values, errors: formErrors(error, ctx.t) }), 422)
      );
    }
  });

  server.get('/login/enrol', async (request, reply) => {
    let account;
    try {
      account = await challengeAccount(app, step(request), 'enrol');
    } catch {
      return reply.redirect('/login', 303);
    }
    const ctx = viewContext(app, request, reply);
    return sendPage(
      reply,
      enrolPage(
        ctx,
        await enrolmentQr(
          app,
          ctx,
          await prepareEnrolment(app, account.id, enrolmentHolder('step', step(request)!)),
          '/login/enrol',
          true,
        ),
      ),
    );
  });
  server.post('/login/enrol', async (request, reply) => {
    try {
      const result = await enrolAtLogIn(app, step(request), request.body, ['_csrf'], browserOf(request));
      clearSignInStep(app, reply);
      await adoptSession(app, request, reply, result.session);
      return sendPage(reply, recoveryCodesPage(viewContext(app, request, reply), result.codes, true));
    } catch (error) {
      const ctx = viewContext(app, request, reply);
      const refused = expired(reply, ctx, error);
      if (refused) return refused;
      const errors = formErrors(error, ctx.t);
      const account = await challengeAccount(app, step(request), 'enrol');
      const view = await enrolmentQr(
        app,
        ctx,
        await prepareEnrolment(app, account.id, enrolmentHolder('step', step(request)!)),
        '/login/enrol',
        true,
      );
      return sendPage(reply, enrolPage(ctx, view, { values: formValues(request.body), errors }), 422);
    }
  });

  server.post('/logout', async (request, reply) => {
    readButtonForm(request.body);
    const token = request.cookies[names.session];
    if (token) await logOut(app, token);
    reply.clearCookie(names.session, { path: '/' });
    return reply.redirect('/', 303);
  });
}
