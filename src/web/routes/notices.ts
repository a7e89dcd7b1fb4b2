import type { FastifyInstance } from 'fastify';
import type { WebApp } from '../web-app.ts';
import { viewContext } from '../view-context.ts';
import { noticeFormOf, noticeSettingsPage, unsubscribePage, unsubscribedPage } from '../views/notice-pages.ts';
import { changeNoticeSettings } from '../../actions/change-notice-settings.ts';
import { ownNoticeSettings } from '../../read/own-notice-settings.ts';
import { readUnsubscribeLink } from '../../actions/read-unsubscribe-link.ts';
import { unsubscribe } from '../../actions/unsubscribe.ts';
import { VecheError, invalidInput } from '../../domain/errors.ts';
import { formValues } from '../form-errors.ts';
import { InputReader } from '../../domain/input.ts';
import { noStore } from '../no-store.ts';
import { requireAccount } from './accounts.ts';
import { answerForm, doneOf, sendPage } from './account-replies.ts';

/**
 * noticeRoutes: a signed-in person's choice of emails about their own petitions and events (/admin/notifications),
 * and the link in each of those emails that stops its kind without a login (/unsubscribe/<secret>: a page that asks,
 * and a button that does it, so that a mail scanner opening the link changes nothing).
 */
export function noticeRoutes(server: FastifyInstance, app: WebApp): void {
  const clock = { hour: app.config.summaryHour, zone: app.config.timeZone };

  server.get('/admin/notifications', async (request, reply) => {
    const settings = await ownNoticeSettings(app, requireAccount(request));
    const ctx = viewContext(app, request, reply);
    return sendPage(
      reply,
      noticeSettingsPage(ctx, settings, noticeFormOf(settings), clock, doneOf(request, ['saved']) === 'saved'),
    );
  });
  server.post('/admin/notifications', async (request, reply) => {
    const account = requireAccount(request);
    try {
      await changeNoticeSettings(app, account, request.body, request.lang, ['_csrf']);
      return reply.redirect('/admin/notifications?done=saved', 303);
    } catch (error) {
      const ctx = viewContext(app, request, reply);
      const { errors, status } = answerForm(app, reply, ctx, error, 'password');
      // An address at a mail service that hands mail to the state is not a mistake: the form explains and asks.
      const unsafeProvider = unsafeProviderIn(error);
      if (unsafeProvider) delete errors.email;
      const form = { values: formValues(request.body), errors, unsafeProvider };
      return sendPage(reply, noticeSettingsPage(ctx, await ownNoticeSettings(app, account), form, clock), status);
    }
  });

  server.get<{ Params: { token: string } }>('/unsubscribe/:token', noStore, async (request, reply) => {
    const { kind } = readUnsubscribeLink(app, request.params.token);
    return sendPage(
      reply,
      unsubscribePage(viewContext(app, request, reply), `/unsubscribe/${request.params.token}`, kind),
    );
  });
  // The link's secret is what makes this POST its recipient's: a form token adds nothing, and the one-click
  // unsubscribe of RFC 8058 comes from the mail service's own server, with no cookie, Origin or fetch metadata.
  // RFC 8058 asks mail services to send it as multipart/form-data: here, and only here, such a body is read (as the
  // one field it may hold) rather than refused.
  server.register(async (scope) => {
    scope.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) =>
      done(null, multipartFieldNames(String(body))),
    );
    scope.post<{ Params: { token: string } }>(
      '/unsubscribe/:token',
      { ...noStore, config: { capabilityUrl: true } },
      async (request, reply) => {
        readUnsubscribeForm(request.body);
        await unsubscribe(app, request.params.token);
        return sendPage(reply, unsubscribedPage(viewContext(app, request, reply)));
      },
    );
  });
}

/** readUnsubscribeForm accepts the page's button (a form token at most) or a mail client's one-click (RFC 8058). */
function readUnsubscribeForm(body: unknown): void {
  if (body === null) throw invalidInput([{ field: 'body', problem: 'body-not-object' }]);
  const input = new InputReader(body);
  input.ignore('_csrf', 'List-Unsubscribe');
  input.done();
}

/** unsafeProviderIn returns the mail service an address was refused for, if that is among the problems. */
function unsafeProviderIn(error: unknown): string | null {
  if (!(error instanceof VecheError)) return null;
  const problem = error.fields.find((f) => f.field === 'email' && f.problem === 'unsafe-provider');
  return problem ? String(problem.params?.domain ?? '') || null : null;
}

/**
 * multipartFieldNames reads which fields a small multipart form names (their values do not matter here), so that the
 * form reader refuses any field but the one-click's own, as it would in a url-encoded form.
 */
function multipartFieldNames(body: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of body.matchAll(/^content-disposition:\s*form-data;\s*name="([^"]*)"/gim)) fields[match[1]] = '';
  return fields;
}
