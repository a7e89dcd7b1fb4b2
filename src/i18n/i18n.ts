import { IntlMessageFormat } from 'intl-messageformat';
import { catalogues } from './messages/index.ts';

/** Language is a language every page and email is written in. */
export type Language = 'en' | 'ru' | 'uk';

/** languages lists them in the order the language switch shows them. */
export const languages: readonly Language[] = ['uk', 'ru', 'en'];

/** languageNames are each language's name in itself. */
export const languageNames: Record<Language, string> = { en: 'English', ru: 'Русский', uk: 'Українська' };

/** Translate formats one message in one language: `t('petition.count', { count: 3 })`. */
export type Translate = (key: string, params?: Record<string, string | number | Date>) => string;

const compiled = new Map<string, IntlMessageFormat>();

/** translator returns the Translate function of a language; an unknown key is a programming error and throws. */
export function translator(language: Language): Translate {
  return (key, params) => {
    const cacheKey = `${language}\u0000${key}`;
    let format = compiled.get(cacheKey);
    if (!format) {
      const message = catalogues[language][key] ?? catalogues.en[key];
      if (message === undefined) throw new Error(`no message "${key}"`);
      format = new IntlMessageFormat(message, language);
      compiled.set(cacheKey, format);
    }
    return String(format.format(params));
  };
}

/** isLanguage tells whether a string names one of our languages. */
export function isLanguage(value: unknown): value is Language {
  return value === 'en' || value === 'ru' || value === 'uk';
}

/** pickLanguage chooses from an explicit choice (query or cookie), then Accept-Language, then Ukrainian's neighbour English. */
export function pickLanguage(choice: unknown, acceptLanguage: string | undefined): Language {
  if (isLanguage(choice)) return choice;
  if (acceptLanguage) {
    const ranked = acceptLanguage
      .split(',')
      .slice(0, 20)
      .map((part, index) => {
        const [tag, ...rest] = part.trim().split(';');
        const q = rest.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
        return { base: tag.toLowerCase().split('-')[0], q: q ? Number(q) : 1, index };
      })
      .filter((r) => r.q > 0)
      .sort((a, b) => b.q - a.q || a.index - b.index);
    for (const r of ranked) {
      if (isLanguage(r.base)) return r.base;
      if (r.base === 'be') return 'ru';
    }
  }
  return 'en';
}
