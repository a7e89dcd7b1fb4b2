// live-view.js shows a new live state on a participant's page: the counters, the question being answered and every
// shown question's votes at once, the list's order through question-list.js, and the event closing.

import { parseJson } from './event-page.js';
import { showVotes } from './votes.js';

/** @import { EventSnapshot } from '../../live/event-live.ts' */
/** @import { QuestionView } from '../live-state.js' */
/** @import { EventPage } from './event-page.js' */

/**
 * showState shows the newest state; `order` (when the page shows a live list's first page) re-orders that list.
 *
 * @param {EventPage} page
 * @param {EventSnapshot} state
 * @param {((questions: readonly QuestionView[]) => void) | null} order
 */
export function showState(page, state, order) {
  const counts = state.counts || {};
  const hidden = hiddenTotal(counts.hidden || {});
  for (const element of document.querySelectorAll('[data-count]')) {
    const which = element.getAttribute('data-count');
    const value = which === 'hidden' ? hidden : counts[/** @type {keyof typeof counts} */ (which)];
    if (typeof value === 'number' && Number.isFinite(value)) {
      element.textContent = page.counted(parseJson(element.getAttribute('data-forms')), value);
    }
  }
  showHiddenSummary(page, counts.hidden || {});
  showPinned(page, state.pinned || null);
  for (const list of [state.popular, state.recent, state.answered])
    for (const q of list || []) showVotes(page, q.id, q.votes);
  if (state.status && state.status !== 'open' && !page.closed) closeNow(page);
  const questions = listOf(state, page.listName);
  if (order && Array.isArray(questions)) order(questions);
}

/**
 * hiddenTotal adds up the questions hidden for any reason.
 *
 * @param {Readonly<Record<string, number>>} byReason
 */
export function hiddenTotal(byReason) {
  return Object.values(byReason).reduce((sum, n) => sum + Number(n), 0);
}

/**
 * listOf is one of a state's lists by name; undefined for a list a state does not hold.
 *
 * @param {EventSnapshot} state
 * @param {string | null} name
 */
export function listOf(state, name) {
  return name === 'popular'
    ? state.popular
    : name === 'recent'
      ? state.recent
      : name === 'answered'
        ? state.answered
        : undefined;
}

/**
 * @param {EventPage} page
 * @param {Readonly<Record<string, number>>} byReason
 */
function showHiddenSummary(page, byReason) {
  const element = document.querySelector('[data-hidden-summary]');
  if (!element) return;
  /** @type {Record<string, Record<string, string>>} */
  const forms = parseJson(element.getAttribute('data-forms')) || {};
  const parts = Object.keys(forms)
    .filter((r) => Number(byReason[r]) > 0)
    .map((r) => page.counted(forms[r], Number(byReason[r])));
  element.textContent =
    parts.length === 0
      ? element.getAttribute('data-none')
      : (element.getAttribute('data-template') ?? '').replace('{list}', parts.join(', '));
}

/**
 * @param {EventPage} page
 * @param {QuestionView | null} q
 */
function showPinned(page, q) {
  const section = /** @type {HTMLElement | null} */ (document.querySelector('[data-pinned]'));
  if (!section) return;
  if (!q || q.text === null) {
    section.hidden = true;
    section.setAttribute('data-pinned', '');
    return;
  }
  /** @param {string} selector */
  const part = (selector) => /** @type {HTMLElement} */ (section.querySelector(selector));
  if (section.getAttribute('data-pinned') !== q.id) {
    part('[data-pinned-text]').textContent = q.text;
    part('[data-pinned-author]').textContent = q.author ?? page.strings.anonymous ?? null;
  }
  part('[data-pinned-votes]').textContent = page.counted(page.strings.votes, q.votes);
  section.setAttribute('data-pinned', q.id);
  section.hidden = false;
}

/**
 * closeNow shows the event closed: no more votes, and a note where the ask form was.
 *
 * @param {EventPage} page
 */
function closeNow(page) {
  page.closed = true;
  for (const form of document.querySelectorAll('form[data-vote-form]')) form.remove();
  const ask = document.querySelector('.event-ask');
  if (ask) {
    const note = document.createElement('p');
    note.className = 'notice event-ask';
    note.setAttribute('role', 'status');
    note.textContent = page.strings.closed ?? null;
    ask.replaceWith(note);
  }
}
