import { html, paragraphs, type Html } from './html.ts';
import { layout } from './layout.ts';
import type { ViewContext } from '../view-context.ts';
import { dateOnly } from './account-form.ts';
import type { OperatorNote } from '../../domain/operator-note.ts';

/**
 * aboutPage tells, in plain words, what the site is for, how signing and asking work, how anyone can check the
 * counts, and who runs it: what the admin wrote, or that they have not said, and what that means for trust.
 */
export function aboutPage(ctx: ViewContext, note: OperatorNote | null): Html {
  const t = ctx.t;
  const site = t('site.name');
  return layout(
    ctx,
    t('aboutSite.title'),
    html`
<h1>${t('aboutSite.title')}</h1>
<p class="lead">${t('aboutSite.lead')}</p>
<h2>${t('aboutSite.for-heading')}</h2>
<p>${t('aboutSite.for-1', { site })}</p>
<p>${t('aboutSite.for-2')}</p>
<p class="small muted">${t('aboutSite.for-name')}</p>
<h2 id="petitions-h">${t('aboutSite.petitions-heading')}</h2>
<ol class="plain-points steps" aria-labelledby="petitions-h">${[1, 2, 3, 4].map((n) => html`<li>${t(`aboutSite.petitions-${n}`)}</li>`)}</ol>
<p><a href="/">${t('aboutSite.petitions-link')}</a></p>
<h2 id="events-h">${t('aboutSite.events-heading')}</h2>
<ol class="plain-points steps" aria-labelledby="events-h">${[1, 2, 3, 4].map((n) => html`<li>${t(`aboutSite.events-${n}`)}</li>`)}</ol>
<p><a href="/events">${t('aboutSite.events-link')}</a></p>
<h2>${t('aboutSite.record-heading')}</h2>
<p>${t('aboutSite.record-1')}</p>
<p>${t('aboutSite.record-2')}</p>
<ul class="plain-points">
  <li><a href="/record">${t('aboutSite.record-link')}</a></li>
  <li><a href="/privacy">${t('aboutSite.privacy-link')}</a></li>
</ul>
<section class="card operator" aria-labelledby="who-h" id="who">
  <h2 id="who-h">${t('aboutSite.who-heading')}</h2>
  ${
    note
      ? operator(ctx, note)
      : html`<p><strong>${t('aboutSite.who-none')}</strong></p>
  <p>${t('aboutSite.who-none-trust')}</p>`
  }
  <p><a href="/privacy">${t('footer.privacy')}</a></p>
</section>`,
    { description: t('aboutSite.lead'), canonical: '/about' },
  );
}

/** operator shows the admin's note: each part escaped, the text in paragraphs, an email or web address as a link. */
function operator(ctx: ViewContext, note: OperatorNote): Html {
  const t = ctx.t;
  return html`${
    note.name || note.contact
      ? html`<dl class="operator-facts">
    ${note.name ? html`<div><dt>${t('aboutSite.who-name')}</dt><dd>${note.name}</dd></div>` : ''}
    ${note.contact ? html`<div><dt>${t('aboutSite.who-contact')}</dt><dd>${contactOf(note.contact)}</dd></div>` : ''}
  </dl>`
      : ''
  }
  ${note.about ? html`<div class="operator-about">${paragraphs(note.about)}</div>` : ''}
  <p class="small muted">${t('aboutSite.who-written', { date: dateOnly(ctx, note.changedAt) })}</p>
  <p>${t('aboutSite.who-trust')}</p>`;
}

const emailAddress = /^[^\s@<>"']+@[^\s@<>"']+\.[^\s@<>"']+$/;
const webAddress = /^https?:\/\/[^\s<>"']+$/;

/** contactOf makes an email address a mailto link and a web address a link; any other contact stays text. */
export function contactOf(contact: string): Html | string {
  if (emailAddress.test(contact)) return html`<a href="mailto:${contact}">${contact}</a>`;
  if (webAddress.test(contact)) return html`<a href="${contact}" rel="nofollow noopener noreferrer">${contact}</a>`;
  return contact;
}
