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
  assert.deepEqual(
    input.problems.map((p) => [p.field, p.problem, p.params]),
    [['long', 'too-long', { max: 1 }]],
  );
});

test('malformed input is named, field by field, and never thrown as anything but invalid-input', () => {
  assert.deepEqual(
    problems(
      (i) => {
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
      },
      {
        control: 'bell\u0007',
        broken: 'half \ud800',
        object: { toString: 'x' },
        n: '1.5',
        huge: '1000',
        pick: 'c',
        box: 'maybe',
        email: 'a@b',
        day: '2026-02-29',
        many: ['x', 'y'],
        extra: 1,
      },
    ),
    [
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
    ],
  );
});

test('a body that is not an object is one problem, not a crash', () => {
  for (const raw of ['text', 42, ['a']]) {
    assert.deepEqual(
      problems((i) => i.text('title', { max: 5 }), raw),
      [{ field: 'body', problem: 'body-not-object' }],
    );
  }
  assert.deepEqual(
    problems((i) => i.text('title', { max: 5 }), undefined),
    [],
  );
});

test('a date is the end of that day in UTC, and a checkbox is on only when it says so', () => {
  const input = new InputReader({ day: '2026-03-12', on: 'on', off: '' });
  assert.equal(input.date('day'), Date.UTC(2026, 2, 12, 23, 59, 59));
  assert.equal(input.flag('on'), true);
  assert.equal(input.flag('off'), false);
  assert.equal(input.flag('absent'), false);
});

test('C1 control characters (U+0080–U+009F) are refused in every text field and in email addresses', () => {
  for (const c of ['\u0080', '\u0085', '\u008D', '\u009B', '\u009F']) {
    assert.deepEqual(
      problems(
        (i) => {
          i.text('name', { max: 50 });
          i.text('body', { max: 500, multiline: true });
          i.email('email');
        },
        { name: `Anna${c}`, body: `First line\nsecond${c} line`, email: `anna${c}@example.org` },
      ),
      [
        { field: 'name', problem: 'control-characters' },
        { field: 'body', problem: 'control-characters' },
        { field: 'email', problem: 'control-characters' },
      ],
      `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`,
    );
  }
  const input = new InputReader({ name: 'Ñandú Ÿ ¡', body: 'Tab\tand\nlines' });
  assert.equal(input.text('name', { max: 50 }), 'Ñandú Ÿ ¡', 'letters just past the C1 block are text');
  assert.equal(input.text('body', { max: 50, multiline: true }), 'Tab\tand\nlines');
});

test('a single-line field refuses the characters that reorder how text displays; a long text may keep them', () => {
  for (const c of ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069']) {
    assert.deepEqual(
      problems(
        (i) => {
          i.text('name', { max: 50 });
          i.email('email');
        },
        { name: `Olena ${c}anetsI`, email: `a${c}@example.org` },
      ),
      [
        { field: 'name', problem: 'direction-characters' },
        { field: 'email', problem: 'direction-characters' },
      ],
    );
    assert.equal(
      new InputReader({ body: `שלום ${c}text\u2069` }).text('body', { max: 50, multiline: true }),
      `שלום ${c}text\u2069`,
    );
  }
  assert.equal(
    new InputReader({ name: 'שלום Olena' }).text('name', { max: 50 }),
    'שלום Olena',
    'right-to-left letters themselves are welcome',
  );
});
