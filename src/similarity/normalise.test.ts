import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalise, tokenise } from './normalise.ts';

test('case and ё are folded', () => {
  assert.equal(normalise('ЁЛКА Ещё ВСЁ'), 'елка еще все');
  assert.equal(normalise('When WILL the School reopen'), 'when will the school reopen');
});

test('every apostrophe inside a word is dropped, so the spellings of one word meet', () => {
  for (const apostrophe of ["'", '’', 'ʼ', '`', '′', '‘']) assert.equal(normalise(`сім${apostrophe}ї`), 'сімї', `U+${apostrophe.charCodeAt(0).toString(16)}`);
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
  assert.deepEqual(langs('Коли буде ремонт дороги'), ['uk', 'uk', 'uk', 'uk'], 'no і, ї, є or ґ, but коли and буде are Ukrainian');
  assert.deepEqual(langs('When will school 5 reopen'), ['en', 'en', 'en', null, 'en']);
  assert.deepEqual(langs('Почему заблокировали YouTube'), ['ru', 'ru', 'en']);
});
