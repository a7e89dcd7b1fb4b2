import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_THRESHOLD, questionSimilarity, sameQuestion } from './question-similarity.ts';

test('the same question reworded, reordered, mistyped or inflected is the same question', () => {
  const same: [string, string][] = [
    ['When will the bridge on Sadovaya street reopen?', 'The bridge on Sadovaya street, when will it reopen?'],
    ['Почему подорожало электричество?', 'почему подорожало электрчество'],
    ['Коли солдати повернуться з фронту?', 'Коли солдати пoвернуться з фрoнту?'],
    ['Почему выросла аренда?', 'Почему подорожала аренда?'],
    ['Why did rent go up?', 'Why did rent increase?'],
    ['Чому сім\'ї загиблих досі не отримали виплат?', 'Чому сімʼї загиблих досі не отримали виплат?'],
  ];
  for (const [a, b] of same) assert.ok(sameQuestion(a, b), `${a} | ${b}: ${questionSimilarity(a, b)}`);
});

test('the same words asking about another place, thing or number are another question', () => {
  const different: [string, string][] = [
    ['When will mobilised men from Belgorod come home?', 'When will mobilised men from Kursk come home?'],
    ['Why did water prices go up?', 'Why did electricity prices go up?'],
    ['Когда отремонтируют школу на улице Ленина?', 'Когда отремонтируют больницу на улице Ленина?'],
    ['Чому закрили школу номер 5?', 'Чому закрили школу номер 7?'],
    ['Когда подключат газ в Заречье?', 'Когда отключат газ в Заречье?'],
    ['When will the heating be turned on in the flats?', 'When will the heating be turned off in the flats?'],
    ['Почему повысили тарифы?', 'Почему понизили тарифы?'],
  ];
  for (const [a, b] of different) assert.ok(!sameQuestion(a, b), `${a} | ${b}: ${questionSimilarity(a, b)}`);
});

test('one word substituted is never the same question, however long the question', () => {
  const words = 'when will the new hospital open in the north district near the old market and railway station square';
  assert.ok(!sameQuestion(words, words.replace('north', 'south')), String(questionSimilarity(words, words.replace('north', 'south'))));
});

test('very short questions still compare', () => {
  assert.ok(sameQuestion('Pensions?', 'pension'));
  assert.ok(sameQuestion('Мобилизация?', 'мобилизацыя'));
  assert.ok(!sameQuestion('Water prices?', 'Gas prices?'));
  assert.ok(!sameQuestion('Пенсии?', 'Мобилизация?'));
});

test('the score is symmetric, in [0, 1], 1 for the same text and 0 for nothing to compare', () => {
  const a = 'Когда вернутся домой мобилизованные из Белгорода?';
  const b = 'Когда мобилизованных из Белгорода вернут домой?';
  assert.equal(questionSimilarity(a, b), questionSimilarity(b, a));
  assert.equal(questionSimilarity(a, a), 1);
  assert.equal(questionSimilarity('', a), 0);
  assert.equal(questionSimilarity('?!', '...'), 0);
  assert.ok(DEFAULT_THRESHOLD > 0 && DEFAULT_THRESHOLD < 1);
});
