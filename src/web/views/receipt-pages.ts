import { html, type Html } from './html.ts';
import { layout, errorSummary, fieldError } from './layout.ts';
import type { ViewContext } from '../view-context.ts';
import type { Petition } from '../../domain/petition.ts';
import type { Signature } from '../../domain/signature.ts';
import type { SignatureProof } from '../record-proofs.ts';
import { auditorSteps, checkpointFacts, failureReasons, pluralTemplates } from './record-parts.ts';
import { receiptCode } from '../../domain/receipt-code.ts';
import { shareBox } from './share-box.ts';
import { witnessMessages } from './witnesses-section.ts';

/** ReceiptView is what a receipt page shows, and how it was reached. */
export interface ReceiptView {
  petition: Petition;
  signature: Signature;
  secret: string;
  /** justSigned shows the "thank you" of the first visit. */
  justSigned: boolean;
  /** proof is the signature's place in the public record, null until the latest checkpoint covers its entry. */
  proof: SignatureProof | null;
  /** openedByCode: the page answers POST /receipt, so its address holds no secret and is not the receipt's link. */
  openedByCode: boolean;
}

const styles = ['/assets/record.css', '/assets/signing.css'];

/**
 * receiptPage is the signer's proof. Plain words come first: the signature's status, what the receipt reveals and to
 * whom, and how to keep it off the phone's history (a file, or a code to write down). Then the public record's
 * verdict, with the technical proof folded away, and the way to withdraw. Its forms carry the secret in their body,
 * never in a URL, so that saving or withdrawing adds nothing to the history.
 */
export function receiptPage(ctx: ViewContext, view: ReceiptView): Html {
  const t = ctx.t;
  const { petition, signature } = view;
  const canWithdraw = signature.status === 'counted' && petition.status === 'open';
  return layout(
    ctx,
    t('receipt.title'),
    html`
${view.justSigned ? html`<div class="notice good" role="status"><p><strong>${t('receipt.thanks')}</strong></p></div>` : ''}
<h1>${t('receipt.title')}</h1>
<p class="lead">${t('receipt.lead', { title: petition.title })} <a href="/p/${petition.publicId}">${t('receipt.see-petition')}</a></p>
<div class="card">
  <dl class="facts">
    <dt>${t('receipt.signature-id')}</dt><dd><code>${signature.publicId}</code></dd>
    <dt>${t('receipt.status')}</dt><dd><strong>${t(`receipt.status-${signature.status}`)}</strong></dd>
  </dl>
</div>
${keepSafe(ctx, view)}
${view.justSigned && petition.status === 'open' ? shareBox(ctx, { url: `${ctx.publicUrl}/p/${petition.publicId}`, title: petition.title, afterSigning: true }) : ''}
${receiptRecord(ctx, view)}
${
  canWithdraw
    ? html`<h2>${t('receipt.withdraw-heading')}</h2>
<p>${t('receipt.withdraw-text')}</p>
<form method="post" action="/receipt/withdraw">
  ${secretFields(ctx, view)}
  <button type="submit" class="danger">${t('receipt.withdraw-button')}</button>
</form>`
    : ''
}`,
    { noindex: true, scripts: ['/assets/receipt.js', '/assets/share.js'], styles },
  );
}

/** keepSafe says what the receipt reveals and offers the ways to keep it: a file, a code, or (reached by link) the link. */
function keepSafe(ctx: ViewContext, view: ReceiptView): Html {
  const t = ctx.t;
  const code = receiptCode(Number(view.signature.id), view.secret);
  const link = `${ctx.publicUrl}/receipt/${view.signature.publicId}/${view.secret}`;
  return html`<section class="card" aria-labelledby="keep-h">
  <h2 id="keep-h">${t('receipt.safety-heading')}</h2>
  <p>${t('receipt.safety-shows')}</p>
  <p>${view.openedByCode ? t('receipt.safety-code-opened') : t('receipt.safety-history')}</p>
  <ol class="keep-ways">
    <li>
      <form method="post" action="/receipt/file">
        ${secretFields(ctx, view)}
        <button type="submit">${t('receipt.file-button')}</button>
      </form>
      <p class="small muted">${t('receipt.file-hint')}</p>
    </li>
    ${
      code
        ? html`<li>
      <p>${t('receipt.code-intro')}<br><code class="receipt-code" id="receipt-code">${code}</code></p>
      <p class="small">${t('receipt.code-how', { url: `${ctx.publicUrl}/receipt` })}</p>
    </li>`
        : ''
    }
    ${
      view.openedByCode
        ? ''
        : html`<li>
      <p>${t('receipt.link-intro')}</p>
      <p class="secret" id="receipt-link">${link}</p>
    </li>`
    }
  </ol>
  ${view.openedByCode ? '' : html`<p>${t('receipt.safety-then')}</p>`}
  <p class="small muted">${t('receipt.no-email')}</p>
</section>`;
}

/**
 * withdrawConfirmPage is the withdrawal's second step: it says what will happen before anything does. Keeping the
 * signature is a link to the petition, so that going back puts no secret in the address bar.
 */
export function withdrawConfirmPage(
  ctx: ViewContext,
  view: Pick<ReceiptView, 'petition' | 'signature' | 'secret'>,
): Html {
  const t = ctx.t;
  const p = view.petition;
  return layout(
    ctx,
    t('receipt.withdraw-confirm-title'),
    html`
<h1>${t('receipt.withdraw-confirm-title')}</h1>
<p class="lead">${t('receipt.withdraw-confirm-lead', { title: p.title })}</p>
<div class="notice"><p>${t('receipt.withdraw-confirm-details')}</p></div>
<form method="post" action="/receipt/withdraw" class="actions">
  ${secretFields(ctx, view)}
  <input type="hidden" name="confirm" value="yes">
  <button type="submit" class="danger">${t('receipt.withdraw-confirm-button')}</button>
  <a class="button secondary" href="/p/${p.publicId}">${t('receipt.withdraw-keep')}</a>
</form>`,
    { noindex: true },
  );
}

function secretFields(ctx: ViewContext, view: Pick<ReceiptView, 'signature' | 'secret'>): Html {
  return html`<input type="hidden" name="_csrf" value="${ctx.csrf}">
  <input type="hidden" name="signature" value="${view.signature.publicId}">
  <input type="hidden" name="secret" value="${view.secret}">`;
}

/**
 * receiptRecord shows what the public record holds of the signature: nothing yet (it will within seconds), or the
 * verdict in plain words, with the entries, their leaf indexes and inclusion proofs and the checkpoint behind a
 * "Technical proof" fold. The server checked the proofs before showing them; receipt.js checks them again in the
 * browser against the record's key.
 */
function receiptRecord(ctx: ViewContext, view: ReceiptView): Html {
  // The lines receipt.js rewrites are live regions without role=status: the page's one status is the "thank you".
  const t = ctx.t;
  const { petition, signature, proof } = view;
  const removed = signature.status === 'withdrawn' || signature.status === 'invalidated';
  const heading = html`<h2 id="record-h">${t('record.heading')}</h2>`;
  // A page reached by code is a POST's answer: it is opened again by sending the code, not by reloading.
  const code = view.openedByCode ? receiptCode(Number(signature.id), view.secret) : null;
  const reload = code ? '' : html`<a href="${ctx.path}">${t('record.reload')}</a>`;
  const reopen = code
    ? html`<form method="post" action="/receipt" class="reopen" data-reopen>
    <input type="hidden" name="_csrf" value="${ctx.csrf}"><input type="hidden" name="code" value="${code}">
    <button type="submit" class="link">${t('receipt.check-again')}</button>
  </form>`
    : '';
  if (proof === null) {
    const messages: PendingReceiptMessages = { waitingLong: t('record.waiting-long') };
    return html`<section class="card record-box" aria-labelledby="record-h" data-receipt="${signature.publicId}" data-state="pending" data-messages="${JSON.stringify(messages)}">
  ${heading}
  <p aria-live="polite" aria-atomic="true" data-receipt-check>${t('record.pending')} ${reload}</p>
  ${reopen}
</section>`;
  }
  const status = signature.status === 'withdrawn' ? 'withdrawn' : 'invalidated';
  const removalShown = proof.entries.some((e) => e.type !== 'signature.added');
  const headlineKey = removed && removalShown ? 'record.removed' : 'record.in-record';
  const messages = receiptMessages(ctx, headlineKey, status);
  return html`<section class="card record-box" aria-labelledby="record-h" data-receipt="${signature.publicId}" data-petition="${petition.publicId}" data-state="in-record" data-messages="${JSON.stringify(messages)}">
  ${heading}
  <p class="verdict"><strong data-field="headline">${t(headlineKey, { count: proof.petition.signatures, status })}</strong></p>
  ${removed && !removalShown ? html`<p>${t('record.removal-pending', { status })} ${reload}</p>${reopen}` : ''}
  <p class="check small" aria-live="polite" aria-atomic="true" data-receipt-check>${t('record.server-checked')}</p>
  <p class="small"><a href="/p/${petition.publicId}/audit">${t('record.audit-link')}</a> · <a href="/api/signatures/${signature.publicId}/proof">${t('record.proof-json')}</a></p>
  <details class="technical">
    <summary>${t('receipt.technical')}</summary>
    ${proof.entries.map(
      (entry) => html`<div class="record-entry" data-entry="${entry.leafIndex}">
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
    </div>`,
    )}
    <h3>${t('record.checkpoint')}</h3>
    ${checkpointFacts(ctx, proof.checkpoint)}
    <details><summary>${t('record.note')}</summary><pre class="secret note" data-field="note">${proof.checkpoint.note ?? ''}</pre></details>
    <h3>${t('record.audit-tools-heading')}</h3>
    ${auditorSteps(ctx)}
  </details>
</section>`;
}

/** receiptCodePage is the form that opens a receipt from its code, so that the secret never sits in a URL. */
export function receiptCodePage(
  ctx: ViewContext,
  values: Record<string, string> = {},
  errors: Record<string, string> = {},
): Html {
  const t = ctx.t;
  return layout(
    ctx,
    t('receipt.open-title'),
    html`
<h1>${t('receipt.open-title')}</h1>
<p class="lead">${t('receipt.open-lead')}</p>
${errorSummary(ctx, errors)}
<form method="post" action="/receipt" novalidate>
  <input type="hidden" name="_csrf" value="${ctx.csrf}">
  <div class="${errors.code ? 'has-error' : ''}">
    <label for="code">${t('receipt.code')}</label>
    <p class="hint" id="code-hint">${t('receipt.code-example')}</p>
    <input id="code" name="code" class="code" type="text" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="80" required value="${values.code ?? ''}" aria-describedby="code-hint${errors.code ? ' code-error' : ''}">
    ${fieldError('code', errors.code)}
  </div>
  <button type="submit">${t('receipt.open-button')}</button>
</form>
<p class="small muted">${t('receipt.open-private')}</p>`,
    { noindex: true, styles: ['/assets/signing.css'] },
  );
}

/** receiptFile is the text file "Save the receipt as a file" downloads: the code, the petition's address, how to check. */
export function receiptFile(ctx: ViewContext, view: Pick<ReceiptView, 'petition' | 'signature' | 'secret'>): string {
  const t = ctx.t;
  const code = receiptCode(Number(view.signature.id), view.secret);
  const lines = [
    t('receipt.file-title'),
    '',
    ...(code ? [t('receipt.file-code', { code })] : []),
    t('receipt.file-petition', { url: `${ctx.publicUrl}/p/${view.petition.publicId}` }),
    t('receipt.file-signature', { id: view.signature.publicId }),
    '',
    ...(code ? [t('receipt.file-how', { url: `${ctx.publicUrl}/receipt` })] : []),
    t('receipt.file-link', { link: `${ctx.publicUrl}/receipt/${view.signature.publicId}/${view.secret}` }),
    '',
    t('receipt.file-warning'),
    '',
  ];
  return lines.join('\r\n');
}

/** receiptMessages are the sentences receipt.js writes once it has checked the proof, numbers left as `{name}`. */
export function receiptMessages(ctx: ViewContext, headlineKey: string, status: string) {
  const t = ctx.t;
  return {
    checking: t('record.browser-checking'),
    ok: t('record.browser-ok'),
    failed: t('record.browser-failed', { reason: '{reason}' }),
    unsupported: t('record.browser-unsupported'),
    reasons: failureReasons(ctx),
    headline: pluralTemplates(ctx, headlineKey, 'count', { status }),
    proofHeading: pluralTemplates(ctx, 'record.proof', 'count'),
    witnesses: witnessMessages(ctx),
  };
}

/** ReceiptMessages are the words receipt.js reads on a receipt in the record: a word renamed here fails tsc there. */
export type ReceiptMessages = ReturnType<typeof receiptMessages>;

/** PendingReceiptMessages are the words receipt.js reads on a receipt that waits for the next checkpoint. */
export interface PendingReceiptMessages {
  waitingLong: string;
}
