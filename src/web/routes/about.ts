import type { FastifyInstance } from 'fastify';
import type { WebApp } from '../web-app.ts';
import { viewContext } from '../view-context.ts';
import { aboutPage } from '../views/about-page.ts';
import { siteFormOf, siteSettingsPage } from '../views/site-settings-page.ts';
import { describeOperator } from '../../actions/describe-operator.ts';
import { operatorNote, operatorNoteForAdmin } from '../../read/operator-note.ts';
import { formValues } from '../form-errors.ts';
import { requireAccount } from './accounts.ts';
import { answerForm, doneOf, sendPage } from './account-replies.ts';
import type { OperatorNote } from '../../domain/operator-note.ts';

/** aboutRoutes serve /about (what the site is for, how it works, who runs it) and the admin's page that says who. */
export function aboutRoutes(server: FastifyInstance, app: WebApp): void {
  // Read at most once a second, not once per visitor; a change made on this node shows at once.
  let kept: { at: number; note: Promise<OperatorNote | null> } | null = null;
  const note = () => {
    const now = Date.now();
    if (kept && now - kept.at < 1000 && now >= kept.at) return kept.note;
    const reading = operatorNote(app);
    kept = { at: now, note: reading };
    reading.catch(() => {
      if (kept?.note === reading) kept = null;
    });
    return reading;
  };

  server.get('/about', async (request, reply) => {
    return reply.type('text/html; charset=utf-8').send(aboutPage(viewContext(app, request, reply), await note()).text);
  });

  server.get('/admin/site', async (request, reply) => {
    const form = siteFormOf(await operatorNoteForAdmin(app, requireAccount(request)));
    return sendPage(
      reply,
      siteSettingsPage(viewContext(app, request, reply), form, doneOf(request, ['saved']) === 'saved'),
    );
  });
  server.post('/admin/site', async (request, reply) => {
    const account = requireAccount(request);
    try {
      await describeOperator(app, account, request.body, ['_csrf']);
      kept = null;
      return reply.redirect('/admin/site?done=saved', 303);
    } catch (error) {
      const ctx = viewContext(app, request, reply);
      const { errors, status } = answerForm(app, reply, ctx, error, 'password');
      return sendPage(reply, siteSettingsPage(ctx, { values: formValues(request.body), errors }), status);
    }
  });
}
