import { html, type Html } from './html.ts';
import { layout } from './layout.ts';
import type { ViewContext } from '../view-context.ts';
import type { PetitionView } from '../../read/petition-reader.ts';
import { encodeBase64 } from '../../record/bytes.ts';
import type { RecordCoverage } from '../record-proofs.ts';
import { auditorSteps, checkpointFacts, failureReasons, messageTemplate } from './record-parts.ts';

// About what one entry costs to download: its bundle bytes (~110) and its 32-byte leaf hash in a level-0 tile.
const BYTES_PER_ENTRY = 150;

/**
 * auditPage explains how anyone can check a petition's count against the public record: in the browser (audit.js,
 * which downloads the whole record and recomputes the root and the count), or with the single-file auditor and Go's
 * tools.
 * Without JavaScript it shows the command, the checkpoint and the key.
 */
export function auditPage(
  ctx: ViewContext,
  view: PetitionView,
  coverage: RecordCoverage | null,
  verifierKey: string,
): Html {
  const t = ctx.t;
  const p = view.petition;
  const checkpoint = coverage?.checkpoint;
  const megabytes = checkpoint ? Math.max(0.1, Math.round((checkpoint.size * BYTES_PER_ENTRY) / 100_000) / 10) : 0;
  const messages = auditMessages(ctx);
  return layout(
    ctx,
    t('record.audit-title'),
    html`
<p class="small"><a href="/p/${p.publicId}">${t('record.audit-back')}</a></p>
<h1>${t('record.audit-title')}</h1>
<p class="lead">${t('record.audit-lead', { title: p.title })}</p>
${
  coverage === null || checkpoint === undefined
    ? html`<p class="notice">${t('record.audit-none')}</p>`
    : html`
<p class="site-count"><strong>${t('record.audit-site-count', { count: coverage.signatures, size: checkpoint.size })}</strong></p>
<section aria-labelledby="what-h">
  <h2 id="what-h">${t('record.audit-what-heading')}</h2>
  <ol>
    <li>${t('record.audit-what-signature')}</li>
    <li>${t('record.audit-what-entries')}</li>
    <li>${t('record.audit-what-count')}</li>
  </ol>
</section>
<section class="card audit-run" aria-labelledby="run-h" hidden data-audit="${p.publicId}" data-messages="${JSON.stringify(messages)}">
  <h2 id="run-h">${t('record.audit-run-heading')}</h2>
  <p>${t('record.audit-download', { entries: checkpoint.size, megabytes })}</p>
  <button type="button" data-audit-run>${t('record.audit-run')}</button>
  <progress class="audit-progress" max="1" value="0" hidden data-audit-progress aria-label="${t('record.audit-progress')}"></progress>
  <p role="status" data-audit-status></p>
</section>`
}
<noscript><p class="notice">${t('record.audit-nojs')}</p></noscript>
<section aria-labelledby="tools-h">
  <h2 id="tools-h">${t('record.audit-tools-heading')}</h2>
  ${auditorSteps(ctx)}
  <p class="small muted">${t('record.audit-tools-go')}</p>
</section>
${
  checkpoint
    ? html`<section aria-labelledby="checkpoint-h">
  <h2 id="checkpoint-h">${t('record.audit-checkpoint-heading')}</h2>
  ${checkpointFacts(ctx, { origin: checkpoint.origin, size: checkpoint.size, root: encodeBase64(checkpoint.root) })}
  <pre class="secret note">${checkpoint.note}</pre>
</section>`
    : ''
}
<section aria-labelledby="key-h">
  <h2 id="key-h">${t('record.key')}</h2>
  <pre class="secret key">${verifierKey}</pre>
  <p class="small muted">${t('record.audit-key-text')}</p>
</section>`,
    {
      scripts: ['/assets/audit.js'],
      styles: ['/assets/record.css'],
      description: t('record.audit-lead', { title: p.title }),
    },
  );
}

/** auditMessages are the sentences audit.js writes, with the numbers it computes left as `{name}`. */
export function auditMessages(ctx: ViewContext) {
  const t = ctx.t;
  return {
    stepKey: t('record.audit-step-key'),
    stepEntries: messageTemplate(ctx, 'record.audit-step-entries', ['done', 'total']),
    stepTiles: t('record.audit-step-tiles'),
    ok: messageTemplate(ctx, 'record.audit-ok', ['seconds', 'size', 'at', 'count']),
    mismatch: messageTemplate(ctx, 'record.audit-mismatch', ['at', 'record', 'site']),
    failed: t('record.audit-failed', { reason: '{reason}' }),
    unsupported: t('record.browser-unsupported'),
    reasons: failureReasons(ctx),
  };
}

/** AuditMessages are the words audit.js reads from its section's data-messages: a word renamed here fails tsc there. */
export type AuditMessages = ReturnType<typeof auditMessages>;
