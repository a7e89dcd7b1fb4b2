import { scrypt, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { PasswordQueue } from './password-queue.ts';

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: object,
) => Promise<Buffer>;
// OWASP's scrypt floor is N=2^17, r=8, p=1; it takes 128 MiB for the moment of hashing.
const params = { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 };

/**
 * passwordQueue is the one line every password hash of this process goes through: one scrypt at a time, eight
 * waiting at most (about three seconds of work on a small machine). It is per process because the thread pool it
 * protects is.
 */
export const passwordQueue = new PasswordQueue({ running: 1, waiting: 8 });

/** scryptCounts counts password scrypts where they run, to show that no more than one ever runs at once. */
export const scryptCounts = { running: 0, peak: 0, done: 0 };

async function derive(password: string, salt: Buffer, length: number, options: object): Promise<Buffer> {
  scryptCounts.running++;
  scryptCounts.peak = Math.max(scryptCounts.peak, scryptCounts.running);
  try {
    return await scryptAsync(password.normalize('NFC'), salt, length, options);
  } finally {
    scryptCounts.running--;
    scryptCounts.done++;
  }
}

/** hashPassword returns `scrypt$N$r$p$salt$hash`, all that is needed to check the password later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await passwordQueue.run(() => derive(password, salt, 32, params));
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** verifyPassword checks a password against a stored hash in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, expected] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !expected) return false;
  const want = Buffer.from(expected, 'base64');
  const key = await passwordQueue.run(() =>
    derive(password, Buffer.from(salt, 'base64'), want.length, {
      N: Number(n),
      r: Number(r),
      p: Number(p),
      maxmem: 256 * 1024 * 1024,
    }),
  );
  return timingSafeEqual(key, want);
}

/** unknownAccountHash is checked against when a login does not exist, so the time taken does not tell. */
export const unknownAccountHash =
  'scrypt$131072$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
