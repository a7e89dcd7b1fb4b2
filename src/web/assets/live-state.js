// live-state.js is the client side of the compact live stream (`GET /e/<code>/live?changes=1`, EventChange in
// src/web/live/event-live.ts): the stream begins with a whole `state`, then sends a `change` for each new state,
// which applies to the one before. screen.js (the big screen) and event.js (a participant's page) rebuild each whole
// state from it here, and show it as they always did.

/**
 * applyChange builds the next whole state from the whole state held and a change: lists of ids, every shown
 * question's votes, and in full only the questions not seen as they are now. It returns null when the change does not
 * apply to the state held (its `base` is another version: a state was missed, or an id is unknown): the caller then
 * closes the stream and opens it again, and the new stream begins with a whole state.
 */
export function applyChange(whole, change) {
  if (!whole || !change || typeof change !== 'object' || change.base !== whole.version) return null;
  const known = new Map();
  for (const q of [whole.pinned, ...(whole.popular ?? []), ...(whole.recent ?? []), ...(whole.answered ?? [])])
    if (q) known.set(q.id, q);
  for (const q of change.questions ?? []) if (q && typeof q.id === 'string') known.set(q.id, q);
  let missing = false;
  const view = (id) => {
    const q = known.get(id);
    if (!q) missing = true;
    return q ? { ...q, votes: change.votes?.[id] ?? q.votes } : null;
  };
  const next = {
    code: change.code,
    status: change.status,
    counts: change.counts,
    pinned: change.pinned ? view(change.pinned) : null,
    popular: (change.popular ?? []).map(view),
    recent: (change.recent ?? []).map(view),
    answered: (change.answered ?? []).map(view),
    version: change.version,
  };
  return missing ? null : next;
}

/** isState tells whether a whole state from the stream (or /api/events/<code>/state) looks like one. */
export function isState(state) {
  return (
    !!state &&
    typeof state === 'object' &&
    typeof state.version === 'number' &&
    !!state.counts &&
    typeof state.counts === 'object'
  );
}
