import { html, type Html } from './html.ts';
import { layout } from './layout.ts';
import type { ViewContext } from '../view-context.ts';
import type { LogPolicy } from '../../witnessing/log-policy.ts';
import { witnessesSection } from './witnesses-section.ts';
import { auditorSteps } from './record-parts.ts';

/** recordAboutPage explains the public record and shows what an auditor pins: the latest checkpoint and the key. */
export function recordAboutPage(
  ctx: ViewContext,
  checkpoint: string | null,
  verifierKey: string,
  witnessing: LogPolicy,
): Html {
  const t = ctx.t;
  const size = checkpoint ? Number(checkpoint.split('\n')[1]) : 0;
  return layout(
    ctx,
    t('about.title'),
    html`
<h1>${t('about.title')}</h1>
<p class="lead">${t('about.lead')}</p>
<h2>${t('about.checkpoint-heading')}</h2>
${
  checkpoint
    ? html`<p>${t('about.checkpoint-text', { size })}</p>
<pre class="secret" data-checkpoint>${checkpoint}</pre>
<p class="small"><a href="/log/checkpoint">/log/checkpoint</a></p>`
    : html`<p class="muted">${t('about.no-checkpoint')}</p>`
}
${witnessesSection(ctx, witnessing, checkpoint)}
<h2>${t('about.key-heading')}</h2>
<p>${t('about.key-text')}</p>
<p class="secret" data-verifier-key>${verifierKey}</p>
<p class="small"><a href="/log/key">/log/key</a></p>
<h2>${t('about.check-heading')}</h2>
<p><a href="/audit">${t('whole.link')}</a></p>
${auditorSteps(ctx)}
<p>${t('about.check-formats')}</p>`,
  );
}
