import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: object,
) => Promise<Buffer>;

/** sealText encrypts an address or a mail's contents with AES-256-GCM: `v1.iv.ciphertext.tag`, all base64url. */
export function sealText(key: Buffer, email: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(email, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), sealed.toString('base64url'), cipher.getAuthTag().toString('base64url')].join(
    '.',
  );
}

/** openText decrypts what sealText sealed, throwing if it was altered. */
export function openText(key: Buffer, sealed: string): string {
  const [version, iv, data, tag] = sealed.split('.');
  if (version !== 'v1') throw new Error('unknown email cipher version');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}

/** normaliseEmail lower-cases an address and trims it, so one mailbox gives one hash. */
export function normaliseEmail(email: string): string {
  return email.trim().normalize('NFC').toLowerCase();
}

/**
 * signerHash is the slow keyed hash kept after confirmation to stop one address signing a petition twice.
 * It is keyed by the server's hashing key and salted by the petition, so it links no one across petitions,
 * and scrypt makes guessing addresses from a seized database slow even with the key.
 */
export async function signerHash(key: Buffer, petitionPublicId: string, email: string): Promise<string> {
  const salt = Buffer.concat([key, Buffer.from(`petition:${petitionPublicId}`)]);
  const derived = await scryptAsync(normaliseEmail(email), salt, 32, { N: 2 ** 14, r: 8, p: 1 });
  return derived.toString('base64url');
}
