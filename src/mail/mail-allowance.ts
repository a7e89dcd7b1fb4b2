import { createHmac, createSecretKey, randomBytes } from 'node:crypto';
import { normaliseEmail } from '../crypto/email-cipher.ts';

const HOUR = 3600_000;

/** mailLimits are how many emails one address may be sent per hour, and how many addresses are counted at most. */
export const mailLimits = { perAddressPerHour: 3, addresses: 100_000 };

/**
 * MailAllowance counts the emails sent to each address over the last hour, so that nobody can use the signing form
 * to flood someone's mailbox. It holds no address: each is counted under an HMAC whose key is made at start and lives
 * only in this process's memory, so the counters cannot be turned back into addresses, not even by someone who
 * seizes the server with its disk and keys. When full it forgets the addresses tried least recently first, never all
 * at once (a flood of new addresses could otherwise wipe a victim's counter). Each node counts on its own.
 */
export class MailAllowance {
  private readonly key = createSecretKey(randomBytes(32));
  /** sent maps a keyed hash to the times of its emails in the last hour, least recently tried first. */
  private readonly sent = new Map<string, number[]>();
  private readonly perHour: number;
  private readonly capacity: number;

  constructor(perHour = mailLimits.perAddressPerHour, capacity = mailLimits.addresses) {
    this.perHour = perHour;
    this.capacity = capacity;
  }

  /** take counts one email to `address` at `now` and says whether it may go; one held back is not counted. */
  take(address: string, now: number): boolean {
    const key = createHmac('sha256', this.key).update(mailboxOf(address)).digest('base64url');
    const recent = (this.sent.get(key) ?? []).filter((at) => now - at < HOUR);
    const allowed = recent.length < this.perHour;
    if (allowed) recent.push(now);
    // Moved to the end, held back or not: an address being flooded is the last to be forgotten.
    this.sent.delete(key);
    this.sent.set(key, recent);
    this.trim(now);
    return allowed;
  }

  /** size is how many addresses are counted now. */
  get size(): number {
    return this.sent.size;
  }

  private trim(now: number): void {
    for (const [key, times] of this.sent) {
      // The first entries are the least recently tried: drop those whose hour is over, then the oldest if still full.
      if (this.sent.size <= this.capacity && times.length > 0 && now - times[times.length - 1] < HOUR) break;
      this.sent.delete(key);
    }
  }
}

/**
 * mailboxOf names the mailbox an address delivers to, for counting: `anna+1@…` and `anna+2@…` reach one mailbox, and
 * so at Gmail does `a.n.n.a@…`, so a flood cannot get past the limit by varying them.
 */
export function mailboxOf(address: string): string {
  const email = normaliseEmail(address);
  const at = email.lastIndexOf('@');
  let local = email.slice(0, at).replace(/\+.*$/, '');
  let domain = email.slice(at + 1).replace(/\.+$/, '');
  if (domain === 'googlemail.com') domain = 'gmail.com';
  if (domain === 'gmail.com') local = local.replace(/\./g, '');
  return `${local}@${domain}`;
}

const allowances = new WeakMap<object, MailAllowance>();

/** mailAllowanceOf returns the one MailAllowance of a running app, known by its store (tests run several apps). */
export function mailAllowanceOf(store: object): MailAllowance {
  let allowance = allowances.get(store);
  if (!allowance) allowances.set(store, (allowance = new MailAllowance()));
  return allowance;
}
