// live-state.js is the client side of the compact live stream (`GET /e/<code>/live?changes=1`, EventChange in
// src/web/live/event-live.ts): the stream begins with a whole `state`, then sends a `change` for each new state,
// which applies to the one before. screen.js (the big screen) and event.js (a participant's page) rebuild each whole
// state from it here (through live-stream.js), and show it as they always did. It touches no page, so that
// live-state.test.ts checks it against the server's own changes.

/** @import { EventChange, EventSnapshot } from '../live/event-live.ts' */

/** @typedef {EventSnapshot['popular'][number]} QuestionView a question as a live state shows it */

/**
 * applyChange builds the next whole state from the whole state held and a change: lists of ids, every shown
 * question's votes, and in full only the questions not seen as they are now. It returns null when the change does not
 * apply to the state held (its `base` is another version: a state was missed, or an id is unknown): the caller then
 * closes the stream and opens it again, and the new stream begins with a whole state.
 *
 * @param {EventSnapshot | null} whole
 * @param {EventChange | null} change
 * @returns {EventSnapshot | null}
 */
export function applyChange(whole, change) {
  if (!whole || !change || typeof change !== 'object' || change.base !== whole.version) return null;
  /** @type {Map<string, QuestionView>} */
  const known = new Map();
  for (const q of [whole.pinned, ...(whole.popular ?? []), ...(whole.recent ?? []), ...(whole.answered ?? [])]) {
    if (q) known.set(q.id, q);
  }
  for (const q of change.questions ?? []) if (q && typeof q.id === 'string') known.set(q.id, q);
  /**
   * views are the questions of a list as they are now, or null when one is unknown.
   * @param {readonly string[] | null | undefined} ids
   */
  const views = (ids) => {
    /** @type {QuestionView[]} */
    const shown = [];
    for (const id of ids ?? []) {
      const q = known.get(id);
      if (!q) return null;
      shown.push({ ...q, votes: change.votes?.[id] ?? q.votes });
    }
    return shown;
  };
  const pinned = views(change.pinned ? [change.pinned] : []);
  const popular = views(change.popular);
  const recent = views(change.recent);
  const answered = views(change.answered);
  if (!pinned || !popular || !recent || !answered) return null;
  return {
    code: change.code,
    status: change.status,
    counts: change.counts,
    pinned: pinned[0] ?? null,
    popular,
    recent,
    answered,
    version: change.version,
  };
}

/**
 * isState tells whether a whole state from the stream (or /api/events/<code>/state) looks like one.
 *
 * @param {unknown} state
 * @returns {state is EventSnapshot}
 */
export function isState(state) {
  if (!state || typeof state !== 'object') return false;
  const { version, counts } = /** @type {{ version?: unknown, counts?: unknown }} */ (state);
  return typeof version === 'number' && !!counts && typeof counts === 'object';
}
