import { html, paragraphs, type Html } from './html.ts';
import { layout, errorSummary, fieldError } from './layout.ts';
import type { ViewContext } from '../view-context.ts';
import { namedErrors } from './organiser-form.ts';
import { countBox, dashboardSections, type Dashboard, type ManageForm } from './organiser-dashboard.ts';
import { countryName } from '../../domain/regions.ts';
import { languageNames, languages } from '../../i18n/i18n.ts';
import type { Petition } from '../../domain/petition.ts';
import { MAX_CORRECTIONS } from '../../actions/read-correction.ts';

/** ManageNotice says what the organiser's last action did, shown once after the redirect back here. */
export type ManageNotice =
  | { kind: 'saved' | 'published' | 'closed' | 'responded' | 'corrected' }
  | { kind: 'invalidated'; count: number }
  | null;

/** ManageForms are the manage page's forms that may come back with mistakes: publishing, invalidating, responding. */
export interface ManageForms {
  publish?: ManageForm;
  invalidate?: ManageForm;
  response?: ManageForm;
  close?: ManageForm;
}

const none: ManageForm = { values: {}, errors: {} };

/**
 * managePage is where an organiser looks after one petition: its status and next steps, a preview of the public page,
 * and once published the dashboard (count, rate, bursts, regions, invalidations), the response and the exports.
 */
export function managePage(
  ctx: ViewContext,
  p: Petition,
  dashboard: Dashboard | null,
  notice: ManageNotice,
  forms: ManageForms = {},
): Html {
  const t = ctx.t;
  const published = p.status !== 'draft';
  return layout(
    ctx,
    p.title,
    html`
<p class="small"><a href="/admin">${t('organiser.back-to-list')}</a></p>
<header class="petition-head">
  <p><span class="badge ${p.status}">${t(`status.${p.status}`)}</span>
    ${p.confirmation === 'none' ? html` <span class="badge closed">${t('petition.unconfirmed-badge')}</span>` : ''}</p>
  <h1 lang="${p.language}">${p.title}</h1>
  <p class="addressee">${t('petition.to', { addressee: p.addressee })}</p>
</header>
${noticeOf(ctx, notice)}
<p><a href="/admin/petitions/${p.publicId}/attachments">${t('attachment.manage-link')}</a></p>
${p.status === 'draft' ? '' : html`<p><a href="/admin/petitions/${p.publicId}/paper">${t('paper.manage-link')}</a></p>`}
${forms.publish ? html`${errorSummary(ctx, namedErrors(ctx, forms.publish.errors))}<p><a href="/admin/petitions/${p.publicId}/edit">${t('organiser.fix-draft')}</a></p>` : ''}
<div class="manage-grid">
<div class="manage-side">
  ${dashboard ? countBox(ctx, p, dashboard) : ''}
  ${nextSteps(ctx, p, forms.close ?? none)}
  ${correctionCard(ctx, p)}
</div>
<div class="manage-main">
  ${dashboard ? dashboardSections(ctx, p, dashboard, forms.invalidate ?? none) : ''}
  ${preview(ctx, p)}
</div>
${
  published
    ? html`<div class="manage-extra">
  ${deliverCard(ctx, p)}
  ${responseCard(ctx, p, forms.response ?? none)}
</div>`
    : ''
}
</div>`,
    { noindex: true, wide: true },
  );
}

function noticeOf(ctx: ViewContext, notice: ManageNotice): Html | string {
  if (!notice) return '';
  const text =
    notice.kind === 'invalidated'
      ? notice.count === 0
        ? ctx.t('organiser.done-invalidated-none')
        : ctx.t('organiser.done-invalidated', { count: notice.count })
      : ctx.t(`organiser.done-${notice.kind}`);
  return html`<div class="notice good" role="status"><p>${text}</p></div>`;
}

function nextSteps(ctx: ViewContext, p: Petition, close: ManageForm): Html {
  const t = ctx.t;
  const csrf = html`<input type="hidden" name="_csrf" value="${ctx.csrf}">`;
  if (p.status === 'draft') {
    return html`<section class="card" aria-labelledby="steps-h">
  <h2 id="steps-h">${t('organiser.draft-heading')}</h2>
  <p class="small">${t('organiser.draft-lead')}</p>
  <div class="actions">
    <form method="post" action="/admin/petitions/${p.publicId}/publish">${csrf}<button type="submit">${t('organiser.publish')}</button></form>
    <a class="button secondary" href="/admin/petitions/${p.publicId}/edit">${t('organiser.edit')}</a>
  </div>
</section>`;
  }
  if (p.status === 'open') {
    return html`<section class="card" aria-labelledby="steps-h">
  <h2 id="steps-h">${t('organiser.open-heading')}</h2>
  <p class="small">${p.deadline ? t('petition.deadline', { date: new Date(p.deadline) }) : t('organiser.no-deadline')}</p>
  <p class="small">${t('organiser.close-lead')}</p>
  ${errorSummary(ctx, namedErrors(ctx, close.errors))}
  <form method="post" action="/admin/petitions/${p.publicId}/close" novalidate id="close">${csrf}
    <div class="${close.errors.confirm ? 'has-error' : ''}">
      <label class="check"><input type="checkbox" id="confirm" name="confirm" value="yes" aria-describedby="${close.errors.confirm ? 'confirm-error' : undefined}"> <span>${t('organiser.close-confirm')}</span></label>
      ${fieldError('confirm', close.errors.confirm)}
    </div>
    <button type="submit" class="danger">${t('organiser.close')}</button>
  </form>
</section>`;
  }
  return html`<section class="card" aria-labelledby="steps-h">
  <h2 id="steps-h">${t('organiser.closed-heading')}</h2>
  <p class="small">${t('petition.closed-on', { date: new Date(p.closedAt ?? p.updatedAt) })}</p>
</section>`;
}

/** correctionCard offers an open petition's public correction, saying first that it is public, and links to its versions. */
function correctionCard(ctx: ViewContext, p: Petition): Html | string {
  const t = ctx.t;
  if (p.status === 'draft') return '';
  const corrections = p.version - 1;
  const versions =
    corrections > 0
      ? html`<p class="small">${t('correction.manage-count', { count: corrections, max: MAX_CORRECTIONS })} <a href="/p/${p.publicId}/versions">${t('correction.notice-link')}</a></p>`
      : '';
  if (p.status !== 'open') return versions ? html`<section class="card">${versions}</section>` : '';
  return html`<section class="card" aria-labelledby="correct-h" id="correct">
  <h2 id="correct-h">${t('correction.manage-heading')}</h2>
  <p class="small">${t('correction.manage-lead')}</p>
  ${versions}
  ${
    corrections < MAX_CORRECTIONS
      ? html`<a class="button secondary" href="/admin/petitions/${p.publicId}/correct">${t('correction.manage-link')}</a>`
      : html`<p class="small">${t('correction.limit-reached', { max: MAX_CORRECTIONS })}</p>`
  }
</section>`;
}

function deliverCard(ctx: ViewContext, p: Petition): Html {
  const t = ctx.t;
  return html`<section class="card" aria-labelledby="deliver-h">
  <h2 id="deliver-h">${t('organiser.deliver-heading')}</h2>
  <ul class="deliver-links">
    <li><a href="/p/${p.publicId}">${t('organiser.public-page')}</a></li>
    <li><a href="/admin/petitions/${p.publicId}/packet.pdf" download>${t('organiser.packet-link')}</a><br><span class="small muted">${t('organiser.packet-about')}</span>
      <br><span class="small">${t('organiser.packet-in')} ${languages.filter((l) => l !== p.language).map((l, i) => html`${i > 0 ? ' · ' : ''}<a href="/admin/petitions/${p.publicId}/packet.pdf?language=${l}" hreflang="${l}" lang="${l}" download>${languageNames[l]}</a>`)}</span></li>
    <li><a href="/admin/petitions/${p.publicId}/signatures.csv" download>${t('organiser.csv-link')}</a><br><span class="small muted">${t('organiser.csv-about')}</span></li>
  </ul>
</section>`;
}

function responseCard(ctx: ViewContext, p: Petition, form: ManageForm): Html {
  const t = ctx.t;
  const error = form.errors.response;
  return html`<section class="card" aria-labelledby="response-h" id="respond">
  <h2 id="response-h">${t('organiser.response-heading')}</h2>
  ${p.respondedAt ? html`<p class="small muted">${t('organiser.response-saved-on', { date: new Date(p.respondedAt) })}</p>` : ''}
  ${errorSummary(ctx, namedErrors(ctx, form.errors))}
  <form method="post" action="/admin/petitions/${p.publicId}/response" novalidate>
    <input type="hidden" name="_csrf" value="${ctx.csrf}">
    <div class="${error ? 'has-error' : ''}">
      <label for="response">${t('organiser.field-response')}</label>
      <p class="hint" id="response-hint">${t('organiser.hint-response')}</p>
      <textarea id="response" name="response" rows="6" maxlength="20000" aria-describedby="${error ? 'response-hint response-error' : 'response-hint'}">${form.values.response ?? p.response ?? ''}</textarea>
      ${fieldError('response', error)}
    </div>
    <button type="submit">${t('organiser.response-button')}</button>
  </form>
</section>`;
}

/** preview shows the petition as the public page will, with what it asks of signers, so the organiser can check it. */
function preview(ctx: ViewContext, p: Petition): Html {
  const t = ctx.t;
  const countries = p.regionCountries.map((c) => countryName(c, ctx.lang));
  const asks = [
    t(`organiser.nameRule-${p.nameRule}`),
    t(`organiser.namesPublic-${p.namesPublic}`),
    p.regionRule === 'none'
      ? t('organiser.regionRule-none')
      : t('organiser.preview-regions', {
          rule: t(`organiser.regionRule-${p.regionRule}`),
          countries: countries.join(', '),
        }),
    t(`organiser.asks-confirmation-${p.confirmation}`),
  ];
  return html`<section aria-labelledby="preview-h">
  <h2 id="preview-h">${t('organiser.preview-heading')}</h2>
  <div class="preview-frame">
    <p class="preview-title" lang="${p.language}">${p.title}</p>
    <p class="addressee muted">${t('petition.to', { addressee: p.addressee })}</p>
    <div class="petition-text" lang="${p.language}">${paragraphs(p.body)}</div>
    ${p.response ? html`<div class="card response"><h3>${t('petition.response-heading')}</h3>${paragraphs(p.response)}</div>` : ''}
  </div>
  <h3>${t('organiser.settings-heading')}</h3>
  <ul class="small">
    ${p.goal ? html`<li>${t('petition.goal', { goal: p.goal })}</li>` : html`<li>${t('organiser.no-goal')}</li>`}
    ${p.deadline ? html`<li>${t('petition.deadline', { date: new Date(p.deadline) })}</li>` : html`<li>${t('organiser.no-deadline')}</li>`}
    ${asks.map((a) => html`<li>${a}</li>`)}
  </ul>
</section>`;
}
