import { createChallenge } from 'altcha-lib';
import type { Challenge } from 'altcha-lib/types';
import { createHmac, createSecretKey, hash, timingSafeEqual, type KeyObject } from 'node:crypto';
import { VecheError } from '../domain/errors.ts';

/** Solution is what the ALTCHA widget sends back: the challenge, its salt and signature, and the number found. */
interface Solution {
  algorithm: string;
  challenge: string;
  number: number;
  salt: string;
  signature: string;
}

/**
 * ProofOfWork issues and checks ALTCHA challenges: the browser spends a moment of CPU on each signature, which is
 * cheap for a person and expensive for a flood. Challenges are made by altcha-lib; solutions are checked here with
 * node:crypto's one-shot hash and a prepared HMAC key, because altcha-lib's verifySolution goes through WebCrypto's
 * thread pool and cut signing throughput by more than half in `npm run bench`. A solution is accepted once.
 */
export class ProofOfWork {
  private readonly hmacKeyText: string;
  private readonly hmacKey: KeyObject;
  private readonly maxNumber: number;
  private readonly lifetimeMs = 20 * 60_000;
  private readonly now: () => number;
  // Two generations of used signatures, swapped every lifetime: a signature older than both has expired anyway,
  // so each check costs two lookups, however many solutions were used.
  private used = new Set<string>();
  private usedBefore = new Set<string>();
  private swappedAt: number;

  constructor(key: Buffer, maxNumber: number, now: () => number = Date.now) {
    this.hmacKeyText = key.toString('base64');
    this.hmacKey = createSecretKey(Buffer.from(this.hmacKeyText, 'utf8'));
    this.maxNumber = maxNumber;
    this.now = now;
    this.swappedAt = now();
  }

  /** enabled says whether challenges are asked for at all (VECHE_POW_MAX=0 turns them off). */
  get enabled(): boolean {
    return this.maxNumber > 0;
  }

  /** challenge returns a new signed challenge for the widget or an API client. */
  challenge(): Promise<Challenge> {
    return createChallenge({
      hmacKey: this.hmacKeyText,
      maxnumber: this.maxNumber,
      expires: new Date(this.now() + this.lifetimeMs),
    });
  }

  /** verify checks a solution (the widget's base64 payload) and uses it up; it throws `proof-of-work` if bad. */
  async verify(payload: unknown): Promise<void> {
    const solution = typeof payload === 'string' && payload.length <= 2000 ? parseSolution(payload) : null;
    if (!solution || !this.valid(solution)) throw refused();
    if (this.now() - this.swappedAt > this.lifetimeMs) {
      this.usedBefore = this.used;
      this.used = new Set();
      this.swappedAt = this.now();
    }
    if (this.used.has(solution.signature) || this.usedBefore.has(solution.signature)) throw refused();
    this.used.add(solution.signature);
  }

  // SPEC: ALTCHA v1: challenge = hex(SHA-256(salt || number)), signature = hex(HMAC-SHA-256(key, challenge)); the salt
  // may carry `?expires=<unix seconds>&`.
  private valid(s: Solution): boolean {
    if (s.algorithm !== 'SHA-256' || !Number.isSafeInteger(s.number) || s.number < 0 || s.number > this.maxNumber)
      return false;
    const expires = Number(new URLSearchParams(s.salt.split('?')[1] ?? '').get('expires'));
    if (!Number.isFinite(expires) || expires * 1000 < this.now()) return false;
    const challenge = hash('sha256', `${s.salt}${s.number}`, 'hex');
    const signature = createHmac('sha256', this.hmacKey).update(challenge).digest('hex');
    return sameHex(challenge, s.challenge) && sameHex(signature, s.signature);
  }
}

function parseSolution(payload: string): Solution | null {
  try {
    const value = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
    const ok =
      value &&
      typeof value.algorithm === 'string' &&
      typeof value.challenge === 'string' &&
      typeof value.number === 'number' &&
      typeof value.salt === 'string' &&
      typeof value.signature === 'string';
    return ok ? (value as Solution) : null;
  } catch {
    return null;
  }
}

function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

function refused(): VecheError {
  return new VecheError('proof-of-work', 'The proof of work is missing, wrong, expired or used before.', [
    { field: 'altcha', problem: 'proof-of-work' },
  ]);
}
