import type { Messages } from '../index.ts';

/** The English messages of the share boxes (a petition's page, and the receipt after signing). */
const messages: Messages = {
  'share.heading': 'Share',
  'share.link': 'Link to this petition',
  'share.copy': 'Copy the link',
  'share.copied': 'The link is copied.',
  'share.native': 'Share…',
  'share.telegram': 'Telegram',
  'share.whatsapp': 'WhatsApp',
  'share.email': 'Email',
  'share.caution':
    'Whoever gets the link from you learns that you shared it. In a messenger, a chat with disappearing messages leaves less behind.',
  'share.after-signing-heading': 'Ask others to sign',
  'share.after-signing-lead': 'A petition is heard when many sign it. Send the link to people you trust.',
};
export default messages;
