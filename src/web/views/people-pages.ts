import { html, type Html } from './html.ts';
import { layout, errorSummary, fieldError } from './layout.ts';
import type { ViewContext } from '../view-context.ts';
import { csrfField, dateTime, doneNotice } from './account-form.ts';
import type { PeopleOverview } from '../../read/people-overview.ts';
import type { PersonOverview } from '../../read/person-overview.ts';

const styles = ['/assets/account.css'];

/** MadeInvitation is an invitation just made, restated beside its link. */
export interface MadeInvitation {
  link: string;
  role: string;
  expiresAt: number;
}

/** peoplePage is the admin's console of people: invite, open invitations, accounts, and the two-step rule. */
export function peoplePage(
  ctx: ViewContext,
  overview: PeopleOverview,
  made: MadeInvitation | null = null,
  errors: Record<string, string> = {},
  done?: string,
): Html {
  const t = ctx.t;
  return layout(
    ctx,
    t('people.title'),
    html`
${doneNotice(done)}
<h1>${t('people.title')}</h1>
<h2>${t('people.invite-title')}</h2>
${
  made
    ? html`<div class="notice good" role="status">
  <p><strong>${t('people.invitation-role', { role: t(`role.${made.role}`) })}</strong></p>
  <p>${t('people.invitation-send', { date: dateTime(ctx, made.expiresAt) })}</p>
  <p class="secret">${made.link}</p>
</div>`
    : ''
}
${errorSummary(ctx, errors)}
<form method="post" action="/admin/invitations" class="actions">
  ${csrfField(ctx)}
  <label for="role">${t('admin.invite-role')}</label>
  <select id="role" name="role" aria-describedby="${errors.role ? 'role-error' : undefined}">
    <option value="organiser">${t('role.organiser')}</option>
    <option value="moderator">${t('role.moderator')}</option>
    <option value="admin">${t('role.admin')}</option>
  </select>
  ${fieldError('role', errors.role)}
  <div class="${errors.password ? 'has-error' : ''}">
    <label for="invite-password">${t('people.invite-password')}</label>
    <p class="hint" id="invite-password-hint">${t('people.invite-password-hint')}</p>
    <input id="invite-password" name="password" type="password" autocomplete="current-password" maxlength="200" aria-describedby="${errors.password ? 'invite-password-hint password-error' : 'invite-password-hint'}">
    ${fieldError('password', errors.password)}
  </div>
  <button type="submit">${t('admin.invite-button')}</button>
</form>
<h2>${t('people.pending-title')}</h2>
${
  overview.invitations.length === 0
    ? html`<p class="muted">${t('people.no-pending')}</p>`
    : html`<ul class="card-list">${overview.invitations.map(
        (i) => html`<li>
  <h3>${t('people.invitation-for', { role: t(`role.${i.role}`) })}</h3>
  <dl class="facts">
    <dt>${t('people.col-made-by')}</dt><dd>${i.createdByName ?? '—'}</dd>
    <dt>${t('people.col-expires')}</dt><dd>${dateTime(ctx, i.expiresAt)}</dd>
  </dl>
  <form method="post" action="/admin/invitations/${i.id}/revoke">${csrfField(ctx)}<button type="submit" class="secondary small-button">${t('people.revoke')}</button></form>
</li>`,
      )}</ul>`
}
<h2>${t('people.accounts-title')}</h2>
<ul class="card-list">${overview.people.map(
      (p) => html`<li>
  <h3><a href="/admin/people/${p.id}">${p.displayName}</a> <span class="muted">(${p.login})</span></h3>
  <dl class="facts">
    <dt>${t('admin.col-role')}</dt><dd>${t(`role.${p.role}`)}</dd>
    <dt>${t('people.col-two-step')}</dt><dd>${t(p.totpEnabledAt !== null ? 'security.badge-on' : 'security.badge-off')}</dd>
    <dt>${t('people.col-state')}</dt><dd>${p.disabledAt !== null ? html`<span class="badge closed">${t('people.disabled')}</span>` : t('people.enabled')}</dd>
  </dl>
</li>`,
    )}</ul>
<h2>${t('people.rule-title')}</h2>
${
  overview.required
    ? html`<p>${t('people.rule-on')}</p><p><a href="/admin/people/two-step-rule/off">${t('people.rule-stop')}</a></p>`
    : html`<p>${t('people.rule-off')}</p>${
        overview.adminHasSecondFactor
          ? html`<p><a href="/admin/people/two-step-rule/on">${t('people.rule-start')}</a></p>`
          : html`<p class="muted">${t('people.rule-needs-yours')} <a href="/admin/two-step">${t('security.nudge-link')}</a></p>`
      }`
}
<p><a href="/admin">${t('security.back-to-dashboard')}</a></p>`,
    { noindex: true, styles },
  );
}

/** personPage shows one account to the admin, with what may be done to it. */
export function personPage(ctx: ViewContext, overview: PersonOverview, done?: string): Html {
  const t = ctx.t;
  const p = overview.person;
  const base = `/admin/people/${p.id}`;
  return layout(
    ctx,
    p.login,
    html`
${doneNotice(done)}
<h1>${p.displayName} <span class="muted">(${p.login})</span></h1>
<dl class="facts">
  <dt>${t('admin.col-role')}</dt><dd>${t(`role.${p.role}`)}</dd>
  <dt>${t('people.col-two-step')}</dt><dd>${t(p.totpEnabledAt !== null ? 'security.badge-on' : 'security.badge-off')}</dd>
  <dt>${t('people.col-state')}</dt><dd>${p.disabledAt !== null ? t('people.disabled-since', { date: dateTime(ctx, p.disabledAt) }) : t('people.enabled')}</dd>
  <dt>${t('people.col-sessions')}</dt><dd>${overview.sessions}</dd>
</dl>
${
  overview.self
    ? html`<p class="notice">${t('people.self')}</p>`
    : html`<ul class="link-list">
  ${p.disabledAt === null ? html`<li><a href="${base}/reset-link">${t('people.reset-link')}</a> <span class="muted small">${t('people.reset-link-hint')}</span></li>` : ''}
  ${p.totpEnabledAt !== null ? html`<li><a href="${base}/reset-two-step">${t('people.reset-two-step')}</a> <span class="muted small">${t('people.reset-two-step-hint')}</span></li>` : ''}
  ${p.disabledAt === null && !overview.lastAdmin ? html`<li><a href="${base}/disable">${t('people.disable')}</a> <span class="muted small">${t('people.disable-hint')}</span></li>` : ''}
</ul>
${p.disabledAt !== null ? html`<p><a class="button" href="${base}/enable">${t('people.enable-button', { login: p.login })}</a></p>` : ''}`
}
<p><a href="/admin/people">${t('people.back')}</a></p>`,
    { noindex: true, styles },
  );
}

/** Confirmation is a second step before an admin's action: what it does, the admin's password, and a clear button. */
export interface Confirmation {
  title: string;
  consequences: string[];
  action: string;
  button: string;
  cancel: string;
  errors: Record<string, string>;
}

/** confirmPage asks an admin (or a person about their own account) to confirm with their password. */
export function confirmPage(ctx: ViewContext, c: Confirmation): Html {
  const t = ctx.t;
  const error = c.errors.password;
  return layout(
    ctx,
    c.title,
    html`
<h1>${c.title}</h1>
<ul class="consequences">${c.consequences.map((line) => html`<li>${line}</li>`)}</ul>
${errorSummary(ctx, c.errors)}
<form method="post" action="${c.action}" novalidate>
  ${csrfField(ctx)}
  <div class="${error ? 'has-error' : ''}">
    <label for="password">${t('security.your-password')} <span class="hint">${t('security.password-why')}</span></label>
    <input id="password" name="password" type="password" autocomplete="current-password" aria-describedby="${error ? 'password-error' : undefined}">
    ${fieldError('password', error)}
  </div>
  <div class="actions"><button type="submit" class="danger">${c.button}</button> <a href="${c.cancel}">${t('people.cancel')}</a></div>
</form>`,
    { noindex: true, styles },
  );
}

/** resetLinkPage shows a password reset link once, with whom it is for and until when it works. */
export function resetLinkPage(
  ctx: ViewContext,
  link: string,
  login: string,
  expiresAt: number,
  personId: number,
): Html {
  const t = ctx.t;
  return layout(
    ctx,
    t('people.reset-made-title'),
    html`
<h1>${t('people.reset-made-title')}</h1>
<div class="notice good" role="status">
  <p><strong>${t('people.reset-made-for', { login, date: dateTime(ctx, expiresAt) })}</strong></p>
  <p class="secret">${link}</p>
</div>
<p>${t('people.reset-made-how')}</p>
<p><a href="/admin/people/${personId}">${t('people.back-to-person', { login })}</a></p>`,
    { noindex: true, styles },
  );
}
