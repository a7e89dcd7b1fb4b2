import type { FastifyInstance, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import type { WebApp } from '../web-app.ts';
import { viewContext, type ViewContext } from '../view-context.ts';
import {
  enrolPage,
  recoveryCodesPage,
  secondFactorPage,
  turnOffPage,
  type EnrolView,
} from '../views/second-factor-pages.ts';
import { escapeHtml } from '../views/html.ts';
import { enrolmentHolder } from '../../actions/enrolment-holder.ts';
import { prepareEnrolment, type Enrolment } from '../../actions/prepare-enrolment.ts';
import { enrolSecondFactor } from '../../actions/enrol-second-factor.ts';
import { remakeRecoveryCodes } from '../../actions/remake-recovery-codes.ts';
import { secondFactorStatus } from '../../read/second-factor-status.ts';
import { turnOffSecondFactor } from '../../actions/turn-off-second-factor.ts';
import { formValues } from '../form-errors.ts';
import { cookieNames } from '../security.ts';
import { requireAccount } from './accounts.ts';
import { answerForm, doneOf, sendPage } from './account-replies.ts';

const notices = ['recovery-used'] as const;

/**
 * enrolmentQr draws the set-up QR code on the server, as SVG in the page: no script and nothing from elsewhere, as
 * the Content-Security-Policy wants. The QR code carries the secret, so it is made per request and never cached.
 */
export async function enrolmentQr(
  app: WebApp,
  ctx: ViewContext,
  enrolment: Enrolment,
  action: string,
  atLogIn: boolean,
): Promise<EnrolView> {
  const svg = (await QRCode.toString(enrolment.uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' })).replace(
    '<svg ',
    `<svg role="img" aria-label="${escapeHtml(ctx.t('enrol.qr-label'))}" `,
  );
  return { secret: enrolment.secret, issuer: new URL(app.config.publicUrl).host, qrSvg: svg, action, atLogIn };
}

/** secondFactorRoutes: a signed-in person's two-step sign-in: set it up, make new recovery codes, turn it off. */
export function secondFactorRoutes(server: FastifyInstance, app: WebApp): void {
  const holder = (request: FastifyRequest) =>
    enrolmentHolder('session', request.cookies[cookieNames(app.https).session] ?? '');
  server.get('/admin/two-step', async (request, reply) => {
    const account = requireAccount(request);
    const ctx = viewContext(app, request, reply);
    const status = await secondFactorStatus(app, account);
    if (!status.enabled)
      return sendPage(
        reply,
        enrolPage(
          ctx,
          await enrolmentQr(
            app,
            ctx,
            await prepareEnrolment(app, account.id, holder(request)),
            '/admin/two-step/enrol',
            false,
          ),
        ),
      );
    const done = doneOf(request, notices);
    const notice =
      done === 'recovery-used' ? ctx.t('security.recovery-used', { count: status.recoveryCodesLeft }) : undefined;
    return sendPage(reply, secondFactorPage(ctx, status, undefined, notice));
  });

  server.post('/admin/two-step/enrol', async (request, reply) => {
    const account = requireAccount(request);
    try {
      const codes = await enrolSecondFactor(app, account.id, request.body, ['_csrf'], {
        password: true,
        holder: holder(request),
      });
      return sendPage(reply, recoveryCodesPage(viewContext(app, request, reply), codes, true));
    } catch (error) {
      const ctx = viewContext(app, request, reply);
      const { errors, status } = answerForm(app, reply, ctx, error, 'password');
      const view = await enrolmentQr(
        app,
        ctx,
        await prepareEnrolment(app, account.id, holder(request)),
        '/admin/two-step/enrol',
        false,
      );
      return sendPage(reply, enrolPage(ctx, view, { values: formValues(request.body), errors }), status);
    }
  });

  server.post('/admin/two-step/recovery-codes', async (request, reply) => {
    const account = requireAccount(request);
    try {
      const codes = await remakeRecoveryCodes(app, account, request.body, ['_csrf']);
      return sendPage(reply, recoveryCodesPage(viewContext(app, request, reply), codes, false));
    } catch (error) {
      const ctx = viewContext(app, request, reply);
      const { errors, status } = answerForm(app, reply, ctx, error, 'password');
      return sendPage(
        reply,
        secondFactorPage(ctx, await secondFactorStatus(app, account), { values: {}, errors }),
        status,
      );
    }
  });

  server.get('/admin/two-step/off', async (request, reply) => {
    requireAccount(request);
    return sendPage(reply, turnOffPage(viewContext(app, request, reply)));
  });
  server.post('/admin/two-step/off', async (request, reply) => {
    const account = requireAccount(request);
    try {
      await turnOffSecondFactor(app, account, request.body, ['_csrf']);
      return reply.redirect('/admin?done=two-step-off', 303);
    } catch (error) {
      const ctx = viewContext(app, request, reply);
      const { errors, status } = answerForm(app, reply, ctx, error, 'code');
      return sendPage(reply, turnOffPage(ctx, { values: formValues(request.body), errors }), status);
    }
  });

  // A page shown in answer to a form has no address of its own: asked for again (a reload, a language link), it is the form's page.
  for (const path of ['/admin/two-step/enrol', '/admin/two-step/recovery-codes'])
    server.get(path, async (_request, reply) => reply.redirect('/admin/two-step', 303));
}
