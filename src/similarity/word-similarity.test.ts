import assert from 'node:assert/strict';
import { test } from 'node:test';
import { derivationForms, derivedSimilarity, editDistance, TYPO_FLOOR, wordSimilarity } from './word-similarity.ts';

test('editDistance counts insertions, deletions, substitutions and swapped neighbours', () => {
  assert.equal(editDistance('', ''), 0);
  assert.equal(editDistance('school', 'school'), 0);
  assert.equal(editDistance('school', 'scool'), 1);
  assert.equal(editDistance('when', 'wehn'), 1);
  assert.equal(editDistance('мобилизованые', 'мобилизованные'), 1);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('a'.repeat(100), 'b'.repeat(100)), 100, 'longer than the scratch rows');
});

test('wordSimilarity forgives a typo but not another first letter or a short word', () => {
  assert.equal(wordSimilarity('electricity', 'electricty'), 1 - 1 / 11);
  assert.equal(wordSimilarity('подключат', 'отключат'), 0, 'prefixes change the meaning');
  assert.equal(wordSimilarity('bus', 'but'), 0, 'a changed letter in three often makes another word');
  assert.equal(wordSimilarity('gas', 'has'), 0);
  assert.equal(wordSimilarity('same', 'same'), 1);
});

test('wordSimilarity forgives the last two letters of a three-letter word swapped, as one swap in four letters', () => {
  assert.equal(wordSimilarity('bus', 'bsu'), TYPO_FLOOR);
  assert.equal(wordSimilarity('дом', 'дмо'), TYPO_FLOOR);
  assert.equal(wordSimilarity('when', 'wehn'), TYPO_FLOOR);
  assert.equal(wordSimilarity('bus', 'ubs'), 0, 'the first letter still must agree');
  assert.equal(wordSimilarity('bus', 'sub'), 0);
});

test('derivedSimilarity joins words the stemmers leave apart, and not others', () => {
  const d = (a: string, b: string) => derivedSimilarity(derivationForms(a), derivationForms(b));
  assert.ok(d('ротац', 'ротирова') > 0, 'ротация, ротировать');
  assert.ok(d('ротац', 'ротув') > 0, 'ротація, ротувати');
  assert.ok(d('сел', 'сельск') > 0, 'село, сельский');
  assert.ok(d('сел', 'сільськ') > 0, 'село, сільський');
  assert.ok(d('размест', 'размещ') > 0, 'разместил, размещено');
  assert.ok(d('город', 'горожа') > 0, 'город, горожане');
  assert.equal(d('школ', 'больниц'), 0);
  assert.equal(d('курск', 'кург'), 0);
});
