import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputReader } from './input.ts';
import { VecheError } from './errors.ts';

function problems(read: (input: InputReader) => void, raw: unknown): { field: string; problem: string }[] {
  const input = new InputReader(raw);
  read(input);
  try {
    input.done();
    return [];
  } catch (error) {
    assert.ok(error instanceof VecheError && error.code === 'invalid-input');
    return error.fields.map(({ field, problem }) => ({ field, problem }));
  }
}

test('text is trimmed and NFC-normalised, and empty text is missing', () => {
  const input = new InputReader({ a: '  Cafe\u0301 ', b: '   ', c: 'line\r\nnext' });
  assert.equal(input.text('a', { max: 10 }), 'Café');
  assert.equal(input.text('b', { max: 10, required: true }), null);
  assert.equal(input.text('c', { max: 20, multiline: true }), 'line\nnext');
  assert.deepEqual(input.problems, [{ field: 'b', problem: 'required' }]);
});

test('text counts characters, not UTF-16 units, against its limits', () => {
  const input = new InputReader({ emoji: '😀😀😀', long: 'ab' });
  assert.equal(input.text('emoji', { max: 3 }), '😀😀😀');
  assert.equal(input.text('long', { max: 1 }), null);
  assert.deepEqual(input.problems.map((p) => [p.field, p.problem, p.params]), [['long', 'too-long', { max: 1 }]]);
});

test('malformed input is named, field by field, and never thrown as anything but invalid-input', () => {
  assert.deepEqual(problems((i) => {
    i.text('control', { max: 50 });
    i.text('broken', { max: 50 });
    i.text('object', { max: 50 });
    i.integer('n', { min: 1, max: 10 });
    i.integer('huge', { min: 1, max: 10 });
    i.choice('pick', ['a', 'b'] as const);
    i.flag('box');
    i.email('email');
    i.date('day');
    i.list('many', ['x', 'y'] as const, { max: 1 });
  }, {
    control: 'bell\u0007', broken: 'half \ud800', object: { toString: 'x' }, n: '1.5', huge: '1000',
    pick: 'c', box: 'maybe', email: 'a@b', day: '2026-02-29', many: ['x', 'y'], extra: 1,
  }), [
    { field: 'control', problem: 'control-characters' },
    { field: 'broken', problem: 'bad-encoding' },
    { field: 'object', problem: 'not-text' },
    { field: 'n', problem: 'not-a-number' },
    { field: 'huge', problem: 'out-of-range' },
    { field: 'pick', problem: 'not-a-choice' },
    { field: 'box', problem: 'not-a-choice' },
    { field: 'email', problem: 'not-an-email' },
    { field: 'day', problem: 'not-a-date' },
    { field: 'many', problem: 'too-many' },
    { field: 'extra', problem: 'unknown-field' },
  ]);
});

test('a body that is not an object is one problem, not a crash', () => {
  for (const raw of ['text', 42, ['a']]) {
    assert.deepEqual(problems((i) => i.text('title', { max: 5 }), raw), [{ field: 'body', problem: 'body-not-object' }]);
  }
  assert.deepEqual(problems((i) => i.text('title', { max: 5 }), undefined), []);
});

test('a date is the end of that day in UTC, and a checkbox is on only when it says so', () => {
  const input = new InputReader({ day: '2026-03-12', on: 'on', off: '' });
  assert.equal(input.date('day'), Date.UTC(2026, 2, 12, 23, 59, 59));
  assert.equal(input.flag('on'), true);
  assert.equal(input.flag('off'), false);
  assert.equal(input.flag('absent'), false);
});
