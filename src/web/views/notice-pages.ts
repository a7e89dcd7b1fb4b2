import { html, type Html } from './html.ts';
import { layout, errorSummary, fieldError } from './layout.ts';
import type { ViewContext } from '../view-context.ts';
import { csrfField, doneNotice, type AccountForm } from './account-form.ts';
import { providerNote, providerWarning } from './mail-provider-warning.ts';
import { noticeKinds, type NoticeKind } from '../../domain/notices.ts';
import type { OwnNoticeSettings } from '../../read/own-notice-settings.ts';

/** NoticeForm is the settings form as shown: what was typed, what was wrong, and the mail service it was refused for. */
export interface NoticeForm extends AccountForm {
  unsafeProvider?: string | null;
}

/** NoticeClock is when daily summaries go out: the hour of the site's day and its time zone. */
export interface NoticeClock {
  hour: number;
  zone: string;
}

/** noticeFormOf fills the form with a person's saved choices and address. */
export function noticeFormOf(settings: OwnNoticeSettings): NoticeForm {
  const values: Record<string, string> = { email: settings.address ?? '' };
  for (const kind of noticeKinds) if (settings.choices[kind]) values[kind] = 'on';
  return { values, errors: {} };
}

const fieldOrder = ['email', 'emailAnyway', ...noticeKinds, 'password'];
const labels: Record<string, string> = {
  email: 'notices.address',
  emailAnyway: 'notices.address',
  goal: 'notices.choices',
  summary: 'notices.choices',
  questions: 'notices.choices',
  password: 'security.your-password',
};

/**
 * noticeSettingsPage is /admin/notifications: which emails a person gets about their own petitions and events, and
 * the address they go to; a warning when that address is at a mail service that must hand mail to the state, said
 * while it is kept and, when it is first given, before it is kept.
 */
export function noticeSettingsPage(
  ctx: ViewContext,
  settings: OwnNoticeSettings,
  form: NoticeForm,
  clock: NoticeClock,
  saved = false,
): Html {
  const t = ctx.t;
  const v = form.values;
  const e = form.errors;
  const rank = (field: string) => (fieldOrder.includes(field) ? fieldOrder.indexOf(field) : fieldOrder.length);
  const named = Object.fromEntries(
    Object.entries(e)
      .sort(([a], [b]) => rank(a) - rank(b))
      .map(([field, message]) => [field, labels[field] ? `${t(labels[field])}: ${message}` : message]),
  );
  const refused = form.unsafeProvider ?? null;
  const kept = refused === null && settings.unsafeProvider !== null ? settings.unsafeProvider : null;
  const describedBy = [
    (ctx.unsafeMailDomains ?? []).length > 0 ? 'email-providers' : '',
    e.email ? 'email-error' : '',
    refused || kept ? 'provider-warning-text' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const hour = `${String(clock.hour).padStart(2, '0')}:00`;
  const choice = (kind: NoticeKind) =>
    html`<label class="check"><input type="checkbox" id="${kind}" name="${kind}" value="on" ${v[kind] ? 'checked' : ''}> <span>${t(`notices.${kind}`, { hour, zone: clock.zone })}</span></label>`;
  return layout(
    ctx,
    t('notices.title'),
    html`
<p class="small"><a href="/admin">${t('security.back-to-dashboard')}</a></p>
${doneNotice(saved ? t('notices.saved') : undefined)}
<h1>${t('notices.title')}</h1>
<p class="lead">${t('notices.lead')}</p>
<p class="small muted">${t('notices.what-mail-shows')}</p>
${errorSummary(ctx, named)}
<form method="post" action="/admin/notifications" novalidate class="petition-form">
  ${csrfField(ctx)}
  <div class="${e.email ? 'has-error' : ''}">
    <label for="email">${t('notices.address')} <span class="hint">${t('notices.address-hint')}</span></label>
    ${providerNote(ctx)}
    <input id="email" name="email" type="email" maxlength="254" autocomplete="email" value="${v.email ?? ''}" aria-describedby="${describedBy || undefined}">
    ${fieldError('email', e.email)}
  </div>
  ${refused || kept ? providerWarning(ctx, { domain: refused ?? kept, textKey: 'notices.provider-text', anyway: refused !== null, focus: refused !== null }) : ''}
  ${settings.address === null && !v.email ? html`<p class="muted small">${t('notices.no-address')}</p>` : ''}
  <fieldset class="${e.goal || e.summary || e.questions ? 'has-error' : ''}">
    <legend>${t('notices.choices')}</legend>
    ${noticeKinds.map(choice)}
  </fieldset>
  <div class="${e.password ? 'has-error' : ''}">
    <label for="password">${t('security.your-password')} <span class="hint">${t('notices.password-hint')}</span></label>
    <input id="password" name="password" type="password" autocomplete="current-password" aria-describedby="${e.password ? 'password-error' : undefined}">
    ${fieldError('password', e.password)}
  </div>
  <div class="actions"><button type="submit">${t('notices.save')}</button></div>
</form>`,
    { noindex: true, styles: ['/assets/signing.css'] },
  );
}

/** unsubscribePage asks, without a login, whether to stop the kind of email the link came in; a button does it. */
export function unsubscribePage(ctx: ViewContext, action: string, kind: NoticeKind): Html {
  const t = ctx.t;
  return layout(
    ctx,
    t('unsubscribe.title'),
    html`
<h1>${t('unsubscribe.title')}</h1>
<p class="lead">${t('unsubscribe.lead', { kind })}</p>
<form method="post" action="${action}">
  ${csrfField(ctx)}
  <button type="submit">${t('unsubscribe.button')}</button>
</form>
<p class="small muted">${t('unsubscribe.other-kinds')}</p>`,
    { noindex: true },
  );
}

/** unsubscribedPage says the emails are stopped, and where to choose again. */
export function unsubscribedPage(ctx: ViewContext): Html {
  const t = ctx.t;
  return layout(
    ctx,
    t('unsubscribe.done-title'),
    html`
<h1>${t('unsubscribe.done-title')}</h1>
<div class="notice good" role="status"><p>${t('unsubscribe.done-lead')}</p></div>`,
    { noindex: true },
  );
}
