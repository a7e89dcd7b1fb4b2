import assert from 'node:assert/strict';
import { test } from 'node:test';
import { QuestionIndex, questionSimilarity, sameQuestion } from './question-index.ts';

test('similar finds the same question asked again in other words, and not a different one', () => {
  const index = new QuestionIndex();
  index.add(1, 'Когда вернутся домой мобилизованные из Белгорода?');
  index.add(2, 'Когда вернутся домой мобилизованные из Курска?');
  index.add(3, 'Почему подорожала вода?');
  const found = index.similar('Мобилизованные из Белгорода когда вернутся домой');
  assert.deepEqual(
    found.map((r) => r.id),
    [1],
  );
  assert.equal(
    found[0].score,
    questionSimilarity(
      'Мобилизованные из Белгорода когда вернутся домой',
      'Когда вернутся домой мобилизованные из Белгорода?',
    ),
  );
  assert.deepEqual(index.similar('Why did water prices go up?'), [], 'another language is another question');
  assert.ok(sameQuestion('Почему подорожала вода?', 'Почему вода подорожала'));
});

test('similar finds a school written with digits from its number in words, and not the next school', () => {
  const index = new QuestionIndex();
  index.add(5, 'Когда отремонтируют школу №5?');
  index.add(6, 'Когда отремонтируют школу №6?');
  index.add(22, 'When will the number 22 bus run again?');
  assert.deepEqual(
    index.similar('когда отремонтируют пятую школу').map((r) => r.id),
    [5],
  );
  assert.deepEqual(
    index.similar('Когда отремонтируют школу номер шесть').map((r) => r.id),
    [6],
  );
  assert.deepEqual(
    index.similar('When will the twenty-second bus run again?').map((r) => r.id),
    [22],
  );
  assert.deepEqual(index.similar('When will the twentieth bus run again?'), []);
});

test('re-adding an id replaces its text, remove forgets it, size counts what is indexed', () => {
  const index = new QuestionIndex();
  index.add(7, 'Why did water prices go up?');
  index.add(7, 'When will the school on Lenin street be repaired?');
  assert.equal(index.size, 1);
  assert.deepEqual(index.similar('Why did water prices go up?'), []);
  assert.deepEqual(
    index.similar('When will the school on Lenin street be repaired').map((r) => r.id),
    [7],
  );
  index.remove(7);
  index.remove(7);
  index.remove(12345);
  assert.equal(index.size, 0);
  assert.deepEqual(index.similar('When will the school on Lenin street be repaired'), []);
});

test('similar returns at most limit answers, best first, scores in [0, 1]', () => {
  const index = new QuestionIndex();
  const texts = [
    'Коли відремонтують школу на вулиці Шевченка?',
    'Коли відремонтують школу на вулиці Шевченка',
    'коли відремонтують школу на вулиці шевченка!!',
    'Коли відремантують школу на вулиці Шевченка?',
    'Школу на вулиці Шевченка коли відремонтують?',
    'Коли нарешті відремонтують школу на вулиці Шевченка?',
  ];
  texts.forEach((text, i) => index.add(100 + i, text));
  const all = index.similar(texts[0], 100);
  assert.equal(all.length, texts.length);
  for (let i = 1; i < all.length; i++) assert.ok(all[i - 1].score >= all[i].score);
  assert.ok(all.every((r) => r.score >= 0 && r.score <= 1));
  assert.equal(index.similar(texts[0], 2).length, 2);
  assert.deepEqual(index.similar(texts[0], 0), []);
  assert.deepEqual(index.similar(texts[0], 2), all.slice(0, 2));
});

test('texts with no words are kept but match nothing; ids may be any finite number', () => {
  const index = new QuestionIndex();
  index.add(1, '?!');
  index.add(2 ** 40, 'Pensions?');
  index.add(-3, 'pension');
  assert.equal(index.size, 3);
  assert.deepEqual(index.similar('?!'), []);
  assert.deepEqual(
    index
      .similar('pensions')
      .map((r) => r.id)
      .sort(),
    [-3, 2 ** 40].sort(),
  );
  assert.throws(() => index.add(Number.NaN, 'x'), RangeError);
});

test('options outside their range are refused', () => {
  assert.throws(() => new QuestionIndex({ threshold: 1.5 }), RangeError);
  assert.throws(() => new QuestionIndex({ bands: 0 }), RangeError);
  assert.throws(() => new QuestionIndex({ bands: 300 }), RangeError);
  assert.throws(() => new QuestionIndex({ rows: 2.5 }), RangeError);
  const strict = new QuestionIndex({ threshold: 1, bands: 8, rows: 3 });
  strict.add(1, 'Почему отменили концерт?');
  assert.deepEqual(
    strict.similar('почему отменили концерт').map((r) => r.id),
    [1],
  );
  assert.deepEqual(strict.similar('почему отменили концерт в парке?'), [], 'one word more is not quite 1');
});

test('after thousands of adds, replacements and removals every live question still finds itself and no removed one comes back', () => {
  const words =
    'когда почему школа больница дорога мост вода газ свет пенсия зарплата ремонт выборы солдаты ротация цены аренда квартира район улица'.split(
      ' ',
    );
  let seed = 42;
  const random = () => (seed = (seed * 48271) % 0x7fffffff) / 0x7fffffff;
  const text = () =>
    Array.from({ length: 3 + Math.floor(random() * 6) }, () => words[Math.floor(random() * words.length)]).join(' ') +
    ` ${Math.floor(random() * 100000)}`;
  const index = new QuestionIndex();
  const live = new Map<number, string>();
  for (let step = 0; step < 6000; step++) {
    const id = Math.floor(random() * 2000);
    if (random() < 0.3) {
      index.remove(id);
      live.delete(id);
    } else {
      const t = text();
      index.add(id, t);
      live.set(id, t);
    }
  }
  assert.equal(index.size, live.size);
  for (const [id, t] of live) {
    const found = index.similar(t, 1000);
    assert.ok(
      found.some((r) => r.id === id && r.score === 1),
      `${id} ${t}`,
    );
    for (const r of found) assert.ok(live.has(r.id), `removed ${r.id} returned`);
  }
});
