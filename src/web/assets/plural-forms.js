// plural-forms.js writes counts in the page's language with the words the server translated: the server hands a page
// a message in each plural category of the language (src/web/views/event-parts.ts countForms, event-screen.ts
// screenStrings), and the browser picks the category with Intl.PluralRules, so no message library is loaded.

/** @typedef {Readonly<Record<string, string>>} PluralForms a message in each plural category ('one', 'few', 'other' ...) */

/**
 * Counting writes numbers and counted words in one language.
 * @typedef {object} Counting
 * @property {Intl.NumberFormat} number formats a number as the language writes it
 * @property {(forms: PluralForms | null | undefined, count: number) => string} word the form of a message for a count ('' when there is none)
 * @property {(forms: PluralForms | null | undefined, count: number) => string} counted the form for a count with the number written where it says `{#}`
 */

/**
 * pluralForms makes the Counting of a language (the page's `lang`; undefined for the browser's own).
 *
 * @param {string | undefined} lang
 * @returns {Counting}
 */
export function pluralForms(lang) {
  const number = new Intl.NumberFormat(lang);
  const rules = new Intl.PluralRules(lang);
  /** @type {Counting['word']} */
  const word = (forms, count) => (forms ? (forms[rules.select(count)] ?? forms.other ?? '') : '');
  return {
    number,
    word,
    counted: (forms, count) => (word(forms, count) || '{#}').replace('{#}', number.format(count)),
  };
}
