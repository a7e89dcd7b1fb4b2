import type { Messages } from '../index.ts';

/** The English emails. Plain text: no tracking pixels, no remote images. */
const messages: Messages = {
  'mail.confirm-subject': 'Confirm your signature: {title}',
  'mail.confirm-body': `Hello,

someone (we hope you) asked to sign the petition "{title}" with this email address.

To confirm your signature, open this link and press the "Confirm my signature" button:
{link}

The link works once and expires in 7 days. If you did not sign, do nothing: without the button, nothing is counted and this address is deleted.

Once you confirm, we delete your email address and keep only a code that stops the same address signing twice.

The petition: {petition}

— Veche`,
  'mail.already-subject': 'You have already signed: {title}',
  'mail.already-body': `Hello,

someone (we hope you) tried to sign the petition "{title}" again with this email address. This address has already signed it, so nothing changed and your signature still counts once.

If you want to withdraw your signature, use the receipt link you were given when you confirmed it.

If this was not you, you can ignore this email.

The petition: {petition}

— Veche`,
};
export default messages;
