import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tokenise } from './normalise.ts';
import { numberFormLanguage, numberWord } from './read-numbers.ts';

/** read returns a question's words as tokenise leaves them: numbers as digits. */
const read = (text: string) =>
  tokenise(text)
    .map((w) => w.text)
    .join(' ');

test('cardinal number words in every case are digits', () => {
  assert.equal(read('школа номер пять'), 'школа 5');
  assert.equal(
    read('больше двух лет, меньше тридцати тысяч, пятью способами'),
    'больше 2 лет меньше 30 тысяч 5 способами',
  );
  assert.equal(read('понад три роки, до двадцяти гривень, пятьма способами'), 'понад 3 роки до 20 гривень 5 способами');
  assert.equal(read("п'ять і дев'ять"), '5 і 9', 'a Ukrainian apostrophe is dropped before the table is read');
  assert.equal(read('for three months, fifteen percent'), 'for 3 months 15 percent');
  assert.equal(read('пятеро детей, двоих раненых'), '5 детей 2 раненых');
});

test('ordinal number words in every gender and case are digits', () => {
  for (const form of [
    'третий',
    'третья',
    'третье',
    'третьего',
    'третьей',
    'третьему',
    'третьим',
    'третьем',
    'третью',
    'третьи',
    'третьих',
  ]) {
    assert.equal(read(`когда ${form} школа`), 'когда 3 школа', form);
  }
  for (const form of [
    'пятый',
    'пятая',
    'пятое',
    'пятого',
    'пятой',
    'пятому',
    'пятым',
    'пятом',
    'пятую',
    'пятые',
    'пятых',
    'второй',
  ]) {
    assert.ok(/^когда [25] школа$/.test(read(`когда ${form} школа`)), form);
  }
  for (const form of [
    'третій',
    'третя',
    'третє',
    'третього',
    'третьої',
    'третьому',
    'третім',
    'третю',
    'треті',
    'третіх',
  ]) {
    assert.equal(read(`коли ${form} школа`), 'коли 3 школа', form);
  }
  for (const form of [
    "п'ятий",
    "п'ята",
    "п'яте",
    "п'ятого",
    "п'ятої",
    "п'ятому",
    "п'ятій",
    "п'яту",
    "п'ятою",
    "п'яті",
    "п'ятих",
  ]) {
    assert.equal(read(`коли ${form} школа`), 'коли 5 школа', form);
  }
  assert.equal(read('the first, second, third, twelfth and twentieth'), 'the 1 2 3 12 and 20');
});

test('compound numbers are read whole, up to 999', () => {
  assert.equal(read('двадцать второй автобус'), '22 автобус');
  assert.equal(read('двадцять другий автобус'), '22 автобус');
  assert.equal(read('the twenty-second bus'), 'the 22 bus');
  assert.equal(read('округ сорок семь'), 'округ 47');
  assert.equal(read('сто двадцать пятая школа'), '125 школа');
  assert.equal(read('двісті сорок гривень'), '240 гривень');
  assert.equal(read('one hundred and five, two hundred, a hundred'), '105 200 a 100');
  assert.equal(read('двадцать одна школа'), '21 школа', 'a form of one inside a compound');
  assert.equal(read('ninety-nine'), '99');
});

test('words that do not make one number stay apart', () => {
  assert.equal(read('двадцатый пятый'), '20 5', 'an ordinal ends a number');
  assert.equal(read('два три'), '2 3');
  assert.equal(read('двадцать тридцать'), '20 30');
  assert.equal(read('сто сто'), '100 100');
});

test('a lone one is a number only after номер or number', () => {
  assert.equal(read('ни одного врача'), 'ни одного врача');
  assert.equal(read('one of the bridges, no one'), 'one of the bridges no one');
  assert.equal(read('жодного лікаря, одна аптека'), 'жодного лікаря одна аптека');
  assert.equal(read('школа номер один'), 'школа 1');
  assert.equal(read('school number one'), 'school 1');
  assert.equal(read('первая школа'), '1 школа', 'first is an ordinal, read always');
});

test('номер and number before a number are dropped; elsewhere they stay', () => {
  assert.equal(read('школа номер 5'), 'школа 5');
  assert.equal(read('school number 5'), 'school 5');
  assert.equal(read('номер телефона горячей линии'), 'номер телефона горячей линии');
  assert.equal(read('the number of doctors'), 'the number of doctors');
});

test('forms that look like numbers but are other words are left alone', () => {
  assert.equal(read('почему стоит так дорого'), 'почему стоит так дорого', 'стоит stems to сто');
  assert.equal(read('семью погибшего'), 'семью погибшего', 'family, not seven');
  assert.equal(read('во-первых, почему'), 'во первых почему');
  assert.equal(read('по-перше, чому'), 'по перше чому');
  assert.equal(numberWord('пятно', 'ru'), undefined);
  assert.equal(numberWord('сорок', 'ru')?.value, 40);
  assert.equal(numberWord('сороковой', 'ru')?.ordinal, true);
});

test('a number word only one language has tells the language; a form both have, or a marker, does not', () => {
  assert.equal(numberFormLanguage('двадцяти'), 'uk');
  assert.equal(numberFormLanguage('пятьма'), 'uk');
  assert.equal(numberFormLanguage('двадцати'), 'ru');
  assert.equal(numberFormLanguage('пятью'), 'ru');
  assert.equal(numberFormLanguage('пять'), 'any');
  assert.equal(numberFormLanguage('номер'), 'any');
  assert.equal(numberFormLanguage('других'), 'any', 'Ukrainian for second, Russian for other');
  assert.equal(numberFormLanguage('fifth'), 'any');
  assert.equal(numberFormLanguage('школа'), undefined);
});

test('a number keeps the words it was written in, and has no language', () => {
  const [number] = tokenise('двадцать второй');
  assert.deepEqual(number, { text: '22', lang: null, spelled: 'двадцать второй' });
  assert.deepEqual(tokenise('22')[0], { text: '22', lang: null });
});
