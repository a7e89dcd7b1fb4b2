import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import type { WebApp } from '../web-app.ts';
import { viewContext } from '../view-context.ts';
import { formErrors, formValues, readButtonForm } from '../form-errors.ts';
import { requireAccount } from './accounts.ts';
import { qrSvg } from './public-petitions.ts';
import { VecheError } from '../../domain/errors.ts';
import { InputReader } from '../../domain/input.ts';
import { addEventModerator } from '../../actions/add-event-moderator.ts';
import { closeEvent } from '../../actions/close-event.ts';
import { createEvent } from '../../actions/create-event.ts';
import { listEvent } from '../../actions/list-event.ts';
import { loadOwnEvent } from '../../actions/load-own-event.ts';
import { removeEventModerator } from '../../actions/remove-event-moderator.ts';
import { readEventState, summariseGroups } from '../../read/event-state.ts';
import { readModerators, readOwnEvents } from '../../read/organiser-lists.ts';
import type { Event } from '../../domain/event.ts';
import { eventFormOf, eventFormPage, newEventForm } from '../views/organiser-event-form.ts';
import { eventListPage } from '../views/organiser-event-list.ts';
import {
  eventDashboardPage,
  type DashboardForm,
  type EventDashboard,
  type EventNotice,
} from '../views/organiser-event-dashboard.ts';
import { eventSummaryPage } from '../views/organiser-event-summary.ts';
import { questionsCsv, questionsJson, summaryJson } from '../exports/event-questions.ts';

type Code = { Params: { code: string } };
type DashboardForms = { moderator?: DashboardForm; close?: DashboardForm };

/** organiserEventsRoutes serve the organiser's pages under /organiser/events: list, open, watch, moderators, close, export. */
export function organiserEventsRoutes(server: FastifyInstance, app: WebApp): void {
  const html = (reply: FastifyReply, page: { text: string }, status = 200) =>
    reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page.text);
  const back = (reply: FastifyReply, code: string, done: Exclude<EventNotice, null>, anchor = '') =>
    reply.redirect(`/organiser/events/${code}?done=${done}${anchor}`, 303);
  const dashboard = async (
    request: FastifyRequest,
    reply: FastifyReply,
    event: Event,
    forms: DashboardForms = {},
    status = 200,
  ) =>
    html(
      reply,
      eventDashboardPage(
        viewContext(app, request, reply),
        await loadDashboard(app, event),
        status === 200 ? noticeOf(request) : null,
        forms,
      ),
      status,
    );

  server.get('/organiser/events', async (request, reply) => {
    const account = requireAccount(request);
    const { organised, moderated } = await readOwnEvents(app, account);
    return html(
      reply,
      eventListPage(viewContext(app, request, reply), {
        organised,
        moderated,
        mayCreate: account.role !== 'moderator',
      }),
    );
  });

  server.get('/organiser/events/new', async (request, reply) => {
    requireOrganiser(request);
    return html(
      reply,
      eventFormPage(viewContext(app, request, reply), newEventForm(request.lang, app.now()), app.now()),
    );
  });
  server.post('/organiser/events', async (request, reply) => {
    const account = requireOrganiser(request);
    try {
      return back(reply, await createEvent(app, account, request.body, ['_csrf']), 'created');
    } catch (error) {
      const ctx = viewContext(app, request, reply);
      return html(reply, eventFormPage(ctx, eventFormOf(request.body, formErrors(error, ctx.t)), app.now()), 422);
    }
  });

  server.get<Code>('/organiser/events/:code', async (request, reply) => {
    const event = await loadOwnEvent(app, requireAccount(request), request.params.code);
    // The code as typed (lower case, dashes) still finds the event; the dashboard lives at its one true address.
    if (event.code !== request.params.code) return reply.redirect(`/organiser/events/${event.code}`, 301);
    return dashboard(request, reply, event);
  });

  server.post<Code>('/organiser/events/:code/moderators', async (request, reply) => {
    const account = requireAccount(request);
    const event = await loadOwnEvent(app, account, request.params.code);
    try {
      await addEventModerator(app, account, event.code, request.body, ['_csrf']);
      return back(reply, event.code, 'moderator-added', '#moderators');
    } catch (error) {
      const errors = formErrors(error, viewContext(app, request, reply).t);
      return dashboard(request, reply, event, { moderator: { values: formValues(request.body), errors } }, 422);
    }
  });

  server.post<{ Params: { code: string; id: string } }>(
    '/organiser/events/:code/moderators/:id/remove',
    async (request, reply) => {
      const account = requireAccount(request);
      const event = await loadOwnEvent(app, account, request.params.code);
      readButtonForm(request.body);
      if (!/^\d{1,12}$/.test(request.params.id)) throw new VecheError('not-found', 'No such moderator.');
      await removeEventModerator(app, account, event.code, Number(request.params.id));
      return back(reply, event.code, 'moderator-removed', '#moderators');
    },
  );

  server.post<Code>('/organiser/events/:code/listing', async (request, reply) => {
    const account = requireAccount(request);
    const event = await loadOwnEvent(app, account, request.params.code);
    const listed = await listEvent(app, account, event.code, request.body, ['_csrf']);
    return back(reply, event.code, listed ? 'listed' : 'unlisted', '#listing');
  });

  server.post<Code>('/organiser/events/:code/close', async (request, reply) => {
    const account = requireAccount(request);
    const event = await loadOwnEvent(app, account, request.params.code);
    if (event.status !== 'open') throw new VecheError('wrong-state', 'The event is closed already.');
    // Closing cannot be undone: without the ticked box (the confirmation that works without JavaScript) nothing happens.
    const input = new InputReader(request.body);
    input.ignore('_csrf');
    const confirmed = input.flag('confirm');
    const t = viewContext(app, request, reply).t;
    let errors: Record<string, string> = {};
    try {
      input.done();
    } catch (error) {
      errors = formErrors(error, t);
    }
    if (!confirmed && !errors.confirm) errors.confirm = t('organiserEvent.close-confirm-needed');
    if (Object.keys(errors).length > 0) return dashboard(request, reply, event, { close: { values: {}, errors } }, 422);
    await closeEvent(app, account, event.code);
    return back(reply, event.code, 'closed');
  });

  server.get<Code>('/organiser/events/:code/questions.csv', async (request, reply) => {
    const event = await loadOwnEvent(app, requireAccount(request), request.params.code);
    const ctx = viewContext(app, request, reply);
    return reply
      .type('text/csv; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${event.code}-questions.csv"`)
      .send(Readable.from(questionsCsv(app, event, ctx.t)));
  });

  server.get<Code>('/organiser/events/:code/questions.json', async (request, reply) => {
    const event = await loadOwnEvent(app, requireAccount(request), request.params.code);
    return reply
      .type('application/json; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${event.code}-questions.json"`)
      .send(Readable.from(questionsJson(app, event)));
  });

  server.get<Code>('/organiser/events/:code/summary', async (request, reply) => {
    const event = await loadOwnEvent(app, requireAccount(request), request.params.code);
    return html(reply, eventSummaryPage(viewContext(app, request, reply), event, await summariseGroups(app, event)));
  });

  server.get<Code>('/organiser/events/:code/summary.json', async (request, reply) => {
    const event = await loadOwnEvent(app, requireAccount(request), request.params.code);
    return reply
      .type('application/json; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${event.code}-summary.json"`)
      .send(summaryJson(app, event, await summariseGroups(app, event)));
  });
}

/** requireOrganiser returns the signed-in account if it may open events (an organiser or an admin). */
function requireOrganiser(request: FastifyRequest) {
  const account = requireAccount(request);
  if (account.role === 'moderator') throw new VecheError('forbidden', 'Moderators cannot open events.');
  return account;
}

/** loadDashboard reads what the organiser watches: counters, the question being answered, moderators, the join link. */
async function loadDashboard(app: WebApp, event: Event): Promise<EventDashboard> {
  const participantUrl = `${app.config.publicUrl}/e/${event.code}`;
  const [state, moderators, qr] = await Promise.all([
    readEventState(app, event, 'popular', 0, 'moderator'),
    readModerators(app, event),
    qrSvg(participantUrl),
  ]);
  return {
    event,
    counts: state.counts,
    pinned: state.pinned,
    participantUrl,
    qr,
    moderators: moderators.map((m) => ({ id: Number(m.id), login: m.login, displayName: m.displayName })),
  };
}

function noticeOf(request: FastifyRequest): EventNotice {
  const done = (request.query as Record<string, unknown>).done;
  const notices = ['created', 'moderator-added', 'moderator-removed', 'closed', 'listed', 'unlisted'] as const;
  return notices.find((notice) => notice === done) ?? null;
}
