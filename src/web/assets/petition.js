// petition.js brings a petition page's count to life: it follows /api/petitions/<id>/events and updates the number
// and the progress bar. The page shows a correct count without it; this only keeps it current. It also warns, as the
// signer types, when her address is at a mail service that must hand mail to the state.

import { goalPercent } from './goal-percent.js';

/** @import { LiveCount } from '../live/live-counts.ts' */

const number = new Intl.NumberFormat(document.documentElement.lang || undefined);

/**
 * follow keeps one count element (and the progress bar beside it) up to date while the page is visible.
 *
 * @param {Element} element
 */
function follow(element) {
  const id = element.getAttribute('data-live-count');
  if (!id || typeof EventSource !== 'function') return;
  const box = element.closest('section') || document;
  /** @type {HTMLProgressElement | null} */
  const progress = box.querySelector('progress[data-live-progress]');
  const words = box.querySelector('[data-live-words]');
  const goal = box.querySelector('[data-live-goal]');
  const plural = new Intl.PluralRules(document.documentElement.lang || undefined);
  /**
   * @param {Element | null} node
   * @param {string} name
   */
  const parse = (node, name) => {
    try {
      return node ? JSON.parse(node.getAttribute(name) ?? 'null') : null;
    } catch {
      return null;
    }
  };
  /** @type {Record<string, string> | null} */
  const forms = parse(words, 'data-live-words');
  /** @type {[string, string] | null} */
  const goalLine = parse(goal, 'data-live-goal');
  /** @type {EventSource | null} */
  let source = null;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let retryTimer;

  /** @param {MessageEvent<string>} event */
  const show = (event) => {
    /** @type {LiveCount | null} */
    let count;
    try {
      count = JSON.parse(event.data);
    } catch {
      return;
    }
    if (!count || !Number.isSafeInteger(count.signatures)) return;
    element.textContent = number.format(count.signatures);
    if (forms && words) words.textContent = forms[plural.select(count.signatures)] ?? forms.other ?? words.textContent;
    if (progress) {
      progress.value = Math.min(Math.max(count.signatures, 0), progress.max);
      const percent = goalPercent(count.signatures, progress.max);
      progress.textContent = `${number.format(percent)}%`;
      if (goal && Array.isArray(goalLine)) goal.textContent = `${goalLine[0]}${number.format(percent)}${goalLine[1]}`;
    }
  };
  const connect = () => {
    if (source) return;
    source = new EventSource(`/api/petitions/${encodeURIComponent(id)}/events`);
    source.addEventListener('count', show);
    source.addEventListener('error', () => {
      // Refused (a node at its stream limit, a proxy's error page): the browser will not retry by itself; ask again
      // in 20 to 40 seconds, spread out so that a crowd of phones does not come back at once.
      if (!source || source.readyState !== EventSource.CLOSED) return;
      source = null;
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => !document.hidden && connect(), 20_000 + Math.random() * 20_000);
    });
  };
  const disconnect = () => {
    if (source) source.close();
    source = null;
    clearTimeout(retryTimer);
  };

  // A hidden tab needs no live count: it lets the server forget this viewer, and catches up when shown again.
  document.addEventListener('visibilitychange', () => (document.hidden ? disconnect() : connect()));
  if (!document.hidden) connect();
}

for (const element of document.querySelectorAll('[data-live-count]')) follow(element);

/**
 * warnOfProvider shows the form's warning as soon as the address typed is at a mail service that hands mail to the
 * state (the list comes in the page: nothing is asked of anyone), and hides it, unticking "use anyway", when it is not.
 * Without JavaScript the server shows the same warning after the form is sent.
 *
 * @param {HTMLInputElement} input
 */
function warnOfProvider(input) {
  /** @type {unknown} */
  let domains;
  try {
    domains = JSON.parse(input.getAttribute('data-unsafe-domains') ?? 'null');
  } catch {
    return;
  }
  const warning = document.getElementById('provider-warning');
  if (!Array.isArray(domains) || domains.length === 0 || !warning) return;
  /** @type {string[]} */
  const list = domains;
  const text = warning.querySelector('[data-provider-text]');
  const template = warning.getAttribute('data-text') || '';
  /** @type {HTMLInputElement | null} */
  const anyway = warning.querySelector('input[name="emailAnyway"]');
  const described = (input.getAttribute('aria-describedby') || '')
    .split(' ')
    .filter((id) => id && id !== 'provider-warning-text');
  const check = () => {
    const value = input.value.trim().toLowerCase();
    const at = value.lastIndexOf('@');
    const host = at === -1 ? '' : value.slice(at + 1).replace(/\.+$/, '');
    const domain = host && list.find((d) => host === d || host.endsWith(`.${d}`));
    if (domain) {
      if (text) text.textContent = template.replace('{domain}', domain);
      warning.hidden = false;
      input.setAttribute('aria-describedby', [...described, 'provider-warning-text'].join(' '));
    } else {
      warning.hidden = true;
      if (anyway) anyway.checked = false;
      input.setAttribute('aria-describedby', described.join(' '));
    }
  };
  input.addEventListener('input', check);
  input.addEventListener('change', check);
  check();
}

for (const input of document.querySelectorAll('input[data-unsafe-domains]')) {
  warnOfProvider(/** @type {HTMLInputElement} */ (input));
}
