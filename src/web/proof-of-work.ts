import { createChallenge, verifySolution, extractParams } from 'altcha-lib';
import type { Challenge } from 'altcha-lib/types';
import { VecheError } from '../domain/errors.ts';

/**
 * ProofOfWork issues and checks ALTCHA challenges: the browser spends a moment of CPU on each signature, which is
 * cheap for a person and expensive for a flood. A solution is accepted once; used ones are kept until they expire.
 */
export class ProofOfWork {
  private readonly hmacKey: string;
  private readonly maxNumber: number;
  private readonly used = new Map<string, number>();
  private readonly lifetimeMs = 20 * 60_000;
  private readonly now: () => number;

  constructor(key: Buffer, maxNumber: number, now: () => number = Date.now) {
    this.hmacKey = key.toString('base64');
    this.maxNumber = maxNumber;
    this.now = now;
  }

  /** enabled says whether challenges are asked for at all (VECHE_POW_MAX=0 turns them off). */
  get enabled(): boolean {
    return this.maxNumber > 0;
  }

  /** challenge returns a new signed challenge for the widget or an API client. */
  challenge(): Promise<Challenge> {
    return createChallenge({ hmacKey: this.hmacKey, maxnumber: this.maxNumber, expires: new Date(this.now() + this.lifetimeMs) });
  }

  /** verify checks a solution (the widget's base64 payload) and uses it up; it throws `proof-of-work` if bad. */
  async verify(payload: unknown): Promise<void> {
    if (typeof payload !== 'string' || payload.length > 2000) throw this.refused();
    let ok = false;
    try {
      ok = await verifySolution(payload, this.hmacKey, true);
    } catch {
      ok = false;
    }
    if (!ok) throw this.refused();
    const signature = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')).signature as string;
    const expires = Number(extractParams(payload).expires ?? 0) * 1000 || this.now() + this.lifetimeMs;
    this.forgetExpired();
    if (this.used.has(signature)) throw this.refused();
    this.used.set(signature, expires);
  }

  private forgetExpired(): void {
    if (this.used.size < 10_000) return;
    const now = this.now();
    for (const [signature, expires] of this.used) if (expires < now) this.used.delete(signature);
  }

  private refused(): VecheError {
    return new VecheError('proof-of-work', 'The proof of work is missing, wrong, expired or used before.',
      [{ field: 'altcha', problem: 'proof-of-work' }]);
  }
}
