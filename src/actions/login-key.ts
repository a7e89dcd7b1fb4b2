import { createHmac } from 'node:crypto';
import type { ActionContext } from './context.ts';

/**
 * loginKey is how a login is counted: a keyed hash of the login as typed, lower-cased, whether an account has it or
 * not. Unknown logins are counted and locked exactly like real ones, so the answer never tells which exist, and the
 * table says nothing readable without the hashing key.
 */
export function loginKey(ctx: ActionContext, login: string): string {
  return createHmac('sha256', ctx.secrets.hashing)
    .update(`login:${login.trim().normalize('NFC').toLowerCase()}`)
    .digest('base64url');
}
