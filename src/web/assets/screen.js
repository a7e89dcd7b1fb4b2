// screen.js keeps the big screen (/e/<code>/screen) live: it follows /e/<code>/live and applies each new state in
// place, highlighting what changed, and gives the person running the projector keyboard controls. The page is complete
// without it (it then reloads every 30 s); this only keeps it current and adjustable.

import { applyChange } from './live-state.js';

const root = document.getElementById('screen');
const html = document.documentElement;
const lang = html.lang || undefined;
const number = new Intl.NumberFormat(lang);
const plurals = new Intl.PluralRules(lang);
const pageSize = 5;
const quietMs = 5000;
const stalledMs = 30_000;

let strings = {};
try {
  strings = JSON.parse(root?.getAttribute('data-strings') ?? '{}');
} catch {
  strings = {};
}

/** word picks the plural form of a count from forms the server wrote for each category of the language. */
const word = (forms, count) => (forms ? (forms[plurals.select(count)] ?? forms.other ?? '') : '');
const $ = (selector, within = root) => within.querySelector(selector);
const make = (tag, className, text) => {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
};

/** flash highlights an element that has just changed, once; the stylesheet makes it still for reduced motion. */
function flash(element) {
  element.classList.remove('flash');
  void element.offsetWidth;
  element.classList.add('flash');
  clearTimeout(element.flashTimer);
  element.flashTimer = setTimeout(() => element.classList.remove('flash'), 1900);
}

/** arrive fades a new element in, once. */
function arrive(element) {
  element.classList.add('arrive');
  setTimeout(() => element.classList.remove('arrive'), 700);
}

/** lengthClass sorts a text by length as the server does (event-screen.ts), so a long question is set smaller. */
function lengthClass(text) {
  const n = text === null ? 0 : [...text].length;
  return n <= 90 ? 's' : n <= 180 ? 'm' : n <= 320 ? 'l' : 'xl';
}

// ---- Settings: kept in this browser and in the address's hash, so a bookmarked screen opens as it was left.

const settings = { join: true, top: true, size: 0 };

function loadSettings() {
  try {
    Object.assign(settings, JSON.parse(localStorage.getItem('veche.screen') ?? '{}'));
  } catch {
    // Private windows may refuse storage: the defaults will do.
  }
  const hash = new URLSearchParams(location.hash.slice(1));
  if (hash.has('join')) settings.join = hash.get('join') !== '0';
  if (hash.has('top')) settings.top = hash.get('top') !== '0';
  if (hash.has('size')) settings.size = Number(hash.get('size'));
  if (!Number.isInteger(settings.size)) settings.size = 0;
  settings.size = Math.max(-3, Math.min(4, settings.size));
}

function applySettings(save) {
  html.classList.toggle('no-join', !settings.join);
  html.classList.toggle('no-top', !settings.top);
  if (settings.size === 0) html.removeAttribute('data-size');
  else html.setAttribute('data-size', String(settings.size));
  if (!save) return;
  try {
    localStorage.setItem('veche.screen', JSON.stringify(settings));
  } catch {
    // As above.
  }
  const hash = `join=${settings.join ? 1 : 0}&top=${settings.top ? 1 : 0}&size=${settings.size}`;
  history.replaceState(null, '', `${location.pathname}${location.search}#${hash}`);
}

// ---- Rendering a state in place.

let latest = null;
/** start is the place of the first top question shown; shown is how many fit. */
let start = 0;
let shown = pageSize;

function render(state) {
  latest = state;
  $('[data-closed]').hidden = state.status !== 'closed';
  renderNow(state.pinned);
  renderTop();
  renderCounters(state);
}

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
    pinned.text ?? (strings.withheld ?? '').replace('{reason}', strings.reasons?.[pinned.hiddenReason] ?? '');
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
    let li = old.get(q.id);
    const fresh = !li;
    if (fresh) {
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
  while (list.children.length > items.length) list.lastElementChild.remove();
  // Show only the questions that fit whole: a long question being answered leaves room for fewer.
  list.style.removeProperty('--fit');
  while (list.children.length > 1) {
    const last = list.lastElementChild;
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
 */
function fitLarger(list) {
  const last = () => list.lastElementChild;
  for (const fit of [1.45, 1.3, 1.15]) {
    list.style.setProperty('--fit', String(fit));
    if (!last() || last().offsetTop + last().offsetHeight <= list.clientHeight + 1) return;
  }
  list.style.removeProperty('--fit');
}

/** topQuestions are the most voted questions, less the one being answered (shown above them). */
function topQuestions() {
  const pinned = latest?.pinned?.id;
  return (latest?.popular ?? []).filter((q) => q.id !== pinned);
}

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

function renderCounters(state) {
  const counts = state.counts ?? {};
  for (const name of ['asked', 'votes', 'answered', 'pending']) setCounter(name, Number(counts[name] ?? 0));
  const hidden = counts.hidden ?? {};
  setCounter(
    'hidden',
    Object.values(hidden).reduce((sum, n) => sum + Number(n), 0),
  );
  const reasons = $('[data-reasons]');
  const before = new Map(
    [...reasons.children].map((chip) => [chip.getAttribute('data-reason'), chip.querySelector('b')?.textContent]),
  );
  const chips = Object.keys(strings.reasons ?? {})
    .filter((reason) => Number(hidden[reason] ?? 0) > 0)
    .map((reason) => {
      const chip = make('span', 'reason', `${strings.reasons[reason]} `);
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
let source = null;
let downSince = null;
let lastState = Date.now();
let retryTimer = null;

/** whole is the last whole state, as the server would send it now: what the next change applies to. */
let whole = null;

function accept(state, fromStream) {
  if (!state || typeof state.version !== 'number' || !state.counts) return;
  // A stream's states come in order; a state fetched on the side must be newer than the one shown.
  if (!fromStream && state.version <= version) return;
  version = state.version;
  whole = state;
  lastState = Date.now();
  render(state);
}

function connect() {
  if (source || !code || typeof EventSource !== 'function') return;
  // changes=1: after the first whole state, only what changed (a vote is a kilobyte, not the whole of every list).
  source = new EventSource(`/e/${encodeURIComponent(code)}/live?changes=1`);
  const heard = (event) => {
    let data;
    try {
      data = JSON.parse(event.data);
    } catch {
      return;
    }
    downSince = null;
    showReconnecting(false);
    if (event.type === 'state') return accept(data, true);
    const next = applyChange(whole, data);
    if (next) accept(next, true);
    else restart();
  };
  source.addEventListener('state', heard);
  source.addEventListener('change', heard);
  source.addEventListener('open', () => {
    downSince = null;
    showReconnecting(false);
  });
  source.addEventListener('error', () => {
    downSince ??= Date.now();
    // The browser retries by itself unless the server refused the stream: then try again ourselves, a little later.
    if (source && source.readyState === EventSource.CLOSED) {
      source = null;
      clearTimeout(retryTimer);
      retryTimer = setTimeout(connect, 5000);
    }
  });
}

function restart() {
  if (source) source.close();
  source = null;
  downSince ??= Date.now();
  connect();
}

function showReconnecting(on) {
  const note = $('[data-reconnecting]');
  if (note && note.hidden === on) note.hidden = !on;
}

async function checkStalled() {
  // An idle event sends nothing for a long time, and a connection can die without a word: ask for the state directly.
  try {
    const response = await fetch(`/api/events/${encodeURIComponent(code)}/state`, { cache: 'no-store' });
    if (!response.ok) throw new Error(String(response.status));
    accept(await response.json(), false);
    lastState = Date.now();
  } catch {
    restart();
  }
}

setInterval(() => {
  const now = Date.now();
  const open = source && source.readyState === EventSource.OPEN;
  showReconnecting(!open && downSince !== null && now - downSince >= quietMs);
  if (now - lastState >= stalledMs) {
    lastState = now;
    void checkStalled();
  }
}, 1000);
addEventListener('online', restart);

// ---- Keyboard controls for the person running the screen.

const help = $('[data-help]');
let focusBefore = null;

function showHelp(on) {
  if (on === !help.hidden) return;
  help.hidden = !on;
  if (on) {
    focusBefore = document.activeElement;
    help.focus();
  } else if (focusBefore && typeof focusBefore.focus === 'function') {
    focusBefore.focus();
  }
}

function toggleFullScreen() {
  if (document.fullscreenElement) void document.exitFullscreen?.();
  else void html.requestFullscreen?.().catch(() => {});
}

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
    applySettings(true);
    renderTop();
  }
});
addEventListener('resize', () => renderTop());
$('[data-help-close]')?.addEventListener('click', () => showHelp(false));

// ---- Start: the page already shows the state it was rendered with; take it as the first one.

if (root) {
  loadSettings();
  applySettings(false);
  const hint = $('[data-help-hint]');
  hint.hidden = false;
  setTimeout(() => {
    hint.hidden = true;
  }, 8000);
  latest = serverState();
  renderTop();
  connect();
}

/** serverState reads back what the server rendered, enough to page through the top list before the first event. */
function serverState() {
  const items = [...root.querySelectorAll('[data-top-list] > li')].map((li) => ({
    id: li.getAttribute('data-id'),
    text: $('.top-text', li).textContent,
    votes: Number($('.top-n', li).textContent.replace(/\D/g, '')),
  }));
  const pinned = $('.now-text', root);
  return { pinned: pinned ? { id: pinned.getAttribute('data-id') } : null, popular: items };
}
