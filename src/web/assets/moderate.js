// moderate.js makes the moderator console fast: keyboard shortcuts, decisions sent without leaving the page, and the
// lists kept current from the event's live stream. Without it every decision is a plain form POST and a redirect back.
//
// Keys (outside text fields): j/k or the arrows move between questions; a approve; h hide, then 1–5 for the reason;
// r restore; p pin or unpin; d mark answered; m twice merges into the first question of its group; ? shows the help.

/** @import { EventChange, EventSnapshot } from '../live/event-live.ts' */

document.documentElement.classList.add('js');

const root = document.getElementById('console-live');
const status = document.getElementById('console-status');
const liveState = document.querySelector('[data-live-state]');
const help = /** @type {HTMLDialogElement | null} */ (document.getElementById('shortcuts'));

if (root) start(root);

/**
 * start enhances the console: its lists are in `root`, which says the event's code and the list shown.
 *
 * @param {HTMLElement} root
 */
function start(root) {
  const code = root.dataset.console ?? '';
  const list = root.dataset.list ?? '';
  /** @param {string} name */
  const message = (name) => root.getAttribute(`data-msg-${name}`) || '';
  const reasons = ['spam', 'abuse', 'personal-data', 'duplicate', 'off-topic'];
  /** @type {string | null} the question whose reason for hiding is being chosen (h, then 1–5) */
  let hideFor = null;
  /** @type {string | null} the question to merge once m is pressed again */
  let mergeFrom = null;
  let refreshWanted = false;
  let refreshing = false;
  /** @type {string | null} */
  let lastFragment = null;
  /** @type {number | null} */
  let version = null;

  /**
   * say shows what happened in the status region, which screen readers announce.
   *
   * @param {string} text
   * @param {'good' | 'bad' | 'info'} [kind]
   */
  const say = (text, kind = 'good') => {
    const box = document.createElement('div');
    box.className = kind === 'info' ? 'notice' : `notice ${kind}`;
    const p = document.createElement('p');
    p.textContent = text;
    box.append(p);
    status?.replaceChildren(box);
  };

  /** @returns {HTMLElement[]} */
  const cards = () => [...root.querySelectorAll('.mq')].filter((card) => card instanceof HTMLElement);
  /** @returns {HTMLElement | null} */
  const focused = () => /** @type {HTMLElement | null} */ (document.activeElement?.closest?.('.mq') ?? null);
  /** @param {HTMLElement | undefined} card */
  const focusCard = (card) => {
    if (!card) return;
    card.focus({ preventScroll: true });
    card.scrollIntoView({ block: 'nearest' });
  };
  /** @param {number} step */
  const move = (step) => {
    const all = cards();
    if (all.length === 0) return;
    const card = focused();
    const index = card ? all.indexOf(card) : -1;
    const next = index === -1 ? (step > 0 ? 0 : all.length - 1) : Math.min(all.length - 1, Math.max(0, index + step));
    focusCard(all[next]);
  };
  /**
   * formFor is the console's form for one decision on one question, if the question allows it.
   *
   * @param {string | null | undefined} qid
   * @param {string} action
   * @returns {HTMLFormElement | null}
   */
  const formFor = (qid, action) =>
    qid ? root.querySelector(`form[data-qid="${CSS.escape(qid)}"][data-action="${action}"]`) : null;
  /** @returns {HTMLDetailsElement[]} */
  const openChoices = () => /** @type {HTMLDetailsElement[]} */ ([...root.querySelectorAll('details.mq-hide[open]')]);

  const cancelChoices = () => {
    if (hideFor) for (const d of openChoices()) d.open = false;
    hideFor = null;
    mergeFrom = null;
    if (refreshWanted) refresh();
  };

  /**
   * send posts a console form as moderate.js does: url-encoded, asking for JSON; the page stays where it is.
   *
   * @param {HTMLFormElement} form
   * @param {HTMLElement | null} submitter the button pressed, whose name and value go with the form
   */
  const send = async (form, submitter) => {
    const body = new URLSearchParams();
    for (const [name, value] of new FormData(form)) if (typeof value === 'string') body.append(name, value);
    const pressed = submitter instanceof HTMLButtonElement || submitter instanceof HTMLInputElement ? submitter : null;
    if (pressed?.name) body.set(pressed.name, pressed.value);
    let response;
    try {
      response = await fetch(form.action, {
        method: 'POST',
        body,
        headers: { accept: 'application/json' },
        credentials: 'same-origin',
      });
    } catch {
      say(message('network'), 'bad');
      return;
    }
    /** @type {{ message?: string, detail?: string, title?: string } | null} */
    let answer = null;
    try {
      answer = await response.json();
    } catch {
      // An answer that is not JSON (a proxy's error page): say what we know.
    }
    if (response.ok) say(answer?.message ?? '', 'good');
    else say(answer?.detail ?? answer?.title ?? `HTTP ${response.status}`, 'bad');
    hideFor = null;
    mergeFrom = null;
    await refresh(true);
  };

  /** @param {string} action */
  const act = (action) => {
    const card = focused();
    if (!card) return;
    const form = formFor(card.dataset.qid, action);
    if (!form) {
      say(message('not-possible'), 'bad');
      return;
    }
    send(form, null);
  };

  const openHide = () => {
    const card = focused();
    if (!card) return;
    const qid = card.dataset.qid;
    if (!formFor(qid, 'hide')) {
      say(message('not-possible'), 'bad');
      return;
    }
    hideFor = qid ?? null;
    /** @type {HTMLDetailsElement | null} */
    const details = card.querySelector('details.mq-hide');
    if (details) details.open = true;
    say(message('hide-open'), 'info');
  };

  /** @param {number} digit */
  const hideWith = (digit) => {
    const form = formFor(hideFor, 'hide');
    const reason = reasons[digit - 1];
    /** @type {HTMLButtonElement | null | undefined} */
    const button = form?.querySelector(`button[name="reason"][value="${reason}"]`);
    if (!form || !button) return;
    send(form, button);
  };

  const merge = () => {
    const card = focused();
    if (!card) return;
    const first = card.dataset.groupFirst;
    if (!first) return say(message('no-group'), 'bad');
    if (first === card.dataset.qid) return say(message('merge-first'), 'bad');
    if (mergeFrom !== card.dataset.qid) {
      mergeFrom = card.dataset.qid ?? null;
      return say(message('merge-confirm'), 'info');
    }
    const groupForm = root.querySelector(`form[data-merge-form] [data-qid="${CSS.escape(first)}"]`)?.closest('form');
    /** @type {HTMLInputElement | null} */
    const csrf = document.querySelector('input[name="_csrf"]');
    const token = csrf?.value ?? '';
    const form = document.createElement('form');
    form.action = `/moderate/${encodeURIComponent(code)}/merge`;
    for (const [name, value] of [
      ['_csrf', token],
      ['from', mergeFrom],
      ['into', first],
      ['list', list],
      ['at', groupForm?.id ?? 'groups'],
    ]) {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.value = value ?? '';
      form.append(input);
    }
    send(form, null);
  };

  /**
   * refresh fetches the console's changing part again and swaps it in, keeping the focused question focused (or the
   * one now in its place) and an open choice of reason open. It waits while the moderator is choosing something.
   */
  const refresh = async (now = false) => {
    const busy = hideFor || mergeFrom || typing();
    if ((busy && !now) || refreshing) {
      refreshWanted = true;
      return;
    }
    refreshing = true;
    refreshWanted = false;
    try {
      const response = await fetch(`/moderate/${encodeURIComponent(code)}/fragment?list=${encodeURIComponent(list)}`, {
        credentials: 'same-origin',
        headers: { accept: 'text/html' },
      });
      if (!response.ok) return;
      const text = await response.text();
      if (text === lastFragment) return;
      lastFragment = text;
      const card = focused();
      const id = card?.id;
      const index = card ? cards().indexOf(card) : -1;
      const open = openChoices().map((d) => d.dataset.hideFor ?? '');
      root.innerHTML = text;
      for (const qid of open) {
        /** @type {HTMLDetailsElement | null} */
        const details = root.querySelector(`details.mq-hide[data-hide-for="${CSS.escape(qid)}"]`);
        if (details) details.open = true;
      }
      if (card) {
        const again = (id && document.getElementById(id)) || cards()[Math.min(index, cards().length - 1)];
        if (again) again.focus({ preventScroll: true });
      }
    } catch {
      // The next change tries again.
    } finally {
      refreshing = false;
      if (refreshWanted) setTimeout(() => refresh(), 250);
    }
  };

  /** typing tells whether the moderator is typing or choosing in a field of the console. */
  const typing = () => {
    const active = document.activeElement;
    return !!active && root.contains(active) && active.matches('input, select, textarea');
  };

  root.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || form.method.toLowerCase() !== 'post') return;
    event.preventDefault();
    send(form, event.submitter);
  });
  // Keeping a wording cannot also merge it: untick its own box when it becomes the kept one.
  root.addEventListener('change', (event) => {
    const radio = event.target;
    if (!(radio instanceof HTMLInputElement) || radio.name !== 'into' || !radio.checked) return;
    for (const box of radio.form?.querySelectorAll('input[name="from"]') ?? []) {
      if (box instanceof HTMLInputElement && box.value === radio.value) box.checked = false;
    }
  });
  root.addEventListener('focusout', () =>
    setTimeout(() => {
      if (refreshWanted && !typing()) refresh();
    }, 0),
  );

  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target instanceof HTMLElement && (target.isContentEditable || target.matches('input, select, textarea')))
      return;
    if (help?.open) return;
    const key = event.key;
    if (hideFor && /^[1-5]$/.test(key)) {
      event.preventDefault();
      hideWith(Number(key));
      return;
    }
    const onCard =
      !target || target === document.body || (target instanceof Element && target.classList.contains('mq'));
    /** @type {Record<string, () => void>} */
    const handlers = {
      j: () => move(1),
      k: () => move(-1),
      a: () => act('approve'),
      h: openHide,
      r: () => act('restore'),
      p: () => {
        const card = focused();
        if (card) act(formFor(card.dataset.qid, 'unpin') ? 'unpin' : 'pin');
      },
      d: () => act('answer'),
      m: merge,
      '?': () => help?.showModal?.(),
      Escape: cancelChoices,
    };
    if ((key === 'ArrowDown' || key === 'ArrowUp') && onCard) {
      event.preventDefault();
      move(key === 'ArrowDown' ? 1 : -1);
      return;
    }
    const handler = Object.hasOwn(handlers, key) ? handlers[key] : undefined;
    if (!handler) return;
    if (key !== 'm' && key !== 'Escape') mergeFrom = null;
    if (key !== 'h' && key !== 'Escape') hideFor = null;
    event.preventDefault();
    handler();
  });

  document.querySelector('[data-shortcuts-open]')?.addEventListener('click', () => help?.showModal?.());

  const target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
  if (target?.classList.contains('mq')) target.focus();

  if (typeof EventSource === 'function') {
    /** @type {EventSource | null} */
    let source = null;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    let retryTimer;
    const connect = () => {
      if (source) return;
      // changes=1: a whole state first, then only what changed. The console needs neither: each new state (a `state`
      // or a `change`) only tells it to fetch its own fragment again, so a missed state needs no resynchronising.
      source = new EventSource(`/e/${encodeURIComponent(code)}/live?changes=1`);
      source.addEventListener('open', () => liveState && (liveState.textContent = message('live-on')));
      source.addEventListener('error', () => {
        if (liveState) liveState.textContent = message('live-off');
        // Refused (a node at its stream limit, a proxy's error page): the browser will not retry, so the console does,
        // refreshing its lists each time so that moderators keep working.
        if (source && source.readyState === EventSource.CLOSED) {
          source = null;
          clearTimeout(retryTimer);
          retryTimer = setTimeout(
            () => {
              refresh();
              if (!document.hidden) connect();
            },
            10_000 + Math.random() * 10_000,
          );
        }
      });
      /** @param {MessageEvent<string>} event */
      const heard = (event) => {
        /** @type {EventSnapshot | EventChange | null} */
        let state;
        try {
          state = JSON.parse(event.data);
        } catch {
          return;
        }
        if (state?.version !== undefined && state.version === version) return;
        version = state?.version ?? null;
        refresh();
      };
      source.addEventListener('state', heard);
      source.addEventListener('change', heard);
    };
    const disconnect = () => {
      source?.close();
      source = null;
      clearTimeout(retryTimer);
    };
    document.addEventListener('visibilitychange', () => {
      if (document.hidden) return disconnect();
      connect();
      refresh();
    });
    if (!document.hidden) connect();
  }
}
