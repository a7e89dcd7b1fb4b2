// live-follow.js keeps a participant's page following the event's live stream (live-stream.js), and decides what to
// do when it fails: the browser retries by itself unless the server refused the stream; then the page fetches the
// state itself and asks for the stream again later, spread out so that the phones of a whole room do not come back
// together. A hidden tab lets the server forget it, and catches up when shown again.

import { isState } from '../live-state.js';
import { LiveStream } from '../live-stream.js';

/** @import { EventSnapshot } from '../../live/event-live.ts' */
/** @import { EventPage } from './event-page.js' */

/**
 * followLiveState calls `show` with each new state of the event, while the page is visible.
 *
 * @param {EventPage} page
 * @param {(state: EventSnapshot) => void} show
 */
export function followLiveState(page, show) {
  if (typeof EventSource !== 'function' || page.closed) return;
  /** shown is the version of the state on the page: a stream that begins with it again (a reconnect) brings nothing new. */
  let shown = -1;
  /** @type {ReturnType<typeof setTimeout> | null} */
  let retryTimer = null;
  let lastResync = 0;
  let refusals = 0;

  const stream = new LiveStream(page.code, {
    state: (whole) => {
      // A stream's states come in order, and a new stream's first is the newest (versions grow across nodes): show each.
      if (whole.version === shown) return;
      shown = whole.version;
      show(whole);
    },
    missed: () => resync(),
    open: () => {
      refusals = 0;
      liveNote(false);
    },
    error: (refused) => {
      // Refused: a proxy's error page while it restarts, or a node following as many viewers as it can (503). Then
      // ask for the stream again later: soon the first time, then every 20 to 40 seconds, spread out across phones.
      if (!refused) return;
      refusals++;
      // Twice in a row is no restart of a proxy: say that the page now follows the event slowly.
      if (refusals > 1) liveNote(true);
      catchUp();
      later(refusals === 1 ? 5000 + Math.random() * 5000 : 20_000 + Math.random() * 20_000);
    },
  });

  const connect = () => {
    if (stream.connected) return;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    stream.connect();
  };
  /** @param {boolean} on */
  const liveNote = (on) => {
    const note = /** @type {HTMLElement | null} */ (document.querySelector('[data-live-note]'));
    if (!note || note.hidden === !on) return;
    note.textContent = on ? (page.strings.liveSlow ?? null) : '';
    note.hidden = !on;
  };
  const catchUp = async () => {
    try {
      const response = await fetch(`/api/events/${page.code}/state`, { cache: 'no-store' });
      const data = response.ok ? await response.json() : null;
      if (!isState(data) || data.version <= shown || stream.connected) return;
      shown = data.version;
      show(data);
    } catch {
      // Offline, or the server is down: the next attempt tries again.
    }
  };
  const disconnect = () => {
    stream.close();
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
  };
  /** @param {number} ms */
  const later = (ms) => {
    disconnect();
    retryTimer = setTimeout(() => {
      retryTimer = null;
      if (!document.hidden) connect();
    }, ms);
  };
  // A change that does not apply to the state held (a state was missed): open the stream again, which begins with a
  // whole state. At once the first time; if it keeps happening, after a few seconds, so that the phones of a whole
  // room do not come back together in a loop.
  const resync = () => {
    const now = Date.now();
    const again = now - lastResync < 10_000;
    lastResync = now;
    if (!again) {
      disconnect();
      connect();
    } else later(1000 + Math.random() * 4000);
  };
  // A hidden tab needs no live state: the server forgets this viewer, and the page catches up when shown again.
  document.addEventListener('visibilitychange', () => (document.hidden ? disconnect() : connect()));
  if (!document.hidden) connect();
}
