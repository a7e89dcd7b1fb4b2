import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalise, tokenise } from './normalise.ts';

test('case and ё are folded', () => {
  assert.equal(normalise('ЁЛКА Ещё ВСЁ'), 'елка еще все');
  assert.equal(normalise('When WILL the School reopen'), 'when will the school reopen');
});

test('every apostrophe inside a word is dropped, so the spellings of one word meet', () => {
  for (const apostrophe of ["'", '’', 'ʼ', '`', '′', '‘'])
    assert.equal(normalise(`сім${apostrophe}ї`), 'сімї', `U+${apostrophe.charCodeAt(0).toString(16)}`);
  assert.equal(normalise("Why aren't soldiers' wives told"), 'why arent soldiers wives told');
  assert.equal(normalise("'quoted'"), 'quoted');
});

test('composed and decomposed letters are the same; й, ї and ё survive, accents and stress marks go', () => {
  assert.equal(normalise('й ї Й Ї'.normalize('NFD')), normalise('й ї Й Ї'.normalize('NFC')));
  assert.equal(normalise('й ї'.normalize('NFD')), 'й ї');
  assert.equal(normalise('Ё'.normalize('NFD')), 'е');
  assert.equal(normalise('café'.normalize('NFD')), 'cafe');
  assert.equal(normalise('пробле́ма ра́но'), 'проблема рано');
  assert.equal(normalise('ﬁx ２０２４'), 'fix 2024');
});

test('punctuation and symbols become spaces, digits stay, spaces collapse', () => {
  assert.equal(normalise('  Когда?!  (школа №5) — 100%,\tуже…\n'), 'когда школа 5 100 уже');
  assert.equal(normalise('bus-route 12/40'), 'bus route 12 40');
  assert.equal(normalise('?!…'), '');
  assert.equal(normalise(''), '');
});

test('signs for "number" before digits are dropped; a lower-case "no" before digits stays a negation', () => {
  assert.equal(normalise('School No. 5, No 12, NO.7, Nº 8, N°9, Nr. 10, nr 11'), 'school 5 12 7 8 9 10 11');
  assert.equal(normalise('школа N5, школа N 6, школа №7, школа # 8'), 'школа 5 школа 6 школа 7 школа 8');
  assert.equal(normalise('school no. 5, no5'), 'school 5 5');
  assert.equal(normalise('Why is there no 24-hour pharmacy?'), 'why is there no 24 hour pharmacy');
  assert.equal(normalise('No doctors in Kursk'), 'no doctors in kursk', 'not before a digit');
  assert.equal(normalise('plan 5'), 'plan 5', 'only a word of its own');
});

test('ordinal and case endings after digits are dropped, hyphenated or glued; other words after digits stay', () => {
  assert.equal(normalise('5-й 3-го 2-ух 5-ти 1-ю 3-ья 90-х 5й'), '5 3 2 5 1 3 90 5');
  assert.equal(normalise('3-тя 1-ша 2-га 3-му 7-ма'), '3 1 2 3 7');
  assert.equal(normalise('1st 22nd 3rd 5th 11-th'), '1 22 3 5 11');
  assert.equal(
    normalise('5-этажный дом 5а, корпус 5-б, 4g, 3d'),
    '5 этажный дом 5а корпус 5 б 4g 3d',
    'house and class letters are part of the number',
  );
  assert.equal(normalise('с 5 й'), 'с 5 й', 'only hyphenated or glued');
});

test('look-alike letters from the other script are read in the word’s own script', () => {
  assert.equal(normalise('Кoгда сoлдаты вернутся с фрoнта'), 'когда солдаты вернутся с фронта'); // Latin o
  assert.equal(normalise('Why wаs the jоurnalist аrrested'), 'why was the journalist arrested'); // Cyrillic а, о
  assert.equal(normalise('журналiста'), 'журналіста'); // Latin i is Ukrainian і
  assert.equal(normalise('дo'), 'до'); // д has no Latin look-alike, so the word is Cyrillic
  assert.equal(normalise('Почему заблокировали YouTube'), 'почему заблокировали youtube');
  assert.equal(normalise('сор'), 'сор'); // all look-alikes, but all Cyrillic: left alone
});

test('each word goes to the stemmer of its language', () => {
  const langs = (text: string) => tokenise(text).map((w) => w.lang);
  assert.deepEqual(langs('Коли повернуться мобілізовані'), ['uk', 'uk', 'uk']);
  assert.deepEqual(langs('Когда вернутся мобилизованные'), ['ru', 'ru', 'ru']);
  assert.deepEqual(
    langs('Коли буде ремонт дороги'),
    ['uk', 'uk', 'uk', 'uk'],
    'no і, ї, є or ґ, but коли and буде are Ukrainian',
  );
  assert.deepEqual(langs('When will school 5 reopen'), ['en', 'en', 'en', null, 'en']);
  assert.deepEqual(langs('Почему заблокировали YouTube'), ['ru', 'ru', 'en']);
  assert.deepEqual(langs("П'ята школа"), [null, 'uk'], 'an apostrophe inside a Cyrillic word is Ukrainian');
  assert.deepEqual(langs('Коли дорогу до кладовища'), ['uk', 'uk', 'uk', 'uk'], 'до is a word of both languages');
  assert.deepEqual(
    langs('понад три роки до двадцяти гривень'),
    ['uk', null, 'uk', 'uk', null, 'uk'],
    'двадцяти is Ukrainian',
  );
  assert.deepEqual(langs('до двадцати других'), ['ru', null, 'ru'], 'двадцати is Russian, other is not second');
});
