import type { FastifyRequest } from 'fastify';
import { createHmac, randomBytes, createSecretKey } from 'node:crypto';
import { VecheError } from '../domain/errors.ts';
import type { WebApp } from './web-app.ts';

// The key lives only in this process's memory and changes at every start: the counters below cannot be turned back
// into addresses, not even by someone who seizes the server and its disk.
const ephemeralKey = createSecretKey(randomBytes(32));
const windows = new Map<string, { start: number; count: number }>();
const WINDOW_MS = 10 * 60_000;

/**
 * signingLimits are how many signings one address may make per ten minutes, with and without proof of work. A form
 * sent without a proof (JavaScript off, or sent before the check finished) is still taken, because the form must work
 * without JavaScript; it only counts against the lower limit, so a flood must either do the work or go slowly.
 */
export const signingLimits = { withProofOfWork: 200, withoutProofOfWork: 20 };

/** checkSigningRate throws `rate-limited` when one address signs too often; without proof of work the limit is lower. */
export async function checkSigningRate(app: WebApp, request: FastifyRequest, withProofOfWork: boolean): Promise<void> {
  if (!app.config.rateLimits) return;
  const limit = withProofOfWork ? signingLimits.withProofOfWork : signingLimits.withoutProofOfWork;
  const key = `${withProofOfWork ? 'w' : 'n'}:${createHmac('sha256', ephemeralKey).update(request.ip).digest('base64url')}`;
  const now = Date.now();
  let window = windows.get(key);
  if (!window || now - window.start > WINDOW_MS) {
    if (windows.size > 100_000) windows.clear();
    window = { start: now, count: 0 };
    windows.set(key, window);
  }
  window.count++;
  if (window.count > limit) throw new VecheError('rate-limited', 'Too many signatures from this connection; wait a few minutes.');
}
