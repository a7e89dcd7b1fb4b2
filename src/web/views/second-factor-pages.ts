import { html, raw, type Html } from './html.ts';
import { layout, errorSummary } from './layout.ts';
import type { ViewContext } from '../view-context.ts';
import {
  accountField,
  codeField,
  csrfField,
  dateOnly,
  doneNotice,
  emptyForm,
  type AccountForm,
} from './account-form.ts';
import { groupSecret } from '../../crypto/one-time-codes.ts';
import type { SecondFactorStatus } from '../../read/second-factor-status.ts';

const styles = ['/assets/account.css'];

/** EnrolView is what the set-up page shows and where its form goes. */
export interface EnrolView {
  secret: string;
  issuer: string;
  qrSvg: string;
  action: string;
  /** atLogIn: the admin requires a second factor and this person is setting it up before their session starts. */
  atLogIn: boolean;
}

/** enrolPage sets up two-step sign-in: install an app, scan the QR code or type the key, enter the code it shows. */
export function enrolPage(ctx: ViewContext, view: EnrolView, form: AccountForm = emptyForm): Html {
  const t = ctx.t;
  return layout(
    ctx,
    t('enrol.title'),
    html`
<h1>${t('enrol.title')}</h1>
<p class="lead">${t(view.atLogIn ? 'enrol.lead-required' : 'enrol.lead')}</p>
${errorSummary(ctx, form.errors)}
<ol class="steps">
  <li><h2>${t('enrol.step-app')}</h2><p>${t('enrol.step-app-text')}</p></li>
  <li><h2>${t('enrol.step-scan')}</h2>
    <div class="qr">${raw(view.qrSvg)}</div>
    <p>${t('enrol.step-type')}</p>
    <p class="secret" id="secret" translate="no">${groupSecret(view.secret)}</p>
    <p class="muted small">${t('enrol.app-shows', { issuer: view.issuer })}</p>
  </li>
  <li><h2>${t('enrol.step-code')}</h2>
    <form method="post" action="${view.action}" novalidate>
      ${csrfField(ctx)}
      ${accountField(ctx, form, 'code', 'text', 'one-time-code', { hint: t('enrol.code-hint'), label: 'account.code', inputmode: 'numeric' })}
      ${view.atLogIn ? '' : accountField(ctx, form, 'password', 'password', 'current-password', { label: 'security.your-password', hint: t('security.password-why') })}
      <button type="submit">${t('enrol.button')}</button>
    </form>
  </li>
</ol>
${view.atLogIn ? html`<p class="muted small">${t('enrol.no-phone')}</p>` : html`<p><a href="/admin">${t('security.back-to-dashboard')}</a></p>`}`,
    { noindex: true, styles },
  );
}

/** codePage is the second step of logging in: the code from the app, or a recovery code. */
export function codePage(ctx: ViewContext, form: AccountForm = emptyForm): Html {
  const t = ctx.t;
  return layout(
    ctx,
    t('signin.code-title'),
    html`
<h1>${t('signin.code-title')}</h1>
<p class="lead">${t('signin.code-lead')}</p>
${errorSummary(ctx, form.errors)}
<form method="post" action="/login/code" novalidate>
  ${csrfField(ctx)}
  ${codeField(ctx, form, 'signin.code-hint')}
  <button type="submit">${t('signin.code-button')}</button>
</form>
<details><summary>${t('signin.lost-phone')}</summary><p>${t('signin.lost-phone-text')}</p></details>
<p><a href="/login">${t('signin.start-again')}</a></p>`,
    { noindex: true, styles },
  );
}

/**
 * recoveryCodesPage shows new recovery codes once, with a file to keep and the page to print. The file is a data:
 * link made here, so saving it needs no script and sends nothing anywhere.
 */
export function recoveryCodesPage(ctx: ViewContext, codes: string[], afterEnrolment: boolean): Html {
  const t = ctx.t;
  const file = `${t('codes.file-heading', { site: new URL(ctx.publicUrl).host })}\n\n${codes.join('\n')}\n\n${t('codes.file-note')}\n`;
  return layout(
    ctx,
    t('codes.title'),
    html`
${afterEnrolment ? doneNotice(t('enrol.done')) : doneNotice(t('codes.remade'))}
<h1>${t('codes.title')}</h1>
<p class="lead">${t('codes.lead')}</p>
<ol class="recovery-codes" translate="no">${codes.map((code) => html`<li><code>${code}</code></li>`)}</ol>
<p class="actions no-print">
  <a class="button secondary" download="recovery-codes.txt" href="data:text/plain;charset=utf-8,${encodeURIComponent(file)}">${t('codes.download')}</a>
  <span class="muted small">${t('codes.print')}</span>
</p>
<div class="notice no-print" role="note"><p>${t('codes.keep')}</p></div>
<p class="no-print"><a class="button" href="/admin">${t('codes.saved')}</a></p>`,
    { noindex: true, styles },
  );
}

/** secondFactorPage is a person's two-step sign-in page once it is on: since when, codes left, new codes, turning it off. */
export function secondFactorPage(
  ctx: ViewContext,
  status: SecondFactorStatus,
  remake: AccountForm = emptyForm,
  done?: string,
): Html {
  const t = ctx.t;
  return layout(
    ctx,
    t('security.title'),
    html`
${doneNotice(done)}
<h1>${t('security.title')}</h1>
<p class="lead">${t('security.on-since', { date: dateOnly(ctx, status.enabledAt ?? 0) })}</p>
<p>${t('security.codes-left', { count: status.recoveryCodesLeft })}</p>
<section class="card" aria-labelledby="remake-heading">
  <h2 id="remake-heading">${t('security.remake-title')}</h2>
  <p>${t('security.remake-text')}</p>
  ${errorSummary(ctx, remake.errors)}
  <form method="post" action="/admin/two-step/recovery-codes" novalidate>
    ${csrfField(ctx)}
    ${accountField(ctx, remake, 'password', 'password', 'current-password', { label: 'security.your-password' })}
    <button type="submit" class="secondary">${t('security.remake-button')}</button>
  </form>
</section>
<section class="card" aria-labelledby="off-heading">
  <h2 id="off-heading">${t('security.off-title')}</h2>
  ${
    status.required
      ? html`<p>${t('security.off-required')}</p>`
      : html`<p>${t('security.off-text')}</p>
  <p><a href="/admin/two-step/off">${t('security.off-link')}</a></p>`
  }
</section>
<p><a href="/admin">${t('security.back-to-dashboard')}</a></p>`,
    { noindex: true, styles },
  );
}

/** turnOffPage asks for the password and a current code before two-step sign-in is turned off. */
export function turnOffPage(ctx: ViewContext, form: AccountForm = emptyForm): Html {
  const t = ctx.t;
  return layout(
    ctx,
    t('security.off-title'),
    html`
<h1>${t('security.off-title')}</h1>
<p class="lead">${t('security.off-text')}</p>
${errorSummary(ctx, form.errors)}
<form method="post" action="/admin/two-step/off" novalidate>
  ${csrfField(ctx)}
  ${accountField(ctx, form, 'password', 'password', 'current-password', { label: 'security.your-password' })}
  ${codeField(ctx, form, 'signin.code-hint')}
  <div class="actions"><button type="submit" class="danger">${t('security.off-button')}</button> <a href="/admin/two-step">${t('people.cancel')}</a></div>
</form>`,
    { noindex: true, styles },
  );
}
