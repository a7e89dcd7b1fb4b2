import type { ActionContext, Actor } from '../actions/context.ts';
import { unsafeProviderOf } from '../domain/mail-providers.ts';
import { defaultNoticeChoices, type NoticeChoices } from '../domain/notices.ts';
import { openText } from '../crypto/email-cipher.ts';
import { readNoticeSettings } from '../store/notices.ts';

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
