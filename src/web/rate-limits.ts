import type { FastifyRequest } from 'fastify';
import { VecheError } from '../domain/errors.ts';
import { AddressLimiter } from './address-limiter.ts';
import { addressKey } from './client-address.ts';
import type { WebApp } from './web-app.ts';

// One limiter for every kind of request, keyed by the kind and the keyed hash of the address (client-address.ts):
// no address is held, and a flood of new addresses cannot reset anyone's count (address-limiter.ts).
const limiter = new AddressLimiter({ windowMs: 10 * 60_000 });

/**
 * signingLimits are how many signings one address may make per ten minutes, with and without proof of work. A form
 * sent without a proof (JavaScript off, or sent before the check finished) is still taken, because the form must work
 * without JavaScript; it only counts against the lower limit, so a flood must either do the work or go slowly.
 */
export const signingLimits = { withProofOfWork: 200, withoutProofOfWork: 20 };

/** checkSigningRate throws `rate-limited` when one address signs too often; without proof of work the limit is lower. */
export async function checkSigningRate(app: WebApp, request: FastifyRequest, withProofOfWork: boolean): Promise<void> {
  checkAddressRate(
    app,
    request,
    withProofOfWork ? 'w' : 'n',
    withProofOfWork ? signingLimits.withProofOfWork : signingLimits.withoutProofOfWork,
    'Too many signatures from this connection; wait a few minutes.',
  );
}

/**
 * checkAddressRate counts one request of an address against `limit` per ten minutes (a sliding window) in the named
 * bucket, and throws `rate-limited` with `message` beyond it. The bucket keeps each kind of request (and with or
 * without proof of work) on its own counter. An IPv6 address counts as its /64.
 */
export function checkAddressRate(
  app: WebApp,
  request: FastifyRequest,
  bucket: string,
  limit: number,
  message: string,
): void {
  if (!app.config.rateLimits) return;
  if (!limiter.take(`${bucket}:${addressKey(request.ip)}`, limit)) throw new VecheError('rate-limited', message);
}

/**
 * voterTokenLimits are how many new voter tokens (see web/voter-cookie.ts) one address may be given per ten minutes.
 * A new token is what someone who wants to vote twice must get, so this is the limit on voting twice. It is high with
 * proof of work because a whole hall may share one Wi-Fi address, and low without it: a phone without JavaScript is
 * still given a token, but a flood must either do the work or go slowly.
 */
export function voterTokenLimits(): { withProofOfWork: number; withoutProofOfWork: number } {
  return { withProofOfWork: 500, withoutProofOfWork: 25 };
}

/** checkVoterTokenRate throws `rate-limited` when one address is given too many voter tokens. */
export function checkVoterTokenRate(app: WebApp, request: FastifyRequest, withProofOfWork: boolean): void {
  const limits = voterTokenLimits();
  checkAddressRate(
    app,
    request,
    withProofOfWork ? 'voter-w' : 'voter-n',
    withProofOfWork ? limits.withProofOfWork : limits.withoutProofOfWork,
    'Too many new voters from this connection; wait a few minutes.',
  );
}

/** askingLimits are how many questions one address may ask per ten minutes, with and without proof of work. */
export function askingLimits(): { withProofOfWork: number; withoutProofOfWork: number } {
  return { withProofOfWork: 100, withoutProofOfWork: 15 };
}

/** checkAskingRate throws `rate-limited` when one address asks too often; without proof of work the limit is lower. */
export function checkAskingRate(app: WebApp, request: FastifyRequest, withProofOfWork: boolean): void {
  const limits = askingLimits();
  checkAddressRate(
    app,
    request,
    withProofOfWork ? 'ask-w' : 'ask-n',
    withProofOfWork ? limits.withProofOfWork : limits.withoutProofOfWork,
    'Too many questions from this connection; wait a few minutes.',
  );
}
