import type { Messages } from '../index.ts';

/** The English "your safety" page: what the site keeps, what it publishes, and who could still learn what. */
const messages: Messages = {
  'privacy.title': 'Your safety here',
  'privacy.lead':
    'Plain answers to two questions: who could learn that you signed or asked something here, and what you can do about it.',
  'privacy.short-heading': 'In short',
  'privacy.short-1': 'We never store your IP address, not even in our logs.',
  'privacy.short-2': 'Your email address is deleted as soon as you confirm your signature, or when the link expires.',
  'privacy.short-3': 'The public record shows that a signature was added, never who added it.',
  'privacy.short-4':
    'No page loads anything from another site: no trackers, no advertising, no outside fonts or captchas.',
  'privacy.keep-heading': 'What we keep, and for how long',
  'privacy.keep-ip':
    "Your IP address: never stored. To stop floods of signatures we count requests in the server's memory under a code that changes every time the server starts and cannot be turned back into an address.",
  'privacy.keep-email':
    'Your email address (only when a petition asks you to confirm by email): kept encrypted until you confirm, and deleted when you do, or when the link expires after 7 days. After that we keep only a code made from the address, so that it cannot sign the same petition twice; that code is deleted 30 days after the petition closes.',
  'privacy.keep-name':
    'Your name and region: only if the petition asks for them. Your name is shown publicly only if you tick the box that says so. The organiser sees the names and regions given for their petition.',
  'privacy.keep-questions':
    'Questions and votes at an event: a published question is public, with your name only if you gave one. A vote is tied to a random code kept in your browser, not to you.',
  'privacy.record-heading': 'What the public record shows',
  'privacy.record-text':
    'Every signature, question, vote and moderation decision is written into a public record that anyone can download and check. It holds random codes and counts, never a name, an email, an address or an exact time. That is how anyone can check that nobody has added, removed or hidden anything in silence.',
  'privacy.who-heading': 'Who could still learn that you took part',
  'privacy.who-phone': 'Someone who takes your phone or computer',
  'privacy.who-phone-text':
    "Your browser's history keeps the pages you opened here, your receipt's address among them, and your mailbox keeps our email. Use a private window, save your receipt as a file or write down its code, and delete our email after you confirm.",
  'privacy.who-mail': 'Your mail provider',
  'privacy.who-mail-text':
    'It sees that this site wrote to you, and when. Our emails do not name the petition, but the link in them opens it. Some providers (Mail.ru, Yandex, Rambler and their other addresses) must hand mail to the authorities when asked: we warn you before you use one of them.',
  'privacy.who-network': 'Someone who watches your internet connection',
  'privacy.who-network-text':
    'Your internet provider, or whoever runs a public Wi-Fi, can see that you visited this site, but not what you did here: the connection is encrypted. Tor Browser or a trusted VPN hides even the visit.',
  'privacy.who-server': 'The people who run this site, or anyone who seizes it with its keys',
  'privacy.who-server-text':
    "They can read the names and regions people gave, and the email addresses of signatures not yet confirmed. With the site's keys and a list of addresses, they can also check whether one of those addresses signed a petition that is open or closed less than 30 days ago. They cannot change a count or erase a signature without it showing in the public record.",
  'privacy.never-heading': 'What this site never does',
  'privacy.never-text':
    "It never stores IP addresses, never loads scripts, fonts or images from other sites, never shows advertising, and never puts the name of a petition in an email's subject line.",
  'privacy.more-heading': 'For the technically minded',
  'privacy.more-text':
    'The full threat model names every adversary we plan for, what each of them can learn, what we do about it, and what we cannot prevent.',
  'privacy.more-link': 'Read the threat model (plain text)',
  'privacy.record-link': 'How anyone can check the count',
  'footer.privacy': 'Your safety here',
};
export default messages;
