import type { Messages } from '../index.ts';

/** The English messages of public corrections: the petition page's notice, the versions page, the organiser's form. */
const messages: Messages = {
  'correction.notice':
    'The text was corrected {count, plural, =1 {on {date, date, long}} other {# times, last on {date, date, long}}} ({reason}).',
  'correction.notice-link': 'See earlier versions',
  'correction.reason-typo': 'a typo',
  'correction.reason-clarification': 'a clarification',
  'correction.reason-other': 'another reason',
  'correction.reason-typo-label': 'A typo or spelling mistake',
  'correction.reason-clarification-label': 'A clarification: the same request, said more clearly',
  'correction.reason-other-label': 'Another reason',
  'correction.form-title': 'Edit text (public correction)',
  'correction.form-lead':
    'People have already signed this text. Correct mistakes only: do not change what the petition asks for. The goal, the deadline and what signers are asked cannot change.',
  'correction.form-public':
    'Everyone will see that the text was corrected, and when. Every earlier version stays public, with what changed.',
  'correction.preview-button': 'Preview the correction',
  'correction.cancel': 'Cancel',
  'correction.preview-heading': 'Check the correction before you publish it',
  'correction.preview-warning-strong': 'This change is public and permanent.',
  'correction.preview-warning':
    'The petition page will say that the text was corrected ({reason}), and link to every version. Version {version} will be kept beside the earlier ones, and the public record keeps a fingerprint of each, so no version can be changed quietly.',
  'correction.confirm-button': 'Publish the correction',
  'correction.back-to-edit': 'Change it again',
  'correction.manage-heading': 'Correct the text',
  'correction.manage-lead':
    'Found a mistake? While the petition is open you can correct its title, addressee or text. The correction is public: the page says so, and earlier versions stay visible.',
  'correction.manage-count': '{count, plural, one {# correction} other {# corrections}} so far (at most {max}).',
  'correction.manage-link': 'Edit text (public correction)',
  'correction.limit-reached': 'This petition has been corrected {max} times, the most allowed.',
  'correction.field-reason': 'Reason for the correction',
  'correction.reason-legend': 'Why are you correcting it?',
  'organiser.done-corrected': 'The correction is published. The petition page now says that the text was corrected.',
  'problem.correction-unchanged': 'Nothing has changed. Correct the title, addressee or text, or cancel.',
  'versions.title': 'Versions of the text',
  'versions.back': 'Back to the petition',
  'versions.lead':
    'The organiser corrected this petition {count, plural, one {once} other {# times}} after it was published. Every version stays here, so you can see what changed and what people signed.',
  'versions.lead-none':
    'This petition has not been corrected since it was published: the text on its page is the only version.',
  'versions.legend': 'Removed words are struck through. Added words are underlined.',
  'versions.version-published': 'Version {version}: published on {date, date, long}',
  'versions.version-corrected': 'Version {version}: corrected on {date, date, long} ({reason})',
  'versions.current': 'shown now',
  'versions.changes': 'What changed from version {version}',
  'versions.removed': 'removed:',
  'versions.added': 'added:',
  'versions.field-title': 'Title',
  'versions.field-addressee': 'To',
  'versions.field-text': 'Text',
  'versions.unchanged': 'Not changed',
  'versions.whole-text': 'Read the whole of version {version}',
  'versions.proof-summary': 'How anyone can check that this version was not changed quietly',
  'versions.proof-text':
    'The public record, which anyone can copy and check, holds a fingerprint of every version: a number computed from its title, addressee and text. Change one letter and the fingerprint no longer matches.',
  'versions.fingerprint': 'Fingerprint of version {version} (SHA-256):',
  'versions.entry-opened': 'In the record: the entry that opened the petition (petition.opened).',
  'versions.entry-corrected': 'In the record: the correction entry with version {version} (petition.corrected).',
  'versions.audit-link': 'Check this petition against the record',
};
export default messages;
