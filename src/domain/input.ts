import { invalidInput, type FieldProblem } from './errors.ts';

// C0 controls, DEL and the C1 controls (U+0080–U+009F, which some systems read as line breaks or escapes); a
// multi-line field keeps tab, line feed and carriage return.
const singleLineControls = /[\u0000-\u001F\u007F-\u009F]/;
const multilineControls = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// The bidirectional embeddings, overrides and isolates (LRE, RLE, PDF, LRO, RLO; LRI, RLI, FSI, PDI).
const directionControls = /[\u202A-\u202E\u2066-\u2069]/;

/** RawInput is a parsed form or JSON body: unknown values keyed by field name. */
export type RawInput = Record<string, unknown>;

/** InputReader collects every field problem of one submission, so the person sees them all at once. */
export class InputReader {
  readonly problems: FieldProblem[] = [];
  private readonly raw: RawInput;
  private readonly known = new Set<string>();

  constructor(raw: unknown) {
    this.raw = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as RawInput) : {};
    if (raw !== undefined && raw !== null && (typeof raw !== 'object' || Array.isArray(raw))) {
      this.problems.push({ field: 'body', problem: 'body-not-object' });
    }
  }

  /** text reads a string: trimmed, NFC, checked for length, control characters and broken UTF-8. Empty gives null. */
  text(field: string, rule: { max: number; min?: number; required?: boolean; multiline?: boolean }): string | null {
    const value = this.take(field);
    if (value === undefined || value === null || value === '') return this.missing(field, rule.required);
    if (typeof value !== 'string') return this.fail(field, 'not-text');
    if (!value.isWellFormed() || value.includes('\uFFFD')) return this.fail(field, 'bad-encoding');
    if ((rule.multiline ? multilineControls : singleLineControls).test(value))
      return this.fail(field, 'control-characters');
    // A name or title that reorders itself (U+202E "RIGHT-TO-LEFT OVERRIDE") can display as someone else's words.
    if (!rule.multiline && directionControls.test(value)) return this.fail(field, 'direction-characters');
    const text = value.replace(/\r\n?/g, '\n').normalize('NFC').trim();
    if (text === '') return this.missing(field, rule.required);
    const length = [...text].length;
    if (length > rule.max) return this.fail(field, 'too-long', { max: rule.max });
    if (rule.min && length < rule.min) return this.fail(field, 'too-short', { min: rule.min });
    return text;
  }

  /** integer reads a whole number within bounds, from a number or a decimal string. Empty gives null. */
  integer(field: string, rule: { min: number; max: number; required?: boolean }): number | null {
    const value = this.take(field);
    if (value === undefined || value === null || value === '') return this.missing(field, rule.required);
    const number =
      typeof value === 'number'
        ? value
        : typeof value === 'string' && /^\s*-?\d{1,16}\s*$/.test(value)
          ? Number(value)
          : NaN;
    if (!Number.isSafeInteger(number)) return this.fail(field, 'not-a-number');
    if (number < rule.min || number > rule.max)
      return this.fail(field, 'out-of-range', { min: rule.min, max: rule.max });
    return number;
  }

  /** choice reads one of a fixed list of values. */
  choice<T extends string>(
    field: string,
    options: readonly T[],
    rule: { required?: boolean; fallback?: T } = {},
  ): T | null {
    const value = this.take(field);
    if (value === undefined || value === null || value === '') {
      return rule.fallback ?? this.missing(field, rule.required);
    }
    if (typeof value !== 'string' || !options.includes(value as T)) return this.fail(field, 'not-a-choice');
    return value as T;
  }

  /** flag reads a checkbox: on, true, 1 or yes is true; absent is false. */
  flag(field: string): boolean {
    const value = this.take(field);
    if (value === undefined || value === null || value === '' || value === false) return false;
    if (value === true || value === 'on' || value === 'true' || value === '1' || value === 'yes') return true;
    this.fail(field, 'not-a-choice');
    return false;
  }

  /** email reads an address that a mail server would accept (one @, a dotted domain, no spaces). */
  email(field: string, rule: { required?: boolean } = {}): string | null {
    const text = this.text(field, { max: 254, required: rule.required });
    if (text === null) return null;
    if (!/^[^\s@<>()",;:]{1,64}@[^\s@<>()",;:]+\.[^\s@<>()",;:.]{2,}$/u.test(text))
      return this.fail(field, 'not-an-email');
    return text;
  }

  /** date reads a calendar date (YYYY-MM-DD) as epoch ms at the end of that day in UTC. */
  date(field: string, rule: { required?: boolean } = {}): number | null {
    const text = this.text(field, { max: 10, required: rule.required });
    if (text === null) return null;
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    const ms = match ? Date.UTC(+match[1], +match[2] - 1, +match[3], 23, 59, 59) : NaN;
    if (!match || Number.isNaN(ms) || new Date(ms).getUTCDate() !== +match[3]) return this.fail(field, 'not-a-date');
    return ms;
  }

  /** list reads several values of one field (repeated form fields or a JSON array) from a fixed set. */
  list<T extends string>(field: string, options: readonly T[], rule: { max: number }): T[] {
    const value = this.take(field);
    if (value === undefined || value === null || value === '') return [];
    const values = Array.isArray(value) ? value : [value];
    if (values.length > rule.max) return this.fail(field, 'too-many', { max: rule.max }) ?? [];
    for (const item of values) {
      if (typeof item !== 'string' || !options.includes(item as T)) return this.fail(field, 'not-a-choice') ?? [];
    }
    return [...new Set(values as T[])];
  }

  /** ignore marks fields that the caller reads elsewhere (a CSRF token, the proof of work) as known. */
  ignore(...fields: string[]): void {
    for (const field of fields) this.known.add(field);
  }

  /** add records a problem found by a rule that spans fields. */
  add(field: string, problem: string, params?: Record<string, string | number>): void {
    this.problems.push({ field, problem, params });
  }

  /** done throws `invalid-input` naming every bad or unknown field, if there are any. */
  done(): void {
    for (const field of Object.keys(this.raw)) {
      if (!this.known.has(field)) this.problems.push({ field, problem: 'unknown-field' });
    }
    if (this.problems.length > 0) throw invalidInput(this.problems);
  }

  private take(field: string): unknown {
    this.known.add(field);
    return Object.hasOwn(this.raw, field) ? this.raw[field] : undefined;
  }

  private missing(field: string, required?: boolean): null {
    if (required) this.problems.push({ field, problem: 'required' });
    return null;
  }

  private fail(field: string, problem: string, params?: Record<string, string | number>): null {
    this.problems.push({ field, problem, params });
    return null;
  }
}
