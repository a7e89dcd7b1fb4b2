// character-count.js shows, under the question's box, how many characters it holds, and how many too many.

/** @import { EventPage } from './event-page.js' */

/**
 * characterCount counts a text as the server counts it (src/domain/input.ts): line ends as \n, NFC, trimmed, in
 * characters (not UTF-16 units).
 *
 * @param {string} text
 * @returns {number}
 */
export function characterCount(text) {
  return [...text.replace(/\r\n?/g, '\n').normalize('NFC').trim()].length;
}

/**
 * showCharacterCount keeps `counter` current as the person types into `textarea` (whose `data-max` is the limit).
 *
 * @param {EventPage} page
 * @param {HTMLTextAreaElement} textarea
 * @param {Element} counter
 */
export function showCharacterCount(page, textarea, counter) {
  const max = Number(textarea.getAttribute('data-max')) || 0;
  const update = () => {
    const length = characterCount(textarea.value);
    const over = max > 0 && length > max;
    counter.textContent = over
      ? page.counted(page.strings.counterOver, length - max)
      : (page.strings.counter || '{#}').replace('{#}', page.number.format(length));
    counter.classList.toggle('over', over);
  };
  textarea.addEventListener('input', update);
  if (textarea.value) update();
}
