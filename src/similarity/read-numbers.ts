// Numbers written out in words. "Школа номер пять", "пятая школа", "п'ята школа", "school number five" and "School
// No. 5" name one school, and "третьей больнице" and "больнице №3" one hospital; since two numbers never match each
// other partly (school 5 and school 6 are two schools), each must become the same digits before the score sees it.
//
// The words are a table of forms generated from stems and ending sets, looked up as they are, rather than the stems
// the Snowball stemmers give: a stem would also catch words that only look like numbers (стоит stems to сто, a hundred;
// семья and семь, family and seven, both stem to сем), and one Map lookup a word is cheaper than a stem. No package
// fits: the npm words-to-numbers packages read English only, and the Russian ones spell numbers out, the other way.

import type { Language, Word } from './normalise.ts';

/** NumberWord is what one word of a number written out contributes: its value, its place in a compound, and whether it is ordinal. */
export interface NumberWord {
  value: number;
  place: 'unit' | 'teen' | 'ten' | 'hundred';
  ordinal: boolean;
}

// Cardinals decline irregularly, so their forms are listed: value, then its forms. Forms of 1 come first: they are
// read only inside a compound (двадцать одна, twenty-one) or after номер/number, because alone they mostly mean
// "a", "alone", "the same" or "one of" (ни одного врача, one of the bridges, no one), not a count. Семью (seven,
// instrumental) is left out: it is also семья's accusative (family).
const CARDINALS: Record<Language, string> = {
  ru:
    '1 один одна одно одного одной одному одним одном одну одни одних|2 два две двух двум двумя двое двоих двоим|' +
    '3 три трех трем тремя трое троих троим|4 четыре четырех четырем четырьмя четверо четверых|' +
    `5 ${soft('пят')} пятеро пятерых|6 ${soft('шест')} шестеро шестерых|7 семь семи семеро семерых|` +
    `8 восемь восьми восемью восьмью|9 ${soft('девят')}|10 ${soft('десят')}|11 ${soft('одиннадцат')}|` +
    `12 ${soft('двенадцат')}|13 ${soft('тринадцат')}|14 ${soft('четырнадцат')}|15 ${soft('пятнадцат')}|` +
    `16 ${soft('шестнадцат')}|17 ${soft('семнадцат')}|18 ${soft('восемнадцат')}|19 ${soft('девятнадцат')}|` +
    `20 ${soft('двадцат')}|30 ${soft('тридцат')}|40 сорок сорока|50 пятьдесят пятидесяти|60 шестьдесят шестидесяти|` +
    '70 семьдесят семидесяти|80 восемьдесят восьмидесяти|90 девяносто девяноста|100 сто ста|' +
    '200 двести двухсот двухстах|300 триста трехсот трехстах|400 четыреста четырехсот четырехстах|' +
    '500 пятьсот пятисот пятистах|600 шестьсот шестисот шестистах|700 семьсот семисот семистах|' +
    '800 восемьсот восьмисот восьмистах|900 девятьсот девятисот девятистах',
  uk:
    '1 один одна одне одного одної однієї одному одній одним однією одну одні одних|2 два дві двох двом двома двоє|' +
    '3 три трьох трьом трьома троє|4 чотири чотирьох чотирьом чотирма четверо|' +
    `5 ${many('пят')} пятеро|6 шість шести шістьох шістьом шістьма шістьома шестеро|7 сім семи сімох сімом сімома семеро|` +
    `8 вісім восьми вісьмох вісьмом вісьма вісьмома|9 ${many('девят')}|10 ${many('десят')}|11 ${many('одинадцят')}|` +
    `12 ${many('дванадцят')}|13 ${many('тринадцят')}|14 ${many('чотирнадцят')}|15 ${many('пятнадцят')}|` +
    `16 ${many('шістнадцят')}|17 ${many('сімнадцят')}|18 ${many('вісімнадцят')}|19 ${many('девятнадцят')}|` +
    `20 ${many('двадцят')}|30 ${many('тридцят')}|40 сорок сорока|50 пятдесят пятдесяти пятдесятьох|` +
    '60 шістдесят шістдесяти шістдесятьох|70 сімдесят сімдесяти сімдесятьох|80 вісімдесят вісімдесяти вісімдесятьох|' +
    '90 девяносто девяноста|100 сто ста|200 двісті двохсот|300 триста трьохсот|400 чотириста чотирьохсот|' +
    '500 пятсот пятисот|600 шістсот шестисот|700 сімсот семисот|800 вісімсот восьмисот|900 девятсот девятисот',
  en:
    '1 one|2 two|3 three|4 four|5 five|6 six|7 seven|8 eight|9 nine|10 ten|11 eleven|12 twelve|13 thirteen|' +
    '14 fourteen|15 fifteen|16 sixteen|17 seventeen|18 eighteen|19 nineteen|20 twenty|30 thirty|40 forty|50 fifty|' +
    '60 sixty|70 seventy|80 eighty|90 ninety|100 hundred',
};

// Ordinals decline as adjectives, so each is a stem and one ending set. Every ending of the set is put on every stem
// of its language, which also makes a few forms no one writes (вторый); they cost a Map entry and match nothing.
const ORDINAL_STEMS: Record<Language, string> = {
  ru:
    '1 перв|2 втор|3 трет-|4 четверт|5 пят|6 шест|7 седьм|8 восьм|9 девят|10 десят|11 одиннадцат|12 двенадцат|' +
    '13 тринадцат|14 четырнадцат|15 пятнадцат|16 шестнадцат|17 семнадцат|18 восемнадцат|19 девятнадцат|20 двадцат|' +
    '30 тридцат|40 сороков|50 пятидесят|60 шестидесят|70 семидесят|80 восьмидесят|90 девяност|100 сот',
  uk:
    '1 перш|2 друг|3 трет-|4 четверт|5 пят|6 шост|7 сьом|8 восьм|9 девят|10 десят|11 одинадцят|12 дванадцят|' +
    '13 тринадцят|14 чотирнадцят|15 пятнадцят|16 шістнадцят|17 сімнадцят|18 вісімнадцят|19 девятнадцят|20 двадцят|' +
    '30 тридцят|40 сороков|50 пятдесят|60 шістдесят|70 сімдесят|80 вісімдесят|90 девяност|100 сот',
  en:
    '1 first|2 second|3 third|4 fourth|5 fifth|6 sixth|7 seventh|8 eighth|9 ninth|10 tenth|11 eleventh|12 twelfth|' +
    '13 thirteenth|14 fourteenth|15 fifteenth|16 sixteenth|17 seventeenth|18 eighteenth|19 nineteenth|20 twentieth|' +
    '30 thirtieth|40 fortieth|50 fiftieth|60 sixtieth|70 seventieth|80 eightieth|90 ninetieth|100 hundredth',
};

// Adjective endings: hard stems (пятый, второй; п'ятий), and, for stems marked with "-", soft ones (третий; третій).
// English ordinals do not decline.
const ENDINGS: Record<Language, { hard: string; soft: string }> = {
  ru: { hard: 'ый ой ая ое ого ому ым ом ую ые ых ыми', soft: 'ий ья ье ьего ьей ьему ьим ьем ью ьи ьих ьими' },
  uk: { hard: 'ий а е ого ому им ім ої ій у ою і их ими', soft: 'ій я є ього ьому ім ьої ю ьою і іх іми' },
  en: { hard: '', soft: '' },
};

// "Номер", "number" before a number are dropped: "школа номер 5" is "школа 5". The signs (№, No., N°, #) are dropped
// by normalise already.
const MARKERS: Record<Language, Set<string>> = {
  ru: new Set(['номер']),
  uk: new Set(['номер']),
  en: new Set(['number']),
};

// Во-первых, во-вторых (firstly, secondly) and по-перше, по-друге number the points of a question, not a thing in it.
const DISCOURSE: Record<Language, Set<string>> = {
  ru: new Set(['во первых', 'во вторых', 'во третьих']),
  uk: new Set(['по перше', 'по друге', 'по третє']),
  en: new Set(),
};

/** soft lists the forms of a Russian cardinal declined like пять: пять, пяти, пятью. */
function soft(stem: string): string {
  return `${stem}ь ${stem}и ${stem}ью`;
}

/** many lists the forms of a Ukrainian cardinal declined like п'ять (written without the apostrophe, as normalise leaves it). */
function many(stem: string): string {
  return `${stem}ь ${stem}и ${stem}ьох ${stem}ьом ${stem}ьма ${stem}ьома`;
}

function place(value: number): NumberWord['place'] {
  if (value >= 100) return 'hundred';
  if (value >= 20) return 'ten';
  return value >= 10 ? 'teen' : 'unit';
}

function numberTable(lang: Language): Map<string, NumberWord> {
  const table = new Map<string, NumberWord>();
  for (const entry of CARDINALS[lang].split('|')) {
    const [valueText, ...forms] = entry.split(' ');
    const value = Number(valueText);
    for (const form of forms) table.set(form, { value, place: place(value), ordinal: false });
  }
  for (const entry of ORDINAL_STEMS[lang].split('|')) {
    const [valueText, stem] = entry.split(' ');
    const value = Number(valueText);
    const softStem = stem.endsWith('-');
    const base = softStem ? stem.slice(0, -1) : stem;
    const endings = ENDINGS[lang][softStem ? 'soft' : 'hard'];
    const forms = endings === '' ? [base] : endings.split(' ').map((ending) => base + ending);
    for (const form of forms) table.set(form, { value, place: place(value), ordinal: true });
  }
  return table;
}

const TABLES: Record<Language, Map<string, NumberWord>> = {
  ru: numberTable('ru'),
  uk: numberTable('uk'),
  en: numberTable('en'),
};

// Every form of every table, and the markers, each with the one Cyrillic language that has it, if only one does. A
// question's words are looked up here once: a question with none (most) has no numbers to read, and a form only one
// language has (двадцяти, пятьма; двадцати, пятью) tells the language of a question that has no other sign of it
// ("понад три роки до двадцяти гривень"). Not the Ukrainian друг- forms (другий, second): другим, других and друга are
// Russian words too (other, friend).
const FORMS = new Map<string, 'ru' | 'uk' | 'any'>();
for (const lang of ['ru', 'uk', 'en'] as const) {
  for (const form of [...TABLES[lang].keys(), ...MARKERS[lang]]) {
    const only =
      lang !== 'en' &&
      !TABLES[lang === 'ru' ? 'uk' : 'ru'].has(form) &&
      !form.startsWith('друг') &&
      !MARKERS.en.has(form);
    FORMS.set(form, FORMS.has(form) || !only ? 'any' : lang);
  }
}

/**
 * numberFormLanguage says whether a normalised word is a number word or a marker in any language: undefined if not,
 * else 'ru' or 'uk' when only that language has it, and 'any' otherwise.
 */
export function numberFormLanguage(word: string): 'ru' | 'uk' | 'any' | undefined {
  return FORMS.get(word);
}

/** numberWord returns what a normalised word means as (part of) a number in its language, or undefined. */
export function numberWord(word: string, lang: Language): NumberWord | undefined {
  return TABLES[lang].get(word);
}

interface ReadNumber {
  value: number;
  /** end is the index of the first word after the number. */
  end: number;
  /** lone1 is true for a lone form of 1 (один, one), which is a number only after a marker. */
  lone1: boolean;
}

/**
 * readNumber reads the number written out from words[at]: hundreds, then tens or teens, then units (сто двадцать
 * пять, двадцять другий, two hundred and five, twenty-second), each place at most once and in that order; an
 * ordinal ends it. "Двадцать" then "пятый" is 25, but "двадцатый пятый" is two numbers and "два три" two as well.
 */
function readNumber(words: readonly Word[], at: number): ReadNumber | undefined {
  const first = words[at];
  if (first.lang === null) return undefined;
  const lang = first.lang;
  const head = numberWord(first.text, lang);
  if (head === undefined) return undefined;
  let { value, place: last, ordinal } = head;
  let end = at + 1;
  const next = (i: number) =>
    i < words.length && words[i].lang === lang ? numberWord(words[i].text, lang) : undefined;
  const hundred = next(end);
  if (lang === 'en' && !ordinal && last === 'unit' && hundred?.value === 100) {
    value *= 100; // two hundred
    last = 'hundred';
    ordinal = hundred.ordinal;
    end++;
  }
  while (!ordinal && end < words.length) {
    // "and" only inside an English number: one hundred and five
    const skip = lang === 'en' && last === 'hundred' && words[end].text === 'and' ? 1 : 0;
    const part = next(end + skip);
    if (part === undefined) break;
    const fits = last === 'hundred' ? part.place !== 'hundred' : last === 'ten' && part.place === 'unit';
    if (!fits) break;
    value += part.value;
    last = part.place;
    ordinal = part.ordinal;
    end += 1 + skip;
  }
  return { value, end, lone1: end === at + 1 && head.value === 1 && !head.ordinal };
}

/**
 * readNumbers replaces each number written out in words with its digits (a word with no language, as normalise
 * leaves digits), keeping the words it was written in as `spelled`, and drops номер/number before a number.
 */
export function readNumbers(words: readonly Word[]): Word[] {
  const out: Word[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const marker = word.lang !== null && MARKERS[word.lang].has(word.text) && i + 1 < words.length;
    if (marker) {
      const next = words[i + 1];
      if (next.lang === null && /^\d+$/.test(next.text)) continue; // номер 5
      const read = readNumber(words, i + 1);
      if (read !== undefined) {
        out.push(numberOf(words, i + 1, read));
        i = read.end - 1;
        continue;
      }
    }
    const read = readNumber(words, i);
    const discourse =
      read !== undefined &&
      i > 0 &&
      word.lang !== null &&
      DISCOURSE[word.lang].has(`${words[i - 1].text} ${word.text}`);
    if (read === undefined || read.lone1 || discourse) {
      out.push(word);
      continue;
    }
    out.push(numberOf(words, i, read));
    i = read.end - 1;
  }
  return out;
}

function numberOf(words: readonly Word[], at: number, read: ReadNumber): Word {
  const spelled = words
    .slice(at, read.end)
    .map((w) => w.text)
    .join(' ');
  return { text: String(read.value), lang: null, spelled };
}
