import type { Language } from './i18n.ts';

// Intl formatters cost tens of microseconds to build and nothing to reuse: make each one once per language.
const numbers = new Map<Language, Intl.NumberFormat>();
const days = new Map<Language, Intl.DateTimeFormat>();
const plurals = new Map<Language, Intl.PluralRules>();

/** numberFormat formats whole numbers the way the language writes them (1 234 567, 1,234,567). */
export function numberFormat(language: Language): Intl.NumberFormat {
  let format = numbers.get(language);
  if (!format) numbers.set(language, (format = new Intl.NumberFormat(language)));
  return format;
}

/** shortDayFormat formats a UTC day as "25 Nov" in the language. */
export function shortDayFormat(language: Language): Intl.DateTimeFormat {
  let format = days.get(language);
  if (!format)
    days.set(
      language,
      (format = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', timeZone: 'UTC' })),
    );
  return format;
}

/** pluralRules selects the plural category of a count in the language. */
export function pluralRules(language: Language): Intl.PluralRules {
  let rules = plurals.get(language);
  if (!rules) plurals.set(language, (rules = new Intl.PluralRules(language)));
  return rules;
}
