import { html, type Html } from './html.ts';
import { layout, errorSummary, fieldError } from './layout.ts';
import type { ViewContext } from '../view-context.ts';
import { formFields } from './form-fields.ts';
import { csrfField, doneNotice, type AccountForm } from './account-form.ts';
import { operatorLimits } from '../../actions/describe-operator.ts';
import type { OperatorNote } from '../../domain/operator-note.ts';

/** siteFields are the form's fields in the order it shows them, so the summary of mistakes reads top to bottom. */
const siteFields = ['name', 'contact', 'about', 'password'];

/** siteFormOf fills the form with what the admin wrote before, or leaves it empty. */
export function siteFormOf(note: OperatorNote | null): AccountForm {
  return { values: note ? { name: note.name, contact: note.contact, about: note.about } : {}, errors: {} };
}

/**
 * siteSettingsPage is /admin/site: what the admin says on /about of who runs the site, with a word on what is safe to
 * say. It asks for nothing about the people who sign or ask; the admin's password guards the change.
 */
export function siteSettingsPage(ctx: ViewContext, form: AccountForm, saved = false): Html {
  const t = ctx.t;
  const v = form.values;
  const e = form.errors;
  const fields = formFields(ctx, 'siteSettings', v, e);
  const rank = (field: string) => (siteFields.includes(field) ? siteFields.indexOf(field) : siteFields.length);
  const named = Object.fromEntries(
    Object.entries(e)
      .sort(([a], [b]) => rank(a) - rank(b))
      .map(([field, message]) => [field, `${labelOf(ctx, field)}: ${message}`]),
  );
  const password = e.password;
  return layout(
    ctx,
    t('siteSettings.title'),
    html`
<p class="small"><a href="/admin">${t('security.back-to-dashboard')}</a></p>
${doneNotice(saved ? t('siteSettings.saved') : undefined)}
<h1>${t('siteSettings.title')}</h1>
<p class="lead">${t('siteSettings.lead')}</p>
<div class="notice warn" role="note"><p>${t('siteSettings.safety')}</p></div>
${errorSummary(ctx, named)}
<form method="post" action="/admin/site" novalidate class="petition-form">
  ${csrfField(ctx)}
  ${fields.text('name', { max: operatorLimits.name, optional: true })}
  ${fields.text('contact', { max: operatorLimits.contact, optional: true })}
  ${fields.textarea('about', { max: operatorLimits.about, rows: 8, optional: true })}
  <div class="${password ? 'has-error' : ''}">
    <label for="password">${t('security.your-password')} <span class="hint">${t('siteSettings.password-why')}</span></label>
    <input id="password" name="password" type="password" autocomplete="current-password" aria-describedby="${password ? 'password-error' : undefined}">
    ${fieldError('password', password)}
  </div>
  <div class="actions">
    <button type="submit">${t('siteSettings.save')}</button>
    <a href="/about#who">${t('siteSettings.see-page')}</a>
  </div>
</form>`,
    { noindex: true },
  );
}

function labelOf(ctx: ViewContext, field: string): string {
  if (field === 'password') return ctx.t('security.your-password');
  return siteFields.includes(field) ? ctx.t(`siteSettings.field-${field}`) : field;
}
