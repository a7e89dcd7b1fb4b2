import type { Messages } from '../index.ts';

/**
 * The English settings page, unsubscribe pages and emails of organisers' notices. Plain text emails: counts only,
 * never a name or a region of anyone who signed or asked; subjects that name no petition and no event.
 */
const messages: Messages = {
  'notices.nav-link': 'Email notifications',
  'notices.title': 'Email notifications',
  'notices.lead': 'Choose which emails you get about your own petitions and events.',
  'notices.what-mail-shows':
    'The emails go only to the address you give here. Their subjects name only this site; inside, they name your petitions or events and give counts. They never name or place anyone who signed or asked. Each has a link that stops that kind of email without logging in.',
  'notices.address': 'Your email address',
  'notices.address-hint': 'Leave it empty to get no email at all.',
  'notices.no-address': 'No address is saved, so you get no email.',
  'notices.choices': 'Send me an email',
  'notices.goal': 'when a petition of mine reaches its goal (once for each petition)',
  'notices.summary':
    'every day at {hour} ({zone}), with the new signatures, the total and the progress to the goal of each of my petitions (nothing on a day with nothing new)',
  'notices.questions': 'when questions wait for moderation at an event I run or moderate (at most once an hour)',
  'notices.password-hint':
    'Needed only to give or change the address: a stolen session must not be enough to send your emails elsewhere.',
  'notices.save': 'Save',
  'notices.saved': 'Saved.',
  'notices.provider-text':
    'Your address is at {domain}, a Russian mail service. By law it must keep your mail and give it to the FSB or the police when they ask, without telling you. Our emails would show them which petitions and events you run, and how many people take part.',
  'unsubscribe.title': 'Stop these emails',
  'unsubscribe.lead':
    '{kind, select, summary {Stop the daily summary of your petitions?} goal {Stop the emails that say a petition of yours reached its goal?} other {Stop the emails that say questions are waiting for moderation?}}',
  'unsubscribe.other-kinds': 'Other emails you chose stay as they are.',
  'unsubscribe.button': 'Stop these emails',
  'unsubscribe.done-title': 'You will get no more of these emails',
  'unsubscribe.done-lead': 'To choose again which emails you get, log in and open “Email notifications”.',
  'mail.summary-subject': 'Your daily summary from {site}',
  'mail.summary-intro': 'Hello,\n\nhere is your daily summary: what changed on your petitions since the last one.',
  'mail.summary-count':
    '{added} since the last summary, {total, plural, one {# signature} other {# signatures}} in all',
  'mail.summary-goal': 'goal {goal, number}: {percent, number}% reached',
  'mail.summary-closed': 'closed',
  'mail.goal-subject': 'A petition of yours reached its goal',
  'mail.goal-body':
    'Hello,\n\nyour petition “{title}” has reached its goal of {goal, number} signatures: {total, plural, one {# signature} other {# signatures}} count now.',
  'mail.questions-subject': 'Questions are waiting for moderation',
  'mail.questions-intro': 'Hello,\n\nquestions are waiting for a moderator:',
  'mail.questions-count': '{waiting, plural, one {# question waiting} other {# questions waiting}}',
  'mail.open': 'Open it: {link}',
  'mail.notice-footer':
    'You get this email because you asked for it on {site}.\nTo stop these emails, open: {unsubscribe}\nTo choose which emails you get: {settings}\n\n— {site}',
};
export default messages;
