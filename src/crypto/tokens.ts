import { randomBytes, randomFillSync, hash, createHmac, timingSafeEqual, type KeyObject } from 'node:crypto';

const alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** randomId returns `length` base58 characters from the CSPRNG, for public ids that must not be guessable. */
export function randomId(length: number): string {
  let out = '';
  while (out.length < length) {
    const byte = nextRandomByte();
    // 58 * 4 = 232: rejecting bytes >= 232 keeps every character equally likely.
    if (byte < 232) out += alphabet[byte % 58];
  }
  return out;
}

// Each call to randomBytes costs a few microseconds whatever its size, and votes need an id each: ids draw from a
// 4 KB block of CSPRNG output instead, refilled when used up. Every byte is handed out once, then overwritten.
const pool = Buffer.alloc(4096);
let poolAt = pool.length;

function nextRandomByte(): number {
  if (poolAt === pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  return pool[poolAt++];
}

/** newToken returns a secret for a link (base64url, 32 bytes of entropy). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** hashToken is how a secret is stored: SHA-256 in hex, so a leaked database cannot replay links. */
export function hashToken(token: string): string {
  return hash('sha256', token, 'hex');
}

/** macOf returns a base64url HMAC-SHA-256 of text under key. */
export function macOf(key: KeyObject, text: string): string {
  return createHmac('sha256', key).update(text).digest('base64url');
}

/** sameSecret compares two strings in constant time. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
