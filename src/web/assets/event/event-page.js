// event-page.js reads what a participant's event page tells its script (src/web/views/event-page.ts eventData): the
// event, this browser's votes and voter token, the list shown and the words to write. The other modules of event.js
// share the EventPage it makes, and change it as the page changes (a vote, the event closing).

import { pluralForms } from '../plural-forms.js';

/** @import { EventStrings } from '../../views/event-page.ts' */
/** @import { Counting } from '../plural-forms.js' */

/**
 * EventPage is a participant's page as its modules see it.
 * @typedef {object} EventPage
 * @property {string} code the event's code
 * @property {Partial<EventStrings>} strings the words, translated by the server (none when they could not be read)
 * @property {string | undefined} lang the page's language
 * @property {string} zone the event's time zone, for the time a new question was asked
 * @property {Counting['number']} number
 * @property {Counting['counted']} counted
 * @property {boolean} pow proof of work is asked of a browser's first vote
 * @property {boolean} hasVoter this browser has a voter token
 * @property {boolean} closed the event takes no more questions or votes
 * @property {string | null} listName the list the page shows (popular, recent, answered ...)
 * @property {boolean} firstPage the page shows the first page of its list
 * @property {Set<string>} voted the questions this browser voted for
 * @property {number} busy votes being sent now (the list is not re-ordered under them)
 */

/**
 * readEventPage reads a participant page's root element.
 *
 * @param {Element} root the element with `data-event`
 * @returns {EventPage}
 */
export function readEventPage(root) {
  const lang = document.documentElement.lang || undefined;
  const { number, counted } = pluralForms(lang);
  const voted = [...document.querySelectorAll('[data-question][data-voted="1"]')].map((li) =>
    li.getAttribute('data-question'),
  );
  return {
    code: root.getAttribute('data-event') ?? '',
    strings: parseJson(root.getAttribute('data-strings')) || {},
    lang,
    zone: root.getAttribute('data-zone') || 'UTC',
    number,
    counted,
    pow: root.getAttribute('data-pow') === '1',
    hasVoter: root.getAttribute('data-has-voter') === '1',
    closed: root.getAttribute('data-phase') === 'closed',
    listName: root.getAttribute('data-list'),
    firstPage: root.getAttribute('data-page') === '1',
    voted: new Set(voted.filter((id) => id !== null)),
    busy: 0,
  };
}

/**
 * parseJson reads JSON the server wrote into an attribute; null when it is not there or not JSON.
 *
 * @param {string | null} text
 * @returns {any}
 */
export function parseJson(text) {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
