import type { FastifyInstance } from 'fastify';
import type { WebApp } from '../web-app.ts';
import { viewContext } from '../view-context.ts';
import { resetPasswordPage } from '../views/password-reset-pages.ts';
import { findPasswordResetLink } from '../../actions/find-password-reset-link.ts';
import { resetPassword } from '../../actions/reset-password.ts';
import { formValues } from '../form-errors.ts';
import { answerForm, limitSignIn, sendPage } from './account-replies.ts';

/** passwordResetRoutes: the one-time link an admin gives a person who forgot their password. */
export function passwordResetRoutes(server: FastifyInstance, app: WebApp): void {
  server.get<{ Params: { token: string } }>('/reset/:token', async (request, reply) => {
    const reset = await findPasswordResetLink(app, request.params.token);
    return sendPage(reply, resetPasswordPage(viewContext(app, request, reply), request.url, reset.login));
  });
  server.post<{ Params: { token: string } }>('/reset/:token', async (request, reply) => {
    try {
      limitSignIn(app, request, 'reset');
      await resetPassword(app, request.params.token, request.body, ['_csrf']);
      return reply.redirect('/login?done=reset', 303);
    } catch (error) {
      const ctx = viewContext(app, request, reply);
      const { errors, status } = answerForm(app, reply, ctx, error, 'newPassword');
      const reset = await findPasswordResetLink(app, request.params.token);
      return sendPage(
        reply,
        resetPasswordPage(ctx, request.url, reset.login, { values: formValues(request.body), errors }),
        status,
      );
    }
  });
}
