import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as russian } from '@orama/stemmers/russian';
import { stemmer as ukrainian } from '@orama/stemmers/ukrainian';
import type { Language } from './normalise.ts';

const STEMMERS: Record<Language, (word: string) => string> = { en: english, ru: russian, uk: ukrainian };

// Questions reuse a small vocabulary, and a stemmer call costs a microsecond or two (regular expressions over the
// word), so stems are cached. The cache is emptied when full rather than kept in LRU order: cheaper, and after a
// clear the frequent words come straight back.
const CACHE_LIMIT = 100_000;
const cache = new Map<string, string>();

/** stem returns the word's stem in its language, for a word as normalise returns it. */
export function stem(word: string, lang: Language): string {
  const key = lang + word;
  let found = cache.get(key);
  if (found === undefined) {
    found = STEMMERS[lang](word);
    if (found === '') found = word;
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, found);
  }
  return found;
}

/** stemUncached calls the stemmer directly; the benchmark uses it to show what the cache saves. */
export function stemUncached(word: string, lang: Language): string {
  return STEMMERS[lang](word) || word;
}
