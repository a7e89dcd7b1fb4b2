// scripts/make-keys.mjs (plain JavaScript, for any Node from 18 on) prints the four keys every node of a cluster must share, as environment lines for an .env file:
//   node scripts/make-keys.mjs > .env
// Keep the file secret and backed up: the encryption key opens pending signers' addresses, the log key signs the record.
import { randomBytes } from 'node:crypto';

for (const name of ['VECHE_ENCRYPTION_KEY', 'VECHE_HASHING_KEY', 'VECHE_COOKIE_KEY', 'VECHE_LOG_KEY']) {
  console.log(`${name}=${randomBytes(32).toString('base64')}`);
}
