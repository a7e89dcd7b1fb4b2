import type { ActionContext } from './context.ts';
import { openText } from '../crypto/email-cipher.ts';
import { hashToken } from '../crypto/tokens.ts';

/**
 * enrolmentHolder names who is setting a second factor up: a session, or a sign-in step (`kind`), by a hash of its
 * token. The secret being set up is sealed together with it.
 */
export function enrolmentHolder(kind: 'session' | 'step', token: string): string {
  return `${kind}:${hashToken(token).slice(0, 24)}`;
}

/** openPendingSecret returns the secret being set up if `holder` asked for it, else null. */
export function openPendingSecret(ctx: ActionContext, sealed: string | null, holder: string): string | null {
  if (!sealed) return null;
  const [owner, secret] = openText(ctx.secrets.encryption, sealed).split('\n');
  return owner === holder && secret ? secret : null;
}
