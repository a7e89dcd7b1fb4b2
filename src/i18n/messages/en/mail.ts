import type { Messages } from '../index.ts';

/**
 * The English emails. Plain text: no tracking pixels, no remote images. No email names a petition or links to one:
 * subjects and first lines show on locked screens and in mail providers' indexes.
 */
const messages: Messages = {
  'mail.confirm-subject': 'Confirm your signature',
  'mail.confirm-body': `Hello,

someone (we hope you) asked to sign with this email address. The link below opens a page that says what you are signing.

To confirm your signature, open this link and press the "Confirm my signature" button:
{link}

The link works once and expires in 7 days. If you did not ask to sign, do nothing: nothing is counted, and this address is deleted when the link expires.

Once you confirm, we delete your email address and keep only a code that stops the same address signing twice. You can then delete this email too.

— Veche`,
  'mail.already-subject': 'About your signature',
  'mail.already-body': `Hello,

someone (we hope you) tried to sign again with this email address. This address has already signed, so nothing changed: the signature still counts, once.

To check or withdraw your signature, use the receipt you kept when you confirmed it.

If this was not you, you can ignore this email. Either way, you can delete it.

— Veche`,
  'outbox.stand-in':
    'No mail server is set (SMTP_URL), so emails are kept here instead of being sent. This is a stand-in for a real mail server, to try Veche out or for a very small group: you pass each link on by hand, and until an email is deleted, the address in it can be read here in plain text.',
  'outbox.keeps':
    'A confirmation email is deleted as soon as its signature is confirmed, a newer link replaces it, or its link expires (after {days, plural, one {# day} other {# days}} at most). Every other email is deleted after {hours, plural, one {# hour} other {# hours}}. With a mail server (SMTP_URL) nothing is kept here.',
  'outbox.written': 'Written',
  'outbox.kind': 'Email',
  'outbox.kind-link': 'Confirmation link',
  'outbox.kind-note': 'Note (confirms nothing)',
  'outbox.deleted-by': 'Deleted at the latest',
};
export default messages;
