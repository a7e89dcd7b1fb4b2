import type { Messages } from '../index.ts';

/** The English messages for photos and videos attached to a petition: refusals of a file, the organiser's form. */
const messages: Messages = {
  'problem.file-type-refused':
    'This is not a photo or video we take. Send a JPEG, PNG, WebP or HEIC photo, or an MP4, MOV or WebM video.',
  'problem.file-type-mismatch':
    'This file is called {claimed} but it is really {real}. Send the file as it is, with its own name.',
  'problem.file-too-large': 'This file is too large: at most {max, number} MB.',
  'problem.image-too-many-pixels': 'This picture is too large: at most {max, number} million pixels.',
  'problem.file-damaged': 'This file could not be read. It may be damaged or cut short; try sending it again.',
  'problem.video-unavailable': 'This site cannot clean videos right now, so it takes none. Photos still work.',
  'problem.video-too-slow': 'Cleaning this video took too long. Try a shorter one.',
  'problem.video-too-long': 'This video is too long: at most {max, plural, one {# minute} other {# minutes}}.',
  'attachment.section': 'Photos and videos',
  'attachment.download-video': 'Download the video',
  'attachment.page-title': 'Photos and videos: {title}',
  'attachment.manage-link': 'Photos and videos',
  'attachment.back': 'Back to the petition',
  'attachment.warning-heading': 'Before you publish a photo or video',
  'attachment.warning-removed':
    'We remove what a file says about itself: where and when it was made, the phone or camera that made it and its serial number, the owner’s name, and hidden preview pictures. What you see below is the cleaned file, exactly as everyone will get it.',
  'attachment.warning-visible':
    'We cannot remove what can be seen or heard. Faces, voices, tattoos, uniforms, badges and insignia, car number plates, street signs, windows and anything in the background can still show who people are and where they were. Look at each file carefully; if it could put someone in danger, do not publish it.',
  'attachment.upload-heading': 'Add a photo or video',
  'attachment.field-file': 'Photo or video',
  'attachment.field-file-hint':
    'Photos: JPEG, PNG, WebP or HEIC (from an iPhone). Videos: MP4, MOV or WebM, up to 10 minutes.',
  'attachment.field-alt': 'Description',
  'attachment.field-alt-hint':
    'What the photo or video shows, for people who cannot see it. Do not name anyone who could be put in danger.',
  'attachment.upload': 'Upload and clean',
  'attachment.closed': 'This petition is closed; no photos or videos can be added.',
  'attachment.list-heading': 'Files of this petition',
  'attachment.none': 'No photos or videos yet.',
  'attachment.status-draft': 'Not published',
  'attachment.status-published': 'Published',
  'attachment.status-removed': 'Removed',
  'attachment.cleaned-note': 'Only you can see this cleaned file until you publish it.',
  'attachment.published-note':
    'Published: the public record holds the SHA-256 of each of its files, so anyone can check a download.',
  'attachment.publish': 'Publish',
  'attachment.publish-after-petition': 'You can publish it once the petition itself is published.',
  'attachment.remove': 'Remove',
  'attachment.field-reason': 'Why remove it',
  'attachment.reason-choose': 'Choose a reason',
  'attachment.reason-identifies-someone': 'It could identify someone',
  'attachment.reason-wrong-file': 'Wrong file',
  'attachment.reason-other': 'Another reason',
  'attachment.done-uploaded': 'The file was cleaned. Check it below before you publish it.',
  'attachment.done-published': 'Published on the petition’s page.',
  'attachment.done-removed': 'Removed. The file is deleted from the site.',
  'problem.too-many-attachments':
    'This petition has {max, number} photos and videos already; remove one to add another.',
};
export default messages;
