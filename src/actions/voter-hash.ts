import { createSecretKey, type KeyObject } from 'node:crypto';
import type { ActionContext } from './context.ts';
import { macOf } from '../crypto/tokens.ts';
import type { Secrets } from '../crypto/secrets.ts';

const keys = new WeakMap<Secrets, KeyObject>();

/**
 * voterHash is what a vote keeps of who cast it: a keyed hash of the browser's random voter token and the event's
 * code. It stops a second vote from one browser, cannot be reversed into the token, and differs between events, so
 * one browser's votes in two events cannot be linked. It is replaced by the vote's own id when the event closes.
 */
export function voterHash(ctx: ActionContext, code: string, voterToken: string): string {
  let key = keys.get(ctx.secrets);
  if (!key) {
    key = createSecretKey(ctx.secrets.hashing);
    keys.set(ctx.secrets, key);
  }
  return macOf(key, `vote\u0000${code}\u0000${voterToken}`);
}
