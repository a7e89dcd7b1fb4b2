import type { Messages } from '../index.ts';

/** The English messages shared by every page: the frame, navigation and numbers. */
const messages: Messages = {
  'site.name': 'Veche',
  'site.tagline': 'Petitions and open questions with a public, verifiable count',
  'nav.petitions': 'Petitions',
  'nav.record': 'Public record',
  'nav.organisers': 'For organisers',
  'nav.skip': 'Skip to content',
  'nav.language': 'Language',
  'nav.account': 'Signed in as {name}',
  'nav.admin': 'Dashboard',
  'nav.logout': 'Log out',
  'footer.safety':
    'Veche stores no IP addresses, loads nothing from other sites, and publishes no personal data in its record.',
  'footer.api': 'API',
  'footer.source': 'How the count can be checked',
  'common.signatures': '{count, plural, one {# signature} other {# signatures}}',
  'common.date': '{date, date, long}',
  'common.datetime': '{date, date, medium} {date, time, short}',
  'common.save': 'Save',
  'common.cancel': 'Cancel',
  'common.optional': '(optional)',
  'common.required': '(required)',
  'common.copy-link': 'Copy link',
  'common.back': 'Back',
};
export default messages;
