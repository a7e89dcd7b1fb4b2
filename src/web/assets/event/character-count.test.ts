import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { InputReader } from '../../../domain/input.ts';
import { characterCount } from './character-count.js';

/** accepted tells whether the server takes `text` as a question of at most `max` characters. */
function accepted(text: string, max: number): boolean {
  const input = new InputReader({ text });
  input.text('text', { max, multiline: true });
  return input.problems.length === 0;
}

test('the counter counts characters as the server does: line ends, composed letters, surrogate pairs, spaces around', () => {
  assert.equal(characterCount('  Когда?\r\n  '), 6);
  assert.equal(characterCount('a\r\nb'), 3, 'a Windows line end is one character');
  assert.equal(characterCount('e\u0301'), 1, 'e and a combining accent compose to é');
  assert.equal(characterCount('👩‍👩‍👧'), 5, 'code points, not UTF-16 units nor graphemes');
});

test('property: the server takes a question of exactly as many characters as the counter shows, and not one fewer', () => {
  const letters = fc.constantFrom('a', 'я', 'e\u0301', '\u00e9', '👍', ' ', '\n', '\r\n', '\r', '\t', '中');
  fc.assert(
    fc.property(fc.array(letters, { maxLength: 30 }), (parts) => {
      const text = parts.join('');
      const n = characterCount(text);
      if (n === 0) return;
      assert.equal(accepted(text, n), true, `${JSON.stringify(text)} fits ${n}`);
      assert.equal(accepted(text, n - 1), false, `${JSON.stringify(text)} is over ${n - 1}`);
    }),
    { seed: 20261207, numRuns: 500 },
  );
});
