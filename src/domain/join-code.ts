import { randomInt } from 'node:crypto';

// No 0/O or 1/I: a join code is read off a screen across a hall and typed on a phone.
const codeAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** newJoinCode returns a random six-character join code (32^6, about a billion codes). */
export function newJoinCode(): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += codeAlphabet[randomInt(codeAlphabet.length)];
  return code;
}

/** normaliseJoinCode reads a code as typed (any case, spaces or dashes) in its stored form, or null if it cannot be one. */
export function normaliseJoinCode(typed: string): string | null {
  const code = typed.replace(/[\s-]/g, '').toUpperCase();
  return /^[A-Z0-9]{4,12}$/.test(code) ? code : null;
}
