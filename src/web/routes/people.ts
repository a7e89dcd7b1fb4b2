import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WebApp } from '../web-app.ts';
import { viewContext, type ViewContext } from '../view-context.ts';
import { confirmPage, peoplePage, personPage, resetLinkPage } from '../views/people-pages.ts';
import { findOpenInvitation } from '../../actions/find-open-invitation.ts';
import { disableAccount } from '../../actions/disable-account.ts';
import { enableAccount } from '../../actions/enable-account.ts';
import { inviteWithPassword } from '../../actions/invite-with-password.ts';
import { peopleOverview } from '../../read/people-overview.ts';
import { personOverview } from '../../read/person-overview.ts';
import { requireAdmin } from '../../actions/require-admin.ts';
import { requireSecondFactor } from '../../actions/require-second-factor.ts';
import { resetSecondFactorOf } from '../../actions/reset-second-factor-of.ts';
import { revokeInvitation } from '../../actions/revoke-invitation.ts';
import { issuePasswordReset } from '../../actions/issue-password-reset.ts';
import type { Actor } from '../../actions/context.ts';
import { VecheError } from '../../domain/errors.ts';
import { readButtonForm } from '../form-errors.ts';
import { requireAccount } from './accounts.ts';
import { answerForm, doneOf, numericId, sendPage } from './account-replies.ts';

const peopleNotices = ['revoked', 'rule-on', 'rule-off'] as const;
const personNotices = ['disabled', 'enabled', 'two-step-reset'] as const;

/** PersonAction is an admin's action on another account that asks for the admin's password on a page of its own. */
type PersonAction = 'disable' | 'enable' | 'reset-two-step' | 'reset-link';

/**
 * peopleRoutes: the admin's console of people. Invitations are made, listed and revoked; each account can be switched
 * off and on, given a one-time password reset link, or have its second factor reset; and two-step sign-in can be
 * required of everyone. Each action that takes something away is a page of its own asking for the admin's password.
 */
export function peopleRoutes(server: FastifyInstance, app: WebApp): void {
  const admin = (request: FastifyRequest): Actor => {
    const account = requireAccount(request);
    requireAdmin(account);
    return account;
  };

  server.get('/admin/people', async (request, reply) => {
    const ctx = viewContext(app, request, reply);
    const done = doneOf(request, peopleNotices);
    return sendPage(
      reply,
      peoplePage(ctx, await peopleOverview(app, admin(request)), null, {}, done && ctx.t(`people.done-${done}`)),
    );
  });
  server.post('/admin/invitations', async (request, reply) => {
    const actor = admin(request);
    const ctx = viewContext(app, request, reply);
    try {
      const token = await inviteWithPassword(app, actor, request.body, ['_csrf']);
      const invitation = await findOpenInvitation(app, token);
      const made = {
        link: `${app.config.publicUrl}/join/${token}`,
        role: invitation.role,
        expiresAt: Number(invitation.expiresAt),
      };
      return sendPage(reply, peoplePage(ctx, await peopleOverview(app, actor), made));
    } catch (error) {
      const { errors, status } = answerForm(app, reply, ctx, error, 'password');
      return sendPage(reply, peoplePage(ctx, await peopleOverview(app, actor), null, errors), status);
    }
  });
  server.get('/admin/invitations', async (_request, reply) => reply.redirect('/admin/people', 303));
  server.post<{ Params: { id: string } }>('/admin/invitations/:id/revoke', async (request, reply) => {
    const actor = admin(request);
    readButtonForm(request.body);
    await revokeInvitation(app, actor, numericId(request.params.id));
    return reply.redirect('/admin/people?done=revoked', 303);
  });

  server.get<{ Params: { id: string } }>('/admin/people/:id', async (request, reply) => {
    const overview = await personOverview(app, admin(request), numericId(request.params.id));
    const ctx = viewContext(app, request, reply);
    const done = doneOf(request, personNotices);
    return sendPage(reply, personPage(ctx, overview, done && ctx.t(`people.done-${done}`)));
  });
  const confirmation = async (
    ctx: ViewContext,
    actor: Actor,
    id: number,
    action: PersonAction,
    errors: Record<string, string> = {},
  ) => {
    const { person, self } = await personOverview(app, actor, id);
    if (self) throw new VecheError('forbidden', 'Use your own account pages for your own account.');
    const t = ctx.t;
    const login = person.login;
    return confirmPage(ctx, {
      title: t(`people.${action}-title`, { login }),
      action: `/admin/people/${id}/${action}`,
      button: t(`people.${action}-button`, { login }),
      consequences: [1, 2, 3].map((n) => t(`people.${action}-${n}`, { login })),
      cancel: `/admin/people/${id}`,
      errors,
    });
  };
  const perform = async (
    action: PersonAction,
    actor: Actor,
    id: number,
    request: FastifyRequest,
    reply: FastifyReply,
  ) => {
    if (action === 'disable') {
      await disableAccount(app, actor, id, request.body, ['_csrf']);
      return reply.redirect(`/admin/people/${id}?done=disabled`, 303);
    }
    if (action === 'enable') {
      await enableAccount(app, actor, id, request.body, ['_csrf']);
      return reply.redirect(`/admin/people/${id}?done=enabled`, 303);
    }
    if (action === 'reset-two-step') {
      await resetSecondFactorOf(app, actor, id, request.body, ['_csrf']);
      return reply.redirect(`/admin/people/${id}?done=two-step-reset`, 303);
    }
    const made = await issuePasswordReset(app, actor, id, request.body, ['_csrf']);
    return sendPage(
      reply,
      resetLinkPage(
        viewContext(app, request, reply),
        `${app.config.publicUrl}/reset/${made.token}`,
        made.login,
        made.expiresAt,
        id,
      ),
    );
  };
  for (const action of ['disable', 'enable', 'reset-two-step', 'reset-link'] as const) {
    server.get<{ Params: { id: string } }>(`/admin/people/:id/${action}`, async (request, reply) => {
      const actor = admin(request);
      return sendPage(
        reply,
        await confirmation(viewContext(app, request, reply), actor, numericId(request.params.id), action),
      );
    });
    server.post<{ Params: { id: string } }>(`/admin/people/:id/${action}`, async (request, reply) => {
      const actor = admin(request);
      const id = numericId(request.params.id);
      try {
        return await perform(action, actor, id, request, reply);
      } catch (error) {
        const ctx = viewContext(app, request, reply);
        const { errors, status } = answerForm(app, reply, ctx, error, 'password');
        return sendPage(reply, await confirmation(ctx, actor, id, action, errors), status);
      }
    });
  }

  for (const to of ['on', 'off'] as const) {
    const page = (ctx: ViewContext, errors: Record<string, string> = {}) =>
      confirmPage(ctx, {
        title: ctx.t(`people.rule-${to}-title`),
        action: `/admin/people/two-step-rule/${to}`,
        button: ctx.t(`people.rule-${to}-button`),
        consequences: [1, 2].map((n) => ctx.t(`people.rule-${to}-${n}`)),
        cancel: '/admin/people',
        errors,
      });
    server.get(`/admin/people/two-step-rule/${to}`, async (request, reply) => {
      admin(request);
      return sendPage(reply, page(viewContext(app, request, reply)));
    });
    server.post(`/admin/people/two-step-rule/${to}`, async (request, reply) => {
      const actor = admin(request);
      try {
        await requireSecondFactor(app, actor, to === 'on', request.body, ['_csrf']);
        return reply.redirect(`/admin/people?done=rule-${to}`, 303);
      } catch (error) {
        const ctx = viewContext(app, request, reply);
        const { errors, status } = answerForm(app, reply, ctx, error, 'password');
        return sendPage(reply, page(ctx, errors), status);
      }
    });
  }
}
