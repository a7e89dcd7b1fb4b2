import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONCEPT_WORDS } from './concept-words.ts';
import type { Language } from './normalise.ts';
import { stem } from './stem.ts';

test('no stem stands for two concepts: a word listed under one concept cannot silently become another', () => {
  for (const lang of ['en', 'ru', 'uk'] as Language[]) {
    const seen = new Map<string, string>();
    for (const [concept, words] of Object.entries(CONCEPT_WORDS[lang])) {
      for (const word of words.split(' ')) {
        const stemmed = stem(word, lang);
        const other = seen.get(stemmed);
        assert.ok(other === undefined || other === concept, `${lang} ${word} (${stemmed}): ${other} and ${concept}`);
        seen.set(stemmed, concept);
      }
    }
  }
});
