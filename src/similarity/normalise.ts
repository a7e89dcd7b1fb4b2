// Normalisation and tokenising for Russian, Ukrainian and English questions. Two people typing the same question
// differ in case, ё or е, which apostrophe their keyboard makes, composed or decomposed letters, punctuation, and
// sometimes a Latin letter that looks Cyrillic (or the reverse) from a switched layout; all of that is removed here so
// that the features downstream only see differences in words.

import { numberFormLanguage, readNumbers } from './read-numbers.ts';

/** Language is a language whose stemmer the library uses. */
export type Language = 'ru' | 'uk' | 'en';

/** Word is one normalised word of a question and the stemmer it should go to (null for numbers and other scripts). */
export interface Word {
  text: string;
  lang: Language | null;
  /** spelled is, for a number written out in words (двадцать второй for 22), those words. */
  spelled?: string;
}

// Apostrophes inside a word are dropped (сім'я, сім’я and сімʼя are one word; so are don't and dont).
const INNER_APOSTROPHE = /(?<=\p{L})['’ʼ`′‘ʹ](?=\p{L})/gu;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;
// Every combining mark but the breve and diaeresis that make й, ї and ё: those are letters, the others are stress
// marks (ра́но) and accents (café) that people type or not.
const MARKS = /[^\P{M}\u0306\u0308]+/gu;

// Lower-case letters that look alike in the two scripts. B, H, M, T, K only look alike in capitals, which are lower
// cased by the time this runs, so they are here too.
const LATIN_TO_CYRILLIC: Record<string, string> = {
  a: 'а',
  b: 'в',
  c: 'с',
  e: 'е',
  h: 'н',
  i: 'і',
  k: 'к',
  m: 'м',
  o: 'о',
  p: 'р',
  t: 'т',
  x: 'х',
  y: 'у',
};
const CYRILLIC_TO_LATIN: Record<string, string> = {
  а: 'a',
  в: 'b',
  с: 'c',
  е: 'e',
  н: 'h',
  і: 'i',
  к: 'k',
  м: 'm',
  о: 'o',
  р: 'p',
  т: 't',
  х: 'x',
  у: 'y',
  ѕ: 's',
  ј: 'j',
};
// Signs for "number" before digits: No. 5, No 5, Nº 5, N°5, Nr. 5, N 5 (№ is handled on its own). NFKC would leave
// them a word, and "no" a negation. A lower-case "no" counts only with a dot or glued to the digits: "no 24-hour
// pharmacy" is a negation.
const NUMBER_SIGN = /(?<![\p{L}\p{N}])(?:[Nn][º°]|[Nn]r|N[oO]?|n|no(?=\.|\d))\.?\s*(?=\d)/gu;
// Endings written after digits to make an ordinal or a case (5-й, 3-го, 2-ух, 5-ти; 3-тя, 1-ша; 1st, 22nd, 5th),
// hyphenated or glued: "5-й" and "5th" are 5. A letter that can be part of a house or class number (5а, 5-б) is not
// one of them; nor is a longer word after a hyphen (5-этажный).
const ORDINAL_ENDINGS =
  'st nd rd th ' +
  'й ый ий ой я ая ья е ое ье ее го ого его ьего ей ьей му ому ему ьему м ым им ом ем ьем х ых их ух ех ую ю ью ти ми ' +
  'ій є ього ьому ім у і іх ої ою ох ьох ша ше ші шу шого шої шому га ге гі гу гого гої гому та те ті ту тя тє тю того тої тому ма ме мі';
const ORDINAL_ENDING = new RegExp(
  `(?<=\\d)[-‐‑–—]?(?:${ORDINAL_ENDINGS.split(' ').join('|')})(?![\\p{L}\\p{N}])`,
  'gu',
);
const DIGIT = /[0-9０-９]/; // fullwidth too: NFKC makes them ASCII before the endings are looked for
const CYRILLIC = /[\u0400-\u04ff]/;
const LATIN = /[a-z]/;

/**
 * normalise returns the text as space-separated lower-case words: NFKD then NFC (so NFKC), no accents, ё→е, no
 * apostrophes or punctuation, no number signs (№, No.) or endings after digits (5-й, 5th), one script a word.
 */
export function normalise(text: string): string {
  const digits = DIGIT.test(text); // most questions have none, and then no number signs or endings to look for
  let plain = text.replace(/№/g, ' '); // NFKC would make it "No", glued to the number after it
  if (digits) plain = plain.replace(NUMBER_SIGN, ' ');
  plain = plain
    .normalize('NFKD')
    .replace(MARKS, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(INNER_APOSTROPHE, '');
  if (digits) plain = plain.replace(ORDINAL_ENDING, '');
  plain = plain.replace(NOT_WORD, ' ').trim();
  if (plain === '') return '';
  const words = plain.split(' ');
  let cyrillic = 0;
  let latin = 0;
  for (const w of words) {
    if (CYRILLIC.test(w)) cyrillic++;
    else if (LATIN.test(w)) latin++;
  }
  return words.map((w) => oneScript(w, cyrillic >= latin ? 'cyrillic' : 'latin')).join(' ');
}

/** oneScript rewrites look-alike letters of a mixed-script word into the script the word is really in. */
function oneScript(word: string, textScript: 'cyrillic' | 'latin'): string {
  if (!CYRILLIC.test(word) || !LATIN.test(word)) return word;
  let cyrillic = 0;
  let latin = 0;
  let onlyCyrillic = false; // a letter with no Latin look-alike (д, ж, ы...) settles it
  let onlyLatin = false;
  for (const ch of word) {
    if (CYRILLIC.test(ch)) {
      cyrillic++;
      if (!(ch in CYRILLIC_TO_LATIN)) onlyCyrillic = true;
    } else if (LATIN.test(ch)) {
      latin++;
      if (!(ch in LATIN_TO_CYRILLIC)) onlyLatin = true;
    }
  }
  if (cyrillic === 0 || latin === 0) return word;
  if (onlyCyrillic && onlyLatin) return word; // really two scripts, such as a brand name glued to a word
  const toCyrillic =
    onlyCyrillic || (!onlyLatin && (cyrillic > latin || (cyrillic === latin && textScript === 'cyrillic')));
  const table = toCyrillic ? LATIN_TO_CYRILLIC : CYRILLIC_TO_LATIN;
  let out = '';
  for (const ch of word) out += table[ch] ?? ch;
  return out;
}

// Letters only Ukrainian has, letters only Russian has, and frequent short words with no such letter that still tell the
// two apart (and number words: numberFormLanguage). They decide which stemmer and which number words the Cyrillic
// words that could be either language go to.
const UKRAINIAN_LETTERS = /[іїєґ]/;
const RUSSIAN_LETTERS = /[ыэъ]/;
const UKRAINIAN_WORDS = new Set([
  'коли',
  'чому',
  'що',
  'чи',
  'як',
  'та',
  'або',
  'буде',
  'будуть',
  'вже',
  'дуже',
  'ще',
  'нас',
  'наш',
  'наша',
  'наше',
  'хто',
  'де',
  'тому',
  'нема',
  'немає',
  'зараз',
  'досі',
  'чого',
  'цього',
  'цей',
  'ця',
  'це',
]);
// An apostrophe inside a Cyrillic word (п'ять, сім'я, об'єкт) is Ukrainian: Russian writes ъ there. normalise drops
// it, so it is looked for in the text as typed.
const UKRAINIAN_APOSTROPHE = /[\u0400-\u04ff]['’ʼ`′‘ʹ][\u0400-\u04ff]/g;
const APOSTROPHE = /['’ʼ`′‘ʹ]/;
const RUSSIAN_WORDS = new Set([
  'когда',
  'почему',
  'что',
  'ли',
  'как',
  'или',
  'будет',
  'будут',
  'уже',
  'очень',
  'еще',
  'кто',
  'где',
  'нет',
  'сейчас',
  'сих',
  'пор',
  'чего',
  'этого',
  'этот',
  'эта',
  'это',
  'наш',
  'наша',
  'наше',
  'нас',
]);

/**
 * tokenise splits a question into normalised words, picks each word's stemmer, and reads numbers written out in words
 * as digits. `context`, when given, is the whole text a part of it comes from: it decides whether the part's Cyrillic
 * words with no telling letter are Russian or Ukrainian.
 */
export function tokenise(text: string, context = text): Word[] {
  const texts = normalise(text)
    .split(' ')
    .filter((w) => w !== '');
  const own = scan(text, texts);
  const cyrillicLanguage = context === text ? own.language : scan(context, normalise(context).split(' ')).language;
  const words = texts.map((w) => ({ text: w, lang: wordLanguage(w, cyrillicLanguage) }));
  return own.numbers ? readNumbers(words) : words;
}

/** scan says which language a text's Cyrillic words with no telling letter are, and whether it has number words. */
function scan(text: string, texts: readonly string[]): { language: Language; numbers: boolean } {
  let numbers = false;
  let ukrainian = APOSTROPHE.test(text) ? 2 * (text.match(UKRAINIAN_APOSTROPHE)?.length ?? 0) : 0;
  let russian = 0;
  for (const w of texts) {
    if (UKRAINIAN_LETTERS.test(w)) ukrainian += 2;
    else if (RUSSIAN_LETTERS.test(w)) russian += 2;
    if (UKRAINIAN_WORDS.has(w)) ukrainian++;
    if (RUSSIAN_WORDS.has(w)) russian++;
    const numberLanguage = numberFormLanguage(w); // двадцяти is Ukrainian, двадцати Russian
    if (numberLanguage === undefined) continue;
    numbers = true;
    if (numberLanguage === 'uk') ukrainian++;
    else if (numberLanguage === 'ru') russian++;
  }
  // A Cyrillic word with no telling letter follows the question; a tie goes to Russian, the more common of the two here.
  return { language: ukrainian > russian ? 'uk' : 'ru', numbers };
}

function wordLanguage(word: string, cyrillicLanguage: Language): Language | null {
  if (/\d/.test(word)) return null;
  if (CYRILLIC.test(word)) {
    if (UKRAINIAN_LETTERS.test(word)) return 'uk';
    if (RUSSIAN_LETTERS.test(word)) return 'ru';
    return cyrillicLanguage;
  }
  if (LATIN.test(word)) return 'en';
  return null;
}
