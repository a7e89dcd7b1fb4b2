import { html, type Html } from './html.ts';
import { layout } from './layout.ts';
import type { ViewContext } from '../view-context.ts';
import type { Petition } from '../../domain/petition.ts';
import { mailLimits } from '../../mail/mail-allowance.ts';

/** checkEmailPage is the one answer to every signing that needs confirmation, whoever signs. */
export function checkEmailPage(ctx: ViewContext, petition: Petition): Html {
  const t = ctx.t;
  return layout(
    ctx,
    t('sign.check-email-title'),
    html`
<h1>${t('sign.check-email-title')}</h1>
<p class="lead">${t('sign.check-email-lead')}</p>
<div class="notice"><p>${t('sign.check-email-details', { count: mailLimits.perAddressPerHour })}</p></div>
<p><a href="/p/${petition.publicId}">${t('sign.back-to-petition', { title: petition.title })}</a></p>`,
    { noindex: true },
  );
}

/** confirmPage shows the button that confirms a signature; following the emailed link alone changes nothing. */
export function confirmPage(ctx: ViewContext, petition: Petition, token: string): Html {
  const t = ctx.t;
  return layout(
    ctx,
    t('confirm.title'),
    html`
<h1>${t('confirm.title')}</h1>
<p class="lead">${t('confirm.lead', { title: petition.title })}</p>
<form method="post" action="/confirm/${token}">
  <input type="hidden" name="_csrf" value="${ctx.csrf}">
  <button type="submit">${t('confirm.button')}</button>
</form>
<p class="small muted">${t('confirm.not-you')}</p>`,
    { noindex: true },
  );
}

/** withdrawnPage confirms that a signature no longer counts. */
export function withdrawnPage(ctx: ViewContext, petition: Petition): Html {
  const t = ctx.t;
  return layout(
    ctx,
    t('receipt.withdrawn-title'),
    html`
<h1>${t('receipt.withdrawn-title')}</h1>
<p class="lead">${t('receipt.withdrawn-lead', { title: petition.title })}</p>
<p><a href="/p/${petition.publicId}">${t('receipt.see-petition')}</a></p>`,
    { noindex: true },
  );
}

/**
 * confirmUsedPage answers a confirmation link that no longer works, kindly and without saying which case it is (used,
 * replaced, expired, its petition closed, or never made): once a link expires its signature and address are deleted,
 * so nothing is left that could tell.
 */
export function confirmUsedPage(ctx: ViewContext): Html {
  const t = ctx.t;
  return layout(
    ctx,
    t('confirm.used-title'),
    html`
<h1>${t('confirm.used-title')}</h1>
<p class="lead">${t('confirm.used-lead')}</p>
<p>${t('confirm.used-again')}</p>
<p><a href="/">${t('error.back-home')}</a></p>`,
    { noindex: true },
  );
}
