// live-stream.js follows an event's compact live stream for event.js and screen.js: it opens
// `/e/<code>/live?changes=1` (a whole state first, then only what changed: a vote costs a phone a kilobyte, not every
// text), rebuilds each whole state with live-state.js, and tells the page. When to retry, and what to show meanwhile,
// each page decides for itself through the handlers.

import { applyChange, isState } from './live-state.js';

/** @import { EventSnapshot } from '../live/event-live.ts' */

/**
 * LiveStreamHandlers are what a page does as the stream goes.
 * @typedef {object} LiveStreamHandlers
 * @property {(whole: EventSnapshot) => void} state each whole state, in the stream's order (the first again after a reconnect)
 * @property {() => void} missed a change did not apply to the state held (a state was missed): the page reconnects, now or later
 * @property {() => void} [heard] any message that is JSON, before it is applied
 * @property {() => void} [open] the stream is open
 * @property {(refused: boolean) => void} [error] the stream failed; `refused` when the browser will not retry by itself
 *   (the server refused it: a proxy's error page while it restarts, or a node following as many viewers as it can)
 */

/** LiveStream is one page's connection to an event's live stream; connect and close it as the page needs. */
export class LiveStream {
  /** @type {EventSource | null} */
  #source = null;
  /** @type {EventSnapshot | null} the stream's last whole state, rebuilt from each change: what the next change applies to */
  #whole = null;
  #url;
  #on;

  /**
   * @param {string} code the event's code
   * @param {LiveStreamHandlers} on
   */
  constructor(code, on) {
    this.#url = `/e/${encodeURIComponent(code)}/live?changes=1`;
    this.#on = on;
  }

  /** connected tells whether a stream is open or being opened (the browser retrying it counts). */
  get connected() {
    return this.#source !== null;
  }

  /** open tells whether the stream is open now. */
  get open() {
    return this.#source?.readyState === EventSource.OPEN;
  }

  /** connect opens the stream unless one is open; the new stream begins with a whole state. */
  connect() {
    if (this.#source) return;
    this.#whole = null;
    const source = new EventSource(this.#url);
    this.#source = source;
    /** @param {MessageEvent<string>} event */
    const heard = (event) => {
      let data;
      try {
        data = JSON.parse(event.data);
      } catch {
        return;
      }
      this.#on.heard?.();
      if (!data || typeof data !== 'object') return;
      if (event.type === 'state') {
        if (!isState(data)) return;
        this.#whole = data;
      } else {
        const next = applyChange(this.#whole, data);
        if (!next) return this.#on.missed();
        this.#whole = next;
      }
      this.#on.state(this.#whole);
    };
    source.addEventListener('state', heard);
    source.addEventListener('change', heard);
    source.addEventListener('open', () => this.#on.open?.());
    source.addEventListener('error', () => {
      const refused = this.#source === source && source.readyState === EventSource.CLOSED;
      if (refused) this.#source = null;
      this.#on.error?.(refused);
    });
  }

  /** close ends the stream; the page hears nothing more from it. */
  close() {
    this.#source?.close();
    this.#source = null;
  }
}
