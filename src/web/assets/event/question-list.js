// question-list.js keeps the first page of a question list in the live state's order: it moves the questions already
// shown, and adds new ones from the page's template. Re-ordering moves what is under a reader's finger, so it happens
// at most every three seconds, and not while the list is being used or a vote is on its way.

import { showVoted } from './votes.js';

/** @import { QuestionView } from '../live-state.js' */
/** @import { EventPage } from './event-page.js' */

/** liveLists are the lists that a live state holds, and so that are kept in order. */
export const liveLists = ['popular', 'recent', 'answered'];

/** listLength is how many questions of each list a live state holds (src/web/live/event-live.ts listLength). */
const listLength = 20;

/**
 * followOrder keeps `list` in the order of the newest questions given to the function it returns.
 *
 * @param {EventPage} page
 * @param {Element} list the `[data-question-list]` element
 * @returns {(questions: readonly QuestionView[]) => void}
 */
export function followOrder(page, list) {
  let lastTouch = 0;
  let lastOrder = 0;
  /** @type {readonly QuestionView[] | null} */
  let pending = null;
  /** @type {ReturnType<typeof setTimeout> | null} */
  let orderTimer = null;
  /** @type {Intl.DateTimeFormat | undefined} */
  let clock;
  for (const type of ['pointerdown', 'keydown', 'focusin']) {
    list.addEventListener(type, () => {
      lastTouch = Date.now();
    });
  }

  const scheduleOrder = () => {
    if (orderTimer) return;
    const now = Date.now();
    const wait = Math.max(0, lastOrder + 3000 - now, lastTouch + 2000 - now);
    orderTimer = setTimeout(() => {
      orderTimer = null;
      if (Date.now() - lastTouch < 2000 || page.busy > 0) {
        scheduleOrder();
        return;
      }
      if (pending) reorder(pending);
      pending = null;
      lastOrder = Date.now();
    }, wait);
  };

  /** @param {readonly QuestionView[]} questions */
  const reorder = (questions) => {
    const existing = new Map([...list.children].map((li) => [li.getAttribute('data-question'), li]));
    const ids = new Set(questions.map((q) => q.id));
    const wanted = questions
      .filter((q) => q.text !== null)
      .map((q) => existing.get(q.id) || newItem(q))
      .filter((li) => li !== null);
    // The live state holds the first 20 of a list: what lies beyond them on this page stays where it is.
    const rest =
      questions.length >= listLength
        ? [...list.children].filter((li) => !ids.has(li.getAttribute('data-question') ?? ''))
        : [];
    const order = [...wanted, ...rest];
    const current = [...list.children];
    if (order.length === current.length && order.every((li, i) => li === current[i])) return;
    const focused = document.activeElement;
    list.replaceChildren(...order);
    if (focused instanceof HTMLElement && list.contains(focused)) focused.focus({ preventScroll: true });
    document.querySelector('[data-empty]')?.toggleAttribute('hidden', order.length > 0);
  };

  /**
   * newItem makes a question's element from the page's template, as the server would have shown it.
   *
   * @param {QuestionView} q
   * @returns {Element | null}
   */
  const newItem = (q) => {
    const template = /** @type {HTMLTemplateElement | null} */ (document.getElementById('question-template'));
    const li = /** @type {HTMLElement | undefined} */ (template?.content.firstElementChild?.cloneNode(true));
    if (!li) return null;
    /** @param {string} selector */
    const part = (selector) => /** @type {HTMLElement} */ (li.querySelector(selector));
    li.id = `q-${q.id}`;
    li.setAttribute('data-question', q.id);
    li.setAttribute('data-status', q.status);
    const text = part('.question-text');
    text.id = `qt-${q.id}`;
    text.textContent = q.text;
    part('[data-author]').textContent = q.author ?? page.strings.anonymous ?? null;
    clock ??= new Intl.DateTimeFormat(page.lang, { timeZone: page.zone, hour: 'numeric', minute: '2-digit' });
    part('[data-asked]').textContent = clock.format(q.askedMinute * 60_000);
    part('[data-votes]').textContent = page.number.format(q.votes);
    part('[data-votes-word]').textContent = page.counted(page.strings.votesWord, q.votes);
    if (q.status === 'answered' && page.strings.answered) {
      const badge = document.createElement('span');
      badge.className = 'badge';
      badge.textContent = page.strings.answered;
      part('.question-meta').append(' · ', badge);
    }
    const form = li.querySelector('form[data-vote-form]');
    if (form) {
      form.setAttribute('data-vote-form', q.id);
      form.querySelector('button')?.setAttribute('aria-describedby', `qt-${q.id}`);
      if (page.closed) form.remove();
    }
    showVoted(page, li, q.id, page.voted.has(q.id));
    return li;
  };

  return (questions) => {
    pending = questions;
    scheduleOrder();
  };
}
