import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pluralForms } from './plural-forms.js';

const russian = { one: '{#} голос', few: '{#} голоса', many: '{#} голосов', other: '{#} голоса' };

test('a count is written in the plural form of its language, with the number where the form says {#}', () => {
  const { counted } = pluralForms('ru');
  assert.equal(counted(russian, 1), '1 голос');
  assert.equal(counted(russian, 3), '3 голоса');
  assert.equal(counted(russian, 25), '25 голосов');
  assert.equal(counted(russian, 1_000_000), '1\u00a0000\u00a0000 голосов');
  assert.equal(pluralForms('en').word({ one: 'vote', other: 'votes' }, 2), 'votes');
});

test('a form the language lacks falls back to `other`; no forms at all still show the number', () => {
  const { counted, word } = pluralForms('en');
  assert.equal(counted({ other: '{#} questions' }, 1), '1 questions');
  assert.equal(counted(null, 1234), '1,234');
  assert.equal(counted({}, 5), '5');
  assert.equal(word(undefined, 5), '');
});
