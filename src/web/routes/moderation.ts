import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WebApp } from '../web-app.ts';
import { viewContext, type ViewContext } from '../view-context.ts';
import { requireAccount } from './accounts.ts';
import { VecheError } from '../../domain/errors.ts';
import { InputReader } from '../../domain/input.ts';
import { statusOf, fieldMessage, problemOf } from '../problem.ts';
import { loadModeratedEvent } from '../../actions/load-moderated-event.ts';
import { mergeQuestions } from '../../actions/merge-questions.ts';
import { moderateQuestion, moderationActions, type ModerationAction } from '../../actions/moderate-question.ts';
import { readEventState, readGroups } from '../../read/event-state.ts';
import { readQuestion } from '../../read/organiser-lists.ts';
import type { Event } from '../../domain/event.ts';
import {
  consoleFragment,
  consoleListLimit,
  moderationConsolePage,
  type ConsoleNotice,
  type ConsoleState,
} from '../views/moderation-console.ts';
import { consoleLists, type ConsoleList } from '../views/moderation-question.ts';

type Code = { Params: { code: string } };
type Acting = { Params: { code: string; id: string; action: string } };

/** Moved is what a moderator's POST did, told back to the console (after the redirect, or to moderate.js as JSON). */
interface Moved {
  list: ConsoleList;
  at: string;
  done: string;
}

/**
 * moderationRoutes serve the moderator console at /moderate/:code (for the event's organiser, an admin, or one of its
 * moderators), its live fragment for moderate.js, and one POST per decision. Each POST answers 303 back to the console
 * at the same place, or JSON when moderate.js sent it; a refusal re-renders the console with what went wrong (4xx).
 */
export function moderationRoutes(server: FastifyInstance, app: WebApp): void {
  const send = (reply: FastifyReply, text: string, status = 200) =>
    reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(text);

  server.get<Code>('/moderate/:code', async (request, reply) => {
    const event = await loadModeratedEvent(app, requireAccount(request), request.params.code);
    if (event.code !== request.params.code) return reply.redirect(`/moderate/${event.code}`, 301);
    const ctx = viewContext(app, request, reply);
    return send(
      reply,
      moderationConsolePage(ctx, await loadConsole(app, request, event), doneNotice(ctx, request)).text,
    );
  });

  server.get<Code>('/moderate/:code/fragment', async (request, reply) => {
    const event = await loadModeratedEvent(app, requireAccount(request), request.params.code);
    return send(reply, consoleFragment(viewContext(app, request, reply), await loadConsole(app, request, event)).text);
  });

  server.post<Acting>('/moderate/:code/questions/:id/:action', async (request, reply) => {
    const account = requireAccount(request);
    // Whose event it is comes first: a moderator of another event gets 403 whatever the form holds.
    const event = await loadModeratedEvent(app, account, request.params.code);
    const action = request.params.action as ModerationAction;
    if (!moderationActions.includes(action)) throw new VecheError('not-found', 'No such moderation action.');
    const form = readForm(request.body, action === 'hide' ? ['reason'] : []);
    try {
      await moderateQuestion(app, account, event.code, request.params.id, action, form.fields.reason ?? null);
      const done = action === 'hide' ? `hide-${form.fields.reason}` : action;
      return moved(request, reply, event, { list: form.list, at: form.at, done });
    } catch (error) {
      return refused(
        request,
        reply,
        event,
        form.list,
        error,
        await failureMessage(app, viewContext(app, request, reply), event, error, action, request.params.id),
      );
    }
  });

  server.post<Code>('/moderate/:code/merge', async (request, reply) => {
    const account = requireAccount(request);
    const event = await loadModeratedEvent(app, account, request.params.code);
    const form = readForm(request.body, ['into'], ['from']);
    const into = form.fields.into ?? '';
    let merged = 0;
    try {
      const from = form.from.filter((id) => id !== into);
      if (!into)
        throw new VecheError('invalid-input', 'Choose the question to merge into.', [
          { field: 'into', problem: 'required' },
        ]);
      if (from.length === 0) {
        throw new VecheError('invalid-input', 'Choose the questions to merge.', [
          { field: 'from', problem: form.from.length > 0 ? 'same-question' : 'required' },
        ]);
      }
      // One merge per question, each its own transaction: a refusal halfway leaves the earlier merges done, and says so.
      for (const id of from) {
        await mergeQuestions(app, account, event.code, id, into);
        merged++;
      }
      return moved(request, reply, event, { list: form.list, at: form.at, done: 'merge' });
    } catch (error) {
      const ctx = viewContext(app, request, reply);
      let text = await failureMessage(app, ctx, event, error, 'merge', into);
      if (merged > 0) text = `${ctx.t('moderation.merged-some', { count: merged })} ${text}`;
      return refused(request, reply, event, form.list, error, text);
    }
  });

  /** moved answers a decision taken: 303 back to the console where it was, or JSON for moderate.js. */
  const moved = (request: FastifyRequest, reply: FastifyReply, event: Event, m: Moved) => {
    if (wantsJson(request)) {
      const t = viewContext(app, request, reply).t;
      return reply.header('cache-control', 'no-store').send({ ok: true, message: doneText(t, m.done) });
    }
    return reply.redirect(`/moderate/${event.code}?list=${m.list}&done=${m.done}#${m.at}`, 303);
  };

  /** refused answers a decision that was not taken: the console again with the reason (HTML), or problem+json. */
  const refused = async (
    request: FastifyRequest,
    reply: FastifyReply,
    event: Event,
    list: ConsoleList,
    error: unknown,
    text: string,
  ) => {
    const { code, fields } = error as VecheError;
    const status = statusOf[code];
    const ctx = viewContext(app, request, reply);
    if (wantsJson(request)) {
      return reply
        .code(status)
        .type('application/problem+json; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(problemOf(code, status, ctx.t, text, fields));
    }
    const state = await loadConsole(app, request, event, list);
    return send(reply, moderationConsolePage(ctx, state, { kind: 'bad', text }).text, status);
  };
}

/** wantsJson tells a request from moderate.js (which asks for JSON) from a plain form POST. */
function wantsJson(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').startsWith('application/json');
}

/** readForm reads a decision's form: the list and anchor to return to, the named text fields, and repeated id fields. */
function readForm(body: unknown, texts: string[], lists: string[] = []) {
  const input = new InputReader(body);
  input.ignore('_csrf');
  const list = input.choice('list', consoleLists, { fallback: 'popular' }) ?? 'popular';
  const at = input.text('at', { max: 60 }) ?? 'list';
  const fields: Record<string, string | undefined> = {};
  for (const name of texts) fields[name] = input.text(name, { max: 60 }) ?? undefined;
  const from: string[] = [];
  for (const name of lists) {
    const raw = (body as Record<string, unknown> | undefined)?.[name];
    input.ignore(name);
    for (const value of Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) {
      if (typeof value === 'string' && /^q[1-9A-HJ-NP-Za-km-z]{1,39}$/.test(value) && from.length < 100)
        from.push(value);
      else input.add(name, 'not-a-choice');
    }
  }
  input.done();
  return { list, at: /^[A-Za-z0-9_-]{1,60}$/.test(at) ? at : 'list', fields, from };
}

/** loadConsole reads the console's state: counters, the question being answered, the queue, one list, the groups. */
async function loadConsole(
  app: WebApp,
  request: FastifyRequest,
  event: Event,
  chosen?: ConsoleList,
): Promise<ConsoleState> {
  const asked = (request.query as Record<string, unknown>).list;
  const list = chosen ?? (consoleLists.includes(asked as ConsoleList) ? (asked as ConsoleList) : 'popular');
  const [state, pending, groups] = await Promise.all([
    readEventState(app, event, list, consoleListLimit, 'moderator'),
    readEventState(app, event, 'pending', consoleListLimit, 'moderator'),
    readGroups(app, event),
  ]);
  const account = request.account!;
  const organiser = account.role === 'admin' || Number(event.ownerId) === account.id;
  return {
    event,
    counts: state.counts,
    pinned: state.pinned,
    pending: pending.questions,
    list,
    questions: state.questions,
    groups,
    organiser,
  };
}

/** doneText says what a decision did, for the notice after it. */
function doneText(t: ViewContext['t'], done: string): string {
  if (done.startsWith('hide-')) return t('moderation.done-hide', { reason: t(`moderation.reason-${done.slice(5)}`) });
  return t(`moderation.done-${done}`);
}

/** doneNotice shows the notice of the decision just taken (`?done=`), if it names one. */
function doneNotice(ctx: ViewContext, request: FastifyRequest): ConsoleNotice {
  const done = (request.query as Record<string, unknown>).done;
  if (typeof done !== 'string') return null;
  const known = /^(approve|restore|pin|unpin|answer|merge|hide-(spam|abuse|personal-data|duplicate|off-topic))$/.test(
    done,
  );
  return known ? { kind: 'good', text: doneText(ctx.t, done) } : null;
}

/**
 * failureMessage says in the moderator's language why a decision was refused: the question's state now, an unknown
 * question, a missing reason. Errors a moderator cannot fix from the console (403, a busy log) go on to the error page.
 */
async function failureMessage(
  app: WebApp,
  ctx: ViewContext,
  event: Event,
  error: unknown,
  action: ModerationAction | 'merge',
  questionId: string,
): Promise<string> {
  const t = ctx.t;
  if (!(error instanceof VecheError)) throw error;
  switch (error.code) {
    case 'invalid-input':
      return error.fields
        .map((f) => {
          if (f.field === 'reason') return t('moderation.error-reason');
          if (f.problem === 'same-question') return t('moderation.error-same-question');
          if (f.field === 'into' && f.problem === 'required') return t('moderation.error-choose-into');
          if (f.field === 'from' && f.problem === 'required') return t('moderation.error-choose-from');
          return `${f.field}: ${fieldMessage(f, t)}`;
        })
        .join(' ');
    case 'not-found':
      if (action === 'merge') return t('moderation.error-merge-missing');
      return t('moderation.error-no-question', { id: questionId.slice(0, 40) });
    case 'wrong-state': {
      const question = await readQuestion(app, event, questionId);
      if (action === 'pin' && question && (question.status === 'published' || question.status === 'answered'))
        return t('moderation.error-pinned-already');
      if (action === 'unpin') return t('moderation.error-not-pinned');
      if (action === 'merge') return t('moderation.error-merge-state');
      return t('moderation.error-wrong-state', { status: question ? t(`moderation.status-${question.status}`) : '?' });
    }
    case 'conflict':
      return t('error.conflict');
    default:
      throw error;
  }
}
