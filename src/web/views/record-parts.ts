import { html, type Html } from './html.ts';
import type { ViewContext } from '../view-context.ts';
import { AUDITOR_PATH, auditorFile } from '../auditor-file.ts';
import { numberFormat, pluralRules } from '../../i18n/formats.ts';

// The browser scripts of the record's pages (receipt.js, audit.js) write translated sentences with numbers they
// computed themselves. They get each sentence as a template: the message formatted here with a marker number for
// each argument, the formatted marker then replaced by `{name}`, for the script to put its own formatted number in.

/** CheckpointFacts is a checkpoint as a page shows it: the record's origin, its size, and its root in base64. */
export interface CheckpointFacts {
  origin: string;
  size: number;
  root: string;
}

/** messageTemplate formats a message whose numeric arguments `names` are left as `{name}` for a script to fill. */
export function messageTemplate(
  ctx: ViewContext,
  key: string,
  names: string[],
  params: Record<string, string> = {},
): string {
  const markers = names.map((_, i) => 900_001 + i * 1_111);
  let text = ctx.t(key, { ...params, ...Object.fromEntries(names.map((name, i) => [name, markers[i]])) });
  names.forEach((name, i) => {
    text = text.replace(numberFormat(ctx.lang).format(markers[i]), `{${name}}`);
  });
  return text;
}

/** pluralTemplates gives a message in each plural category of its argument `name`, with the number left as `{name}`. */
export function pluralTemplates(
  ctx: ViewContext,
  key: string,
  name: string,
  params: Record<string, string | number> = {},
): Record<string, string> {
  const rules = pluralRules(ctx.lang);
  const templates: Record<string, string> = {};
  for (const category of rules.resolvedOptions().pluralCategories) {
    // A large sample is unlikely to appear elsewhere in the sentence; English "one" has only 1.
    const sample = [100_001, 100_002, 100_005, 100_000, 1, 2, 5, 0].find((n) => rules.select(n) === category);
    if (sample === undefined) continue;
    const text = ctx.t(key, { ...params, [name]: sample });
    templates[category] = text.replace(numberFormat(ctx.lang).format(sample), `{${name}}`);
  }
  return templates;
}

/** checkpointFacts lists a checkpoint's origin, size and root, each marked for a script to update. */
export function checkpointFacts(ctx: ViewContext, checkpoint: CheckpointFacts): Html {
  const t = ctx.t;
  return html`<dl class="record-facts">
  <dt>${t('record.origin')}</dt><dd><code data-field="origin">${checkpoint.origin}</code></dd>
  <dt>${t('record.size')}</dt><dd data-field="size">${numberFormat(ctx.lang).format(checkpoint.size)}</dd>
  <dt>${t('record.root')}</dt><dd><code class="hash" data-field="root">${checkpoint.root}</code></dd>
</dl>`;
}

/** auditCommand is the command that audits this site's whole record with the single-file auditor, its key pinned. */
export function auditCommand(publicUrl: string, verifierKey: string): string {
  return `node veche-audit.mjs ${publicUrl} --key '${verifierKey}'`;
}

/**
 * auditorSteps tells a person exactly how to audit the whole record with nothing but Node.js: download the auditor
 * (one file, from this site or a mirror), compare its SHA-256, run it with the key pinned.
 */
export function auditorSteps(ctx: ViewContext): Html {
  const t = ctx.t;
  const file = auditorFile();
  return html`<p>${t('record.auditor-intro')}</p>
<ol class="auditor-steps">
  ${
    file === null
      ? ''
      : html`<li>${t('record.auditor-download')} <a href="${AUDITOR_PATH}" download>veche-audit.mjs</a>
    <span class="small muted">${t('record.auditor-sha')} <code class="hash">${file.sha256}</code></span></li>`
  }
  <li>${t('record.auditor-run')}<pre class="secret command"><code>${auditCommand(ctx.publicUrl, ctx.verifierKey)}</code></pre></li>
</ol>
<p class="small muted">${t('record.auditor-mirror')}</p>`;
}

const FAILURE_CODES = [
  'key',
  'signature',
  'checkpoint',
  'entry',
  'proof',
  'network',
  'tiles',
  'root',
  'older',
] as const;

/**
 * FailureCode names why a check in the browser failed (record-verify.js's Failure): those failureReasons puts in
 * words, and a witness policy that cannot be read or does not name the record's key (record-audit-page.ts).
 */
export type FailureCode = (typeof FAILURE_CODES)[number] | 'policy' | 'policy-log';

/** failureReasons are the ways a check in the browser can fail, in words, for receipt.js and audit.js. */
export function failureReasons(ctx: ViewContext): Record<string, string> {
  const codes = FAILURE_CODES;
  return Object.fromEntries(codes.map((code) => [code, ctx.t(`record.fail-${code}`)]));
}
