// screen.js keeps the big screen (/e/<code>/screen) live: it follows /e/<code>/live (live-stream.js) and applies each
// new state in place, highlighting what changed, and gives the person running the projector keyboard controls
// (settings kept by screen/settings.js). The page is complete without it (it then reloads every 30 s); this only keeps
// it current and adjustable.

import { isState } from './live-state.js';
import { LiveStream } from './live-stream.js';
import { pluralForms } from './plural-forms.js';
import { applySettings, loadSettings } from './screen/settings.js';

/** @import { EventSnapshot } from '../live/event-live.ts' */
/** @import { ScreenStrings } from '../views/event-screen.ts' */
/** @import { QuestionView } from './live-state.js' */
/** @import { ScreenSettings } from './screen/settings.js' */

/**
 * TopState is what the top questions are drawn from: a live state, or what the server rendered before the first one.
 * @typedef {{ pinned: { id: string } | null, popular: readonly Pick<QuestionView, 'id' | 'text' | 'votes'>[] }} TopState
 */

const root = document.getElementById('screen');
const html = document.documentElement;
const { number, word } = pluralForms(html.lang || undefined);
const pageSize = 5;
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
 * $ is the element the server rendered for `selector`, in the screen or in `within`.
 *
 * @param {string} selector
 * @param {ParentNode | null} [within]
 * @returns {HTMLElement}
 */
const $ = (selector, within = root) => /** @type {HTMLElement} */ (within?.querySelector(selector));

/**
 * make makes an element with a class and a text.
 *
 * @param {string} tag
 * @param {string} [className]
 * @param {string} [text]
 */
const make = (tag, className, text) => {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
};

/** @type {WeakMap<Element, ReturnType<typeof setTimeout>>} */
const flashTimers = new WeakMap();

/**
 * flash highlights an element that has just changed, once; the stylesheet makes it still for reduced motion.
 *
 * @param {HTMLElement} element
 */
function flash(element) {
  element.classList.remove('flash');
  void element.offsetWidth;
  element.classList.add('flash');
  clearTimeout(flashTimers.get(element));
  flashTimers.set(
    element,
    setTimeout(() => element.classList.remove('flash'), 1900),
  );
}

/**
 * arrive fades a new element in, once.
 *
 * @param {Element} element
 */
function arrive(element) {
  element.classList.add('arrive');
  setTimeout(() => element.classList.remove('arrive'), 700);
}

/**
 * lengthClass sorts a text by length as the server does (event-screen.ts), so a long question is set smaller.
 *
 * @param {string | null} text
 */
function lengthClass(text) {
  const n = text === null ? 0 : [...text].length;
  return n <= 90 ? 's' : n <= 180 ? 'm' : n <= 320 ? 'l' : 'xl';
}

/** @type {ScreenSettings} */
let settings = { join: true, top: true, size: 0 };

// ---- Rendering a state in place.

/** @type {TopState | null} */
let latest = null;
/** start is the place of the first top question shown; shown is how many fit. */
let start = 0;
let shown = pageSize;

/** @param {EventSnapshot} state */
function render(state) {
  latest = state;
  $('[data-closed]').hidden = state.status !== 'closed';
  renderNow(state.pinned);
  renderTop();
  renderCounters(state);
}

/** @param {QuestionView | null} pinned */
function renderNow(pinned) {
  const section = $('[data-now]');
  const body = $('[data-now-body]');
  const shown = $('.now-text', body);
  section.classList.toggle('is-empty', !pinned);
  if (!pinned) {
    if (shown || !$('.now-empty', body)) body.replaceChildren(make('p', 'now-empty', strings.nothingPinned ?? ''));
    return;
  }
  const text =
    pinned.text ?? (strings.withheld ?? '').replace('{reason}', strings.reasons?.[pinned.hiddenReason ?? ''] ?? '');
  const votes = `${number.format(pinned.votes)} ${word(strings.votes, pinned.votes)}`;
  if (shown && shown.getAttribute('data-id') === pinned.id && shown.textContent === text) {
    const count = $('[data-now-votes]', body);
    if (count && count.textContent !== votes) {
      count.textContent = votes;
      flash(count);
    }
    return;
  }
  const quote = make('blockquote', 'now-text');
  arrive(quote);
  quote.setAttribute('data-length', lengthClass(pinned.text));
  quote.setAttribute('data-id', pinned.id);
  quote.append(make('p', '', text));
  const meta = make('p', 'now-meta');
  const count = make('span', '', votes);
  count.setAttribute('data-now-votes', '');
  meta.append(make('span', '', pinned.author ?? strings.anonymous ?? ''), ' · ', count);
  body.replaceChildren(quote, meta);
}

function renderTop() {
  if (!latest) return;
  const questions = topQuestions();
  if (start >= questions.length) start = 0;
  const list = $('[data-top-list]');
  const old = new Map([...list.children].map((li) => [li.getAttribute('data-id'), li]));
  const items = questions.slice(start, start + pageSize).map((q, i) => {
    let li = /** @type {HTMLElement | undefined} */ (old.get(q.id));
    const fresh = !li;
    if (!li) {
      li = make('li', 'top-item');
      arrive(li);
      li.setAttribute('data-id', q.id);
      const votes = make('p', 'top-votes');
      votes.append(make('span', 'top-n'), ' ', make('span', 'top-w'));
      li.append(make('span', 'rank'), make('p', 'top-text'), votes);
    }
    $('.rank', li).textContent = number.format(start + i + 1);
    $('.top-text', li).textContent = q.text ?? '';
    const n = $('.top-n', li);
    const count = number.format(q.votes);
    if (n.textContent !== count) {
      if (!fresh && n.textContent !== '') flash(n);
      n.textContent = count;
    }
    $('.top-w', li).textContent = word(strings.votes, q.votes);
    return li;
  });
  // Move only what moved: a node taken out and put back would play its arrival again.
  items.forEach((li, i) => {
    if (list.children[i] !== li) list.insertBefore(li, list.children[i] ?? null);
  });
  while (list.children.length > items.length) list.lastElementChild?.remove();
  // Show only the questions that fit whole: a long question being answered leaves room for fewer.
  list.style.removeProperty('--fit');
  while (list.children.length > 1) {
    const last = /** @type {HTMLElement} */ (list.lastElementChild);
    if (last.offsetTop + last.offsetHeight <= list.clientHeight + 1) break;
    last.remove();
  }
  shown = list.children.length;
  if (start === 0 && shown === questions.length) fitLarger(list);
  $('[data-top-empty]').hidden = questions.length > 0;
  const indicator = $('[data-top-page]');
  indicator.hidden = questions.length <= shown;
  indicator.textContent = (strings.range ?? '')
    .replace('{first}', number.format(start + 1))
    .replace('{last}', number.format(start + shown))
    .replace('{total}', number.format(questions.length));
}

/**
 * fitLarger sets the top questions larger when all of them fit with room to spare, so that a hall with few questions
 * reads them from further away and the screen's lower part is not left empty.
 *
 * @param {HTMLElement} list
 */
function fitLarger(list) {
  for (const fit of [1.45, 1.3, 1.15]) {
    list.style.setProperty('--fit', String(fit));
    const last = /** @type {HTMLElement | null} */ (list.lastElementChild);
    if (!last || last.offsetTop + last.offsetHeight <= list.clientHeight + 1) return;
  }
  list.style.removeProperty('--fit');
}

/** topQuestions are the most voted questions, less the one being answered (shown above them). */
function topQuestions() {
  const pinned = latest?.pinned?.id;
  return (latest?.popular ?? []).filter((q) => q.id !== pinned);
}

/**
 * setCounter writes one of the counters, flashing it when it changed.
 *
 * @param {'asked' | 'votes' | 'answered' | 'pending' | 'hidden'} name
 * @param {number} count
 */
function setCounter(name, count) {
  const box = $(`[data-counter="${name}"]`);
  if (!box) return;
  const n = $('[data-n]', box);
  const text = number.format(count);
  if (n.textContent !== text) {
    n.textContent = text;
    flash(n);
  }
  $('dt', box).textContent = word(strings.counters?.[name], count);
}

/** @param {EventSnapshot} state */
function renderCounters(state) {
  const counts = state.counts ?? {};
  for (const name of /** @type {const} */ (['asked', 'votes', 'answered', 'pending'])) {
    setCounter(name, Number(counts[name] ?? 0));
  }
  const hidden = counts.hidden ?? {};
  setCounter(
    'hidden',
    Object.values(hidden).reduce((sum, n) => sum + Number(n), 0),
  );
  const reasons = $('[data-reasons]');
  const before = new Map(
    [...reasons.children].map((chip) => [chip.getAttribute('data-reason'), chip.querySelector('b')?.textContent]),
  );
  const names = strings.reasons ?? {};
  const chips = Object.keys(names)
    .filter((reason) => Number(hidden[reason] ?? 0) > 0)
    .map((reason) => {
      const chip = make('span', 'reason', `${names[reason]} `);
      chip.setAttribute('data-reason', reason);
      const count = make('b', '', number.format(hidden[reason]));
      chip.append(count);
      if (before.has(reason) ? before.get(reason) !== count.textContent : true) flash(chip);
      return chip;
    });
  reasons.replaceChildren(...chips);
}

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
  render(state);
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

/** @param {number} by */
function turnPage(by) {
  const count = topQuestions().length;
  if (count === 0) return;
  if (by > 0) start = start + shown >= count ? 0 : start + shown;
  else start = start === 0 ? Math.floor((count - 1) / pageSize) * pageSize : Math.max(0, start - pageSize);
  renderTop();
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
  else if (key === 'ArrowRight' || key === 'ArrowDown' || key === 'PageDown') turnPage(1);
  else if (key === 'ArrowLeft' || key === 'ArrowUp' || key === 'PageUp') turnPage(-1);
  else handled = false;
  if (!handled) return;
  event.preventDefault();
  if ('qQtT+=-_'.includes(key)) {
    applySettings(settings, true);
    renderTop();
  }
});
addEventListener('resize', () => renderTop());
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
  latest = serverState(root);
  renderTop();
  connect();
}

/**
 * serverState reads back what the server rendered, enough to page through the top list before the first event.
 *
 * @param {HTMLElement} root
 * @returns {TopState}
 */
function serverState(root) {
  const items = [...root.querySelectorAll('[data-top-list] > li')].map((li) => ({
    id: li.getAttribute('data-id') ?? '',
    text: $('.top-text', li).textContent,
    votes: Number(($('.top-n', li).textContent ?? '').replace(/\D/g, '')),
  }));
  const pinned = $('.now-text', root);
  return { pinned: pinned ? { id: pinned.getAttribute('data-id') ?? '' } : null, popular: items };
}
