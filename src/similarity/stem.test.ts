import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stem, stemUncached } from './stem.ts';

test('English inflections share a stem', () => {
  assert.equal(stem('repairs', 'en'), 'repair');
  assert.equal(stem('repaired', 'en'), 'repair');
  assert.equal(stem('prices', 'en'), stem('price', 'en'));
  assert.equal(stem('soldiers', 'en'), 'soldier');
});

test('Russian case endings share a stem', () => {
  const forms = ['школа', 'школу', 'школы', 'школе', 'школой'].map((w) => stem(w, 'ru'));
  assert.deepEqual(new Set(forms), new Set(['школ']));
  assert.equal(stem('мобилизованных', 'ru'), stem('мобилизованные', 'ru'));
  assert.equal(stem('пенсии', 'ru'), stem('пенсий', 'ru'));
});

test('Ukrainian case endings share a stem', () => {
  const forms = ['лікарня', 'лікарню', 'лікарні'].map((w) => stem(w, 'uk'));
  assert.deepEqual(new Set(forms), new Set(['лікарн']));
  assert.equal(stem('мобілізованих', 'uk'), stem('мобілізовані', 'uk'));
  assert.equal(stem('школу', 'uk'), stem('школа', 'uk'));
});

test('the cache gives what the stemmer gives, and no word stems to nothing', () => {
  for (const [word, lang] of [
    ['повернуться', 'uk'],
    ['вернутся', 'ru'],
    ['returning', 'en'],
    ['а', 'ru'],
  ] as const) {
    assert.equal(stem(word, lang), stemUncached(word, lang));
    assert.equal(stem(word, lang), stem(word, lang));
    assert.notEqual(stem(word, lang), '');
  }
});
