import type { Messages } from '../index.ts';

/** Сообщения блоков «Поделиться» по-русски (страница петиции и квитанция после подписи). */
const messages: Messages = {
  'share.heading': 'Поделиться',
  'share.link': 'Ссылка на эту петицию',
  'share.copy': 'Скопировать ссылку',
  'share.copied': 'Ссылка скопирована.',
  'share.native': 'Поделиться…',
  'share.telegram': 'Telegram',
  'share.whatsapp': 'WhatsApp',
  'share.email': 'Почта',
  'share.caution':
    'Тот, кому вы отправите ссылку, узнает, что вы ею поделились. В мессенджере чат с исчезающими сообщениями оставляет меньше следов.',
  'share.after-signing-heading': 'Попросите подписать других',
  'share.after-signing-lead': 'Петицию слышат, когда её подписывают многие. Отправьте ссылку тем, кому доверяете.',
};
export default messages;
