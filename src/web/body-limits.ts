/**
 * bodyLimits are the largest request bodies the routes take, in bytes. Most forms are a few fields (a signature, a
 * vote, a login, a moderator's decision): 16 KiB is far more than they need. A question may be 2,000 characters; a
 * petition's text 20,000 and an event's description 5,000, which percent-encoded can take 12 bytes a character.
 */
export const bodyLimits = { form: 16 * 1024, question: 32 * 1024, longText: 256 * 1024 };

const longTexts = new Set([
  'POST /admin/petitions',
  'POST /admin/petitions/:id/edit',
  'POST /admin/petitions/:id/response',
  'POST /organiser/events',
]);
const questions = new Set(['POST /e/:code/questions', 'POST /api/events/:code/questions']);

/** bodyLimitOf is the body limit of a route: the long one only where long texts are written. */
export function bodyLimitOf(method: string, url: string): number {
  const route = `${method} ${url}`;
  if (longTexts.has(route)) return bodyLimits.longText;
  if (questions.has(route)) return bodyLimits.question;
  return bodyLimits.form;
}
