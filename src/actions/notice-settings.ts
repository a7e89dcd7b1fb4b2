import type { ActionContext, Actor } from './context.ts';
import { InputReader } from '../domain/input.ts';
import { VecheError } from '../domain/errors.ts';
import { readSafeAddress, unsafeProviderOf } from '../domain/mail-providers.ts';
import { defaultNoticeChoices, noticeKinds, type NoticeChoices, type NoticeKind } from '../domain/notices.ts';
import { normaliseEmail, openText, sealText } from '../crypto/email-cipher.ts';
import { readUnsubscribeToken, unsubscribeKey } from '../crypto/unsubscribe-token.ts';
import { findAccount } from '../store/accounts.ts';
import { readNoticeSettings, saveNoticeSettings, turnNoticeOff } from '../store/notices.ts';
import { confirmOwnPassword } from './confirm-own-password.ts';

/** OwnNoticeSettings are what the settings page shows a person of their own choices. */
export interface OwnNoticeSettings {
  address: string | null;
  choices: NoticeChoices;
  /** unsafeProvider is the mail service the saved address is at, when it is one that must hand mail to the state. */
  unsafeProvider: string | null;
}

/** ownNoticeSettings returns a person's choices and address (opened), or the defaults and none. */
export async function ownNoticeSettings(ctx: ActionContext, actor: Actor): Promise<OwnNoticeSettings> {
  const settings = await readNoticeSettings(ctx.store.db, actor.id);
  const address = settings?.addressSealed ? openText(ctx.secrets.encryption, settings.addressSealed) : null;
  return {
    address,
    choices: settings?.choices ?? { ...defaultNoticeChoices },
    unsafeProvider: address === null ? null : unsafeProviderOf(address, ctx.config.unsafeMailDomains),
  };
}

/**
 * changeNoticeSettings stores which emails a person wants and where. Giving or changing the address asks for their
 * password (a stolen session must not be enough to send their emails elsewhere); ticking boxes or removing the address
 * does not. An address at a service that must hand mail to the state is refused as `unsafe-provider` until they keep it
 * anyway (`emailAnyway`). The emails are written in `language`, the one the page was used in.
 */
export async function changeNoticeSettings(
  ctx: ActionContext,
  actor: Actor,
  raw: unknown,
  language: string,
  ignore: string[] = [],
): Promise<void> {
  const input = new InputReader(raw);
  input.ignore(...ignore);
  const address = readSafeAddress(input, 'email', ctx.config.unsafeMailDomains);
  const choices = Object.fromEntries(noticeKinds.map((kind) => [kind, input.flag(kind)])) as NoticeChoices;
  const password = input.text('password', { max: 200 });
  const before = (await ownNoticeSettings(ctx, actor)).address;
  const changed = address !== null && (before === null || normaliseEmail(before) !== normaliseEmail(address));
  if (changed && password === null) input.add('password', 'required');
  input.done();
  if (changed) {
    const account = await findAccount(ctx.store.db, actor.id);
    if (!account) throw new VecheError('not-found', 'No such account.');
    await confirmOwnPassword(ctx, account, password!);
  }
  const addressSealed = address === null ? null : sealText(ctx.secrets.encryption, address);
  await saveNoticeSettings(ctx.store.db, actor.id, { addressSealed, choices, language }, ctx.now());
}

/** readUnsubscribeLink returns what an unsubscribe link turns off, or throws `token-invalid`. */
export function readUnsubscribeLink(ctx: ActionContext, token: string): { accountId: number; kind: NoticeKind } {
  const link = readUnsubscribeToken(unsubscribeKey(ctx.secrets.hashing), token);
  if (!link) throw new VecheError('token-invalid', 'This link is not valid. Check that you copied the whole link.');
  return link;
}

/** unsubscribe turns off the kind of email an unsubscribe link names, for its account, without a login. */
export async function unsubscribe(ctx: ActionContext, token: string): Promise<NoticeKind> {
  const link = readUnsubscribeLink(ctx, token);
  await turnNoticeOff(ctx.store.db, link.accountId, link.kind, ctx.now());
  return link.kind;
}
