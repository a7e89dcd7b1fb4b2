// proof-of-work.js answers an ALTCHA challenge (SPEC: ALTCHA v1, as src/web/proof-of-work.ts checks it) so that a
// browser's first vote is given its voter token under the higher limit. Without WebCrypto (plain HTTP away from
// localhost) it gives up, and the vote counts against the lower limit instead.

/** @import { Challenge } from 'altcha-lib/types' */

/**
 * solveProofOfWork fetches a challenge and answers it: the payload a vote carries as `altcha`, or null.
 *
 * @returns {Promise<string | null>}
 */
export async function solveProofOfWork() {
  if (!globalThis.crypto || !crypto.subtle) return null;
  try {
    const response = await fetch('/api/pow/challenge', {
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
    });
    if (!response.ok) return null;
    return await solveChallenge(await response.json());
  } catch {
    return null;
  }
}

/**
 * solveChallenge finds the number whose SHA-256 with the salt is the challenge, a thousand hashes at a time, and
 * returns the solution as ALTCHA's base64 payload; null when no number up to `maxnumber` fits.
 *
 * @param {Challenge} c
 * @returns {Promise<string | null>}
 */
export async function solveChallenge(c) {
  const encoder = new TextEncoder();
  /** @param {ArrayBuffer} buffer */
  const hex = (buffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
  const max = c.maxnumber ?? -1;
  for (let from = 0; from <= max; from += 1000) {
    const batch = [];
    for (let n = from; n < Math.min(from + 1000, max + 1); n++) {
      batch.push(crypto.subtle.digest('SHA-256', encoder.encode(`${c.salt}${n}`)));
    }
    const hashes = await Promise.all(batch);
    const at = hashes.findIndex((h) => hex(h) === c.challenge);
    if (at !== -1) {
      const solution = {
        algorithm: c.algorithm,
        challenge: c.challenge,
        number: from + at,
        salt: c.salt,
        signature: c.signature,
      };
      return btoa(JSON.stringify(solution));
    }
  }
  return null;
}
