import { html, type Html } from './html.ts';
import { fieldError } from './layout.ts';
import { languageNames } from '../../i18n/i18n.ts';
import type { ViewContext } from '../view-context.ts';

/** FieldOptions: a text field's length limit, what its hint is filled in with, and whether it may stay empty. */
export interface FieldOptions {
  max: number;
  hint?: Record<string, number>;
  optional?: boolean;
}

/**
 * formFields draws the fields an organiser's forms share, each with its label, hint and error tied to it for screen
 * readers, and the value typed kept when the form comes back with a problem. `prefix` names the form's messages:
 * `<prefix>.field-<name>` labels a field and `<prefix>.hint-<name>` explains it.
 */
export function formFields(
  ctx: ViewContext,
  prefix: string,
  values: Record<string, string | undefined>,
  errors: Record<string, string | undefined>,
) {
  const t = ctx.t;
  const described = (field: string, hint = true) =>
    [hint ? `${field}-hint` : '', errors[field] ? `${field}-error` : ''].filter(Boolean).join(' ') || undefined;
  const label = (field: string, optional = false) =>
    html`<label for="${field}">${t(`${prefix}.field-${field}`)}${optional ? html` <span class="muted">${t('common.optional')}</span>` : ''}</label>`;
  const hint = (field: string, params?: Record<string, number>) =>
    html`<p class="hint" id="${field}-hint">${t(`${prefix}.hint-${field}`, params)}</p>`;
  const wrap = (field: string, body: Html): Html => html`<div class="${errors[field] ? 'has-error' : ''}">
    ${body}
    ${fieldError(field, errors[field])}
  </div>`;
  return {
    described,
    label,
    hint,
    /** text is a one-line field. */
    text(field: string, options: FieldOptions): Html {
      return wrap(
        field,
        html`${label(field, options.optional)}${hint(field, options.hint ?? { max: options.max })}
    <input id="${field}" name="${field}" type="text" maxlength="${options.max}" value="${values[field] ?? ''}" aria-describedby="${described(field)}">`,
      );
    },
    /** textarea is a field for paragraphs. */
    textarea(field: string, options: FieldOptions & { rows: number }): Html {
      return wrap(
        field,
        html`${label(field, options.optional)}${hint(field, options.hint ?? { max: options.max })}
    <textarea id="${field}" name="${field}" rows="${options.rows}" maxlength="${options.max}" aria-describedby="${described(field)}">${values[field] ?? ''}</textarea>`,
      );
    },
    /** language is the choice of the text's language, each named in itself. */
    language(): Html {
      return wrap(
        'language',
        html`${label('language')}${hint('language')}
    <select id="language" name="language" aria-describedby="${described('language')}">
      ${(['uk', 'ru', 'en'] as const).map((l) => html`<option value="${l}" lang="${l}" ${values.language === l ? 'selected' : ''}>${languageNames[l]}</option>`)}
    </select>`,
      );
    },
  };
}
