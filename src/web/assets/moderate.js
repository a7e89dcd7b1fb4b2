// moderate.js makes the moderator console fast: keyboard shortcuts, decisions sent without leaving the page, and the
// lists kept current from the event's live stream. Without it every decision is a plain form POST and a redirect back.
//
// Keys (outside text fields): j/k or the arrows move between questions; a approve; h hide, then 1–5 for the reason;
// r restore; p pin or unpin; d mark answered; m twice merges into the first question of its group; ? shows the help.

document.documentElement.classList.add('js');

const root = document.getElementById('console-live');
const status = document.getElementById('console-status');
const liveState = document.querySelector('[data-live-state]');
const help = document.getElementById('shortcuts');

if (root) start(root);

function start(root) {
  const code = root.dataset.console;
  const list = root.dataset.list;
  const message = (name) => root.getAttribute(`data-msg-${name}`) || '';
  const reasons = ['spam', 'abuse', 'personal-data', 'duplicate', 'off-topic'];
  let hideFor = null;
  let mergeFrom = null;
  let refreshWanted = false;
  let refreshing = false;
  let lastFragment = null;
  let version = null;

  /** say shows what happened in the status region, which screen readers announce. */
  const say = (text, kind = 'good') => {
    const box = document.createElement('div');
    box.className = kind === 'info' ? 'notice' : `notice ${kind}`;
    const p = document.createElement('p');
    p.textContent = text;
    box.append(p);
    status.replaceChildren(box);
  };

  const cards = () => [...root.querySelectorAll('.mq')];
  const focused = () => document.activeElement?.closest?.('.mq') ?? null;
  const focusCard = (card) => {
    if (!card) return;
    card.focus({ preventScroll: true });
    card.scrollIntoView({ block: 'nearest' });
  };
  const move = (step) => {
    const all = cards();
    if (all.length === 0) return;
    const index = all.indexOf(focused());
    const next = index === -1 ? (step > 0 ? 0 : all.length - 1) : Math.min(all.length - 1, Math.max(0, index + step));
    focusCard(all[next]);
  };
  const formFor = (qid, action) => root.querySelector(`form[data-qid="${CSS.escape(qid)}"][data-action="${action}"]`);

  const cancelChoices = () => {
    if (hideFor) for (const d of root.querySelectorAll('details.mq-hide[open]')) d.open = false;
    hideFor = null;
    mergeFrom = null;
    if (refreshWanted) refresh();
  };

  /** send posts a console form as moderate.js does: url-encoded, asking for JSON; the page stays where it is. */
  const send = async (form, submitter) => {
    const body = new URLSearchParams(new FormData(form));
    if (submitter?.name) body.set(submitter.name, submitter.value);
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
    hideFor = qid;
    const details = card.querySelector('details.mq-hide');
    if (details) details.open = true;
    say(message('hide-open'), 'info');
  };

  const hideWith = (digit) => {
    const form = formFor(hideFor, 'hide');
    const reason = reasons[digit - 1];
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
      mergeFrom = card.dataset.qid;
      return say(message('merge-confirm'), 'info');
    }
    const groupForm = root.querySelector(`form[data-merge-form] [data-qid="${CSS.escape(first)}"]`)?.closest('form');
    const token = document.querySelector('input[name="_csrf"]')?.value ?? '';
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
      input.value = value;
      form.append(input);
    }
    send(form, null);
  };

  /**
   * refresh fetches the console's changing part again and swaps it in, keeping the focused question focused (or the
   * one now in its place) and an open choice of reason open. It waits while the moderator is choosing something.
   */
  const refresh = async (now = false) => {
    const busy =
      hideFor ||
      mergeFrom ||
      (root.contains(document.activeElement) && document.activeElement.matches('input, select, textarea'));
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
      const open = [...root.querySelectorAll('details.mq-hide[open]')].map((d) => d.dataset.hideFor);
      root.innerHTML = text;
      for (const qid of open) {
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
      if (box.value === radio.value) box.checked = false;
    }
  });
  root.addEventListener('focusout', () =>
    setTimeout(() => {
      if (
        refreshWanted &&
        !(root.contains(document.activeElement) && document.activeElement.matches('input, select, textarea'))
      )
        refresh();
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
    const onCard = !target || target === document.body || target.classList?.contains('mq');
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
    const handler = handlers[key];
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
    let source = null;
    let retryTimer = null;
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
      const heard = (event) => {
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
