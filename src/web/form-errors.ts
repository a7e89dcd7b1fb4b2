import { VecheError } from '../domain/errors.ts';
import { InputReader } from '../domain/input.ts';
import type { Translate } from '../i18n/i18n.ts';
import { fieldMessage } from './problem.ts';

/** formErrors turns an `invalid-input` or `proof-of-work` error into messages by field; other errors go on up. */
export function formErrors(error: unknown, t: Translate): Record<string, string> {
  if (!(error instanceof VecheError) || (error.code !== 'invalid-input' && error.code !== 'proof-of-work')) throw error;
  const errors: Record<string, string> = {};
  for (const field of error.fields) errors[field.field] ??= fieldMessage(field, t);
  return errors;
}

/** formValues keeps what a person typed, as strings, to show the form again. */
export function formValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body)) {
      if (key === '_csrf' || key === 'altcha' || /password/i.test(key)) continue;
      if (typeof value === 'string') values[key] = value.isWellFormed() ? value : value.toWellFormed();
    }
  }
  return values;
}

/** readButtonForm refuses any field but the form token: a form that is only a button carries nothing else. */
export function readButtonForm(body: unknown): void {
  const input = new InputReader(body);
  input.ignore('_csrf');
  input.done();
}
