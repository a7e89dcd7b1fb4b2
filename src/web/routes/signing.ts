import type { FastifyInstance } from 'fastify';
import type { WebApp } from '../web-app.ts';
import { viewContext } from '../view-context.ts';
import { petitionPage } from '../views/petition-page.ts';
import { checkEmailPage, confirmPage, confirmUsedPage } from '../views/signing-pages.ts';
import { signPetition } from '../../actions/sign-petition.ts';
import { checkConfirmation } from '../../actions/check-confirmation.ts';
import { confirmSignature } from '../../actions/confirm-signature.ts';
import { VecheError } from '../../domain/errors.ts';
import { formErrors, formValues, readButtonForm } from '../form-errors.ts';
import { qrSvg } from './public-petitions.ts';
import { checkSigningRate } from '../rate-limits.ts';
import { recordCoverage } from '../record-proofs.ts';
import { noStore } from '../no-store.ts';
import { receiptRoutes } from './receipts.ts';

/** signingRoutes: the signing form's POST, the email confirmation page and button, and (receipts.ts) the receipt. */
export function signingRoutes(server: FastifyInstance, app: WebApp): void {
  server.post<{ Params: { id: string } }>('/p/:id/sign', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    try {
      await checkSigningRate(app, request, body.altcha !== undefined);
      if (body.altcha !== undefined) await app.proofOfWork.verify(body.altcha);
      const result = await signPetition(app, request.params.id, body, request.lang, ['_csrf', 'altcha']);
      if (result.kind === 'counted')
        return reply.redirect(`/receipt/${result.signature}/${result.receiptSecret}?signed=1`, 303);
      return reply.redirect(`/p/${request.params.id}/check-email`, 303);
    } catch (error) {
      const ctx = viewContext(app, request, reply);
      const errors = formErrors(error, ctx.t);
      const view = await app.reader.view(request.params.id);
      if (!view) throw new VecheError('not-found', 'No such petition.');
      // An address at a mail service that hands mail to the state is not a mistake: the form explains and asks.
      const unsafeProvider = unsafeProviderIn(error);
      if (unsafeProvider) delete errors.email;
      const qr = await qrSvg(`${app.config.publicUrl}/p/${view.petition.publicId}`);
      const form = { values: formValues(body), errors, unsafeProvider };
      return reply
        .code(422)
        .type('text/html; charset=utf-8')
        .send(petitionPage(ctx, view, qr, form, await recordCoverage(app, view)).text);
    }
  });

  server.get<{ Params: { id: string } }>('/p/:id/check-email', noStore, async (request, reply) => {
    const view = await app.reader.view(request.params.id);
    if (!view) throw new VecheError('not-found', 'No such petition.');
    return reply
      .type('text/html; charset=utf-8')
      .send(checkEmailPage(viewContext(app, request, reply), view.petition).text);
  });

  server.get<{ Params: { token: string } }>('/confirm/:token', noStore, async (request, reply) => {
    try {
      const { petition } = await checkConfirmation(app, request.params.token);
      return reply
        .type('text/html; charset=utf-8')
        .send(confirmPage(viewContext(app, request, reply), petition, request.params.token).text);
    } catch (error) {
      if (!isDeadLink(error)) throw error;
      return reply
        .code(410)
        .type('text/html; charset=utf-8')
        .send(confirmUsedPage(viewContext(app, request, reply)).text);
    }
  });

  server.post<{ Params: { token: string } }>('/confirm/:token', noStore, async (request, reply) => {
    readButtonForm(request.body);
    try {
      const result = await confirmSignature(app, request.params.token);
      return reply.redirect(`/receipt/${result.signature}/${result.receiptSecret}?signed=1`, 303);
    } catch (error) {
      if (!isDeadLink(error)) throw error;
      return reply
        .code(410)
        .type('text/html; charset=utf-8')
        .send(confirmUsedPage(viewContext(app, request, reply)).text);
    }
  });

  receiptRoutes(server, app);
}

/** isDeadLink tells a confirmation link that no longer works (used, replaced, expired, deleted, made up). */
function isDeadLink(error: unknown): boolean {
  return error instanceof VecheError && (error.code === 'token-used' || error.code === 'token-expired');
}

/** unsafeProviderIn returns the mail service a signing was refused for, if that is among its problems. */
function unsafeProviderIn(error: unknown): string | null {
  if (!(error instanceof VecheError)) return null;
  const problem = error.fields.find((f) => f.field === 'email' && f.problem === 'unsafe-provider');
  return problem ? String(problem.params?.domain ?? '') : null;
}
