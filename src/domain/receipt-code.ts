// A receipt code is what a signer can write down or print instead of keeping her receipt's link: the signature's row
// number and the receipt's secret, in Crockford's base32 (no I, L, O or U; read without regard to case, with I and L
// taken as 1 and O as 0), in groups of four:  3F-K7M2-Q9XH-4T2P-RW3A. The secret's 16 characters carry 80 random bits,
// so the code cannot be guessed; the row number only says where to look, and is no secret.

/** receiptAlphabet is Crockford's base32: digits and capitals without I, L, O and U. */
export const receiptAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** receiptSecretLength is how many base32 characters a receipt's secret has (80 bits). */
export const receiptSecretLength = 16;

const secretPattern = new RegExp(`^[${receiptAlphabet}]{${receiptSecretLength}}$`);

/** receiptCode writes a signature's row id and receipt secret as a code, or null for a secret of the older, longer kind. */
export function receiptCode(rowId: number, secret: string): string | null {
  if (!secretPattern.test(secret) || !Number.isSafeInteger(rowId) || rowId < 1) return null;
  let id = '';
  for (let n = rowId; n > 0; n = Math.floor(n / 32)) id = receiptAlphabet[n % 32] + id;
  return [id, ...secret.match(/.{4}/g)!].join('-');
}

/** readReceiptCode reads a code as typed (any case, spaces or dashes anywhere), or returns null if it cannot be one. */
export function readReceiptCode(text: string): { rowId: number; secret: string } | null {
  const clean = text
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-‐‑‒–—.]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  if (clean.length <= receiptSecretLength || clean.length > receiptSecretLength + 10) return null;
  let rowId = 0;
  for (const char of clean.slice(0, -receiptSecretLength)) {
    const digit = receiptAlphabet.indexOf(char);
    if (digit === -1) return null;
    rowId = rowId * 32 + digit;
  }
  const secret = clean.slice(-receiptSecretLength);
  if (!secretPattern.test(secret) || !Number.isSafeInteger(rowId) || rowId < 1) return null;
  return { rowId, secret };
}
