// node20-crypto.ts stands for node:crypto in the single-file auditor (scripts/build-auditor.ts), so that it runs on
// every Node.js 20: crypto.hash, the one-shot digest the record's code uses, came in 20.12 (and 21.7). Where Node has
// it, it is Node's own; before, the same digest through createHash. Anything else is Node's, as imported.
import * as crypto from 'node:crypto';
import type { BinaryToTextEncoding } from 'node:crypto';

export {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  randomInt,
  sign,
  verify,
} from 'node:crypto';

type Hash = (
  algorithm: string,
  data: crypto.BinaryLike,
  outputEncoding?: BinaryToTextEncoding | 'buffer',
) => string | Buffer;

/** hash is crypto.hash where Node has it, else the same digest through createHash. */
export const hash: Hash =
  (crypto as { hash?: Hash }).hash ??
  ((algorithm, data, outputEncoding = 'hex') => {
    const digest = crypto.createHash(algorithm).update(data);
    return outputEncoding === 'buffer' ? digest.digest() : digest.digest(outputEncoding);
  });
