import { html, type Html } from './html.ts';
import { errorSummary, fieldError, layout } from './layout.ts';
import type { ViewContext } from '../view-context.ts';
import type { Petition } from '../../domain/petition.ts';
import { MAX_PAPER_BATCH, PAPER_WITHDRAWAL_REASONS, type PaperBatch } from '../../domain/paper-batch.ts';
import { regionName, regionsOf, supportedCountries } from '../../domain/regions.ts';
import type { PaperBatchInput } from '../../actions/read-paper-batch.ts';

/** PaperForm is what the batch form shows: the values typed and any mistakes, by field. */
export interface PaperForm {
  values: Record<string, string>;
  errors: Record<string, string>;
}

const order = ['count', 'region', 'sheets', 'reason'];

/** named puts each mistake after its field's name, in the form's order, for the error summary. */
function named(ctx: ViewContext, errors: Record<string, string>): Record<string, string> {
  const rank = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length);
  return Object.fromEntries(
    Object.entries(errors)
      .sort(([a], [b]) => rank(a) - rank(b))
      .map(([field, message]) => [
        field,
        `${order.includes(field) ? ctx.t(`paper.field-${field}`) : field}: ${message}`,
      ]),
  );
}

/**
 * paperPage is the organiser's page of paper signatures: the form for a new batch (while the petition is open) and
 * every batch entered, each with a way to withdraw it and a public reason. It says what becomes public.
 */
export function paperPage(
  ctx: ViewContext,
  p: Petition,
  batches: PaperBatch[],
  form: PaperForm,
  withdraw: { batch: string; errors: Record<string, string> } | null = null,
  done: 'added' | 'withdrawn' | null = null,
): Html {
  const t = ctx.t;
  const v = form.values;
  const e = form.errors;
  const countries = p.regionCountries.length > 0 ? p.regionCountries : supportedCountries;
  const regions = regionsOf(countries, ctx.lang);
  const described = (field: string) => (e[field] ? `${field}-hint ${field}-error` : `${field}-hint`);
  const counted = batches.filter((b) => b.status === 'counted').reduce((sum, b) => sum + b.count, 0);
  return layout(
    ctx,
    t('paper.page-title'),
    html`
<p class="small"><a href="/admin/petitions/${p.publicId}">${t('common.back')}</a></p>
<h1>${t('paper.page-title')}</h1>
${done ? html`<div class="notice" role="status"><p>${t(`paper.done-${done}`)}</p></div>` : ''}
<p class="lead">${t('paper.page-lead')}</p>
<div class="notice"><p>${t('paper.public-note')}</p></div>
<p>${t('paper.counted', { count: counted })}</p>
${
  p.status === 'open'
    ? html`<section class="card" aria-labelledby="add-h">
<h2 id="add-h">${t('paper.form-heading')}</h2>
${errorSummary(ctx, named(ctx, e))}
<form method="post" action="/admin/petitions/${p.publicId}/paper" novalidate>
  <input type="hidden" name="_csrf" value="${ctx.csrf}">
  <div class="${e.count ? 'has-error' : ''}">
    <label for="count">${t('paper.field-count')}</label>
    <p class="hint" id="count-hint">${t('paper.hint-count', { max: MAX_PAPER_BATCH })}</p>
    <input id="count" name="count" inputmode="numeric" value="${v.count ?? ''}" aria-describedby="${described('count')}">
    ${fieldError('count', e.count)}
  </div>
  <div class="${e.region ? 'has-error' : ''}">
    <label for="region">${t('paper.field-region')}</label>
    <p class="hint" id="region-hint">${t('paper.hint-region')}</p>
    <select id="region" name="region" aria-describedby="${described('region')}">
      <option value="">${t('paper.region-none')}</option>
      ${regions.map((r) => html`<option value="${r.code}" ${v.region === r.code ? 'selected' : ''}>${r.name}</option>`)}
    </select>
    ${fieldError('region', e.region)}
  </div>
  <div class="${e.sheets ? 'has-error' : ''}">
    <label for="sheets">${t('paper.field-sheets')}</label>
    <p class="hint" id="sheets-hint">${t('paper.hint-sheets')}</p>
    <input id="sheets" name="sheets" value="${v.sheets ?? ''}" aria-describedby="${described('sheets')}">
    ${fieldError('sheets', e.sheets)}
  </div>
  <input type="hidden" name="step" value="preview">
  <button type="submit">${t('paper.preview-button')}</button>
</form>
</section>`
    : html`<p>${t('paper.closed')}</p>`
}
<section aria-labelledby="batches-h">
<h2 id="batches-h">${t('paper.batches-heading')}</h2>
${
  batches.length === 0
    ? html`<p>${t('paper.none')}</p>`
    : html`<ul class="paper-batches">${batches.map((b) => batchItem(ctx, p, b, withdraw?.batch === b.publicId ? withdraw.errors : {}))}</ul>`
}
</section>`,
    { noindex: true },
  );
}

function batchItem(ctx: ViewContext, p: Petition, b: PaperBatch, errors: Record<string, string>): Html {
  const t = ctx.t;
  const line = t('paper.batch-line', {
    count: b.count,
    sheets: b.sheets,
    region: b.region === null ? t('paper.region-none') : regionName(b.region, ctx.lang),
    date: new Date(b.createdAt),
  });
  if (b.status === 'withdrawn')
    return html`<li id="${b.publicId}"><s>${line}</s> ${t('paper.withdrawn', { reason: t(`paper.reason-${b.reason}`) })}</li>`;
  const field = `reason-${b.publicId}`;
  return html`<li id="${b.publicId}">${line}
  ${errorSummary(ctx, named(ctx, errors))}
  <form method="post" action="/admin/petitions/${p.publicId}/paper/${b.publicId}/withdraw">
    <input type="hidden" name="_csrf" value="${ctx.csrf}">
    <fieldset class="${errors.reason ? 'has-error nested' : 'nested'}" aria-describedby="${errors.reason ? 'reason-error' : undefined}">
      <legend>${t('paper.withdraw-legend')}</legend>
      ${PAPER_WITHDRAWAL_REASONS.map(
        (reason, i) =>
          html`<label class="check"><input type="radio" id="${i === 0 && errors.reason ? 'reason' : `${field}-${reason}`}" name="reason" value="${reason}"> <span>${t(`paper.reason-${reason}`)}</span></label>`,
      )}
      ${fieldError('reason', errors.reason)}
    </fieldset>
    <button type="submit" class="secondary">${t('paper.withdraw-button')}</button>
  </form></li>`;
}

/** paperPreviewPage is the confirmation step: what will be added and made public, and one button that adds it. */
export function paperPreviewPage(ctx: ViewContext, p: Petition, next: PaperBatchInput): Html {
  const t = ctx.t;
  const hidden = (name: string, value: string) => html`<input type="hidden" name="${name}" value="${value}">`;
  return layout(
    ctx,
    t('paper.preview-heading'),
    html`
<p class="small"><a href="/admin/petitions/${p.publicId}/paper">${t('common.back')}</a></p>
<h1 tabindex="-1" autofocus>${t('paper.preview-heading')}</h1>
<div class="notice warn" role="note"><p>${t('paper.preview-warning')}</p></div>
<dl>
  <dt>${t('paper.field-count')}</dt><dd>${next.count}</dd>
  <dt>${t('paper.field-region')}</dt><dd>${next.region === null ? t('paper.region-none') : regionName(next.region, ctx.lang)}</dd>
  <dt>${t('paper.field-sheets')}</dt><dd>${next.sheets}</dd>
</dl>
<form method="post" action="/admin/petitions/${p.publicId}/paper">
  <input type="hidden" name="_csrf" value="${ctx.csrf}">
  ${hidden('count', String(next.count))}${hidden('region', next.region ?? '')}${hidden('sheets', next.sheets)}
  <button type="submit" name="step" value="add">${t('paper.confirm-button')}</button>
  <button type="submit" name="step" value="edit" class="secondary">${t('paper.back-to-edit')}</button>
</form>`,
    { noindex: true },
  );
}
