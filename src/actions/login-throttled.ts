import { VecheError } from '../domain/errors.ts';

/** LoginThrottled is the `rate-limited` refusal of a login that failed too often; `until` is when it may try again. */
export class LoginThrottled extends VecheError {
  readonly until: number;
  constructor(until: number) {
    super('rate-limited', `Too many tries for this login; try again after ${new Date(until).toISOString()}.`);
    this.until = until;
  }
}
