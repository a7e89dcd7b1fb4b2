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
};
export default messages;
