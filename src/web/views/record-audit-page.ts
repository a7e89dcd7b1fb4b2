import { html, type Html } from './html.ts';
import { layout } from './layout.ts';
import type { ViewContext } from '../view-context.ts';
import { auditorSteps, failureReasons, messageTemplate, pluralTemplates } from './record-parts.ts';
import { witnessMessages } from './witnesses-section.ts';

/**
 * recordAuditPage lets anyone audit the whole record in the browser (record-audit.js, in a worker): every entry and
 * tile, the root, and every petition's and event's count against the site, or against a mirror's copy. Without
 * JavaScript it gives the single-file auditor's steps instead.
 */
export function recordAuditPage(ctx: ViewContext, size: number | null): Html {
  const t = ctx.t;
  const messages = recordAuditMessages(ctx);
  return layout(
    ctx,
    t('whole.title'),
    html`
<p class="small"><a href="/record">${t('whole.back')}</a></p>
<h1>${t('whole.title')}</h1>
<p class="lead">${t('whole.lead')}</p>
${
  size === null
    ? html`<p class="notice">${t('record.audit-none')}</p>`
    : html`
<section class="card audit-run" aria-labelledby="run-h" hidden data-record-audit data-key="${ctx.verifierKey}" data-messages="${JSON.stringify(messages)}">
  <h2 id="run-h">${t('record.audit-run-heading')}</h2>
  <p>${t('whole.size', { entries: size })}</p>
  <form>
    <label for="source">${t('whole.source-label')}</label>
    <p class="hint" id="source-hint">${t('whole.source-hint')}</p>
    <input id="source" name="source" type="url" inputmode="url" autocomplete="off" spellcheck="false" placeholder="https://" aria-describedby="source-hint">
    <label for="policy">${t('witnesses.policy-label')}</label>
    <p class="hint" id="policy-hint">${t('witnesses.policy-hint')}</p>
    <textarea id="policy" name="policy" rows="4" autocomplete="off" spellcheck="false" aria-describedby="policy-hint"></textarea>
    <button type="submit">${t('whole.run')}</button>
  </form>
  <progress class="audit-progress" max="1" value="0" hidden aria-label="${t('record.audit-progress')}"></progress>
  <p role="status" data-status></p>
  <div data-results></div>
</section>`
}
<noscript><p class="notice">${t('record.audit-nojs')}</p></noscript>
<section aria-labelledby="tools-h">
  <h2 id="tools-h">${t('record.audit-tools-heading')}</h2>
  ${auditorSteps(ctx)}
</section>
<section aria-labelledby="key-h">
  <h2 id="key-h">${t('record.key')}</h2>
  <pre class="secret key">${ctx.verifierKey}</pre>
  <p class="small muted">${t('record.audit-key-text')}</p>
</section>`,
    { scripts: ['/assets/record-audit.js'], styles: ['/assets/record.css'], description: t('whole.lead') },
  );
}

/** recordAuditMessages are the sentences record-audit.js writes, with the numbers it computes left as `{name}`. */
export function recordAuditMessages(ctx: ViewContext) {
  const t = ctx.t;
  return {
    starting: t('whole.starting'),
    step: messageTemplate(ctx, 'whole.step', ['done', 'total']),
    ok: messageTemplate(ctx, 'whole.ok', ['seconds', 'size']),
    bad: pluralTemplates(ctx, 'whole.bad', 'count'),
    failed: t('whole.failed', { reason: '{reason}' }),
    unsupported: t('record.browser-unsupported'),
    reasons: recordAuditReasons(ctx),
    witnesses: witnessMessages(ctx),
    petitions: t('whole.petitions'),
    events: t('whole.events'),
    petition: t('whole.petition'),
    event: t('whole.event'),
    record: t('whole.record'),
    site: t('whole.site'),
    asked: t('whole.asked'),
    votes: t('whole.votes'),
  };
}

/** recordAuditReasons are the ways the whole-record audit can fail, in words: a check's, or the witness policy's. */
function recordAuditReasons(ctx: ViewContext): Record<string, string> {
  return {
    ...failureReasons(ctx),
    policy: ctx.t('witnesses.fail-policy'),
    'policy-log': ctx.t('witnesses.fail-policy-log'),
  };
}

/** RecordAuditMessages are the words record-audit.js reads from data-messages: a word renamed here fails tsc there. */
export type RecordAuditMessages = ReturnType<typeof recordAuditMessages>;
