import type { ActionContext } from './context.ts';
import { VecheError } from '../domain/errors.ts';
import type { NoticeKind } from '../domain/notices.ts';
import { readUnsubscribeToken, unsubscribeKey } from '../crypto/unsubscribe-token.ts';

/** readUnsubscribeLink returns what an unsubscribe link turns off, or throws `token-invalid`. */
export function readUnsubscribeLink(ctx: ActionContext, token: string): { accountId: number; kind: NoticeKind } {
  const link = readUnsubscribeToken(unsubscribeKey(ctx.secrets.hashing), token);
  if (!link) throw new VecheError('token-invalid', 'This link is not valid. Check that you copied the whole link.');
  return link;
}
