import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WebApp } from '../web-app.ts';
import { viewContext } from '../view-context.ts';
import { formErrors, formValues } from '../form-errors.ts';
import { requireAccount } from './accounts.ts';
import { addPaperBatch } from '../../actions/add-paper-batch.ts';
import { readPaperBatch } from '../../actions/read-paper-batch.ts';
import { withdrawPaperBatch } from '../../actions/withdraw-paper-batch.ts';
import { loadOwnPetition } from '../../actions/load-own-petition.ts';
import { paperBatchesOf } from '../../read/paper-batch-reader.ts';
import { paperPage, paperPreviewPage, type PaperForm } from '../views/organiser-paper.ts';

type Id = { Params: { id: string } };
type Batch = { Params: { id: string; batch: string } };

const empty: PaperForm = { values: {}, errors: {} };

/**
 * organiserPaperRoutes serve the entry of paper signatures, in two steps that work without JavaScript: the form, then
 * what will be added and made public; only its "Add" acts. Each batch can be withdrawn with a public reason.
 */
export function organiserPaperRoutes(server: FastifyInstance, app: WebApp): void {
  const html = (reply: FastifyReply, page: { text: string }, status = 200) =>
    reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page.text);

  server.get<Id & { Querystring: { done?: string } }>('/admin/petitions/:id/paper', async (request, reply) => {
    const petition = await loadOwnPetition(app, requireAccount(request), request.params.id);
    const done = request.query.done === 'added' || request.query.done === 'withdrawn' ? request.query.done : null;
    const batches = await paperBatchesOf(app, petition.id);
    return html(reply, paperPage(viewContext(app, request, reply), petition, batches, empty, null, done));
  });

  server.post<Id>('/admin/petitions/:id/paper', async (request, reply) => {
    const account = requireAccount(request);
    // Ownership before validation: someone else's petition is a 403 whatever the form holds, never a 422.
    const petition = await loadOwnPetition(app, account, request.params.id);
    const ctx = viewContext(app, request, reply);
    const values = formValues(request.body);
    const ignore = ['_csrf', 'step'];
    try {
      if (values.step !== 'edit') {
        if (values.step === 'add') {
          await addPaperBatch(app, account, request.params.id, request.body, null, ignore);
          return reply.redirect(`/admin/petitions/${request.params.id}/paper?done=added`, 303);
        }
        const next = await readPaperBatch(app, account, request.params.id, request.body, ignore);
        return html(reply, paperPreviewPage(ctx, petition, next));
      }
      return html(reply, paperPage(ctx, petition, await paperBatchesOf(app, petition.id), { values, errors: {} }));
    } catch (error) {
      const errors = formErrors(error, ctx.t);
      const batches = await paperBatchesOf(app, petition.id);
      return html(reply, paperPage(ctx, petition, batches, { values, errors }), 422);
    }
  });

  server.post<Batch>('/admin/petitions/:id/paper/:batch/withdraw', async (request: FastifyRequest<Batch>, reply) => {
    const account = requireAccount(request);
    const petition = await loadOwnPetition(app, account, request.params.id);
    try {
      await withdrawPaperBatch(app, account, request.params.id, request.params.batch, request.body);
      return reply.redirect(`/admin/petitions/${request.params.id}/paper?done=withdrawn`, 303);
    } catch (error) {
      const ctx = viewContext(app, request, reply);
      const errors = formErrors(error, ctx.t);
      const batches = await paperBatchesOf(app, petition.id);
      const page = paperPage(ctx, petition, batches, empty, { batch: request.params.batch, errors });
      return html(reply, page, 422);
    }
  });
}
