import type { Messages } from '../index.ts';

/** Повідомлення блоків «Поширити» українською (сторінка петиції та квитанція після підпису). */
const messages: Messages = {
  'share.heading': 'Поширити',
  'share.link': 'Посилання на цю петицію',
  'share.copy': 'Скопіювати посилання',
  'share.copied': 'Посилання скопійовано.',
  'share.native': 'Поширити…',
  'share.telegram': 'Telegram',
  'share.whatsapp': 'WhatsApp',
  'share.email': 'Пошта',
  'share.caution':
    'Той, кому ви надішлете посилання, дізнається, що ви ним поділилися. У месенджері чат зі зникаючими повідомленнями залишає менше слідів.',
  'share.after-signing-heading': 'Попросіть підписати інших',
  'share.after-signing-lead': 'Петицію чують, коли її підписує багато людей. Надішліть посилання тим, кому довіряєте.',
};
export default messages;
