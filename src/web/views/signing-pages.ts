import { html, type Html } from './html.ts';
import { layout } from './layout.ts';
import type { ViewContext } from '../view-context.ts';
import type { PetitionRow, SignatureRow } from '../../store/schema.ts';

/** checkEmailPage is the one answer to every signing that needs confirmation, whoever signs. */
export function checkEmailPage(ctx: ViewContext, petition: PetitionRow): Html {
  const t = ctx.t;
  return layout(ctx, t('sign.check-email-title'), html`
<h1>${t('sign.check-email-title')}</h1>
<p class="lead">${t('sign.check-email-lead')}</p>
<div class="notice"><p>${t('sign.check-email-details')}</p></div>
<p><a href="/p/${petition.public_id}">${t('sign.back-to-petition', { title: petition.title })}</a></p>`, { noindex: true });
}

/** confirmPage shows the button that confirms a signature; following the emailed link alone changes nothing. */
export function confirmPage(ctx: ViewContext, petition: PetitionRow, token: string): Html {
  const t = ctx.t;
  return layout(ctx, t('confirm.title'), html`
<h1>${t('confirm.title')}</h1>
<p class="lead">${t('confirm.lead', { title: petition.title })}</p>
<form method="post" action="/confirm/${token}">
  <input type="hidden" name="_csrf" value="${ctx.csrf}">
  <button type="submit">${t('confirm.button')}</button>
</form>
<p class="small muted">${t('confirm.not-you')}</p>`, { noindex: true });
}

/** receiptPage is the signer's proof: the signature's public id, its status, and how to withdraw it. */
export function receiptPage(ctx: ViewContext, petition: PetitionRow, signature: SignatureRow, secret: string, justSigned: boolean): Html {
  const t = ctx.t;
  const link = `${ctx.publicUrl}/receipt/${signature.public_id}/${secret}`;
  const canWithdraw = signature.status === 'counted' && petition.status === 'open';
  return layout(ctx, t('receipt.title'), html`
${justSigned ? html`<div class="notice good" role="status"><p><strong>${t('receipt.thanks')}</strong></p></div>` : ''}
<h1>${t('receipt.title')}</h1>
<p class="lead">${t('receipt.lead', { title: petition.title })} <a href="/p/${petition.public_id}">${t('receipt.see-petition')}</a></p>
<div class="card">
  <dl>
    <dt>${t('receipt.signature-id')}</dt><dd><code>${signature.public_id}</code></dd>
    <dt>${t('receipt.status')}</dt><dd><strong>${t(`receipt.status-${signature.status}`)}</strong></dd>
  </dl>
</div>
${signature.status === 'counted' ? html`<h2>${t('receipt.keep-heading')}</h2>
<p>${t('receipt.keep-text')}</p>
<p class="secret" id="receipt-link">${link}</p>` : ''}
${canWithdraw ? html`<p class="small muted">${t('receipt.secret-warning')}</p>
<h2>${t('receipt.withdraw-heading')}</h2>
<p>${t('receipt.withdraw-text')}</p>
<form method="post" action="/receipt/${signature.public_id}/${secret}/withdraw">
  <input type="hidden" name="_csrf" value="${ctx.csrf}">
  <button type="submit" class="danger">${t('receipt.withdraw-button')}</button>
</form>` : ''}`, { noindex: true });
}

/** withdrawnPage confirms that a signature no longer counts. */
export function withdrawnPage(ctx: ViewContext, petition: PetitionRow): Html {
  const t = ctx.t;
  return layout(ctx, t('receipt.withdrawn-title'), html`
<h1>${t('receipt.withdrawn-title')}</h1>
<p class="lead">${t('receipt.withdrawn-lead', { title: petition.title })}</p>
<p><a href="/p/${petition.public_id}">${t('receipt.see-petition')}</a></p>`, { noindex: true });
}

/** confirmUsedPage reassures someone who opens a confirmation link again: a used link usually means it worked. */
export function confirmUsedPage(ctx: ViewContext): Html {
  const t = ctx.t;
  return layout(ctx, t('confirm.used-title'), html`
<h1>${t('confirm.used-title')}</h1>
<p class="lead">${t('confirm.used-lead')}</p>
<p><a href="/">${t('error.back-home')}</a></p>`, { noindex: true });
}
