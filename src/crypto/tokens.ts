import { randomBytes, hash, createHmac, timingSafeEqual, type KeyObject } from 'node:crypto';

const alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** randomId returns `length` base58 characters from the CSPRNG, for public ids that must not be guessable. */
export function randomId(length: number): string {
  const bytes = randomBytes(length * 2);
  let out = '';
  for (let i = 0; out.length < length && i < bytes.length; i++) {
    // 58 * 4 = 232: rejecting bytes >= 232 keeps every character equally likely.
    if (bytes[i] < 232) out += alphabet[bytes[i] % 58];
  }
  return out.length === length ? out : out + randomId(length - out.length);
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
