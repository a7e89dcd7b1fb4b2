// How alike two words are, for typos and for inflections and derivations the stemmers leave apart. Both scores are
// 0 unless the words start with the same letter: in Russian and Ukrainian a prefix can turn a word into its opposite
// (включат, отключат; підключать, відключать), and people rarely mistype the first letter.

/** TYPO_FLOOR is the share of aligned letters below which two words are not taken as one word mistyped. */
export const TYPO_FLOOR = 0.75;
const PREFIX_MATCH = 0.8;

/**
 * wordSimilarity is 1 minus the optimal-string-alignment distance over the longer length; 0 for a different first
 * letter, and for words under four letters except two three-letter words with their last two letters swapped (bsu
 * for bus), scored as one swap in four letters is: a swap is the commonest typo, and in three letters it rarely makes
 * another word, where a changed letter often does (bus, but; gas, has).
 */
export function wordSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a[0] !== b[0]) return 0;
  if (a.length === 3 && b.length === 3 && a[1] === b[2] && a[2] === b[1]) return TYPO_FLOOR;
  const longest = Math.max(a.length, b.length);
  if (Math.min(a.length, b.length) < 4) return 0;
  if (Math.abs(a.length - b.length) > longest * (1 - TYPO_FLOOR)) return 0;
  return 1 - editDistance(a, b) / longest;
}

/**
 * derivedSimilarity catches derived words the stemmer leaves apart, given each word's derivationForms:
 * PREFIX_MATCH when the stems share a prefix of at least 4 letters covering 3/4 of the shorter one (город, горожане;
 * разместил, размещено with щ read as ст), or when their roots are the same (ротация, ротировать, ротувати; село,
 * сельский, сільський).
 */
export function derivedSimilarity(a: DerivationForms, b: DerivationForms): number {
  const x = a.folded;
  const y = b.folded;
  const shorter = Math.min(x.length, y.length);
  let common = 0;
  while (common < shorter && x.charCodeAt(common) === y.charCodeAt(common)) common++;
  if (common >= 4 && common >= 0.75 * shorter) return PREFIX_MATCH;
  if (a.root.length >= 3 && a.root === b.root) return PREFIX_MATCH;
  return 0;
}

/** DerivationForms is what derivedSimilarity compares of a stem, computed once per word. */
export interface DerivationForms {
  /** folded is the stem with щ read as ст, the consonants it alternates with (разместить, размещение). */
  folded: string;
  /** root is the folded stem less one derivational suffix and a soft sign, with Ukrainian і read as е. */
  root: string;
}

// Russian and Ukrainian suffixes that derive a verb or adjective from a noun or back (-ировать, -ация, -ский), longest first.
const DERIVATION = /(?:ирова|ирува|изова|ізува|ова|ева|ува|юва|ыва|ива|аці|ац|яц|ськ|ск|ув|юв)$/;

/** derivationForms computes a stem's DerivationForms. Ukrainian і alternates with е in closed syllables (село, сіл). */
export function derivationForms(stem: string): DerivationForms {
  const folded = stem.replace(/щ/g, 'ст');
  const stripped = folded.replace(DERIVATION, '').replace(/ь$/, '');
  const root = (stripped.length >= 3 ? stripped : folded).replace(/і/g, 'е');
  return { folded, root };
}

const rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** editDistance is the optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
export function editDistance(a: string, b: string): number {
  if (b.length + 1 > rows[0].length) for (let i = 0; i < 3; i++) rows[i] = new Int32Array(b.length + 1);
  let [before, previous, current] = rows;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (
        i > 1 &&
        j > 1 &&
        a.charCodeAt(i - 1) === b.charCodeAt(j - 2) &&
        a.charCodeAt(i - 2) === b.charCodeAt(j - 1)
      ) {
        d = Math.min(d, before[j - 2] + 1);
      }
      current[j] = d;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length];
}
