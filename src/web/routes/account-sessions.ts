import type { FastifyInstance } from 'fastify';
import type { WebApp } from '../web-app.ts';
import { viewContext } from '../view-context.ts';
import { sessionsPage } from '../views/session-pages.ts';
import { endEverySession } from '../../actions/end-every-session.ts';
import { endOtherSessions } from '../../actions/end-other-sessions.ts';
import { endOwnSession } from '../../actions/end-own-session.ts';
import { listOwnSessions } from '../../read/list-own-sessions.ts';
import { readButtonForm } from '../form-errors.ts';
import { cookieNames } from '../security.ts';
import { requireAccount } from './accounts.ts';
import { doneOf, sendPage } from './account-replies.ts';

const notices = ['ended-one', 'ended-others'] as const;

/** accountSessionRoutes: where a person is logged in, and logging out of one session, the others, or all. */
export function accountSessionRoutes(server: FastifyInstance, app: WebApp): void {
  const names = cookieNames(app.https);
  const token = (request: { cookies: Record<string, string | undefined> }) => request.cookies[names.session] ?? '';

  server.get('/admin/sessions', async (request, reply) => {
    const account = requireAccount(request);
    const ctx = viewContext(app, request, reply);
    const done = doneOf(request, notices);
    return sendPage(
      reply,
      sessionsPage(ctx, await listOwnSessions(app, account, token(request)), done && ctx.t(`sessions.done-${done}`)),
    );
  });
  server.post<{ Params: { id: string } }>('/admin/sessions/:id/end', async (request, reply) => {
    const account = requireAccount(request);
    readButtonForm(request.body);
    const ended = await endOwnSession(app, account, token(request), request.params.id);
    if (!ended.current) return reply.redirect('/admin/sessions?done=ended-one', 303);
    reply.clearCookie(names.session, { path: '/' });
    return reply.redirect('/login', 303);
  });
  server.post('/admin/sessions/end-others', async (request, reply) => {
    const account = requireAccount(request);
    readButtonForm(request.body);
    await endOtherSessions(app, account, token(request));
    return reply.redirect('/admin/sessions?done=ended-others', 303);
  });
  server.post('/admin/sessions/end-all', async (request, reply) => {
    const account = requireAccount(request);
    readButtonForm(request.body);
    await endEverySession(app, account);
    reply.clearCookie(names.session, { path: '/' });
    return reply.redirect('/login?done=everywhere', 303);
  });
}
