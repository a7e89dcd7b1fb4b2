import type { Messages } from '../index.ts';

/** The English messages of the public pages: home, petition, signing, confirmation and receipts. */
const messages: Messages = {
  'home.title': 'Petitions',
  'home.heading': 'Petitions and open letters',
  'home.lead':
    'Sign what you stand behind. Every signature is counted in a public record that anyone can check, and nothing in it says who you are.',
  'home.tabs-label': 'Show petitions',
  'home.tab-popular': 'Most signed',
  'home.tab-new': 'Newest',
  'home.tab-closed': 'Closed',
  'home.empty': 'No petitions here yet.',
  'home.signatures-word': '{count, plural, one {signature} other {signatures}}',
  'home.of-goal': 'of {goal, number}',
  'petition.status-open': 'Open for signatures',
  'petition.status-closed': 'Closed',
  'petition.unconfirmed-badge': 'Signatures not confirmed by email',
  'petition.to': 'To: {addressee}',
  'petition.response-heading': 'The response',
  'petition.over-time': 'Signatures over time',
  'petition.by-region': 'Signatures by region',
  'petition.invalidations-heading': 'Signatures removed from the count',
  'petition.invalidation-line':
    '{count, plural, one {# signature} other {# signatures}} removed on {date, date, medium}: {reason}',
  'petition.count-heading': 'Signatures',
  'petition.count-words': '{count, plural, one {person has signed} other {people have signed}}',
  'petition.goal': 'Goal: {goal, plural, one {# signature} other {# signatures}}',
  'petition.goal-progress': '{percent, number}% of the goal of {goal, number}',
  'petition.deadline': 'Open until {date, date, long}',
  'petition.closed-on': 'Closed on {date, date, long}',
  'petition.json-link': 'For developers: the counts as JSON',
  'petition.not-open': 'This petition is closed and no longer takes signatures.',
  'petition.recent-names': 'Recently signed',
  'reason.burst': 'an unusual burst of signatures',
  'reason.duplicates': 'duplicate signatures',
  'reason.automated': 'automated signing',
  'reason.other': 'other abuse',
  'sign.heading': 'Sign this petition',
  'sign.name': 'Your name',
  'sign.email': 'Your email',
  'sign.email-hint': 'We send one link to confirm, then delete the address.',
  'sign.region': 'Your region',
  'sign.region-choose': 'Choose…',
  'sign.show-name': 'Show my name on this page among the signers',
  'sign.submit': 'Sign',
  'sign.privacy-email':
    'Your email is used only to confirm and to stop double signing. Your name is shown only if you tick the box.',
  'sign.privacy-none':
    'Signatures on this petition are not confirmed by email. Your name is shown only if you tick the box.',
  'sign.check-email-title': 'Check your email',
  'sign.check-email-lead':
    'We have sent an email to the address you gave. Open the link in it and press the button to confirm your signature.',
  'sign.check-email-details':
    'If the email does not arrive within a few minutes, look in your spam folder, or sign again to get a new link (we send at most {count, plural, one {# email} other {# emails}} an hour to one address). If this address has signed before, the email says so.',
  'sign.back-to-petition': 'Back to “{title}”',
  'pow.label': 'Anti-spam check (runs in your browser)',
  'pow.verifying': 'Checking…',
  'pow.verified': 'Done',
  'pow.error': 'The check failed. Please try again.',
  'pow.expired': 'The check expired. Please try again.',
  'pow.required': 'Please wait for the anti-spam check to finish.',
  'confirm.title': 'Confirm your signature',
  'confirm.lead': 'You are about to sign “{title}”.',
  'confirm.button': 'Confirm my signature',
  'confirm.not-you': 'If you did not ask to sign, close this page: nothing is counted without the button.',
  'confirm.used-title': 'This link no longer works',
  'confirm.used-lead':
    'Either it was used: if you pressed “Confirm my signature”, your signature is counted, and your receipt was shown to you then. Or it expired: a link works for 7 days, or until the petition closes, and after that we delete the address it was sent to.',
  'receipt.title': 'Your receipt',
  'receipt.thanks': 'Thank you. Your signature is counted.',
  'receipt.lead': 'This is the receipt for your signature on “{title}”.',
  'receipt.see-petition': 'See the petition',
  'receipt.signature-id': 'Signature’s public id',
  'receipt.status': 'Status',
  'receipt.status-pending': 'Waiting for confirmation',
  'receipt.status-counted': 'Counted',
  'receipt.status-withdrawn': 'Withdrawn by you',
  'receipt.status-invalidated': 'Removed from the count by the organisers',
  'receipt.withdraw-heading': 'Withdraw your signature',
  'receipt.withdraw-text':
    'If you change your mind, you can take your signature back while the petition is open. The public record will show that a signature was withdrawn, not whose.',
  'receipt.withdraw-button': 'Withdraw my signature',
  'receipt.withdraw-confirm-title': 'Withdraw your signature?',
  'receipt.withdraw-confirm-lead': 'Your signature under “{title}” will no longer count.',
  'receipt.withdraw-confirm-details':
    'The count goes down by one, and the public record shows that a signature was withdrawn, never whose. While the petition is open you can sign it again.',
  'receipt.withdraw-confirm-button': 'Yes, withdraw my signature',
  'receipt.withdraw-keep': 'No, keep my signature',
  'receipt.withdrawn-title': 'Your signature is withdrawn',
  'receipt.withdrawn-lead': 'Your signature no longer counts for “{title}”.',
  'status.draft': 'Draft',
  'status.open': 'Open',
  'status.closed': 'Closed',
  'sign.email-providers':
    'Mail.ru, Yandex, Rambler and other Russian mail services must hand mail to the authorities when asked. If you can, give an address elsewhere.',
  'sign.provider-heading': 'This mail service can be made to hand over your mail',
  'sign.provider-text':
    'Your address is at {domain}, a Russian mail service. By law it must keep your mail and give it to the FSB or the police when they ask, without telling you. Our email would show them that you are signing, and its link would show them what.',
  'sign.provider-safer':
    'Safer: an address at a service outside Russia. Proton Mail (Switzerland) and Tuta (Germany) encrypt your mailbox and are made for privacy; Gmail is not bound by Russian law. A new address takes a few minutes to make.',
  'sign.provider-anyway': 'Use this address anyway',
  'sign.provider-change': 'Or type another address above.',
  'problem.unsafe-provider':
    'This address is at {domain}, a mail service that must hand mail to the Russian authorities when asked. Give another address, or confirm that you keep this one.',
  'confirm.used-again': 'To sign, open the petition again and sign it: you will get a new link.',
  'receipt.safety-heading': 'Keep your receipt safe',
  'receipt.safety-shows':
    'This receipt shows that this signature exists and whether it counts. Anyone who has the link to this page, or the code below, can see it and, while the petition is open, withdraw it.',
  'receipt.safety-history':
    'The address of this page stays in your browser’s history, and it leads straight here. If someone might look through your phone, keep your receipt in another way:',
  'receipt.safety-code-opened':
    'You opened this receipt with its code, so its address is not in your browser’s history. Close this page when you are done.',
  'receipt.file-button': 'Save the receipt as a file',
  'receipt.file-hint':
    'A small text file with your receipt code and how to check your signature. Keep it where only you can reach it, or print it and delete the file.',
  'receipt.code-intro': 'Or write down this receipt code:',
  'receipt.code-how': 'To open your receipt again, go to {url} and enter the code.',
  'receipt.link-intro': 'Or keep the link to this page:',
  'receipt.safety-then':
    'Then delete this page from your browser’s history. Next time you can sign in a private (incognito) window, which keeps no history.',
  'receipt.no-email': 'We do not keep your email address, so we cannot send you the receipt again.',
  'receipt.technical': 'Technical proof',
  'receipt.check-again': 'Check again',
  'receipt.open-title': 'Open your receipt',
  'receipt.open-lead': 'Enter the receipt code you wrote down or saved. Capitals, dashes and spaces do not matter.',
  'receipt.code': 'Receipt code',
  'receipt.code-example': 'It looks like this: 3F-K7M2-Q9XH-4T2P-RW3A',
  'receipt.open-button': 'Open my receipt',
  'receipt.open-private':
    'The code does not become part of this page’s address, so it does not stay in your browser’s history.',
  'problem.no-such-receipt':
    'We found no receipt with this code. Check each character: the code is letters and digits in groups of four.',
  'receipt.file-title': 'Receipt for a signature',
  'receipt.file-code': 'Receipt code: {code}',
  'receipt.file-petition': 'Petition: {url}',
  'receipt.file-signature': 'Signature’s public id: {id}',
  'receipt.file-how':
    'To check that your signature still counts, or to withdraw it, open {url} and enter the receipt code.',
  'receipt.file-link': 'Or open this link: {link}',
  'receipt.file-warning':
    'Anyone who has this file can see this signature and withdraw it. Keep it where only you can reach it, or print it and delete the file.',
};
export default messages;
