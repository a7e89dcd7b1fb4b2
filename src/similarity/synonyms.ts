import { CONCEPT_FORMS, CONCEPT_PHRASES, CONCEPT_WORDS } from './concept-words.ts';
import type { Language } from './normalise.ts';
import { stem } from './stem.ts';
import { TYPO_FLOOR, wordSimilarity } from './word-similarity.ts';

// Concepts: words people use for the same thing, looked up by stem (the lists and why they exist are in
// concept-words.ts). A question's words are read here into concept keys, phrases of two words, and single words that
// stand for more than one token.

function stemmedGroups(lang: Language): Map<string, string> {
  const map = new Map<string, string>();
  for (const [concept, words] of Object.entries(CONCEPT_WORDS[lang])) {
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
  return Object.entries(CONCEPT_PHRASES[lang])
    .filter(([phrase]) => phrase.includes(' '))
    .map(([phrase, meaning]) => {
      const [firstWord, secondWord] = phrase.split(' ');
      return {
        first: stem(firstWord, lang),
        second: stem(secondWord, lang),
        firstWord,
        secondWord,
        meaning: meanings(meaning),
      };
    });
}

function expansions(lang: Language): Map<string, string[]> {
  return new Map(
    Object.entries(CONCEPT_PHRASES[lang])
      .filter(([word]) => !word.includes(' '))
      .map(([word, meaning]) => [word, meanings(meaning)]),
  );
}

const meanings = (meaning: string) => (meaning === '' ? [] : meaning.split(' '));

function formGroups(lang: Language): Map<string, string> {
  const map = new Map<string, string>();
  for (const [concept, words] of Object.entries(CONCEPT_FORMS[lang]))
    for (const w of words.split(' ')) map.set(w, concept);
  return map;
}

const FORM_CONCEPTS: Record<Language, Map<string, string>> = {
  en: formGroups('en'),
  ru: formGroups('ru'),
  uk: formGroups('uk'),
};
const CONCEPTS: Record<Language, Map<string, string>> = {
  en: stemmedGroups('en'),
  ru: stemmedGroups('ru'),
  uk: stemmedGroups('uk'),
};
/** PhraseIndex holds a language's phrases by their first stem and by their second, each list in the order listed. */
interface PhraseIndex {
  byFirst: Map<string, Phrase[]>;
  bySecond: Map<string, Phrase[]>;
}

function phraseIndex(lang: Language): PhraseIndex {
  const index: PhraseIndex = { byFirst: new Map(), bySecond: new Map() };
  const add = (map: Map<string, Phrase[]>, key: string, phrase: Phrase) =>
    map.set(key, [...(map.get(key) ?? []), phrase]);
  for (const phrase of stemmedPhrases(lang)) {
    add(index.byFirst, phrase.first, phrase);
    add(index.bySecond, phrase.second, phrase);
  }
  return index;
}

const PHRASES: Record<Language, PhraseIndex> = { en: phraseIndex('en'), ru: phraseIndex('ru'), uk: phraseIndex('uk') };
const EXPANSIONS: Record<Language, Map<string, string[]>> = {
  en: expansions('en'),
  ru: expansions('ru'),
  uk: expansions('uk'),
};

/** conceptOf returns the concept key a word (given as normalised and as stemmed) stands for, or undefined when it has no listed synonyms. */
export function conceptOf(word: string, stemmed: string, lang: Language): string | undefined {
  return FORM_CONCEPTS[lang].get(word) ?? CONCEPTS[lang].get(stemmed);
}

/** expansionOf returns the tokens one word (as normalised) stands for when it is more than one, or nothing (a greeting). */
export function expansionOf(word: string, lang: Language): string[] | undefined {
  return EXPANSIONS[lang].get(word);
}

/**
 * phraseOf returns what two consecutive words (given as normalised and as stemmed) stand for together (concept keys
 * and plain words), or undefined. One of the two may be mistyped ("come hoem", "goign up").
 */
export function phraseOf(
  first: string,
  firstStem: string,
  second: string,
  secondStem: string,
  lang: Language,
): string[] | undefined {
  // Either stem must be a phrase's own; the other may be mistyped. Looked up by stem, not compared with every phrase.
  const { byFirst, bySecond } = PHRASES[lang];
  for (const phrase of byFirst.get(firstStem) ?? []) {
    if (phrase.second === secondStem || mistyped(phrase.second, secondStem, phrase.secondWord, second))
      return phrase.meaning;
  }
  for (const phrase of bySecond.get(secondStem) ?? []) {
    if (mistyped(phrase.first, firstStem, phrase.firstWord, first)) return phrase.meaning;
  }
  return undefined;
}

function mistyped(stem: string, otherStem: string, word: string, otherWord: string): boolean {
  return wordSimilarity(stem, otherStem) >= TYPO_FLOOR || wordSimilarity(word, otherWord) >= TYPO_FLOOR;
}
