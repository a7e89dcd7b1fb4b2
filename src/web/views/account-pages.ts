import { html, type Html } from './html.ts';
import { layout, errorSummary } from './layout.ts';
import type { ViewContext } from '../view-context.ts';
import type { Petition } from '../../domain/petition.ts';
import { accountField, csrfField, doneNotice, emptyForm, type AccountForm } from './account-form.ts';
import { goalPercent } from '../../domain/goal-percent.ts';

export type { AccountForm } from './account-form.ts';

/** newAccountPage is the form to create an account: the first admin (setup) or an invited member (join). */
export function newAccountPage(
  ctx: ViewContext,
  action: string,
  heading: string,
  lead: string,
  form: AccountForm = emptyForm,
): Html {
  const t = ctx.t;
  return layout(
    ctx,
    heading,
    html`
<h1>${heading}</h1>
<p class="lead">${lead}</p>
${errorSummary(ctx, form.errors)}
<form method="post" action="${action}" novalidate>
  ${csrfField(ctx)}
  ${accountField(ctx, form, 'login', 'text', 'username', { hint: t('account.login-hint') })}
  ${accountField(ctx, form, 'displayName', 'text', 'nickname', { hint: t('account.displayName-hint') })}
  ${accountField(ctx, form, 'password', 'password', 'new-password', { hint: t('account.password-hint') })}
  ${accountField(ctx, form, 'passwordAgain', 'password', 'new-password')}
  <button type="submit">${t('account.create')}</button>
</form>`,
    { noindex: true },
  );
}

/** LoginNotice is a message above the login form: a refusal to try again yet (`alert`) or news (`done`). */
export interface LoginNotice {
  alert?: string;
  done?: string;
}

/** loginPage is the organisers' and moderators' sign-in form. */
export function loginPage(ctx: ViewContext, form: AccountForm = emptyForm, notice: LoginNotice = {}): Html {
  const t = ctx.t;
  return layout(
    ctx,
    t('account.login-title'),
    html`
<h1>${t('account.login-title')}</h1>
<p class="lead">${t('account.login-lead')}</p>
${notice.alert ? html`<div class="error-summary" role="alert"><h2>${t('signin.wait-heading')}</h2><p>${notice.alert}</p></div>` : ''}
${doneNotice(notice.done)}
${errorSummary(ctx, form.errors)}
<form method="post" action="/login" novalidate>
  ${csrfField(ctx)}
  ${accountField(ctx, form, 'login', 'text', 'username')}
  ${accountField(ctx, form, 'password', 'password', 'current-password')}
  <button type="submit">${t('account.login-button')}</button>
</form>
<p class="muted small">${t('signin.forgot')}</p>`,
    { noindex: true },
  );
}

/** passwordPage lets a signed-in person change their password. */
export function passwordPage(ctx: ViewContext, form: AccountForm = emptyForm, done = false): Html {
  const t = ctx.t;
  return layout(
    ctx,
    t('account.password-title'),
    html`
<h1>${t('account.password-title')}</h1>
${doneNotice(done ? t('account.password-changed') : undefined)}
${errorSummary(ctx, form.errors)}
<form method="post" action="/admin/password" novalidate>
  ${csrfField(ctx)}
  ${accountField(ctx, form, 'currentPassword', 'password', 'current-password')}
  ${accountField(ctx, form, 'newPassword', 'password', 'new-password', { hint: t('account.password-hint') })}
  ${accountField(ctx, form, 'newPasswordAgain', 'password', 'new-password')}
  <button type="submit">${t('account.password-button')}</button>
</form>
<p><a href="/admin">${t('security.back-to-dashboard')}</a></p>`,
    { noindex: true },
  );
}

/** HomeOptions say what the start page offers besides petitions. */
export interface HomeOptions {
  admin: boolean;
  outbox: boolean;
  secondFactor: boolean;
  done?: string;
}

/** adminHome is the signed-in person's start page: their petitions, their account's safety and, for admins, people. */
export function adminHome(
  ctx: ViewContext,
  petitions: Petition[],
  options: HomeOptions,
  counts: ReadonlyMap<number, number> = new Map(),
): Html {
  const t = ctx.t;
  const role = ctx.account?.role;
  return layout(
    ctx,
    t('admin.title'),
    html`
${doneNotice(options.done)}
<h1>${t('admin.title')}</h1>
${options.secondFactor ? '' : html`<div class="notice" role="note"><p>${t('security.nudge')}</p><p><a href="/admin/two-step">${t('security.nudge-link')}</a></p></div>`}
<p><a href="/organiser/events">${t('organiserEvent.nav-link')}</a></p>
${
  role !== 'moderator'
    ? html`<p><a class="button" href="/admin/petitions/new">${t('admin.new-petition')}</a></p>
<h2>${t('admin.petitions')}</h2>
${petitions.length === 0 ? html`<p class="muted">${t('admin.no-petitions')}</p>` : petitionCards(ctx, petitions, counts)}`
    : ''
}
${
  options.admin
    ? html`<h2>${t('admin.people')}</h2>
<ul class="link-list">
  <li><a href="/admin/people">${t('people.nav-link')}</a></li>
  <li><a href="/admin/site">${t('siteSettings.nav-link')}</a></li>
  ${options.outbox ? html`<li><a href="/admin/outbox">${t('admin.outbox')}</a></li>` : ''}
</ul>`
    : ''
}
<h2>${t('security.your-account')}</h2>
<ul class="link-list">
  <li><a href="/admin/two-step">${t('security.title')}</a> <span class="badge ${options.secondFactor ? '' : 'draft'}">${t(options.secondFactor ? 'security.badge-on' : 'security.badge-off')}</span></li>
  <li><a href="/admin/sessions">${t('sessions.title')}</a></li>
  <li><a href="/admin/notifications">${t('notices.nav-link')}</a></li>
  <li><a href="/admin/password">${t('account.password-title')}</a></li>
</ul>`,
    { noindex: true, wide: true, styles: ['/assets/account.css'] },
  );
}

/** petitionCards lists an organiser's petitions with what they come to look at: the count, the goal, the dates. */
function petitionCards(ctx: ViewContext, petitions: Petition[], counts: ReadonlyMap<number, number>): Html {
  const t = ctx.t;
  const number = new Intl.NumberFormat(ctx.lang);
  return html`<ul class="card-list petition-cards">${petitions.map((p) => {
    const signatures = counts.get(Number(p.id)) ?? 0;
    const percent = p.goal ? goalPercent(signatures, Number(p.goal)) : null;
    const when =
      p.status === 'draft'
        ? t('admin.petition-draft')
        : p.status === 'closed'
          ? t('petition.closed-on', { date: new Date(Number(p.closedAt ?? p.updatedAt)) })
          : p.deadline
            ? t('petition.deadline', { date: new Date(Number(p.deadline)) })
            : t('organiser.no-deadline');
    return html`<li>
  <h3><a href="/admin/petitions/${p.publicId}" lang="${p.language}">${p.title}</a> <span class="badge ${p.status}">${t(`status.${p.status}`)}</span></h3>
  ${
    p.status === 'draft'
      ? ''
      : html`<p><strong>${number.format(signatures)}</strong> ${t('home.signatures-word', { count: signatures })}${p.goal ? html` <span class="muted">${t('home.of-goal', { goal: Number(p.goal) })}</span>` : ''}</p>
  ${p.goal ? html`<progress class="goal" max="${Number(p.goal)}" value="${Math.min(signatures, Number(p.goal))}" aria-label="${t('petition.goal-progress', { goal: Number(p.goal), percent: percent ?? 0 })}">${number.format(percent ?? 0)}%</progress>` : ''}`
  }
  <p class="small muted">${when}</p>
</li>`;
  })}</ul>`;
}
