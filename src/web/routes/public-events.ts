import { errorCodes, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { WebApp } from '../web-app.ts';
import type { Html } from '../views/html.ts';
import { viewContext, type ViewContext } from '../view-context.ts';
import { findEvent } from '../../actions/find-event.ts';
import { askQuestion, type AskResult } from '../../actions/ask-question.ts';
import { findSimilarQuestions } from '../../read/find-similar-questions.ts';
import { castVote } from '../../actions/cast-vote.ts';
import { withdrawVote } from '../../actions/withdraw-vote.ts';
import { votedBy } from '../../read/voted-by.ts';
import { readEventState } from '../../read/event-state.ts';
import { VecheError } from '../../domain/errors.ts';
import { InputReader } from '../../domain/input.ts';
import type { Event } from '../../domain/event.ts';
import { formErrors, formValues } from '../form-errors.ts';
import { checkAskingRate } from '../rate-limits.ts';
import { ensureVoterToken, readVoterToken } from '../voter-cookie.ts';
import { qrSvg } from './public-petitions.ts';
import { eventPage, type AskForm, type EventNotice } from '../views/event-page.ts';
import { similarPage } from '../views/event-similar-page.ts';
import { joinPage } from '../views/event-join-page.ts';
import { eventJson, questionJson, type VoteJson } from '../views/event-json.ts';
import { publicLists, type PublicList } from '../views/event-parts.ts';

type Code = { Params: { code: string } };
type CodeId = { Params: { code: string; id: string } };

/** pageSize is how many questions a list shows on one page. */
const pageSize = 50;

/**
 * publicEventsRoutes serve what a participant uses, without an account: joining by code, the event page, asking,
 * voting and taking a vote back (plain forms that work without JavaScript), the suggestions while typing, and the
 * JSON API under /api/events.
 */
export function publicEventsRoutes(server: FastifyInstance, app: WebApp): void {
  server.get('/e', async (request, reply) => {
    const typed = (request.query as Record<string, unknown>).code;
    const ctx = viewContext(app, request, reply);
    if (typed === undefined) return send(reply, joinPage(ctx, { code: '' }));
    const code = typeof typed === 'string' ? typed.toWellFormed().trim() : '';
    if (code === '') return send(reply, joinPage(ctx, { code, error: ctx.t('problem.required') }), 422);
    try {
      return reply.redirect(`/e/${(await findEvent(app, code)).code}`, 303);
    } catch (error) {
      if (!(error instanceof VecheError && error.code === 'not-found')) throw error;
      return send(reply, joinPage(ctx, { code, error: ctx.t('event.join-no-such') }), 404);
    }
  });

  server.get<Code>('/e/:code', async (request, reply) => {
    const event = await findEvent(app, request.params.code);
    const query = readListQuery(request.query);
    // One address per event, so that a code typed in lower case or with a dash is the same page, link and QR code.
    if (request.params.code !== event.code) return reply.redirect(`/e/${event.code}${queryOf(request.url)}`, 301);
    const notice = query.asked ? (`asked-${query.asked}` as const) : undefined;
    return sendEvent(request, reply, event, { list: query.list, page: query.page, notice });
  });

  server.post<Code>('/e/:code/questions', async (request, reply) => {
    const event = await findEvent(app, request.params.code);
    const body = formBody(request.body);
    let result: AskResult;
    try {
      result = await ask(request, reply, event, body, ['_csrf', 'altcha']);
    } catch (error) {
      const ctx = viewContext(app, request, reply);
      const { errors, status } = askErrors(error, ctx);
      return sendEvent(request, reply, event, {
        list: 'popular',
        page: 1,
        form: { values: formValues(body), errors },
        status,
      });
    }
    if (result.kind === 'asked')
      return reply.redirect(
        `/e/${event.code}?${result.status === 'published' ? 'list=recent&' : ''}asked=${result.status}#notice`,
        303,
      );
    const ctx = eventContext(app, request, reply, event);
    const voted = await votedBy(app, event, readVoterToken(app, request));
    const form = { values: formValues(body), errors: {} };
    return send(
      reply,
      similarPage(ctx, {
        event,
        now: app.now(),
        similar: result.similar,
        voted,
        hasVoter: readVoterToken(app, request) !== undefined,
        form,
      }),
    );
  });

  for (const action of ['vote', 'unvote'] as const) {
    server.post<CodeId>(`/e/:code/questions/:id/${action}`, async (request, reply) => {
      const event = await findEvent(app, request.params.code);
      const list = readVoteForm(request.body);
      try {
        const result = await vote(request, reply, event.code, request.params.id, action, false);
        return reply.redirect(`/e/${event.code}?list=${list}#q-${result.question}`, 303);
      } catch (error) {
        const notice = refusedVote(error, action);
        return sendEvent(request, reply, event, { list, page: 1, notice, status: 409 });
      }
    });
  }

  server.get<Code>('/e/:code/similar', async (request, reply) => {
    const text = (request.query as Record<string, unknown>).text;
    const event = await findEvent(app, request.params.code);
    const similar = await findSimilarQuestions(app, event.code, typeof text === 'string' ? text.toWellFormed() : '', 3);
    const voted = await votedBy(app, event, readVoterToken(app, request));
    return reply.header('cache-control', 'no-store').send({ similar: similar.map((q) => questionJson(q, voted)) });
  });

  server.get<Code>('/api/events/:code', async (request, reply) => {
    const event = await findEvent(app, request.params.code);
    const state = await readEventState(app, event, 'popular', 0);
    const voted = await votedBy(app, event, readVoterToken(app, request));
    return reply
      .header('cache-control', 'no-store')
      .send(eventJson(event, state, app.config.publicUrl, app.now(), app.proofOfWork.enabled, voted));
  });

  server.get<Code>('/api/events/:code/questions', async (request, reply) => {
    const event = await findEvent(app, request.params.code);
    const { list, limit, offset } = readApiListQuery(request.query);
    const state = await readEventState(app, event, list, limit, 'public', offset);
    const voted = await votedBy(app, event, readVoterToken(app, request));
    return reply
      .header('cache-control', 'no-store')
      .send({ list, offset, questions: state.questions.map((q) => questionJson(q, voted)) });
  });

  server.post<Code>('/api/events/:code/questions', { onRequest: requireJson }, async (request, reply) => {
    const event = await findEvent(app, request.params.code);
    const result = await ask(request, reply, event, request.body, ['altcha']);
    reply.header('cache-control', 'no-store');
    if (result.kind === 'similar')
      return reply.send({ status: 'similar', similar: result.similar.map((q) => questionJson(q, new Set())) });
    return reply
      .code(201)
      .send({ status: result.status, question: result.question, url: `${app.config.publicUrl}/e/${event.code}` });
  });

  // The API's votes name the event by its code as given: the actions find it (once), as this is the busiest route.
  server.post<CodeId>('/api/events/:code/questions/:id/vote', { onRequest: requireJson }, async (request, reply) => {
    // An empty body is a vote; `null` or a list is a client's mistake, and is told so.
    const input = new InputReader(request.body === null ? [] : request.body);
    input.ignore('altcha');
    input.done();
    const result = await vote(request, reply, request.params.code, request.params.id, 'vote', true);
    return reply.header('cache-control', 'no-store').send({ ...result, voted: true } satisfies VoteJson);
  });

  server.delete<CodeId>('/api/events/:code/questions/:id/vote', async (request, reply) => {
    const result = await vote(request, reply, request.params.code, request.params.id, 'unvote', true);
    return reply.header('cache-control', 'no-store').send({ ...result, voted: false } satisfies VoteJson);
  });

  /** ask checks the address's asking rate and the proof of work, asks, and gives the browser a voter token if it has none. */
  async function ask(
    request: FastifyRequest,
    reply: FastifyReply,
    event: Event,
    body: unknown,
    ignore: string[],
  ): Promise<AskResult> {
    const altcha = body !== null && typeof body === 'object' ? (body as Record<string, unknown>).altcha : undefined;
    checkAskingRate(app, request, altcha !== undefined);
    if (altcha !== undefined) await app.proofOfWork.verify(altcha);
    const result = await askQuestion(app, event.code, body, ignore);
    // A person who asks will likely vote next: give the token now, while the request carries a proof of work.
    try {
      ensureVoterToken(app, request, reply, altcha !== undefined);
    } catch (error) {
      if (!(error instanceof VecheError && error.code === 'rate-limited')) throw error;
    }
    return result;
  }

  /** vote casts or takes back this browser's vote; the API's vote may carry a proof of work for a new voter token. */
  async function vote(
    request: FastifyRequest,
    reply: FastifyReply,
    code: string,
    id: string,
    action: 'vote' | 'unvote',
    api: boolean,
  ) {
    if (action === 'unvote') {
      const token = readVoterToken(app, request);
      if (!token) {
        await findEvent(app, code);
        throw new VecheError('wrong-state', 'There is no vote of yours on this question to take back.');
      }
      return withdrawVote(app, code, id, token);
    }
    const altcha =
      api && request.body && typeof request.body === 'object'
        ? (request.body as Record<string, unknown>).altcha
        : undefined;
    if (altcha !== undefined && !readVoterToken(app, request)) await app.proofOfWork.verify(altcha);
    return castVote(app, code, id, ensureVoterToken(app, request, reply, altcha !== undefined));
  }

  /** sendEvent renders the event page with one list, and after a form its message or the form as it was sent. */
  async function sendEvent(
    request: FastifyRequest,
    reply: FastifyReply,
    event: Event,
    options: { list: PublicList; page: number; form?: AskForm; notice?: EventNotice; status?: number },
  ): Promise<FastifyReply> {
    const token = readVoterToken(app, request);
    const [state, voted, qr] = await Promise.all([
      readEventState(app, event, options.list, pageSize + 1, 'public', (options.page - 1) * pageSize),
      votedBy(app, event, token),
      qrSvg(`${app.config.publicUrl}/e/${event.code}`),
    ]);
    const more = state.questions.length > pageSize;
    state.questions = state.questions.slice(0, pageSize);
    const ctx = eventContext(app, request, reply, event);
    const page = eventPage(ctx, {
      event,
      now: app.now(),
      list: options.list,
      state,
      voted,
      hasVoter: token !== undefined,
      qr,
      page: options.page,
      more,
      form: options.form,
      notice: options.notice,
    });
    return send(reply, page, options.status ?? 200);
  }
}

/** eventContext is the view context of an event's page; after a form, the language links lead to the event, not the form's URL. */
function eventContext(app: WebApp, request: FastifyRequest, reply: FastifyReply, event: Event): ViewContext {
  const ctx = viewContext(app, request, reply);
  return request.method === 'GET' ? ctx : { ...ctx, path: `/e/${event.code}`, query: '' };
}

function send(reply: FastifyReply, page: Html, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(page.text);
}

function formBody(body: unknown): Record<string, unknown> {
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

/** askErrors turns a refused question into messages by field; too many questions from one address is said above the form. */
function askErrors(error: unknown, ctx: ViewContext): { errors: Record<string, string>; status: number } {
  if (error instanceof VecheError && error.code === 'rate-limited')
    return { errors: { ask: ctx.t('error.rate-limited') }, status: 429 };
  return { errors: formErrors(error, ctx.t), status: 422 };
}

/** refusedVote names the message for a vote the question or this browser's earlier votes refuse; other refusals go on up. */
function refusedVote(error: unknown, action: 'vote' | 'unvote'): EventNotice {
  if (error instanceof VecheError && error.code === 'already-voted') return 'already-voted';
  if (error instanceof VecheError && error.code === 'wrong-state') return action === 'vote' ? 'cannot-vote' : 'no-vote';
  throw error;
}

function queryOf(url: string): string {
  const at = url.indexOf('?');
  return at === -1 ? '' : url.slice(at);
}

/** readVoteForm reads a vote button's form: the form token and the list to go back to. */
function readVoteForm(body: unknown): PublicList {
  const input = new InputReader(body);
  input.ignore('_csrf');
  const list = input.choice('list', publicLists, { fallback: 'popular' })!;
  input.done();
  return list;
}

/** readListQuery reads the event page's query: which list, which page, and whether a question was just asked. */
function readListQuery(query: unknown): { list: PublicList; page: number; asked: 'published' | 'pending' | null } {
  const input = new InputReader(query);
  input.ignore(...Object.keys(formBody(query)));
  const list = input.choice('list', publicLists, { fallback: 'popular' })!;
  const page = input.integer('page', { min: 1, max: 1000 }) ?? 1;
  const asked = input.choice('asked', ['published', 'pending'] as const);
  input.done();
  return { list, page, asked };
}

/** readApiListQuery reads the API's list query: which list, and how many from where. */
function readApiListQuery(query: unknown): { list: PublicList; limit: number; offset: number } {
  const input = new InputReader(query);
  input.ignore('lang');
  const list = input.choice('list', publicLists, { fallback: 'popular' })!;
  const limit = input.integer('limit', { min: 1, max: 200 }) ?? 50;
  const offset = input.integer('offset', { min: 0, max: 1_000_000 }) ?? 0;
  input.done();
  return { list, limit, offset };
}

/** requireJson refuses a body that is not `application/json`: a form or text/plain would let another site post one. */
async function requireJson(request: FastifyRequest): Promise<void> {
  const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') throw new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(type || 'none');
}
