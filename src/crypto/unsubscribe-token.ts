import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { NoticeKind } from '../domain/notices.ts';

// An unsubscribe link works without logging in, from any mail client, for as long as the emails it came in are kept:
// so it carries what it is about (which account, which kind of email) and a MAC over that, not a row in a table.
// 32 bytes in base64url, 43 characters, the shape of every other link secret (src/web/route-params.ts):
//   byte 0       the kind of email (1 summary, 2 goal, 3 questions)
//   bytes 1–6    the account's row id, big-endian
//   bytes 7–31   the first 25 bytes of HMAC-SHA-256 over bytes 0–6, under a key derived from the hashing key
// The link reveals nothing but a number to whoever reads the mail, and can only turn emails off.

const kinds: readonly NoticeKind[] = ['summary', 'goal', 'questions'];

/** unsubscribeKey derives the links' key from the server's hashing key, so no other MAC made with it can pass for one. */
export function unsubscribeKey(hashing: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', hashing, Buffer.alloc(0), 'veche unsubscribe links v1', 32));
}

/** unsubscribeToken makes the link secret that turns off one kind of email for one account. */
export function unsubscribeToken(key: Buffer, accountId: number, kind: NoticeKind): string {
  if (!Number.isSafeInteger(accountId) || accountId < 1 || accountId >= 2 ** 48)
    throw new Error(`account id ${accountId} does not fit a link`);
  const head = Buffer.alloc(7);
  head[0] = kinds.indexOf(kind) + 1;
  head.writeUIntBE(accountId, 1, 6);
  return Buffer.concat([head, mac(key, head)]).toString('base64url');
}

/** readUnsubscribeToken returns what a link secret turns off, or null when it is not one this server made. */
export function readUnsubscribeToken(key: Buffer, token: string): { accountId: number; kind: NoticeKind } | null {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length !== 32) return null;
  const head = bytes.subarray(0, 7);
  if (!timingSafeEqual(bytes.subarray(7), mac(key, head))) return null;
  const kind = kinds[head[0] - 1];
  const accountId = head.readUIntBE(1, 6);
  return kind && accountId > 0 ? { accountId, kind } : null;
}

function mac(key: Buffer, head: Buffer): Buffer {
  return createHmac('sha256', key).update(head).digest().subarray(0, 25);
}
