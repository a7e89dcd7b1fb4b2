// suggestions.js shows, while a question is typed, the event's questions most like it (GET /e/<code>/similar), each
// with a button to vote for it instead of asking again. Without JavaScript the server shows them after the form is sent.

import { showVoted } from './votes.js';

/** @import { QuestionJson } from '../../views/event-json.ts' */
/** @import { EventPage } from './event-page.js' */

/**
 * suggestSimilar looks up questions like the one typed into `textarea`, a moment after typing stops, and shows them
 * in `box`.
 *
 * @param {EventPage} page
 * @param {HTMLTextAreaElement} textarea
 * @param {Element} box
 */
export function suggestSimilar(page, textarea, box) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  /** @type {AbortController | null} */
  let controller = null;
  let shown = '';
  let asked = '';
  const lookUp = async () => {
    const text = textarea.value.trim();
    if ([...text].length < 12) {
      show([]);
      return;
    }
    if (text === asked) return;
    asked = text;
    controller?.abort();
    controller = new AbortController();
    try {
      const response = await fetch(`/e/${page.code}/similar?text=${encodeURIComponent(text.slice(0, 2100))}`, {
        headers: { accept: 'application/json' },
        credentials: 'same-origin',
        signal: controller.signal,
      });
      if (!response.ok) return;
      /** @type {{ similar?: QuestionJson[] }} */
      const result = await response.json();
      show(Array.isArray(result.similar) ? result.similar : []);
    } catch {
      // A lookup aborted by newer typing, or a network hiccup: the form works without suggestions.
    }
  };
  /** @param {QuestionJson[]} questions */
  const show = (questions) => {
    const ids = questions.map((q) => `${q.id}:${q.votes}`).join(',');
    if (ids === shown) return;
    shown = ids;
    if (questions.length === 0) {
      box.replaceChildren();
      return;
    }
    const heading = document.createElement('h3');
    heading.textContent = page.strings.similarHeading ?? null;
    const hint = document.createElement('p');
    hint.textContent = page.strings.similarHint ?? null;
    const list = document.createElement('ul');
    for (const q of questions) list.append(suggestion(q));
    box.replaceChildren(heading, hint, list);
  };
  /** @param {QuestionJson} q */
  const suggestion = (q) => {
    const item = document.createElement('li');
    item.setAttribute('data-question', q.id);
    item.setAttribute('data-status', q.status);
    const text = document.createElement('p');
    text.id = `qs-${q.id}`;
    text.textContent = `${q.text ?? ''} `;
    const label = document.createElement('span');
    label.className = 'muted small';
    label.setAttribute('data-votes-label', '');
    label.textContent = page.counted(page.strings.votes, q.votes);
    text.append(label);
    item.append(text);
    if (!page.closed && (q.status === 'published' || q.voted)) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'vote-button';
      button.setAttribute('data-vote', q.id);
      button.setAttribute('aria-describedby', `qs-${q.id}`);
      item.append(button);
      showVoted(page, item, q.id, page.voted.has(q.id) || q.voted);
    }
    return item;
  };
  textarea.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(lookUp, 300);
  });
}
