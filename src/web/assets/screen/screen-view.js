// screen-view.js draws a live state on the big screen in place, as the server drew the page (event-screen.ts):
// the question being answered, the top questions a page at a time (as many as fit whole), and the counters,
// highlighting what changed.

/** @import { EventSnapshot } from '../../live/event-live.ts' */
/** @import { ScreenStrings } from '../../views/event-screen.ts' */
/** @import { QuestionView } from '../live-state.js' */
/** @import { Counting } from '../plural-forms.js' */

/**
 * TopState is what the top questions are drawn from: a live state, or what the server rendered before the first one.
 * @typedef {{ pinned: { id: string } | null, popular: readonly Pick<QuestionView, 'id' | 'text' | 'votes'>[] }} TopState
 */

/** pageSize is how many top questions a page shows at most. */
const pageSize = 5;

/**
 * $ is the element the server rendered for `selector` in `within`.
 *
 * @param {string} selector
 * @param {ParentNode} within
 * @returns {HTMLElement}
 */
const $ = (selector, within) => /** @type {HTMLElement} */ (within.querySelector(selector));

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

/**
 * ScreenView draws states on one big screen.
 * @typedef {object} ScreenView
 * @property {(state: EventSnapshot) => void} render draws a new state
 * @property {() => void} renderTop draws the top questions again (the screen's size or settings changed)
 * @property {(by: number) => void} turnPage shows the next (1) or previous (-1) page of the top questions
 */

/**
 * screenView draws on the screen `root`, with the server's words and the language's numbers; it begins with what the
 * server rendered.
 *
 * @param {HTMLElement} root
 * @param {Partial<ScreenStrings>} strings
 * @param {Counting} counting
 * @returns {ScreenView}
 */
export function screenView(root, strings, { number, word }) {
  /** @type {TopState | null} */
  let latest = null;
  /** start is the place of the first top question shown; shown is how many fit. */
  let start = 0;
  let shown = pageSize;

  /** @param {EventSnapshot} state */
  function render(state) {
    latest = state;
    $('[data-closed]', root).hidden = state.status !== 'closed';
    renderNow(state.pinned);
    renderTop();
    renderCounters(state);
  }

  /** @param {QuestionView | null} pinned */
  function renderNow(pinned) {
    const section = $('[data-now]', root);
    const body = $('[data-now-body]', root);
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
    const list = $('[data-top-list]', root);
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
    $('[data-top-empty]', root).hidden = questions.length > 0;
    const indicator = $('[data-top-page]', root);
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
    const box = $(`[data-counter="${name}"]`, root);
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
    const reasons = $('[data-reasons]', root);
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

  /** @param {number} by */
  function turnPage(by) {
    const count = topQuestions().length;
    if (count === 0) return;
    if (by > 0) start = start + shown >= count ? 0 : start + shown;
    else start = start === 0 ? Math.floor((count - 1) / pageSize) * pageSize : Math.max(0, start - pageSize);
    renderTop();
  }

  /**
   * serverState reads back what the server rendered, enough to page through the top list before the first event.
   *
   * @returns {TopState}
   */
  function serverState() {
    const items = [...root.querySelectorAll('[data-top-list] > li')].map((li) => ({
      id: li.getAttribute('data-id') ?? '',
      text: $('.top-text', li).textContent,
      votes: Number(($('.top-n', li).textContent ?? '').replace(/\D/g, '')),
    }));
    const pinned = $('.now-text', root);
    return { pinned: pinned ? { id: pinned.getAttribute('data-id') ?? '' } : null, popular: items };
  }

  latest = serverState();
  return { render, renderTop, turnPage };
}
