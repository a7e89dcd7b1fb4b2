import type { FastifyInstance } from 'fastify';
import type { WebApp } from '../web-app.ts';
import { viewContext } from '../view-context.ts';
import { withdrawnPage } from '../views/signing-pages.ts';
import { receiptCodePage, receiptFile, receiptPage, withdrawConfirmPage } from '../views/receipt-pages.ts';
import { openReceipt } from '../../actions/open-receipt.ts';
import { openReceiptByCode } from '../../actions/open-receipt-by-code.ts';
import { openWithdrawable } from '../../actions/open-withdrawable.ts';
import { withdrawSignature } from '../../actions/withdraw-signature.ts';
import { InputReader } from '../../domain/input.ts';
import { formErrors, formValues, readButtonForm } from '../form-errors.ts';
import { checkAddressRate } from '../rate-limits.ts';
import { proveSignature } from '../record-proofs.ts';
import { noStore } from '../no-store.ts';

/** receiptCodeLimit is how many receipt codes one connection may try per ten minutes: a person mistyping is never near it. */
export const receiptCodeLimit = 30;

/**
 * receiptRoutes: a receipt by its link, the form that opens one by its code, its download as a file, and withdrawal.
 * Every answer is `no-store`. The forms carry the receipt's secret in their body, never in their URL, so that a
 * download or a withdrawal leaves no secret in the browser's history or its list of downloads.
 */
export function receiptRoutes(server: FastifyInstance, app: WebApp): void {
  server.get<{ Params: { id: string; secret: string } }>('/receipt/:id/:secret', noStore, async (request, reply) => {
    const { signature, petition } = await openReceipt(app, request.params.id, request.params.secret);
    const justSigned = (request.query as Record<string, string>).signed === '1';
    const proof = await proveSignature(app, signature.publicId);
    const view = { petition, signature, secret: request.params.secret, justSigned, proof, openedByCode: false };
    return reply.type('text/html; charset=utf-8').send(receiptPage(viewContext(app, request, reply), view).text);
  });

  server.get('/receipt', noStore, async (request, reply) => {
    return reply.type('text/html; charset=utf-8').send(receiptCodePage(viewContext(app, request, reply)).text);
  });

  server.post('/receipt', noStore, async (request, reply) => {
    const ctx = viewContext(app, request, reply);
    try {
      checkAddressRate(
        app,
        request,
        'receipt-code',
        receiptCodeLimit,
        'Too many receipt codes from this connection; wait a few minutes.',
      );
      const input = new InputReader(request.body);
      input.ignore('_csrf');
      const code = input.text('code', { max: 80, required: true });
      input.done();
      const { signature, petition, secret } = await openReceiptByCode(app, code!);
      const proof = await proveSignature(app, signature.publicId);
      return reply
        .type('text/html; charset=utf-8')
        .send(receiptPage(ctx, { petition, signature, secret, justSigned: false, proof, openedByCode: true }).text);
    } catch (error) {
      const errors = formErrors(error, ctx.t);
      return reply
        .code(422)
        .type('text/html; charset=utf-8')
        .send(receiptCodePage(ctx, formValues(request.body), errors).text);
    }
  });

  server.post('/receipt/file', noStore, async (request, reply) => {
    const { signature, secret } = readReceiptForm(request.body);
    const { signature: row, petition } = await openReceipt(app, signature, secret);
    return reply
      .type('text/plain; charset=utf-8')
      .header('content-disposition', 'attachment; filename="receipt.txt"')
      .send(receiptFile(viewContext(app, request, reply), { petition, signature: row, secret }));
  });

  // Withdrawing is asked twice: the receipt's button shows what will happen, and only "yes" on that page withdraws.
  server.post('/receipt/withdraw', noStore, async (request, reply) => {
    const { signature, secret, confirmed } = readReceiptForm(request.body);
    const ctx = viewContext(app, request, reply);
    if (!confirmed) {
      const { signature: row, petition } = await openWithdrawable(app, signature, secret);
      return reply
        .type('text/html; charset=utf-8')
        .send(withdrawConfirmPage(ctx, { petition, signature: row, secret }).text);
    }
    await withdrawSignature(app, signature, secret);
    const { petition } = await openReceipt(app, signature, secret);
    return reply.type('text/html; charset=utf-8').send(withdrawnPage(ctx, petition).text);
  });

  // The withdrawal button of receipt pages made before the secret moved into the form's body: it asks first too.
  server.post<{ Params: { id: string; secret: string } }>(
    '/receipt/:id/:secret/withdraw',
    noStore,
    async (request, reply) => {
      readButtonForm(request.body);
      const { signature, petition } = await openWithdrawable(app, request.params.id, request.params.secret);
      return reply
        .type('text/html; charset=utf-8')
        .send(
          withdrawConfirmPage(viewContext(app, request, reply), { petition, signature, secret: request.params.secret })
            .text,
        );
    },
  );
}

/**
 * readReceiptForm reads the hidden fields of a receipt's buttons: the signature's public id and the receipt's secret,
 * and on the withdrawal's second step, `confirm=yes`.
 */
function readReceiptForm(body: unknown): { signature: string; secret: string; confirmed: boolean } {
  const input = new InputReader(body);
  input.ignore('_csrf');
  const signature = input.text('signature', { max: 40, required: true });
  const secret = input.text('secret', { max: 100, required: true });
  const confirm = input.choice('confirm', ['yes'] as const);
  input.done();
  return { signature: signature!, secret: secret!, confirmed: confirm === 'yes' };
}
