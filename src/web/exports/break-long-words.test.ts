import { test } from 'node:test';
import assert from 'node:assert/strict';
import { breakLongWords, longestRun } from './break-long-words.ts';

test('ordinary text comes back unchanged', () => {
  const text = 'Ми вимагаємо чіткого строку служби. https://veche.example/p/p7Kx2ab — and a hyphenated-word too.';
  assert.equal(breakLongWords(text), text);
  assert.equal(
    breakLongWords('x'.repeat(longestRun)),
    'x'.repeat(longestRun),
    'a run of exactly the longest length stays whole',
  );
});

test('a run longer than a line gets a place to break after every piece, and loses no character', () => {
  const word = 'я'.repeat(20_000);
  const broken = breakLongWords(word);
  const pieces = broken.split('\u200B');
  assert.equal(pieces.join(''), word);
  assert.ok(pieces.every((p) => [...p].length <= longestRun));
  assert.equal(pieces.length, Math.ceil(20_000 / longestRun));
  assert.equal(breakLongWords(`a ${'b'.repeat(100)} c`, ' '), `a ${'b'.repeat(64)} ${'b'.repeat(36)} c`);
});

test('a letter keeps its combining marks, and a character outside the BMP is never split', () => {
  const accented = 'e\u0301'.repeat(100);
  const pieces = breakLongWords(accented).split('\u200B');
  assert.ok(pieces.every((p) => p.startsWith('e') && p.endsWith('\u0301')));
  const emoji = '😀'.repeat(100);
  assert.ok(
    breakLongWords(emoji)
      .split('\u200B')
      .every((p) => p.isWellFormed() && [...p].length <= longestRun),
  );
});

// How fast is for benchmarks; a quadratic breaker would not finish this within the test runner's time limit.
test('a megabyte of one letter is broken whole, with one break after every piece', () => {
  const broken = breakLongWords('x'.repeat(1_000_000));
  assert.equal(broken.length, 1_000_000 + Math.ceil(1_000_000 / longestRun) - 1);
  assert.ok(broken.split('\u200B').every((p) => p.length === longestRun || p.length === 1_000_000 % longestRun));
});
