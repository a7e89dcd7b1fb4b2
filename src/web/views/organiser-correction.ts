import { html, type Html } from './html.ts';
import { errorSummary, fieldError, layout } from './layout.ts';
import { formFields } from './form-fields.ts';
import { namedErrors } from './organiser-form.ts';
import { versionDiff } from './text-diff.ts';
import type { ViewContext } from '../view-context.ts';
import type { Petition } from '../../domain/petition.ts';
import { petitionLimits } from '../../domain/petition-draft.ts';
import { CORRECTION_REASONS } from '../../record/entry.ts';

/** CorrectionForm is what the correction form shows: the values typed (the current text at first) and any mistakes. */
export interface CorrectionForm {
  values: Record<string, string>;
  errors: Record<string, string>;
}

const fieldOrder = ['title', 'addressee', 'body', 'reason'] as const;

/** namedCorrectionErrors names each mistake's field; the reason's name is the correction's own, not an invalidation's. */
function namedCorrectionErrors(ctx: ViewContext, errors: Record<string, string>): Record<string, string> {
  const named = namedErrors(ctx, errors, fieldOrder);
  if (errors.reason) named.reason = `${ctx.t('correction.field-reason')}: ${errors.reason}`;
  return named;
}

/** correctionFormOf is the form filled with the petition's current text, as the first visit shows it. */
export function correctionFormOf(p: Petition): CorrectionForm {
  return { values: { title: p.title, addressee: p.addressee, body: p.body }, errors: {} };
}

/**
 * correctionFormPage is the first step of a public correction: the title, addressee and text to change, and why. It
 * says before anything is typed that the change will be public and that earlier versions stay visible.
 */
export function correctionFormPage(ctx: ViewContext, p: Petition, form: CorrectionForm): Html {
  const t = ctx.t;
  const v = form.values;
  const e = form.errors;
  const fields = formFields(ctx, 'organiser', v, e);
  return layout(
    ctx,
    t('correction.form-title'),
    html`
<p class="small"><a href="/admin/petitions/${p.publicId}">${t('common.back')}</a></p>
<h1>${t('correction.form-title')}</h1>
<p class="lead">${t('correction.form-lead')}</p>
<div class="notice warn"><p>${t('correction.form-public')}</p></div>
${errorSummary(ctx, namedCorrectionErrors(ctx, e))}
<form method="post" action="/admin/petitions/${p.publicId}/correct" novalidate class="petition-form">
  <input type="hidden" name="_csrf" value="${ctx.csrf}">
  ${fields.text('title', { max: petitionLimits.title, hint: { min: 5, max: petitionLimits.title } })}
  ${fields.text('addressee', { max: petitionLimits.addressee })}
  ${fields.textarea('body', { max: petitionLimits.body, hint: { min: 20, max: petitionLimits.body }, rows: 14 })}
  <fieldset class="${e.reason ? 'has-error nested' : 'nested'}" aria-describedby="${e.reason ? 'reason-error' : undefined}">
    <legend>${t('correction.reason-legend')}</legend>
    ${CORRECTION_REASONS.map(
      (reason, i) =>
        html`<label class="check"><input type="radio" id="${i === 0 ? 'reason' : `reason-${reason}`}" name="reason" value="${reason}" ${v.reason === reason ? 'checked' : ''}> <span>${t(`correction.reason-${reason}-label`)}</span></label>`,
    )}
    ${fieldError('reason', e.reason)}
  </fieldset>
  <input type="hidden" name="step" value="preview">
  <div class="correction-steps">
    <button type="submit">${t('correction.preview-button')}</button>
    <a href="/admin/petitions/${p.publicId}">${t('correction.cancel')}</a>
  </div>
</form>`,
    { noindex: true },
  );
}

/**
 * correctionPreviewPage is the second step: what will change, word by word, and in plain words what publishing does.
 * The values travel in hidden fields; "Publish" makes the correction, "Change it again" returns to the form.
 */
export function correctionPreviewPage(
  ctx: ViewContext,
  p: Petition,
  next: { title: string; addressee: string; body: string; reason: string },
): Html {
  const t = ctx.t;
  const hidden = (name: string, value: string) => html`<input type="hidden" name="${name}" value="${value}">`;
  return layout(
    ctx,
    t('correction.preview-heading'),
    html`
<p class="small"><a href="/admin/petitions/${p.publicId}">${t('common.back')}</a></p>
<h1 tabindex="-1" autofocus>${t('correction.preview-heading')}</h1>
<div class="notice warn" role="note">
  <p><strong>${t('correction.preview-warning-strong')}</strong></p>
  <p>${t('correction.preview-warning', { version: p.version + 1, reason: t(`correction.reason-${next.reason}`) })}</p>
</div>
<h2>${t('versions.changes', { version: p.version })}</h2>
${versionDiff(ctx, p, next, p.language)}
<form method="post" action="/admin/petitions/${p.publicId}/correct" class="correction-steps">
  <input type="hidden" name="_csrf" value="${ctx.csrf}">
  ${hidden('title', next.title)}${hidden('addressee', next.addressee)}${hidden('body', next.body)}${hidden('reason', next.reason)}
  <button type="submit" name="step" value="publish">${t('correction.confirm-button')}</button>
  <button type="submit" name="step" value="edit" class="secondary">${t('correction.back-to-edit')}</button>
</form>`,
    { noindex: true },
  );
}
