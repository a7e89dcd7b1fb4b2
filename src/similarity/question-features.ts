import { fnv1a32, mix32 } from './hash.ts';
import { type Language, tokenise, type Word } from './normalise.ts';
import { stem } from './stem.ts';
import { applyParaphraseRules } from './paraphrase-rules.ts';
import { isStopWord, questionWordWeight } from './stop-words.ts';
import { conceptOf, expansionOf, phraseOf } from './synonyms.ts';
import { type DerivationForms, derivationForms } from './word-similarity.ts';

/** QuestionToken is one content word of a question as the score compares it. */
export interface QuestionToken {
  /** key is what two tokens must share to match exactly: a concept (~rise), else the stem, else the number. */
  key: string;
  /** surface is the normalised word, kept for typo matching (for a number written out, the words: двадцать второй). */
  surface: string;
  /** stem is the stemmed word (the digits for numbers). */
  stem: string;
  /**
   * weight is how much the token counts: 1 for a content word, 2 for a number, 0.75 for a question word, 0.5 for
   * negation and price, 0.25 for a vague question word (what, какой).
   */
  weight: number;
  /** kind says how a token may match other than by key: numbers only exactly, concepts never as a typo of another concept. */
  kind: 'word' | 'concept' | 'number';
  /** forms are the stem's forms for matching derived words. */
  forms: DerivationForms;
  /** story is true for a word of the story told before a long message's question (see STORY_WEIGHT). */
  story?: boolean;
}

/** QuestionFeatures is what the index keeps of a question: its tokens, and the shingles its MinHash is taken over. */
export interface QuestionFeatures {
  tokens: QuestionToken[];
  shingles: Uint32Array;
}

const BASIS = 0x811c9dc5;
const KEY_COPIES = 4;
// A concept's key is all that two of its words share (прекратятся and закончится, blackouts and power cuts): their
// letters differ, so their key counts twice a word's.
const CONCEPT_KEY_COPIES = 8;
// Negation and "price" are in most questions about a thing's cost or absence; they count for half of a content word.
const HALF_WEIGHT_CONCEPTS = new Set(['~not', '~price']);

// A long message often tells the asker's story before its question ("My husband was mobilised in 2022 and has had no
// rotation since. When will they be brought home?"). The story's words still count, a question can lean on them ("When
// will it be back?"), but for a quarter of the question's own, numbers too: the same question asked in one line must
// still match.
const STORY_WEIGHT = 0.25;
const STORY_WORDS = 6;
// A sentence ends at ! ? or … , or at a full stop after a word of three letters or more (not "No. 3", "ул. Ленина",
// "г. Курск"), where the next one starts with a capital.
const SENTENCE_END = /(?<=[!?…]|\p{L}{3}\.)\s+(?=\p{Lu})/u;

/**
 * questionWords tokenises a text, and says from which index on its words are the question itself when the text is a
 * story of at least STORY_WORDS words and then a question (the last sentence with a question mark, else the last).
 */
function questionWords(text: string): { words: Word[]; story: number } {
  const sentences = text.split(SENTENCE_END).filter((s) => s.trim() !== '');
  if (sentences.length < 2) return { words: tokenise(text), story: 0 };
  let last = sentences.length - 1;
  for (let i = sentences.length - 1; i >= 0; i--)
    if (sentences[i].includes('?')) {
      last = i;
      break;
    }
  const story = tokenise([...sentences.slice(0, last), ...sentences.slice(last + 1)].join(' '), text);
  const question = tokenise(sentences[last], text);
  if (story.length < STORY_WORDS || question.length === 0) return { words: tokenise(text), story: 0 };
  return { words: [...story, ...question], story: story.length };
}

/** questionTokens turns a question's text into its content tokens, each key once, in the order they first appear. */
export function questionTokens(text: string): QuestionToken[] {
  const { words, story } = questionWords(text);
  const all = words.every((w) => w.lang !== null && isStopWord(w.text, w.lang)); // "Why?" keeps its words
  const tokens: QuestionToken[] = [];
  const seen = new Map<string, QuestionToken>();
  let inStory = false;
  const push = (token: QuestionToken) => {
    if (inStory) {
      token.weight = Math.min(token.weight, 1) * STORY_WEIGHT; // a year in the story is no school number
      token.story = true;
    }
    const earlier = seen.get(token.key);
    if (earlier === undefined) {
      seen.set(token.key, token);
      tokens.push(token);
    } else if (token.weight > earlier.weight) earlier.weight = token.weight;
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const next = i + 1 === story ? undefined : words[i + 1]; // a phrase does not run from the story into the question
    inStory = i < story;
    if (word.lang !== null && next !== undefined && next.lang === word.lang) {
      const phrase = phraseOf(word.text, stem(word.text, word.lang), next.text, stem(next.text, next.lang), word.lang);
      if (phrase !== undefined) {
        for (const part of phrase) push(meaningToken(part, `${word.text} ${next.text}`, word.lang));
        i++;
        continue;
      }
    }
    const expanded = word.lang === null ? undefined : expansionOf(word.text, word.lang);
    if (expanded !== undefined) {
      for (const part of expanded) push(meaningToken(part, word.text, word.lang!));
      continue;
    }
    if (!all && word.lang !== null && isStopWord(word.text, word.lang)) continue;
    push(wordToken(word));
  }
  return applyParaphraseRules(tokens);
}

/** meaningToken makes one token of what a phrase stands for: a concept or question-word class, a number, or a word. */
function meaningToken(part: string, surface: string, lang: Language): QuestionToken {
  if (part.startsWith('~') || part.startsWith('?')) return conceptToken(part, lang, surface);
  return wordToken({ text: part, lang: /^\d+$/.test(part) ? null : lang });
}

function conceptToken(concept: string, lang: Language, surface: string, stemmed = surface): QuestionToken {
  // A question-word class (?why, ?when) weighs what a question word does, and is kept apart per language: questions in
  // two languages are not meant to match (docs/grouping.md), and one made of concepts and a question word would.
  const question = concept.startsWith('?');
  const weight = question ? 0.75 : HALF_WEIGHT_CONCEPTS.has(concept) ? 0.5 : 1;
  return {
    key: question ? `${concept}@${lang}` : concept,
    surface,
    stem: stemmed,
    weight,
    kind: 'concept',
    forms: derivationForms(stemmed),
  };
}

function wordToken(word: Word): QuestionToken {
  if (word.lang === null) {
    // A number names one thing (school 5, bus 12, 6 months): another number is another question, so it weighs double.
    // One written out (пятая, twenty-second) is the same number; its words stay as its surface for typo matching.
    const number = /^\d+$/.test(word.text);
    const surface = word.spelled ?? word.text;
    return {
      key: word.text,
      surface,
      stem: word.text,
      weight: number ? 2 : 1,
      kind: number ? 'number' : 'word',
      forms: derivationForms(word.text),
    };
  }
  const lang: Language = word.lang;
  const stemmed = stem(word.text, lang);
  const concept = conceptOf(word.text, stemmed, lang);
  if (concept !== undefined) return conceptToken(concept, lang, word.text, stemmed);
  const weight = questionWordWeight(word.text, lang) ?? 1;
  return { key: stemmed, surface: word.text, stem: stemmed, weight, kind: 'word', forms: derivationForms(stemmed) };
}

/**
 * questionShingles is the set MinHash is taken over: each token's key (four times over, so that a shared word or
 * concept counts for more than a shared 3-gram: "salaries" and "wages" share only their concept), each pair of
 * consecutive keys, and the character 3-grams of each word with # at both ends, so that a typo still leaves most
 * 3-grams shared and an inflected ending changes only the last few. A number's 3-grams are its digits', however it
 * was written. A story's words give their key once and nothing else: else the story's 3-grams would outnumber the
 * question's, and the same question asked in one line would rarely share a bucket with it.
 */
export function questionShingles(tokens: QuestionToken[]): Uint32Array {
  const out: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.story === true) {
      out.push(fnv1a32(t.key, BASIS ^ 16));
      continue;
    }
    const copies = t.kind === 'concept' ? CONCEPT_KEY_COPIES : KEY_COPIES;
    for (let copy = 0; copy < copies; copy++) out.push(fnv1a32(t.key, BASIS ^ (16 + copy)));
    if (i > 0) out.push(fnv1a32(`${tokens[i - 1].key} ${t.key}`, BASIS ^ 2));
    const padded = `#${t.kind === 'number' ? t.key : t.surface}#`; // пятой and 5 must share their shingles
    if (padded.length <= 4) {
      out.push(fnv1a32(padded, BASIS ^ 3));
      continue;
    }
    for (let j = 0; j + 3 <= padded.length; j++) out.push(trigramHash(padded, j));
  }
  return Uint32Array.from(out);
}

function trigramHash(text: string, at: number): number {
  // fnv1a32 of text.slice(at, at + 3) with the 3-gram basis, without making the substring.
  let h = BASIS ^ 3;
  for (let i = at; i < at + 3; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/** questionFeatures computes a question's tokens and shingles from its text. */
export function questionFeatures(text: string): QuestionFeatures {
  const tokens = questionTokens(text);
  return { tokens, shingles: questionShingles(tokens) };
}
