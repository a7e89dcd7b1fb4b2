import type { ActionContext, Actor } from './context.ts';
import { InputReader } from '../domain/input.ts';
import { VecheError } from '../domain/errors.ts';
import { readSafeAddress } from '../domain/mail-providers.ts';
import { noticeKinds, type NoticeChoices } from '../domain/notices.ts';
import { normaliseEmail, openText, sealText } from '../crypto/email-cipher.ts';
import { findAccount } from '../store/accounts.ts';
import { readNoticeSettings, saveNoticeSettings } from '../store/notices.ts';
import { confirmOwnPassword } from './confirm-own-password.ts';

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
  const sealed = (await readNoticeSettings(ctx.store.db, actor.id))?.addressSealed;
  const before = sealed ? openText(ctx.secrets.encryption, sealed) : null;
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
