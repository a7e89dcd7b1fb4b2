import { randomBytes } from 'node:crypto';
import { receiptAlphabet, receiptSecretLength } from '../domain/receipt-code.ts';

/** newReceiptSecret returns a receipt's secret: 80 bits from the CSPRNG as 16 base32 characters, short enough to write down. */
export function newReceiptSecret(): string {
  const bytes = randomBytes((receiptSecretLength * 5) / 8);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += receiptAlphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}
