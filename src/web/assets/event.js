// event.js enhances a participant's event page. Without it the page works as plain forms; with it: a character counter
// for the question (event/character-count.js), suggestions of similar questions while typing (event/suggestions.js),
// votes without reloading (event/votes.js), and the counters, the question being answered and the list shown kept
// live (event/live-view.js, event/question-list.js) from the event's live stream (event/live-follow.js).

import { showCharacterCount } from './event/character-count.js';
import { readEventPage } from './event/event-page.js';
import { followLiveState } from './event/live-follow.js';
import { showState } from './event/live-view.js';
import { followOrder, liveLists } from './event/question-list.js';
import { suggestSimilar } from './event/suggestions.js';
import { enableVoting } from './event/votes.js';

const root = document.querySelector('[data-event]');
if (root) start(root);

/** @param {Element} root */
function start(root) {
  const page = readEventPage(root);
  /** @type {HTMLTextAreaElement | null} */
  const textarea = document.querySelector('form[data-ask-form] textarea[name="text"]');
  const counter = document.querySelector('[data-counter]');
  if (textarea && counter) showCharacterCount(page, textarea, counter);
  enableVoting(page);
  const box = document.querySelector('[data-suggestions]');
  if (textarea && box) suggestSimilar(page, textarea, box);
  const list = document.querySelector('[data-question-list]');
  const live = list && page.firstPage && liveLists.includes(page.listName ?? '');
  const order = list && live ? followOrder(page, list) : null;
  followLiveState(page, (state) => showState(page, state, order));
}
