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
    ["Чому сім'ї загиблих досі не отримали виплат?", 'Чому сімʼї загиблих досі не отримали виплат?'],
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

test('a number written in words, with a sign or an ending is the same number', () => {
  const same: [string, string][] = [
    ['Когда отремонтируют школу номер пять?', 'Когда отремонтируют школу №5?'],
    ["Коли відремонтують п'яту школу?", 'Коли відремонтують школу № 5?'],
    ['When will school number five be repaired?', 'When will School No. 5 be repaired?'],
    ['Почему в третьей больнице нет хирурга?', 'Почему в больнице №3 нет хирурга?'],
    ['Коли третій корпус підключать до опалення?', 'Коли 3-й корпус підключать до опалення?'],
    ['Когда снова пустят двадцать второй автобус?', 'Когда снова пустят автобус 22?'],
    ['When will the twenty-second bus run again?', 'When will the 22nd bus run again?'],
    ['Когда будет ротация третьего батальона?', 'Когда будет ратация третего батальона?'], // a mistyped number word
  ];
  for (const [a, b] of same) assert.ok(sameQuestion(a, b), `${a} | ${b}: ${questionSimilarity(a, b)}`);
});

test('another number is another question, however it is written and however long the question', () => {
  const different: [string, string][] = [
    ['Когда в школе №5 заменят окна?', 'Когда в школе №6 заменят окна?'],
    ['When will by-elections be held in the 3rd district?', 'When will by-elections be held in the 4th district?'],
    ['Почему в пятой школе закрыли столовую?', 'Почему в школе № 15 закрыли столовую?'],
    ['Коли почнуть ремонт двадцять другої лікарні?', 'Коли почнуть ремонт двадцятої лікарні?'],
    ['When will repairs start at the twenty-second hospital?', 'When will repairs start at the twentieth hospital?'],
    ['Почему отменили маршрутку номер 12?', 'Почему отменили маршрутку номер 21?'],
  ];
  for (const [a, b] of different) assert.ok(!sameQuestion(a, b), `${a} | ${b}: ${questionSimilarity(a, b)}`);
  // A number weighs 2 and matches only the same number, so one changed number costs 2 × 0.4 more than the overlap it
  // takes: such a pair scores at most 0.2, however many words it shares.
  const words = 'when will the new hospital open in the north district near the old market and railway station square';
  for (const [a, b] of [
    ['5', '6'],
    ['five', '6'],
    ['fifth', 'sixth'],
    ['twenty-second', '20th'],
  ]) {
    const score = questionSimilarity(`${words} ${a}`, `${words} ${b}`);
    assert.ok(score <= 0.2, `${a} | ${b}: ${score}`);
  }
});

test('one word substituted is never the same question, however long the question', () => {
  const words = 'when will the new hospital open in the north district near the old market and railway station square';
  assert.ok(
    !sameQuestion(words, words.replace('north', 'south')),
    String(questionSimilarity(words, words.replace('north', 'south'))),
  );
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

test('a question of how much longer something lasts is the question of when it ends (issue 10)', () => {
  const same: [string, string][] = [
    ['Сколько ещё продлится война?', 'Когда закончится эта война?'],
    ['Скільки ще триватиме війна?', 'Коли закінчиться війна?'],
    ['How much longer will the war go on?', 'When will the war end?'],
    ['How long will the power cuts last?', 'When will the blackouts end?'],
    ['Сколько ещё будут отключать электричество?', 'Когда прекратятся отключения света?'],
    [
      'Is there a fixed term of service for the mobilised, when do they come home?',
      'When will the mobilised get a fixed term of service and rotation home?',
    ],
  ];
  for (const [a, b] of same) assert.ok(sameQuestion(a, b), `${a} | ${b}: ${questionSimilarity(a, b)}`);
  const different: [string, string][] = [
    ['Сколько ещё продлится война?', 'Сколько ещё продлится мобилизация?'],
    ['Когда закончится война?', 'Когда началась война?'],
    ['How long is the leave the mobilised get?', 'When will the mobilised get leave?'],
    ['Сколько ещё будут отключать электричество?', 'Сколько раз в день будут отключать электричество?'],
  ];
  for (const [a, b] of different) assert.ok(!sameQuestion(a, b), `${a} | ${b}: ${questionSimilarity(a, b)}`);
});

test('задержать is to delay about money and to detain about people; giving heat or water is switching it on', () => {
  assert.ok(sameQuestion('Почему арестовали журналиста газеты?', 'За что задержали журналиста газеты?'));
  assert.ok(!sameQuestion('Почему задерживают зарплату?', 'Почему арестовали зарплату?'));
  assert.ok(sameQuestion('Когда дадут отопление?', 'Когда включат отопление?'));
  assert.ok(!sameQuestion('Когда дадут отопление?', 'Когда отключат отопление?'));
});

test('a long message tells its story first: the question in one line still matches it, and another question does not', () => {
  const story =
    'Hello, my mother is 78, her pension is 11,000 and half of it goes on medicine. Will pensions be raised?';
  assert.ok(
    sameQuestion(story, 'Are pensions going to be increased?'),
    String(questionSimilarity(story, 'Are pensions going to be increased?')),
  );
  assert.ok(
    !sameQuestion(story, 'Why are medicines so expensive?'),
    String(questionSimilarity(story, 'Why are medicines so expensive?')),
  );
  // An abbreviation or a number sign with a full stop does not end a sentence.
  assert.ok(
    sameQuestion(
      'Why is there still no surgeon at City Hospital No. 3?',
      'Why is there still no surgeon at the Third City Hospital?',
    ),
  );
});

test('where money goes is what it is spent on; prisoners exchanged are prisoners returned', () => {
  assert.ok(sameQuestion('Куда уходят деньги из городского бюджета?', 'На что тратится городской бюджет?'));
  assert.ok(sameQuestion('Коли повернуть з полону наших захисників?', 'Коли обміняють полонених захисників?'));
  assert.ok(!sameQuestion('Когда обменяют военнопленных?', 'Когда освободят политзаключённых?'));
});
