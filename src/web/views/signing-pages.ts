import { html, type Html } from './html.ts';
import { layout } from './layout.ts';
import type { ViewContext } from '../view-context.ts';
import type { PetitionRow, SignatureRow } from '../../store/schema.ts';
import type { SignatureProof } from '../record-proofs.ts';
import { checkpointFacts, failureReasons, pluralTemplates } from './record-parts.ts';

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

/**
 * receiptPage is the signer's proof: the signature's public id, its status, its place in the public record (`proof`,
 * null until the latest checkpoint covers its entry), and how to withdraw it.
 */
export function receiptPage(ctx: ViewContext, petition: PetitionRow, signature: SignatureRow, secret: string, justSigned: boolean,
  proof: SignatureProof | null): Html {
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
${receiptRecord(ctx, petition, signature, proof)}
${signature.status === 'counted' ? html`<h2>${t('receipt.keep-heading')}</h2>
<p>${t('receipt.keep-text')}</p>
<p class="secret" id="receipt-link">${link}</p>` : ''}
${canWithdraw ? html`<p class="small muted">${t('receipt.secret-warning')}</p>
<h2>${t('receipt.withdraw-heading')}</h2>
<p>${t('receipt.withdraw-text')}</p>
<form method="post" action="/receipt/${signature.public_id}/${secret}/withdraw">
  <input type="hidden" name="_csrf" value="${ctx.csrf}">
  <button type="submit" class="danger">${t('receipt.withdraw-button')}</button>
</form>` : ''}`, { noindex: true, scripts: ['/assets/receipt.js'], styles: ['/assets/record.css'] });
}

/**
 * receiptRecord shows what the public record holds of the signature: nothing yet (it will within seconds), or its
 * entries with their leaf indexes and inclusion proofs, the checkpoint, and the petition's count there. The server
 * checked the proofs before showing them; receipt.js checks them again in the browser against the record's key.
 */
function receiptRecord(ctx: ViewContext, petition: PetitionRow, signature: SignatureRow, proof: SignatureProof | null): Html {
  // The lines receipt.js rewrites are live regions without role=status: the page's one status is the "thank you".
  const t = ctx.t;
  const removed = signature.status === 'withdrawn' || signature.status === 'invalidated';
  const heading = html`<h2 id="record-h">${t('record.heading')}</h2>`;
  const reload = html`<a href="${ctx.path}">${t('record.reload')}</a>`;
  if (proof === null) {
    const messages = { waitingLong: t('record.waiting-long') };
    return html`<section class="card record-box" aria-labelledby="record-h" data-receipt="${signature.public_id}" data-state="pending" data-messages="${JSON.stringify(messages)}">
  ${heading}
  <p aria-live="polite" aria-atomic="true" data-receipt-check>${t('record.pending')} ${reload}</p>
</section>`;
  }
  const status = signature.status === 'withdrawn' ? 'withdrawn' : 'invalidated';
  const removalShown = proof.entries.some((e) => e.type !== 'signature.added');
  const headlineKey = removed && removalShown ? 'record.removed' : 'record.in-record';
  const messages = {
    checking: t('record.browser-checking'),
    ok: t('record.browser-ok'),
    failed: t('record.browser-failed', { reason: '{reason}' }),
    unsupported: t('record.browser-unsupported'),
    reasons: failureReasons(ctx),
    headline: pluralTemplates(ctx, headlineKey, 'count', { status }),
    proofHeading: pluralTemplates(ctx, 'record.proof', 'count'),
  };
  return html`<section class="card record-box" aria-labelledby="record-h" data-receipt="${signature.public_id}" data-petition="${petition.public_id}" data-state="in-record" data-messages="${JSON.stringify(messages)}">
  ${heading}
  <p class="verdict"><strong data-field="headline">${t(headlineKey, { count: proof.petition.signatures, status })}</strong></p>
  ${removed && !removalShown ? html`<p>${t('record.removal-pending', { status })} ${reload}</p>` : ''}
  <p class="check small" aria-live="polite" aria-atomic="true" data-receipt-check>${t('record.server-checked')}</p>
  ${proof.entries.map((entry) => html`<div class="record-entry" data-entry="${entry.leafIndex}">
    <h3>${t(`record.entry-${entry.type}`)}</h3>
    <dl class="record-facts">
      <dt>${t('record.leaf-index')}</dt><dd>${entry.leafIndex}</dd>
      <dt>${t('record.entry')}</dt><dd><code class="entry">${entry.entry}</code></dd>
    </dl>
    <details>
      <summary data-field="proof-heading">${t('record.proof', { count: entry.proof.length })}</summary>
      ${entry.proof.length === 0 ? html`<p class="small" data-proof-empty>${t('record.proof-empty')}</p>` : ''}
      <ol class="hashes" data-field="proof">${entry.proof.map((hash) => html`<li><code>${hash}</code></li>`)}</ol>
    </details>
  </div>`)}
  <h3>${t('record.checkpoint')}</h3>
  ${checkpointFacts(ctx, proof.checkpoint)}
  <details><summary>${t('record.note')}</summary><pre class="secret note" data-field="note">${proof.checkpoint.note ?? ''}</pre></details>
  <p class="small"><a href="/api/signatures/${signature.public_id}/proof">${t('record.proof-json')}</a> · <a href="/p/${petition.public_id}/audit">${t('record.audit-link')}</a></p>
</section>`;
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
