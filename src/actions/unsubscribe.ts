import type { ActionContext } from './context.ts';
import type { NoticeKind } from '../domain/notices.ts';
import { turnNoticeOff } from '../store/notices.ts';
import { readUnsubscribeLink } from './read-unsubscribe-link.ts';

/** unsubscribe turns off the kind of email an unsubscribe link names, for its account, without a login. */
export async function unsubscribe(ctx: ActionContext, token: string): Promise<NoticeKind> {
  const link = readUnsubscribeLink(ctx, token);
  await turnNoticeOff(ctx.store.db, link.accountId, link.kind, ctx.now());
  return link.kind;
}
