import { html, type Html } from './html.ts';
import { layout } from './layout.ts';
import type { ViewContext } from '../view-context.ts';

/** privacyPage tells a signer, in plain words, what the site keeps and publishes and who could still learn what. */
export function privacyPage(ctx: ViewContext): Html {
  const t = ctx.t;
  const adversaries = ['phone', 'mail', 'network', 'server'] as const;
  return layout(
    ctx,
    t('privacy.title'),
    html`
<h1>${t('privacy.title')}</h1>
<p class="lead">${t('privacy.lead')}</p>
<section class="card" aria-labelledby="short-h">
  <h2 id="short-h">${t('privacy.short-heading')}</h2>
  <ul class="plain-points">${[1, 2, 3, 4].map((n) => html`<li>${t(`privacy.short-${n}`)}</li>`)}</ul>
</section>
<h2>${t('privacy.keep-heading')}</h2>
${(['ip', 'email', 'name', 'questions'] as const).map((k) => html`<p>${t(`privacy.keep-${k}`)}</p>`)}
<h2>${t('privacy.record-heading')}</h2>
<p>${t('privacy.record-text')} <a href="/record">${t('privacy.record-link')}</a></p>
<h2>${t('privacy.who-heading')}</h2>
${adversaries.map(
  (k) => html`<h3>${t(`privacy.who-${k}`)}</h3>
<p>${t(`privacy.who-${k}-text`)}</p>`,
)}
<h2>${t('privacy.never-heading')}</h2>
<p>${t('privacy.never-text')}</p>
<details class="card">
  <summary>${t('privacy.more-heading')}</summary>
  <p>${t('privacy.more-text')}</p>
  <p><a href="/privacy/threat-model.txt">${t('privacy.more-link')}</a></p>
</details>`,
    { description: t('privacy.lead'), canonical: '/privacy' },
  );
}
