import type { FastifyInstance } from 'fastify';
import type { WebApp } from '../web-app.ts';
import { viewContext } from '../view-context.ts';
import { petitionPage } from '../views/petition-page.ts';
import { checkEmailPage, confirmPage, confirmUsedPage, receiptPage, withdrawnPage } from '../views/signing-pages.ts';
import { signPetition } from '../../actions/sign-petition.ts';
import { checkConfirmation, confirmSignature } from '../../actions/confirm-signature.ts';
import { openReceipt, withdrawSignature } from '../../actions/withdraw-signature.ts';
import { VecheError } from '../../domain/errors.ts';
import { formErrors, formValues, readButtonForm } from '../form-errors.ts';
import { qrSvg } from './public-petitions.ts';
import { checkSigningRate } from '../rate-limits.ts';
import { proveSignature, recordCoverage } from '../record-proofs.ts';

/** signingRoutes: the signing form's POST, the email confirmation page and button, the receipt and withdrawal. */
export function signingRoutes(server: FastifyInstance, app: WebApp): void {
  server.post<{ Params: { id: string } }>('/p/:id/sign', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    try {
      await checkSigningRate(app, request, body.altcha !== undefined);
      if (body.altcha !== undefined) await app.proofOfWork.verify(body.altcha);
      const result = await signPetition(app, request.params.id, body, request.lang, ['_csrf', 'altcha']);
      if (result.kind === 'counted') return reply.redirect(`/receipt/${result.signature}/${result.receiptSecret}?signed=1`, 303);
      return reply.redirect(`/p/${request.params.id}/check-email`, 303);
    } catch (error) {
      const ctx = viewContext(app, request, reply);
      const errors = formErrors(error, ctx.t);
      const view = await app.reader.view(request.params.id);
      if (!view) throw new VecheError('not-found', 'No such petition.');
      const qr = await qrSvg(`${app.config.publicUrl}/p/${view.petition.public_id}`);
      const form = { values: formValues(body), errors };
      return reply.code(422).type('text/html; charset=utf-8').send(petitionPage(ctx, view, qr, form, await recordCoverage(app, view)).text);
    }
  });

  server.get<{ Params: { id: string } }>('/p/:id/check-email', async (request, reply) => {
    const view = await app.reader.view(request.params.id);
    if (!view) throw new VecheError('not-found', 'No such petition.');
    return reply.type('text/html; charset=utf-8').send(checkEmailPage(viewContext(app, request, reply), view.petition).text);
  });

  server.get<{ Params: { token: string } }>('/confirm/:token', async (request, reply) => {
    try {
      const { petition } = await checkConfirmation(app, request.params.token);
      return reply.type('text/html; charset=utf-8').send(confirmPage(viewContext(app, request, reply), petition, request.params.token).text);
    } catch (error) {
      if (!(error instanceof VecheError && error.code === 'token-used')) throw error;
      return reply.code(410).type('text/html; charset=utf-8').send(confirmUsedPage(viewContext(app, request, reply)).text);
    }
  });

  server.post<{ Params: { token: string } }>('/confirm/:token', async (request, reply) => {
    readButtonForm(request.body);
    const result = await confirmSignature(app, request.params.token);
    return reply.redirect(`/receipt/${result.signature}/${result.receiptSecret}?signed=1`, 303);
  });

  server.get<{ Params: { id: string; secret: string } }>('/receipt/:id/:secret', async (request, reply) => {
    const { signature, petition } = await openReceipt(app, request.params.id, request.params.secret);
    const justSigned = (request.query as Record<string, string>).signed === '1';
    const ctx = viewContext(app, request, reply);
    const proof = await proveSignature(app, signature.public_id);
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store')
      .send(receiptPage(ctx, petition, signature, request.params.secret, justSigned, proof).text);
  });

  server.post<{ Params: { id: string; secret: string } }>('/receipt/:id/:secret/withdraw', async (request, reply) => {
    readButtonForm(request.body);
    await withdrawSignature(app, request.params.id, request.params.secret);
    const { petition } = await openReceipt(app, request.params.id, request.params.secret);
    return reply.type('text/html; charset=utf-8').send(withdrawnPage(viewContext(app, request, reply), petition).text);
  });
}
