import { html, type Html } from './html.ts';
import { layout, errorSummary, fieldError } from './layout.ts';
import type { ViewContext } from '../view-context.ts';
import { formValues } from '../form-errors.ts';
import { formFields } from './form-fields.ts';
import { petitionLimits } from '../../domain/petition-draft.ts';
import { countryName, supportedCountries } from '../../domain/regions.ts';
import type { Language } from '../../i18n/i18n.ts';
import type { Petition } from '../../domain/petition.ts';

/** DraftForm is what the petition form shows: the values typed, the countries ticked, and what was wrong. */
export interface DraftForm {
  values: Record<string, string>;
  countries: string[];
  errors: Record<string, string>;
}

/** draftFormOf keeps a submitted draft to show again, with the ticked countries (a repeated field) as a list. */
export function draftFormOf(body: unknown, errors: Record<string, string>): DraftForm {
  const raw = body && typeof body === 'object' ? (body as Record<string, unknown>).regionCountries : undefined;
  const countries = (Array.isArray(raw) ? raw : [raw]).filter((c): c is string => typeof c === 'string');
  return { values: formValues(body), countries, errors };
}

/** draftFormFromPetition fills the form from a saved draft, for editing. */
export function draftFormFromPetition(p: Petition): DraftForm {
  return {
    values: {
      title: p.title,
      body: p.body,
      addressee: p.addressee,
      language: p.language,
      goal: p.goal === null ? '' : String(p.goal),
      // A deadline is stored as the last second of its UTC day, so its ISO date is the day the organiser chose.
      deadline: p.deadline === null ? '' : new Date(p.deadline).toISOString().slice(0, 10),
      nameRule: p.nameRule,
      namesPublic: p.namesPublic,
      regionRule: p.regionRule,
      confirmation: p.confirmation,
    },
    countries: p.regionCountries,
    errors: {},
  };
}

/**
 * namedErrors prefixes each message with its field's label for the summary at the top of a form: "Title: This is
 * too short", not three bare "Please fill this in." lines. Fields without a label (unknown ones) keep their name.
 */
export function namedErrors(
  ctx: ViewContext,
  errors: Record<string, string>,
  order: readonly string[] = [],
): Record<string, string> {
  const named: Record<string, string> = {};
  const rank = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length);
  for (const [field, message] of Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b))) {
    let label = field;
    try {
      label = ctx.t(`organiser.field-${field}`);
    } catch {
      // Not one of our fields (e.g. an unknown one sent by hand): its name is the best label there is.
    }
    named[field] = `${label}: ${message}`;
  }
  return named;
}

/** draftFields are the form's fields in the order it shows them, so the summary of mistakes reads top to bottom. */
const draftFields = [
  'title',
  'addressee',
  'body',
  'language',
  'goal',
  'deadline',
  'nameRule',
  'namesPublic',
  'regionRule',
  'regionCountries',
  'confirmation',
];

/** newDraftForm is the empty form, with the text's language preset to the organiser's own. */
export function newDraftForm(lang: Language): DraftForm {
  return { values: { language: lang }, countries: [], errors: {} };
}

/** petitionFormPage is the form to write a new petition or change a draft (`petitionId`), working without JavaScript. */
export function petitionFormPage(ctx: ViewContext, form: DraftForm, petitionId?: string): Html {
  const t = ctx.t;
  const v = form.values;
  const e = form.errors;
  const heading = petitionId ? t('organiser.edit-title') : t('organiser.new-title');
  const action = petitionId ? `/admin/petitions/${petitionId}/edit` : '/admin/petitions';
  const fields = formFields(ctx, 'organiser', v, e);
  const { described, label, hint } = fields;
  return layout(
    ctx,
    heading,
    html`
<p class="small"><a href="${petitionId ? `/admin/petitions/${petitionId}` : '/admin'}">${t('common.back')}</a></p>
<h1>${heading}</h1>
<p class="lead">${t('organiser.form-lead')}</p>
${errorSummary(ctx, namedErrors(ctx, e, draftFields))}
<form method="post" action="${action}" novalidate class="petition-form">
  <input type="hidden" name="_csrf" value="${ctx.csrf}">
  ${fields.text('title', { max: petitionLimits.title, hint: { min: 5, max: petitionLimits.title } })}
  ${fields.text('addressee', { max: petitionLimits.addressee })}
  ${fields.textarea('body', { max: petitionLimits.body, hint: { min: 20, max: petitionLimits.body }, rows: 14 })}
  ${fields.language()}
  <div class="form-pair">
    <div class="${e.goal ? 'has-error' : ''}">
      ${label('goal', true)}${hint('goal', { max: petitionLimits.goal })}
      <input id="goal" name="goal" type="number" inputmode="numeric" min="1" max="${petitionLimits.goal}" step="1" value="${v.goal ?? ''}" aria-describedby="${described('goal')}">
      ${fieldError('goal', e.goal)}
    </div>
    <div class="${e.deadline ? 'has-error' : ''}">
      ${label('deadline', true)}${hint('deadline')}
      <input id="deadline" name="deadline" type="date" value="${v.deadline ?? ''}" aria-describedby="${described('deadline')}">
      ${fieldError('deadline', e.deadline)}
    </div>
  </div>
  <fieldset>
    <legend>${t('organiser.signers-legend')}</legend>
    ${radios(ctx, form, 'nameRule', ['required', 'optional'], 'required')}
    ${radios(ctx, form, 'namesPublic', ['signer', 'never'], 'signer')}
    ${radios(ctx, form, 'regionRule', ['none', 'optional', 'required'], 'none')}
    <fieldset class="${e.regionCountries ? 'has-error nested' : 'nested'}" aria-describedby="${described('regionCountries')}">
      <legend>${t('organiser.field-regionCountries')}</legend>
      ${hint('regionCountries')}
      <div class="country-list">
      ${supportedCountries.map((c, i) => html`<label class="check"><input type="checkbox" id="${i === 0 ? 'regionCountries' : `regionCountries-${c}`}" name="regionCountries" value="${c}" ${form.countries.includes(c) ? 'checked' : ''}> <span>${countryName(c, ctx.lang)}</span></label>`)}
      </div>
      ${fieldError('regionCountries', e.regionCountries)}
    </fieldset>
  </fieldset>
  <fieldset>
    <legend>${t('organiser.confirmation-legend')}</legend>
    ${radios(ctx, form, 'confirmation', ['email', 'none'], 'email', false)}
  </fieldset>
  <div class="actions">
    <button type="submit">${petitionId ? t('organiser.save-changes') : t('organiser.save-draft')}</button>
    <a href="${petitionId ? `/admin/petitions/${petitionId}` : '/admin'}">${t('common.cancel')}</a>
  </div>
  <p class="small muted">${t('organiser.draft-note')}</p>
</form>`,
    { noindex: true },
  );
}

/** radios renders one choice as a group of radio buttons; the first button carries the field's id for error links. */
function radios(
  ctx: ViewContext,
  form: DraftForm,
  field: string,
  options: string[],
  fallback: string,
  withLegend = true,
): Html {
  const t = ctx.t;
  const chosen = form.values[field] || fallback;
  const error = form.errors[field];
  const buttons = options.map(
    (option, i) =>
      html`<label class="check"><input type="radio" id="${i === 0 ? field : `${field}-${option}`}" name="${field}" value="${option}" ${chosen === option ? 'checked' : ''}> <span>${t(`organiser.${field}-${option}`)}</span></label>`,
  );
  if (!withLegend) return html`<div class="${error ? 'has-error' : ''}">${buttons}${fieldError(field, error)}</div>`;
  return html`<fieldset class="${error ? 'has-error nested' : 'nested'}" aria-describedby="${error ? `${field}-error` : undefined}">
  <legend>${t(`organiser.field-${field}`)}</legend>
  ${buttons}
  ${fieldError(field, error)}
</fieldset>`;
}
