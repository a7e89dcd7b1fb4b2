import { html, type Html } from './html.ts';
import { layout, errorSummary } from './layout.ts';
import type { ViewContext } from '../view-context.ts';
import { accountField, csrfField, emptyForm, type AccountForm } from './account-form.ts';

/** resetPasswordPage is where a reset link leads: a new password, twice, for the login the link was made for. */
export function resetPasswordPage(
  ctx: ViewContext,
  action: string,
  login: string,
  form: AccountForm = emptyForm,
): Html {
  const t = ctx.t;
  return layout(
    ctx,
    t('reset.title'),
    html`
<h1>${t('reset.title')}</h1>
<p class="lead">${t('reset.lead', { login })}</p>
${errorSummary(ctx, form.errors)}
<form method="post" action="${action}" novalidate>
  ${csrfField(ctx)}
  ${accountField(ctx, form, 'newPassword', 'password', 'new-password', { hint: t('account.password-hint') })}
  ${accountField(ctx, form, 'newPasswordAgain', 'password', 'new-password')}
  <button type="submit">${t('reset.button')}</button>
</form>
<p class="muted small">${t('reset.two-step-stays')}</p>`,
    { noindex: true },
  );
}
