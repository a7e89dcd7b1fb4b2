import type { FastifyInstance, FastifyReply } from 'fastify';
import type { WebApp } from '../web-app.ts';
import { viewContext } from '../view-context.ts';
import { formErrors, formValues } from '../form-errors.ts';
import { requireAccount } from './accounts.ts';
import { assertTransition } from '../../domain/petition-states.ts';
import { correctPetition } from '../../actions/correct-petition.ts';
import { readCorrection } from '../../actions/read-correction.ts';
import { loadOwnPetition } from '../../actions/load-own-petition.ts';
import { correctionFormOf, correctionFormPage, correctionPreviewPage } from '../views/organiser-correction.ts';

type Id = { Params: { id: string } };

/**
 * organiserCorrectionRoutes serve the public correction of an open petition's text, in two steps that work without
 * JavaScript: the form, then a preview of the change that says it is public and permanent; only its "Publish" acts.
 */
export function organiserCorrectionRoutes(server: FastifyInstance, app: WebApp): void {
  const html = (reply: FastifyReply, page: { text: string }, status = 200) =>
    reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page.text);

  server.get<Id>('/admin/petitions/:id/correct', async (request, reply) => {
    const petition = await loadOwnPetition(app, requireAccount(request), request.params.id);
    assertTransition(petition.status, 'correct');
    return html(reply, correctionFormPage(viewContext(app, request, reply), petition, correctionFormOf(petition)));
  });

  server.post<Id>('/admin/petitions/:id/correct', async (request, reply) => {
    const account = requireAccount(request);
    // Ownership and state before validation: someone else's petition is a 403 whatever the form holds, never a 422.
    const petition = await loadOwnPetition(app, account, request.params.id);
    assertTransition(petition.status, 'correct');
    const ctx = viewContext(app, request, reply);
    const values = formValues(request.body);
    const ignore = ['_csrf', 'step'];
    try {
      if (values.step === 'edit') return html(reply, correctionFormPage(ctx, petition, { values, errors: {} }));
      if (values.step === 'publish') {
        await correctPetition(app, account, request.params.id, request.body, ignore);
        return reply.redirect(`/admin/petitions/${request.params.id}?done=corrected`, 303);
      }
      const next = await readCorrection(app, account, request.params.id, request.body, ignore);
      return html(reply, correctionPreviewPage(ctx, petition, next));
    } catch (error) {
      return html(reply, correctionFormPage(ctx, petition, { values, errors: formErrors(error, ctx.t) }), 422);
    }
  });
}
