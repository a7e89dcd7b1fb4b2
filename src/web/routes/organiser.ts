import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { paperBatchesOf } from '../../read/paper-batch-reader.ts';
import { Readable } from 'node:stream';
import type { WebApp } from '../web-app.ts';
import { viewContext } from '../view-context.ts';
import { formErrors, formValues, readButtonForm } from '../form-errors.ts';
import { requireAccount } from './accounts.ts';
import { VecheError } from '../../domain/errors.ts';
import { assertTransition } from '../../domain/petition-states.ts';
import { regionName } from '../../domain/regions.ts';
import { isLanguage, translator } from '../../i18n/i18n.ts';
import { closePetition } from '../../actions/close-petition.ts';
import { loadOwnPetition } from '../../actions/load-own-petition.ts';
import { publishPetition } from '../../actions/publish-petition.ts';
import { recordResponse } from '../../actions/record-response.ts';
import { savePetitionDraft } from '../../actions/save-petition-draft.ts';
import { invalidateSignatures } from '../../actions/invalidate-signatures.ts';
import { previewInvalidation } from '../../read/preview-invalidation.ts';
import { InputReader } from '../../domain/input.ts';
import { readPetitionWatch } from '../../read/petition-dashboard.ts';
import type { Petition } from '../../domain/petition.ts';
import { draftFormFromPetition, draftFormOf, newDraftForm, petitionFormPage } from '../views/organiser-form.ts';
import { managePage, type ManageForms, type ManageNotice } from '../views/organiser-manage.ts';
import { minuteWindow } from '../views/organiser-rate.ts';
import type { Dashboard } from '../views/organiser-dashboard.ts';
import { signaturesCsv } from '../exports/signatures-csv.ts';
import { packetCheckpoint } from '../record-proofs.ts';

type Id = { Params: { id: string } };

/** organiserRoutes serve the organiser's pages under /admin/petitions: write, publish, watch, invalidate, close, respond, export. */
export function organiserRoutes(server: FastifyInstance, app: WebApp): void {
  const html = (reply: FastifyReply, page: { text: string }, status = 200) =>
    reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page.text);
  const back = (reply: FastifyReply, id: string, done: string, count?: number) =>
    reply.redirect(`/admin/petitions/${id}?done=${done}${count === undefined ? '' : `&n=${count}`}`, 303);
  /** manage re-renders the manage page, with one form's mistakes (status 422) or the notice of what was just done. */
  const manage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    petition: Petition,
    forms: ManageForms = {},
    status = 200,
  ) => {
    const dashboard = petition.status === 'draft' ? null : await loadDashboard(app, petition);
    return html(
      reply,
      managePage(
        viewContext(app, request, reply),
        petition,
        dashboard,
        status === 200 ? noticeOf(request) : null,
        forms,
      ),
      status,
    );
  };

  server.get('/admin/petitions', async (request, reply) => {
    requireAccount(request);
    return reply.redirect('/admin', 303);
  });

  server.get('/admin/petitions/new', async (request, reply) => {
    requireOrganiser(request);
    return html(reply, petitionFormPage(viewContext(app, request, reply), newDraftForm(request.lang)));
  });
  server.post('/admin/petitions', async (request, reply) => {
    const account = requireOrganiser(request);
    try {
      return back(reply, await savePetitionDraft(app, account, request.body, undefined, ['_csrf']), 'saved');
    } catch (error) {
      const ctx = viewContext(app, request, reply);
      return html(reply, petitionFormPage(ctx, draftFormOf(request.body, formErrors(error, ctx.t))), 422);
    }
  });

  server.get<Id>('/admin/petitions/:id', async (request, reply) => {
    const petition = await loadOwnPetition(app, requireAccount(request), request.params.id);
    return manage(request, reply, petition, { invalidate: { values: prefill(request), errors: {} } });
  });

  server.get<Id>('/admin/petitions/:id/edit', async (request, reply) => {
    const petition = await loadOwnPetition(app, requireAccount(request), request.params.id);
    assertTransition(petition.status, 'edit');
    return html(
      reply,
      petitionFormPage(viewContext(app, request, reply), draftFormFromPetition(petition), petition.publicId),
    );
  });
  server.post<Id>('/admin/petitions/:id/edit', async (request, reply) => {
    const account = requireAccount(request);
    // Ownership before validation: someone else's draft must be a 403 whatever the form holds, never a 422.
    assertTransition((await loadOwnPetition(app, account, request.params.id)).status, 'edit');
    try {
      return back(reply, await savePetitionDraft(app, account, request.body, request.params.id, ['_csrf']), 'saved');
    } catch (error) {
      const ctx = viewContext(app, request, reply);
      return html(
        reply,
        petitionFormPage(ctx, draftFormOf(request.body, formErrors(error, ctx.t)), request.params.id),
        422,
      );
    }
  });

  server.post<Id>('/admin/petitions/:id/publish', async (request, reply) => {
    readButtonForm(request.body);
    const account = requireAccount(request);
    try {
      await publishPetition(app, account, request.params.id);
      return back(reply, request.params.id, 'published');
    } catch (error) {
      const errors = formErrors(error, viewContext(app, request, reply).t);
      return manage(
        request,
        reply,
        await loadOwnPetition(app, account, request.params.id),
        { publish: { values: {}, errors } },
        422,
      );
    }
  });

  server.post<Id>('/admin/petitions/:id/close', async (request, reply) => {
    const account = requireAccount(request);
    const petition = await loadOwnPetition(app, account, request.params.id);
    assertTransition(petition.status, 'close');
    // Closing cannot be undone: without the ticked box (a confirmation that works without JavaScript) nothing happens.
    const input = new InputReader(request.body);
    input.ignore('_csrf');
    if (!input.flag('confirm')) input.add('confirm', 'confirm-close');
    try {
      input.done();
    } catch (error) {
      const errors = formErrors(error, viewContext(app, request, reply).t);
      return manage(request, reply, petition, { close: { values: {}, errors } }, 422);
    }
    await closePetition(app, account, request.params.id);
    return back(reply, request.params.id, 'closed');
  });

  server.post<Id>('/admin/petitions/:id/response', async (request, reply) => {
    const account = requireAccount(request);
    try {
      await recordResponse(app, account, request.params.id, request.body, ['_csrf']);
      return back(reply, request.params.id, 'responded');
    } catch (error) {
      const errors = formErrors(error, viewContext(app, request, reply).t);
      const petition = await loadOwnPetition(app, account, request.params.id);
      return manage(request, reply, petition, { response: { values: formValues(request.body), errors } }, 422);
    }
  });

  // Taking signatures out is asked twice: the first form shows how many the window holds and asks again; only the
  // second, carrying that number, acts, and only if the window still holds exactly that many.
  server.post<Id>('/admin/petitions/:id/invalidate', async (request, reply) => {
    const account = requireAccount(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = formValues(request.body);
    try {
      const expected = readExpected(body.expected);
      if (expected !== null) {
        const result = await invalidateSignatures(
          app,
          account,
          request.params.id,
          request.body,
          ['_csrf', 'expected'],
          expected,
        );
        return back(reply, request.params.id, 'invalidated', result.signatures);
      }
      const preview = await previewInvalidation(app, account, request.params.id, request.body, ['_csrf']);
      const petition = await loadOwnPetition(app, account, request.params.id);
      return manage(request, reply, petition, {
        invalidate: { values, errors: {}, preview: { ...preview, changed: false } },
      });
    } catch (error) {
      const petition = await loadOwnPetition(app, account, request.params.id);
      if (error instanceof VecheError && error.code === 'conflict') {
        const preview = await previewInvalidation(app, account, request.params.id, request.body, ['_csrf', 'expected']);
        return manage(
          request,
          reply,
          petition,
          { invalidate: { values, errors: {}, preview: { ...preview, changed: true } } },
          409,
        );
      }
      const errors = formErrors(error, viewContext(app, request, reply).t);
      return manage(request, reply, petition, { invalidate: { values, errors } }, 422);
    }
  });

  server.get<Id>('/admin/petitions/:id/signatures.csv', async (request, reply) => {
    const petition = await loadPublished(app, request);
    const ctx = viewContext(app, request, reply);
    return reply
      .type('text/csv; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${petition.publicId}-names.csv"`)
      .send(Readable.from(signaturesCsv(app, petition.id, ctx.t, ctx.lang)));
  });

  server.get<Id>('/admin/petitions/:id/packet.pdf', async (request, reply) => {
    const petition = await loadPublished(app, request);
    // The packet goes to the addressee, so it is in the petition's language unless the organiser asks for another.
    const chosen = (request.query as Record<string, unknown>).language;
    const lang = isLanguage(chosen) ? chosen : isLanguage(petition.language) ? petition.language : request.lang;
    const t = translator(lang);
    const d = await loadDashboard(app, petition);
    const batches = (await paperBatchesOf(app, petition.id)).filter((b) => b.status === 'counted');
    // pdfkit is loaded in a worker thread, per packet, which is stopped if it takes too long (build-packet.ts).
    const { buildPacket } = await import('../exports/build-packet.ts');
    const { pdf, helvetica } = await buildPacket({
      petition,
      signatures: d.signatures,
      invalidations: d.invalidations,
      paper: batches.map((b) => ({
        count: b.count,
        region: b.region ? regionName(b.region, lang) : t('paper.region-none'),
        sheets: b.sheets,
      })),
      madeAt: app.now(),
      lang,
      record: { ...d.record, checkpoint: await packetCheckpoint(app, petition) },
      byRegion: d.byRegion.map((r) => ({
        name: r.region ? regionName(r.region, lang) : t('organiser.region-none'),
        signatures: r.signatures,
      })),
      url: `${app.config.publicUrl}/p/${petition.publicId}`,
    });
    if (helvetica)
      request.log.warn(
        'DejaVu Sans not found: the delivery packet falls back to Helvetica, which has no Cyrillic (install fonts-dejavu-core)',
      );
    return reply
      .type('application/pdf')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${petition.publicId}-packet.pdf"`)
      .send(pdf);
  });
}

/** readExpected reads the number a confirmed invalidation carries from its preview; absent means "show the preview". */
function readExpected(raw: unknown): number | null {
  if (raw === undefined || raw === '') return null;
  if (typeof raw !== 'string' || !/^\d{1,7}$/.test(raw)) {
    throw new VecheError('invalid-input', 'The confirmation is malformed.', [
      { field: 'expected', problem: 'not-a-number' },
    ]);
  }
  return Number(raw);
}

/** requireOrganiser returns the signed-in account if it may write petitions (an organiser or an admin). */
function requireOrganiser(request: FastifyRequest) {
  const account = requireAccount(request);
  if (account.role === 'moderator') throw new VecheError('forbidden', 'Moderators cannot write petitions.');
  return account;
}

/** loadPublished returns a petition the account manages that has been published: drafts have nothing to export. */
async function loadPublished(app: WebApp, request: FastifyRequest<Id>): Promise<Petition> {
  const petition = await loadOwnPetition(app, requireAccount(request), request.params.id);
  if (petition.status === 'draft') throw new VecheError('wrong-state', 'A draft has no signatures to export.');
  return petition;
}

/** loadDashboard reads what the organiser watches: exact count and regions, the last hour by minute, invalidations. */
async function loadDashboard(app: WebApp, petition: Petition): Promise<Dashboard> {
  const nowMinute = Math.floor(app.now() / 60_000);
  const watch = await readPetitionWatch(app, petition, nowMinute - 59);
  return { ...watch, perMinute: minuteWindow(watch.perMinute, nowMinute) };
}

function noticeOf(request: FastifyRequest): ManageNotice {
  const query = request.query as Record<string, unknown>;
  const done = query.done;
  if (done === 'invalidated') return { kind: 'invalidated', count: Number(query.n) || 0 };
  if (done === 'saved' || done === 'published' || done === 'closed' || done === 'responded' || done === 'corrected')
    return { kind: done };
  return null;
}

/** prefill takes a window offered by a burst's link (`?from=…&to=…&reason=burst`) into the invalidation form. */
function prefill(request: FastifyRequest): Record<string, string> {
  const query = request.query as Record<string, unknown>;
  const values: Record<string, string> = {};
  for (const field of ['from', 'to', 'reason', 'region']) {
    const value = query[field];
    if (typeof value === 'string' && value.length <= 20) values[field] = value;
  }
  return values;
}
