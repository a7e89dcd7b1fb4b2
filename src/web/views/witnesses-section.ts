import { decodeBase64 } from '../../record/bytes.ts';
import type { LogPolicy } from '../../witnessing/log-policy.ts';
import { AUDITOR_PATH, auditorFile } from '../auditor-file.ts';
import type { ViewContext } from '../view-context.ts';
import { html, type Html } from './html.ts';
import { messageTemplate, pluralTemplates } from './record-parts.ts';

/**
 * witnessesSection tells, on the record page, in plain words first, who witnesses the record and whether each signed
 * the checkpoint shown; then each witness's key and address, the policy file to download and pin, the command that
 * checks the record against it with the one-file auditor, and the policy's text for checking tools.
 */
export function witnessesSection(ctx: ViewContext, witnessing: LogPolicy, checkpoint: string | null): Html {
  const t = ctx.t;
  const { policy } = witnessing;
  const origin = policy.logs[0]?.verifier.name ?? 'veche';
  const file = policyFileName(origin);
  const auditor = auditorFile();
  const pin = html`<h3 id="pin-h">${t('witnesses.pin-heading')}</h3>
<p>${t('witnesses.pin-text')}</p>
<ol class="auditor-steps" aria-labelledby="pin-h">
  <li>${t('witnesses.pin-download')} <a href="/log/policy" download="${file}" data-policy-download>${file}</a></li>
  ${policy.witnesses.length === 0 ? '' : html`<li>${t('witnesses.pin-compare')}</li>`}
  ${auditor === null ? '' : html`<li>${t('record.auditor-download')} <a href="${AUDITOR_PATH}" download>veche-audit.mjs</a></li>`}
  <li>${t('witnesses.pin-run')}<pre class="secret command"><code data-policy-command>${policyCommand(ctx.publicUrl, file)}</code></pre></li>
</ol>
<p class="small muted">${t('witnesses.pin-fails')}</p>`;
  const technical = html`<details class="small">
<summary>${t('witnesses.technical')}</summary>
<p>${t('witnesses.technical-text')} <a href="/log/policy">/log/policy</a>, <a href="/log/witnessed-checkpoint">/log/witnessed-checkpoint</a></p>
<pre class="secret" data-policy>${witnessing.text}</pre>
</details>`;
  if (policy.witnesses.length === 0) {
    return html`<h2>${t('witnesses.heading')}</h2>
<p>${t('witnesses.none')}</p>
${pin}
${technical}`;
  }
  const lines = signatureLines(checkpoint);
  const quorum = policy.groups[0]?.threshold ?? 1;
  const items = policy.witnesses.map((witness) => {
    const signed = lines.some((line) => line.name === witness.verifier.name && line.keyId === witness.verifier.keyId);
    return html`<li data-witness="${witness.name}" data-signed="${String(signed)}"><strong><code>${witness.name}</code></strong> — ${signed ? t('witnesses.signed') : t('witnesses.not-signed')}
  <dl class="witness-facts small">
    <dt>${t('witnesses.key')}</dt><dd><code class="hash" data-witness-key>${witness.vkey}</code></dd>
    ${witness.url === undefined ? '' : html`<dt>${t('witnesses.address')}</dt><dd><code class="hash" data-witness-url>${witness.url}</code></dd>`}
  </dl></li>`;
  });
  return html`<h2>${t('witnesses.heading')}</h2>
<p class="lead" data-witnesses-plain>${t('witnesses.plain')}</p>
<p>${t('witnesses.lead')}</p>
<p>${t('witnesses.quorum', { quorum, count: policy.witnesses.length })}</p>
<ul class="witness-list">${items}</ul>
<p class="small muted">${t('witnesses.private')}</p>
${pin}
${technical}`;
}

/**
 * witnessMessages are the sentences the browser's checks (record-audit.js, receipt.js) say about witnesses, with the
 * numbers they compute left as `{count}` and `{size}`.
 */
export function witnessMessages(ctx: ViewContext) {
  const t = ctx.t;
  return {
    heading: t('witnesses.heading'),
    pinned: t('witnesses.check-pinned'),
    site: t('witnesses.check-site'),
    none: t('witnesses.check-none'),
    met: pluralTemplates(ctx, 'witnesses.check-met', 'count'),
    notMet: pluralTemplates(ctx, 'witnesses.check-not-met', 'count'),
    by: pluralTemplates(ctx, 'witnesses.receipt-by', 'count'),
    notYet: t('witnesses.receipt-not-yet'),
    detail: t('witnesses.receipt-detail'),
    size: messageTemplate(ctx, 'witnesses.check-size', ['size']),
    verified: t('witnesses.status-verified'),
    absent: t('witnesses.status-absent'),
    invalid: t('witnesses.status-invalid'),
    unchecked: t('witnesses.status-unchecked'),
  };
}

/** WitnessMessages are the sentences about witnesses that record-audit.js and receipt.js read (witnessMessages). */
export type WitnessMessages = ReturnType<typeof witnessMessages>;

/** policyFileName is the name a saved policy gets: the record's origin, made a file name, and `-policy.txt`. */
export function policyFileName(origin: string): string {
  return `${origin.replace(/[^A-Za-z0-9.-]+/g, '_').replace(/^[.]+/, '')}-policy.txt`;
}

/** policyCommand is the command that audits the record held to a saved policy, with the single-file auditor. */
export function policyCommand(publicUrl: string, file: string): string {
  return `node veche-audit.mjs ${publicUrl} --policy ${file}`;
}

function signatureLines(note: string | null): { name: string; keyId: number }[] {
  if (note === null) return [];
  const split = note.lastIndexOf('\n\n');
  return note
    .slice(split + 2)
    .split('\n')
    .flatMap((line) => {
      const [, name, base64] = line.split(' ');
      const blob = base64 === undefined ? null : decodeBase64(base64);
      return blob === null || blob.length < 4
        ? []
        : [{ name, keyId: new DataView(blob.buffer, blob.byteOffset).getUint32(0) }];
    });
}
