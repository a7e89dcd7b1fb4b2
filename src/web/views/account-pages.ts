import { html, type Html } from './html.ts';
import { layout, errorSummary, fieldError } from './layout.ts';
import type { ViewContext } from '../view-context.ts';
import type { AccountRow, PetitionRow } from '../../store/schema.ts';

/** AccountForm holds what was typed and what was wrong, to show a form again. */
export interface AccountForm {
  values: Record<string, string>;
  errors: Record<string, string>;
}

const empty: AccountForm = { values: {}, errors: {} };

function input(ctx: ViewContext, form: AccountForm, name: string, type: string, autocomplete: string, hint?: string): Html {
  const error = form.errors[name];
  return html`<div class="${error ? 'has-error' : ''}">
  <label for="${name}">${ctx.t(`account.${name}`)}${hint ? html` <span class="hint">${hint}</span>` : ''}</label>
  <input id="${name}" name="${name}" type="${type}" autocomplete="${autocomplete}" value="${type === 'password' ? '' : form.values[name] ?? ''}" aria-describedby="${error ? `${name}-error` : undefined}">
  ${fieldError(name, error)}
</div>`;
}

/** newAccountPage is the form to create an account: the first admin (setup) or an invited member (join). */
export function newAccountPage(ctx: ViewContext, action: string, heading: string, lead: string, form: AccountForm = empty): Html {
  const t = ctx.t;
  return layout(ctx, heading, html`
<h1>${heading}</h1>
<p class="lead">${lead}</p>
${errorSummary(ctx, form.errors)}
<form method="post" action="${action}" novalidate>
  <input type="hidden" name="_csrf" value="${ctx.csrf}">
  ${input(ctx, form, 'login', 'text', 'username', t('account.login-hint'))}
  ${input(ctx, form, 'displayName', 'text', 'nickname', t('account.displayName-hint'))}
  ${input(ctx, form, 'password', 'password', 'new-password', t('account.password-hint'))}
  ${input(ctx, form, 'passwordAgain', 'password', 'new-password')}
  <button type="submit">${t('account.create')}</button>
</form>`, { noindex: true });
}

/** loginPage is the organisers' and moderators' sign-in form. */
export function loginPage(ctx: ViewContext, form: AccountForm = empty): Html {
  const t = ctx.t;
  return layout(ctx, t('account.login-title'), html`
<h1>${t('account.login-title')}</h1>
<p class="lead">${t('account.login-lead')}</p>
${errorSummary(ctx, form.errors)}
<form method="post" action="/login" novalidate>
  <input type="hidden" name="_csrf" value="${ctx.csrf}">
  ${input(ctx, form, 'login', 'text', 'username')}
  ${input(ctx, form, 'password', 'password', 'current-password')}
  <button type="submit">${t('account.login-button')}</button>
</form>`, { noindex: true });
}

/** passwordPage lets a signed-in person change their password. */
export function passwordPage(ctx: ViewContext, form: AccountForm = empty, done = false): Html {
  const t = ctx.t;
  return layout(ctx, t('account.password-title'), html`
<h1>${t('account.password-title')}</h1>
${done ? html`<div class="notice good" role="status"><p>${t('account.password-changed')}</p></div>` : ''}
${errorSummary(ctx, form.errors)}
<form method="post" action="/admin/password" novalidate>
  <input type="hidden" name="_csrf" value="${ctx.csrf}">
  ${input(ctx, form, 'currentPassword', 'password', 'current-password')}
  ${input(ctx, form, 'newPassword', 'password', 'new-password', t('account.password-hint'))}
  ${input(ctx, form, 'newPasswordAgain', 'password', 'new-password')}
  <button type="submit">${t('account.password-button')}</button>
</form>`, { noindex: true });
}

/** adminHome is the signed-in person's start page: their petitions and, for admins, people and the outbox. */
export function adminHome(ctx: ViewContext, petitions: PetitionRow[], people: AccountRow[] | null, invitation: string | null, outbox: boolean, errors: Record<string, string> = {}): Html {
  const t = ctx.t;
  const role = ctx.account?.role;
  return layout(ctx, t('admin.title'), html`
<h1>${t('admin.title')}</h1>
<p><a href="/organiser/events">${t('organiserEvent.nav-link')}</a></p>
${role !== 'moderator' ? html`<p><a class="button" href="/admin/petitions/new">${t('admin.new-petition')}</a></p>
<h2>${t('admin.petitions')}</h2>
${petitions.length === 0 ? html`<p class="muted">${t('admin.no-petitions')}</p>` : html`<div class="table-wrap"><table>
<thead><tr><th>${t('admin.col-title')}</th><th>${t('admin.col-status')}</th></tr></thead>
<tbody>${petitions.map((p) => html`<tr><td><a href="/admin/petitions/${p.public_id}">${p.title}</a></td><td><span class="badge ${p.status}">${t(`status.${p.status}`)}</span></td></tr>`)}</tbody>
</table></div>`}` : ''}
${people ? html`<h2>${t('admin.people')}</h2>
${invitation ? html`<div class="notice good" role="status"><p>${t('admin.invitation-made')}</p><p class="secret">${invitation}</p></div>` : ''}
${errorSummary(ctx, errors)}
<form method="post" action="/admin/invitations" class="actions">
  <input type="hidden" name="_csrf" value="${ctx.csrf}">
  <label for="role">${t('admin.invite-role')}</label>
  <select id="role" name="role" aria-describedby="${errors.role ? 'role-error' : undefined}">
    <option value="organiser">${t('role.organiser')}</option>
    <option value="moderator">${t('role.moderator')}</option>
    <option value="admin">${t('role.admin')}</option>
  </select>
  <button type="submit">${t('admin.invite-button')}</button>
  ${fieldError('role', errors.role)}
</form>
<div class="table-wrap"><table>
<thead><tr><th>${t('account.login')}</th><th>${t('account.displayName')}</th><th>${t('admin.col-role')}</th></tr></thead>
<tbody>${people.map((a) => html`<tr><td>${a.login}</td><td>${a.display_name}</td><td>${t(`role.${a.role}`)}</td></tr>`)}</tbody>
</table></div>` : ''}
${outbox ? html`<p><a href="/admin/outbox">${t('admin.outbox')}</a></p>` : ''}
<p><a href="/admin/password">${t('account.password-title')}</a></p>`, { noindex: true, wide: true });
}
