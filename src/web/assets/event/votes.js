// votes.js casts and takes back votes without reloading the page, and shows a question's count and this browser's
// vote wherever the question is on the page. Without JavaScript each vote is a plain form.

import { solveProofOfWork } from './proof-of-work.js';

/** @import { VoteJson } from '../../views/event-json.ts' */
/** @import { EventPage } from './event-page.js' */

/**
 * showVoted shows one question element as voted for (or not). In the lists its control is a form (which works without
 * JavaScript); among the suggestions, which only JavaScript shows, a button inside the ask form.
 *
 * @param {EventPage} page
 * @param {Element} element
 * @param {string} id
 * @param {boolean} isVoted
 */
export function showVoted(page, element, id, isVoted) {
  element.setAttribute('data-voted', isVoted ? '1' : '0');
  element.classList.toggle('is-voted', isVoted);
  /** @type {HTMLFormElement | null} */
  const form = element.querySelector('form[data-vote-form]');
  const button = form ? form.querySelector('button') : element.querySelector('button[data-vote]');
  if (!button) return;
  const status = element.getAttribute('data-status') || 'published';
  if (!isVoted && status !== 'published') {
    (form || button).remove();
    return;
  }
  if (form) form.action = `/e/${page.code}/questions/${encodeURIComponent(id)}/${isVoted ? 'unvote' : 'vote'}`;
  button.textContent = (isVoted ? page.strings.unvote : page.strings.vote) ?? null;
  button.className = isVoted ? 'vote-button secondary' : 'vote-button';
  let mark = element.querySelector('.voted-mark');
  if (isVoted && !mark) {
    mark = document.createElement('span');
    mark.className = 'voted-mark';
    mark.textContent = page.strings.voted ?? null;
    button.before(mark, ' ');
  } else if (!isVoted && mark) mark.remove();
}

/**
 * showVotes writes a question's count wherever it is on the page.
 *
 * @param {EventPage} page
 * @param {string} id
 * @param {number} votes
 */
export function showVotes(page, id, votes) {
  for (const element of document.querySelectorAll(`[data-question="${CSS.escape(id)}"]`)) {
    const tally = element.querySelector('[data-votes]');
    if (tally) tally.textContent = page.number.format(votes);
    const word = element.querySelector('[data-votes-word]');
    if (word) word.textContent = page.counted(page.strings.votesWord, votes);
    const label = element.querySelector('[data-votes-label]');
    if (label) label.textContent = page.counted(page.strings.votes, votes);
  }
  const pinned = document.querySelector('[data-pinned]');
  const pinnedVotes = pinned?.querySelector('[data-pinned-votes]');
  if (pinned && pinnedVotes && pinned.getAttribute('data-pinned') === id) {
    pinnedVotes.textContent = page.counted(page.strings.votes, votes);
  }
}

/**
 * markVoted remembers this browser's vote on a question and shows it wherever the question is.
 *
 * @param {EventPage} page
 * @param {string} id
 * @param {boolean} isVoted
 */
function markVoted(page, id, isVoted) {
  if (isVoted) page.voted.add(id);
  else page.voted.delete(id);
  for (const element of document.querySelectorAll(`[data-question="${CSS.escape(id)}"]`)) {
    showVoted(page, element, id, isVoted);
  }
}

/**
 * sendVote casts or takes back this browser's vote through the API; it tells whether the page could show the outcome
 * (false: the server's refusal is best said by the form's own page).
 *
 * @param {EventPage} page
 * @param {string} id the question
 * @param {boolean} unvote
 * @param {Element} button the control pressed, busy meanwhile
 * @param {Element} where where a failure is said
 * @returns {Promise<boolean>}
 */
async function sendVote(page, id, unvote, button, where) {
  if (button.getAttribute('aria-busy') === 'true') return true;
  button.setAttribute('aria-busy', 'true');
  page.busy++;
  where.querySelector('.vote-error')?.remove();
  try {
    /** @type {{ altcha?: string }} */
    const body = {};
    if (!unvote && !page.hasVoter && page.pow) {
      const solution = await solveProofOfWork();
      if (solution) body.altcha = solution;
    }
    const response = await fetch(`/api/events/${page.code}/questions/${encodeURIComponent(id)}/vote`, {
      method: unvote ? 'DELETE' : 'POST',
      credentials: 'same-origin',
      headers: unvote
        ? { accept: 'application/json' }
        : { 'content-type': 'application/json', accept: 'application/json' },
      body: unvote ? undefined : JSON.stringify(body),
    });
    /** @type {(VoteJson & { code?: undefined }) | { code?: string } | null} */
    const result = await response.json().catch(() => null);
    if (response.ok && result && 'votes' in result) {
      page.hasVoter = true;
      for (const which of new Set([id, result.question || id])) {
        markVoted(page, which, !unvote);
        showVotes(page, which, result.votes);
      }
      return true;
    }
    if (response.status === 409 && result && result.code === 'already-voted') {
      markVoted(page, id, true);
      return true;
    }
    if (response.status >= 500 || response.status === 429 || !result) throw new Error('vote failed');
    // Anything else (the question was hidden, the event closed) the server says best on a page of its own.
    return false;
  } catch {
    const note = document.createElement('p');
    note.className = 'vote-error';
    note.setAttribute('role', 'alert');
    note.textContent = page.strings.voteFailed ?? null;
    where.append(note);
    return true;
  } finally {
    button.removeAttribute('aria-busy');
    page.busy--;
  }
}

/**
 * enableVoting sends the vote forms of the lists, and the vote buttons of the suggestions, without leaving the page.
 *
 * @param {EventPage} page
 */
export function enableVoting(page) {
  document.addEventListener('submit', async (event) => {
    const form =
      event.target instanceof HTMLFormElement && event.target.matches('form[data-vote-form]') ? event.target : null;
    if (!form) return;
    event.preventDefault();
    const unvote = /\/unvote$/.test(form.getAttribute('action') || form.action);
    const button = form.querySelector('button');
    const shown = button && (await sendVote(page, form.getAttribute('data-vote-form') ?? '', unvote, button, form));
    if (!shown) form.submit();
  });

  document.addEventListener('click', async (event) => {
    const button = event.target instanceof Element ? event.target.closest('button[data-vote]') : null;
    if (!button) return;
    const item = button.closest('[data-question]');
    const where = item || button.parentElement;
    if (!where) return;
    await sendVote(
      page,
      button.getAttribute('data-vote') ?? '',
      item?.getAttribute('data-voted') === '1',
      button,
      where,
    );
  });
}
