// screen.js keeps the big screen (/e/<code>/screen) live: it follows /e/<code>/live (live-stream.js) and draws each
// new state in place (screen/screen-view.js), and gives the person running the projector keyboard controls (settings
// kept by screen/settings.js). The page is complete without it (it then reloads every 30 s); this only keeps it
// current and adjustable.

import { isState } from './live-state.js';
import { LiveStream } from './live-stream.js';
import { pluralForms } from './plural-forms.js';
import { screenView } from './screen/screen-view.js';
import { applySettings, loadSettings } from './screen/settings.js';

/** @import { ScreenStrings } from '../views/event-screen.ts' */
/** @import { ScreenSettings } from './screen/settings.js' */

const root = document.getElementById('screen');
const html = document.documentElement;
const quietMs = 5000;
const stalledMs = 30_000;

/** @type {Partial<ScreenStrings>} */
let strings = {};
try {
  strings = JSON.parse(root?.getAttribute('data-strings') ?? '{}');
} catch {
  strings = {};
}

/**
 * $ is the element the server rendered for `selector` in the screen.
 *
 * @param {string} selector
 * @returns {HTMLElement}
 */
const $ = (selector) => /** @type {HTMLElement} */ (root?.querySelector(selector));

/** view draws the states; the page already shows the state it was rendered with, and the view begins with it. */
const view = root ? screenView(root, strings, pluralForms(html.lang || undefined)) : null;

/** @type {ScreenSettings} */
let settings = { join: true, top: true, size: 0 };

// ---- Following the live stream, and saying so discreetly when it is lost.

const code = root?.getAttribute('data-code');
let version = Number(root?.getAttribute('data-version') ?? 0);
/** @type {number | null} */
let downSince = null;
let lastState = Date.now();
/** @type {ReturnType<typeof setTimeout> | undefined} */
let retryTimer;

/**
 * accept shows a state: each one from the stream, and one fetched on the side only when it is newer than the one shown.
 *
 * @param {unknown} state
 * @param {boolean} fromStream
 */
function accept(state, fromStream) {
  if (!isState(state)) return;
  if (!fromStream && state.version <= version) return;
  version = state.version;
  lastState = Date.now();
  view?.render(state);
}

const stream =
  code && typeof EventSource === 'function'
    ? new LiveStream(code, {
        state: (whole) => accept(whole, true),
        missed: () => restart(),
        heard: () => {
          downSince = null;
          showReconnecting(false);
        },
        open: () => {
          downSince = null;
          showReconnecting(false);
        },
        error: (refused) => {
          downSince ??= Date.now();
          // The browser retries by itself unless the server refused the stream: then try again ourselves, a little later.
          if (!refused) return;
          clearTimeout(retryTimer);
          retryTimer = setTimeout(connect, 5000);
        },
      })
    : null;

function connect() {
  stream?.connect();
}

function restart() {
  stream?.close();
  downSince ??= Date.now();
  connect();
}

/** @param {boolean} on */
function showReconnecting(on) {
  const note = $('[data-reconnecting]');
  if (note && note.hidden === on) note.hidden = !on;
}

async function checkStalled() {
  // An idle event sends nothing for a long time, and a connection can die without a word: ask for the state directly.
  try {
    const response = await fetch(`/api/events/${encodeURIComponent(code ?? '')}/state`, { cache: 'no-store' });
    if (!response.ok) throw new Error(String(response.status));
    accept(await response.json(), false);
    lastState = Date.now();
  } catch {
    restart();
  }
}

setInterval(() => {
  const now = Date.now();
  showReconnecting(!stream?.open && downSince !== null && now - downSince >= quietMs);
  if (now - lastState >= stalledMs) {
    lastState = now;
    void checkStalled();
  }
}, 1000);
addEventListener('online', restart);

// ---- Keyboard controls for the person running the screen.

const help = $('[data-help]');
/** @type {HTMLOrSVGElement | null} */
let focusBefore = null;

/** @param {boolean} on */
function showHelp(on) {
  if (on === !help.hidden) return;
  help.hidden = !on;
  if (on) {
    focusBefore = /** @type {HTMLElement | null} */ (document.activeElement);
    help.focus();
  } else if (focusBefore && typeof focusBefore.focus === 'function') {
    focusBefore.focus();
  }
}

function toggleFullScreen() {
  if (document.fullscreenElement) void document.exitFullscreen?.();
  else void html.requestFullscreen?.().catch(() => {});
}

document.addEventListener('keydown', (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const key = event.key;
  let handled = true;
  if (key === 'Escape') showHelp(false);
  else if (key === '?' || key === 'h' || key === 'H') showHelp(help.hidden);
  else if (key === 'f' || key === 'F') toggleFullScreen();
  else if (key === 'q' || key === 'Q') settings.join = !settings.join;
  else if (key === 't' || key === 'T') settings.top = !settings.top;
  else if (key === '+' || key === '=') settings.size = Math.min(4, settings.size + 1);
  else if (key === '-' || key === '_') settings.size = Math.max(-3, settings.size - 1);
  else if (key === 'ArrowRight' || key === 'ArrowDown' || key === 'PageDown') view?.turnPage(1);
  else if (key === 'ArrowLeft' || key === 'ArrowUp' || key === 'PageUp') view?.turnPage(-1);
  else handled = false;
  if (!handled) return;
  event.preventDefault();
  if ('qQtT+=-_'.includes(key)) {
    applySettings(settings, true);
    view?.renderTop();
  }
});
addEventListener('resize', () => view?.renderTop());
$('[data-help-close]')?.addEventListener('click', () => showHelp(false));

// ---- Start: the page already shows the state it was rendered with; take it as the first one.

if (root) {
  settings = loadSettings();
  applySettings(settings, false);
  const hint = $('[data-help-hint]');
  hint.hidden = false;
  setTimeout(() => {
    hint.hidden = true;
  }, 8000);
  view?.renderTop();
  connect();
}
