import { type QuestionToken, questionTokens } from './question-features.ts';
import { derivedSimilarity, TYPO_FLOOR, wordSimilarity } from './word-similarity.ts';

/**
 * DEFAULT_THRESHOLD is the score from which two questions are taken as the same. On the evaluation set every value
 * from 0.44 to 0.58 does as well; this one is near the top so that one substituted word keeps long questions apart
 * too (see SUBSTITUTION_PENALTY and docs/grouping.md).
 */
export const DEFAULT_THRESHOLD = 0.57;

// A content word found on both sides only as a substitute (Belgorod for Kursk, water for electricity, 12 for 6) is
// what makes "same words, different question". Plain overlap scores such a pair as high as a reworded question,
// so the weight that is unmatched on BOTH sides is subtracted again, on top of what it already costs the overlap.
// With one whole word substituted the overlap is 1 - 1/W for W content words, so the score stays under the threshold
// up to W = 1 / (1 - 0.4 - 0.57) = 33 content words: in every question people actually ask.
const SUBSTITUTION_PENALTY = 0.4;

/**
 * tokenSimilarity scores how well two tokens match, in [0, 1]: 1 for the same key, else a typo or inflection match of
 * their words or stems. Two numbers match only exactly, two different concepts (rise, fall) never match, and the first
 * letters must agree: in Russian and Ukrainian a prefix turns a word into its opposite (включат, отключат), and
 * people rarely mistype the first letter.
 */
export function tokenSimilarity(a: QuestionToken, b: QuestionToken): number {
  if (a.key === b.key) return 1;
  if (a.kind === 'number' || b.kind === 'number') return spelledNumberSimilarity(a, b);
  if (a.kind === 'concept' && b.kind === 'concept') return 0;
  // Every partial match below needs the same first letter; most pairs of words differ there already.
  if (a.surface.charCodeAt(0) !== b.surface.charCodeAt(0) && a.stem.charCodeAt(0) !== b.stem.charCodeAt(0)) return 0;
  const best = Math.max(
    wordSimilarity(a.surface, b.surface),
    wordSimilarity(a.stem, b.stem),
    derivedSimilarity(a.forms, b.forms),
  );
  return best >= TYPO_FLOOR ? best : 0;
}

/**
 * spelledNumberSimilarity is how a number matches a token with another key: 0, unless the number was written out in
 * words and the other token is a plain word those words are a typo of (третьего, третего). So a mistyped number word
 * still matches as it did before numbers were read; a number never partly matches another number (5, 6) or a concept.
 */
function spelledNumberSimilarity(a: QuestionToken, b: QuestionToken): number {
  const [number, other] = a.kind === 'number' ? [a, b] : [b, a];
  if (!mayMatchSpelled(number, other)) return 0;
  const s = wordSimilarity(number.surface, other.surface);
  return s >= TYPO_FLOOR ? s : 0;
}

/** mayMatchSpelled says whether a number token could partly match `other`: only its words against a plain word's, first letters agreeing. */
function mayMatchSpelled(number: QuestionToken, other: QuestionToken): boolean {
  return (
    other.kind === 'word' &&
    number.surface !== number.key &&
    number.surface.charCodeAt(0) === other.surface.charCodeAt(0)
  );
}

/**
 * tokensSimilarity scores two questions' tokens in [0, 1]: the weighted share of each side's tokens that the other
 * side matches (a soft Dice coefficient), less SUBSTITUTION_PENALTY for each unit of weight unmatched on both sides.
 */
export function tokensSimilarity(a: readonly QuestionToken[], b: readonly QuestionToken[]): number {
  return tokensSimilarityFrom(a, b, 0);
}

/**
 * tokensSimilarityFrom is tokensSimilarity when that is at least `floor`, and some smaller number otherwise. It first
 * matches tokens by key, and gives up without the slower typo matching when even perfect typo matches of every token
 * that could have one (another token starts with its letter) would leave the score below the floor: most candidates
 * an index scores end there.
 */
export function tokensSimilarityFrom(a: readonly QuestionToken[], b: readonly QuestionToken[], floor: number): number {
  if (a.length === 0 || b.length === 0) return 0;
  const bestA = new Float64Array(a.length);
  const bestB = new Float64Array(b.length);
  let weightA = 0;
  let weightB = 0;
  let hopeA = 0; // weight matched by key, plus weight that a typo match could still reach
  let hopeB = 0;
  for (let i = 0; i < a.length; i++) {
    weightA += a[i].weight;
    for (let j = 0; j < b.length; j++) {
      if (a[i].key === b[j].key) bestA[i] = bestB[j] = 1;
    }
  }
  for (let j = 0; j < b.length; j++) weightB += b[j].weight;
  for (let i = 0; i < a.length; i++) if (bestA[i] === 1 || mayMatch(a[i], b)) hopeA += a[i].weight;
  for (let j = 0; j < b.length; j++) if (bestB[j] === 1 || mayMatch(b[j], a)) hopeB += b[j].weight;
  if (score(weightA, hopeA, weightB, hopeB) < floor) return score(weightA, hopeA, weightB, hopeB);
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      if (bestA[i] === 1 && bestB[j] === 1) continue;
      const s = tokenSimilarity(a[i], b[j]);
      if (s > bestA[i]) bestA[i] = s;
      if (s > bestB[j]) bestB[j] = s;
    }
  }
  let matchedA = 0;
  let matchedB = 0;
  for (let i = 0; i < a.length; i++) matchedA += a[i].weight * bestA[i];
  for (let j = 0; j < b.length; j++) matchedB += b[j].weight * bestB[j];
  return score(weightA, matchedA, weightB, matchedB);
}

function score(weightA: number, matchedA: number, weightB: number, matchedB: number): number {
  const overlap = (matchedA + matchedB) / (weightA + weightB);
  const substituted = Math.min(weightA - matchedA, weightB - matchedB);
  return Math.max(0, overlap - SUBSTITUTION_PENALTY * substituted);
}

/** mayMatch says whether some token of `others` starts like `token`, so that tokenSimilarity could be above 0. */
function mayMatch(token: QuestionToken, others: readonly QuestionToken[]): boolean {
  for (const other of others) {
    if (token.kind === 'number' || other.kind === 'number') {
      if (token.kind === 'number' ? mayMatchSpelled(token, other) : mayMatchSpelled(other, token)) return true;
      continue;
    }
    if (token.kind === 'concept' && other.kind === 'concept') continue;
    if (
      token.surface.charCodeAt(0) === other.surface.charCodeAt(0) ||
      token.stem.charCodeAt(0) === other.stem.charCodeAt(0)
    )
      return true;
  }
  return false;
}

/** questionSimilarity is the score in [0, 1] that sameQuestion compares with the threshold. */
export function questionSimilarity(a: string, b: string): number {
  return tokensSimilarity(questionTokens(a), questionTokens(b));
}

/** sameQuestion says whether two texts ask the same question (the pairwise rule the index applies). */
export function sameQuestion(a: string, b: string): boolean {
  return questionSimilarity(a, b) >= DEFAULT_THRESHOLD;
}
