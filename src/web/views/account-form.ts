import { html, type Html } from './html.ts';
import { fieldError } from './layout.ts';
import type { ViewContext } from '../view-context.ts';

/** AccountForm holds what was typed and what was wrong, to show a form again. Passwords are never kept. */
export interface AccountForm {
  values: Record<string, string>;
  errors: Record<string, string>;
}

/** emptyForm is a form shown for the first time. */
export const emptyForm: AccountForm = { values: {}, errors: {} };

/** FieldOptions change how accountField draws one input. */
export interface FieldOptions {
  hint?: string;
  /** label is the message key of the label, when it is not `account.<name>`. */
  label?: string;
  inputmode?: string;
}

/** accountField draws one labelled input of an account form, with its message and what was typed (never a password). */
export function accountField(
  ctx: ViewContext,
  form: AccountForm,
  name: string,
  type: string,
  autocomplete: string,
  options: FieldOptions = {},
): Html {
  const error = form.errors[name];
  return html`<div class="${error ? 'has-error' : ''}">
  <label for="${name}">${ctx.t(options.label ?? `account.${name}`)}${options.hint ? html` <span class="hint">${options.hint}</span>` : ''}</label>
  <input id="${name}" name="${name}" type="${type}" autocomplete="${autocomplete}" value="${type === 'password' ? '' : (form.values[name] ?? '')}"${options.inputmode ? html` inputmode="${options.inputmode}"` : ''} aria-describedby="${error ? `${name}-error` : undefined}">
  ${fieldError(name, error)}
</div>`;
}

/** codeField is the input for a code from the authenticator app (or, where allowed, a recovery code). */
export function codeField(ctx: ViewContext, form: AccountForm, hintKey: string): Html {
  return accountField(ctx, form, 'code', 'text', 'one-time-code', { hint: ctx.t(hintKey), label: 'account.code' });
}

/** csrfField is the form token every form posts. */
export function csrfField(ctx: ViewContext): Html {
  return html`<input type="hidden" name="_csrf" value="${ctx.csrf}">`;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** dateTime writes a time for the account pages: date and time of day in UTC, saying so. */
export function dateTime(ctx: ViewContext, time: number): string {
  let format = formats.get(ctx.lang);
  if (!format) {
    format = new Intl.DateTimeFormat(ctx.lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
    formats.set(ctx.lang, format);
  }
  return `${format.format(time)} UTC`;
}

const days = new Map<string, Intl.DateTimeFormat>();

/** dateOnly writes the day of a time, in UTC, for facts kept no finer than that. */
export function dateOnly(ctx: ViewContext, time: number): string {
  let format = days.get(ctx.lang);
  if (!format) {
    format = new Intl.DateTimeFormat(ctx.lang, { dateStyle: 'long', timeZone: 'UTC' });
    days.set(ctx.lang, format);
  }
  return format.format(time);
}

/** doneNotice draws a message that something was done. */
export function doneNotice(message: string | undefined): Html | string {
  return message ? html`<div class="notice good" role="status"><p>${message}</p></div>` : '';
}
