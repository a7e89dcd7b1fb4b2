import { randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

// SPEC: RFC 6238 (TOTP) with the parameters every authenticator app assumes: HMAC-SHA-1, 6 digits, 30 seconds.
const PERIOD = 30;
const DIGITS = 6;

/** newTotpSecret returns a fresh 160-bit TOTP secret in base32, as authenticator apps take it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** totpUri is the `otpauth://` link a QR code carries: the app shows `issuer` and `label` beside the codes. */
export function totpUri(secret: string, issuer: string, label: string): string {
  return new TOTP({
    issuer,
    label,
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: DIGITS,
    period: PERIOD,
  }).toString();
}

/** totpCode returns the code of a secret at a time: what the phone shows (tests and the journeys use it). */
export function totpCode(secret: string, time: number): string {
  return TOTP.generate({
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: DIGITS,
    period: PERIOD,
    timestamp: time,
  });
}

/**
 * matchTotp returns the 30-second step a code belongs to, or null when it is no code of this secret within one step
 * either side of `time` (a phone's clock is often a little off). The caller refuses a step used before.
 */
export function matchTotp(secret: string, code: string, time: number): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = TOTP.validate({
    token: code,
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: DIGITS,
    period: PERIOD,
    timestamp: time,
    window: 1,
  });
  return delta === null ? null : Math.floor(time / 1000 / PERIOD) + delta;
}

/** groupSecret writes a base32 secret in groups of four, easier to type from the screen. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

// No 0/o, 1/l/i, so that a code copied by hand reads back the same: 31 symbols, ten of them give 49 bits.
const recoveryAlphabet = 'abcdefghjkmnpqrstuvwxyz23456789';

/** newRecoveryCodes returns ten single-use recovery codes written `xxxxx-xxxxx`. */
export function newRecoveryCodes(count = 10): string[] {
  const codes: string[] = [];
  for (let i = 0; i < count; i++) {
    let code = '';
    for (let j = 0; j < 10; j++) code += recoveryAlphabet[randomInt(recoveryAlphabet.length)];
    codes.push(`${code.slice(0, 5)}-${code.slice(5)}`);
  }
  return codes;
}

/** readRecoveryCode returns a typed recovery code in its stored form (`xxxxx-xxxxx`), or null when it cannot be one. */
export function readRecoveryCode(typed: string): string | null {
  const plain = typed.toLowerCase().replace(/[\s-]+/g, '');
  if (plain.length !== 10 || [...plain].some((c) => !recoveryAlphabet.includes(c))) return null;
  return `${plain.slice(0, 5)}-${plain.slice(5)}`;
}
