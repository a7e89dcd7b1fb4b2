import type { Messages } from '../index.ts';

/** The English page about the site (what it is for, how it works, who runs it) and the admin's page that says who. */
const messages: Messages = {
  'aboutSite.title': 'About this site',
  'aboutSite.lead': 'What this site is for, how it works, how anyone can check it, and who runs it.',
  'aboutSite.for-heading': 'What it is for',
  'aboutSite.for-1':
    '{site} is a place to put demands and questions to those in power. Here people sign petitions and open letters, ask questions at public events and vote for the ones that must be answered.',
  'aboutSite.for-2':
    'It is made so that nobody — not the organisers, not the people who run this site, not a moderator — can quietly change what was said or how many said it, and so that nobody outside can learn who took part.',
  'aboutSite.for-name':
    'A veche was the popular assembly of old Kyiv and Novgorod: people gathered at the sound of the bell to put their demands to those who ruled them.',
  'aboutSite.petitions-heading': 'Petitions: how signing works',
  'aboutSite.petitions-1':
    'Open a petition and fill in the form on its page. Some petitions ask for your name or region. Your name is shown to everyone only if you tick the box that says so.',
  'aboutSite.petitions-2':
    'Some petitions ask you to confirm by email. We send you a link, and your signature counts once you open it. Your address is deleted as soon as you confirm.',
  'aboutSite.petitions-3':
    'You get a receipt: a code and a link. Keep it: save it as a file or write the code down. With it you can check at any time that your signature is still counted.',
  'aboutSite.petitions-4':
    'With the same receipt you can withdraw your signature. The count goes down, and the public record shows that a signature was withdrawn, never whose.',
  'aboutSite.petitions-link': 'See the petitions',
  'aboutSite.events-heading': 'Events: how asking works',
  'aboutSite.events-1':
    'An organiser opens an event: a town hall, a press conference, a “direct line”. You join it with a short code or a QR code, or find it in the list of events.',
  'aboutSite.events-2':
    'You ask a question, with your name or, if the event allows it, without. While you type you see similar questions already asked, so that you can vote for one of them instead.',
  'aboutSite.events-3':
    'You vote for the questions you want answered: one vote for each question, and you can take it back. You need no account for any of this.',
  'aboutSite.events-4':
    'Moderators hide spam, abuse and personal data and merge repeated questions, in public: each decision is recorded with its reason, and the event’s page shows how many questions were hidden and why.',
  'aboutSite.events-link': 'See the list of events',
  'aboutSite.record-heading': 'Check, do not trust',
  'aboutSite.record-1':
    'Every signature and withdrawal, every question, vote and moderator’s decision goes into a public record that can only grow. It holds random codes and counts, never a name, an email or an address.',
  'aboutSite.record-2':
    'Anyone — a journalist, an observer, you — can download the record and count for themselves. If someone removed or changed anything in silence, the record would no longer add up, and that would show.',
  'aboutSite.record-link': 'How anyone can check the count',
  'aboutSite.privacy-link': 'What this site keeps, and who could learn that you took part',
  'aboutSite.who-heading': 'Who runs this site',
  'aboutSite.who-name': 'Name',
  'aboutSite.who-contact': 'Contact',
  'aboutSite.who-written': 'Written by the site’s admin (last changed on {date}).',
  'aboutSite.who-trust':
    'Nobody has checked what is written above: it is what the people who run the site say of themselves. You do not have to take their word for the counts, because anyone can check them in the public record. But they can see what the page “Your safety here” says they can see, such as the names people chose to give: read it before you sign or ask.',
  'aboutSite.who-none': 'The people who run this site have not yet said who they are.',
  'aboutSite.who-none-trust':
    'So you cannot know whom you trust with what you give here. The counts can still be checked: every signature, question and vote is in the public record, and anyone can count them again. What the people who run the site can see is on the page “Your safety here”: read it before you sign or ask.',

  'siteSettings.title': 'Who runs this site',
  'siteSettings.nav-link': 'Who runs this site (shown on the About page)',
  'siteSettings.lead':
    'What you write here is shown to everyone on the page “About this site”. Leave every field empty, and the page says that the people who run the site have not said who they are.',
  'siteSettings.safety':
    'Write only what you are ready to make public, including to the people those who use this site are afraid of. You may give the name of an organisation, or a name you are known by, and a contact that leads neither to your home nor to your own phone number. Nothing here is about the people who sign or ask.',
  'siteSettings.field-name': 'Your name, or your organisation’s',
  'siteSettings.hint-name': 'For example: The Council of Mothers and Wives. At most {max, number} characters.',
  'siteSettings.field-contact': 'Contact',
  'siteSettings.hint-contact':
    'An email address, a web address, or another way to reach you, such as a username in a messenger. An email or web address becomes a link. At most {max, number} characters.',
  'siteSettings.field-about': 'A few words about you',
  'siteSettings.hint-about':
    'Why you run this site, who you answer to, how to reach you safely. A blank line starts a new paragraph; web addresses become links. At most {max, number} characters.',
  'siteSettings.password-why':
    'The contact is where people will write to: someone who has taken over this browser must not be able to change it.',
  'siteSettings.save': 'Save',
  'siteSettings.saved': 'Saved. It is now on the page “About this site”.',
  'siteSettings.see-page': 'See the page as everyone sees it',

  'footer.about': 'About this site',
  'footer.nav-label': 'This site',
  'home.about-link': 'How this site works, and who runs it',
};
export default messages;
