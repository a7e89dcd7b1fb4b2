// event.js enhances a participant's event page. Without it the page works as plain forms; with it: a character counter
// for the question, suggestions of similar questions while typing, votes without reloading, and the counters, the
// question being answered and the list shown kept live from /e/<code>/live?changes=1 (Server-Sent Events; each whole
// state rebuilt from the changes by live-state.js).

import { applyChange, isState } from './live-state.js';

const root = document.querySelector('[data-event]');
if (root) start(root);

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function start(root) {
  const code = root.getAttribute('data-event');
  const strings = parseJson(root.getAttribute('data-strings')) || {};
  const lang = document.documentElement.lang || undefined;
  const number = new Intl.NumberFormat(lang);
  const plural = new Intl.PluralRules(lang);
  const zone = root.getAttribute('data-zone') || 'UTC';
  const pow = root.getAttribute('data-pow') === '1';
  let hasVoter = root.getAttribute('data-has-voter') === '1';
  let closed = root.getAttribute('data-phase') === 'closed';
  const listName = root.getAttribute('data-list');
  const firstPage = root.getAttribute('data-page') === '1';
  const voted = new Set(
    [...document.querySelectorAll('[data-question][data-voted="1"]')].map((li) => li.getAttribute('data-question')),
  );
  let clock = null;

  /** counted writes a count in the right plural form of a message ({#} marks the number). */
  const counted = (forms, n) => {
    const form = (forms && (forms[plural.select(n)] ?? forms.other)) || '{#}';
    return form.replace('{#}', number.format(n));
  };

  // --- The character counter -------------------------------------------------------------------------------------
  const textarea = document.querySelector('form[data-ask-form] textarea[name="text"]');
  const counter = document.querySelector('[data-counter]');
  if (textarea && counter) {
    const max = Number(textarea.getAttribute('data-max')) || 0;
    const update = () => {
      // Counted as the server counts: line ends as \n, NFC, trimmed, in characters (not UTF-16 units).
      const length = [...textarea.value.replace(/\r\n?/g, '\n').normalize('NFC').trim()].length;
      const over = max > 0 && length > max;
      counter.textContent = over
        ? counted(strings.counterOver, length - max)
        : (strings.counter || '{#}').replace('{#}', number.format(length));
      counter.classList.toggle('over', over);
    };
    textarea.addEventListener('input', update);
    if (textarea.value) update();
  }

  // --- Votes without reloading --------------------------------------------------------------------------------------
  /**
   * setVoted shows one question element as voted for (or not). In the lists its control is a form (which works without
   * JavaScript); among the suggestions, which only JavaScript shows, a button inside the ask form.
   */
  const setVoted = (element, id, isVoted) => {
    element.setAttribute('data-voted', isVoted ? '1' : '0');
    element.classList.toggle('is-voted', isVoted);
    const form = element.querySelector('form[data-vote-form]');
    const button = form ? form.querySelector('button') : element.querySelector('button[data-vote]');
    if (!button) return;
    const status = element.getAttribute('data-status') || 'published';
    if (!isVoted && status !== 'published') {
      (form || button).remove();
      return;
    }
    if (form) form.action = `/e/${code}/questions/${encodeURIComponent(id)}/${isVoted ? 'unvote' : 'vote'}`;
    button.textContent = isVoted ? strings.unvote : strings.vote;
    button.className = isVoted ? 'vote-button secondary' : 'vote-button';
    let mark = element.querySelector('.voted-mark');
    if (isVoted && !mark) {
      mark = document.createElement('span');
      mark.className = 'voted-mark';
      mark.textContent = strings.voted;
      button.before(mark, ' ');
    } else if (!isVoted && mark) mark.remove();
  };

  /** showVotes writes a question's count wherever it is on the page. */
  const showVotes = (id, votes) => {
    for (const element of document.querySelectorAll(`[data-question="${CSS.escape(id)}"]`)) {
      const tally = element.querySelector('[data-votes]');
      if (tally) tally.textContent = number.format(votes);
      const word = element.querySelector('[data-votes-word]');
      if (word) word.textContent = counted(strings.votesWord, votes);
      const label = element.querySelector('[data-votes-label]');
      if (label) label.textContent = counted(strings.votes, votes);
    }
    const pinned = document.querySelector('[data-pinned]');
    if (pinned && pinned.getAttribute('data-pinned') === id)
      pinned.querySelector('[data-pinned-votes]').textContent = counted(strings.votes, votes);
  };

  const markVoted = (id, isVoted) => {
    if (isVoted) voted.add(id);
    else voted.delete(id);
    for (const element of document.querySelectorAll(`[data-question="${CSS.escape(id)}"]`))
      setVoted(element, id, isVoted);
  };

  let busy = 0;
  /** vote casts or takes back this browser's vote through the API; it tells whether the page could show the outcome. */
  const vote = async (id, unvote, button, where) => {
    if (button.getAttribute('aria-busy') === 'true') return true;
    button.setAttribute('aria-busy', 'true');
    busy++;
    where.querySelector('.vote-error')?.remove();
    try {
      const body = {};
      if (!unvote && !hasVoter && pow) {
        const solution = await solveProofOfWork();
        if (solution) body.altcha = solution;
      }
      const response = await fetch(`/api/events/${code}/questions/${encodeURIComponent(id)}/vote`, {
        method: unvote ? 'DELETE' : 'POST',
        credentials: 'same-origin',
        headers: unvote
          ? { accept: 'application/json' }
          : { 'content-type': 'application/json', accept: 'application/json' },
        body: unvote ? undefined : JSON.stringify(body),
      });
      const result = await response.json().catch(() => null);
      if (response.ok && result) {
        hasVoter = true;
        for (const which of new Set([id, result.question || id])) {
          markVoted(which, !unvote);
          showVotes(which, result.votes);
        }
        return true;
      }
      if (response.status === 409 && result && result.code === 'already-voted') {
        markVoted(id, true);
        return true;
      }
      if (response.status >= 500 || response.status === 429 || !result) throw new Error('vote failed');
      // Anything else (the question was hidden, the event closed) the server says best on a page of its own.
      return false;
    } catch {
      const note = document.createElement('p');
      note.className = 'vote-error';
      note.setAttribute('role', 'alert');
      note.textContent = strings.voteFailed;
      where.append(note);
      return true;
    } finally {
      button.removeAttribute('aria-busy');
      busy--;
    }
  };

  document.addEventListener('submit', async (event) => {
    const form =
      event.target instanceof HTMLFormElement && event.target.matches('form[data-vote-form]') ? event.target : null;
    if (!form) return;
    event.preventDefault();
    const unvote = /\/unvote$/.test(form.getAttribute('action') || form.action);
    const shown = await vote(form.getAttribute('data-vote-form'), unvote, form.querySelector('button'), form);
    if (!shown) form.submit();
  });

  document.addEventListener('click', async (event) => {
    const button = event.target instanceof Element ? event.target.closest('button[data-vote]') : null;
    if (!button) return;
    const item = button.closest('[data-question]');
    await vote(
      button.getAttribute('data-vote'),
      item?.getAttribute('data-voted') === '1',
      button,
      item || button.parentElement,
    );
  });

  /**
   * solveProofOfWork answers an ALTCHA challenge (SPEC: ALTCHA v1, as src/web/proof-of-work.ts checks it) so that a
   * browser's first vote is given its voter token under the higher limit. Without WebCrypto (plain HTTP away from
   * localhost) it gives up, and the vote counts against the lower limit instead.
   */
  async function solveProofOfWork() {
    if (!globalThis.crypto || !crypto.subtle) return null;
    try {
      const response = await fetch('/api/pow/challenge', {
        headers: { accept: 'application/json' },
        credentials: 'same-origin',
      });
      if (!response.ok) return null;
      const c = await response.json();
      const encoder = new TextEncoder();
      const hex = (buffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
      for (let from = 0; from <= c.maxnumber; from += 1000) {
        const batch = [];
        for (let n = from; n < Math.min(from + 1000, c.maxnumber + 1); n++)
          batch.push(crypto.subtle.digest('SHA-256', encoder.encode(`${c.salt}${n}`)));
        const hashes = await Promise.all(batch);
        const at = hashes.findIndex((h) => hex(h) === c.challenge);
        if (at !== -1) {
          const solution = {
            algorithm: c.algorithm,
            challenge: c.challenge,
            number: from + at,
            salt: c.salt,
            signature: c.signature,
          };
          return btoa(JSON.stringify(solution));
        }
      }
    } catch {
      return null;
    }
    return null;
  }

  // --- Suggestions while typing ---------------------------------------------------------------------------------------
  const box = document.querySelector('[data-suggestions]');
  if (textarea && box) {
    let timer = null;
    let controller = null;
    let shown = '';
    let asked = '';
    const lookUp = async () => {
      const text = textarea.value.trim();
      if ([...text].length < 12) {
        show([]);
        return;
      }
      if (text === asked) return;
      asked = text;
      controller?.abort();
      controller = new AbortController();
      try {
        const response = await fetch(`/e/${code}/similar?text=${encodeURIComponent(text.slice(0, 2100))}`, {
          headers: { accept: 'application/json' },
          credentials: 'same-origin',
          signal: controller.signal,
        });
        if (!response.ok) return;
        const result = await response.json();
        show(Array.isArray(result.similar) ? result.similar : []);
      } catch {
        // A lookup aborted by newer typing, or a network hiccup: the form works without suggestions.
      }
    };
    const show = (questions) => {
      const ids = questions.map((q) => `${q.id}:${q.votes}`).join(',');
      if (ids === shown) return;
      shown = ids;
      if (questions.length === 0) {
        box.replaceChildren();
        return;
      }
      const heading = document.createElement('h3');
      heading.textContent = strings.similarHeading;
      const hint = document.createElement('p');
      hint.textContent = strings.similarHint;
      const list = document.createElement('ul');
      for (const q of questions) list.append(suggestion(q));
      box.replaceChildren(heading, hint, list);
    };
    const suggestion = (q) => {
      const item = document.createElement('li');
      item.setAttribute('data-question', q.id);
      item.setAttribute('data-status', q.status);
      const text = document.createElement('p');
      text.id = `qs-${q.id}`;
      text.textContent = `${q.text ?? ''} `;
      const label = document.createElement('span');
      label.className = 'muted small';
      label.setAttribute('data-votes-label', '');
      label.textContent = counted(strings.votes, q.votes);
      text.append(label);
      item.append(text);
      if (!closed && (q.status === 'published' || q.voted)) {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'vote-button';
        button.setAttribute('data-vote', q.id);
        button.setAttribute('aria-describedby', `qs-${q.id}`);
        item.append(button);
        setVoted(item, q.id, voted.has(q.id) || q.voted);
      }
      return item;
    };
    textarea.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(lookUp, 300);
    });
  }

  // --- Live state ---------------------------------------------------------------------------------------------------
  const list = document.querySelector('[data-question-list]');
  const liveList = list && firstPage && ['popular', 'recent', 'answered'].includes(listName) ? list : null;
  let lastTouch = 0;
  let lastOrder = 0;
  let pending = null;
  let orderTimer = null;
  if (list)
    for (const type of ['pointerdown', 'keydown', 'focusin'])
      list.addEventListener(type, () => {
        lastTouch = Date.now();
      });

  /** applyState shows the newest state: counters and the question being answered at once, the list's order at most every few seconds. */
  const applyState = (state) => {
    const counts = state.counts || {};
    const hidden = Object.values(counts.hidden || {}).reduce((sum, n) => sum + Number(n), 0);
    for (const element of document.querySelectorAll('[data-count]')) {
      const which = element.getAttribute('data-count');
      const value = which === 'hidden' ? hidden : counts[which];
      if (Number.isFinite(value)) element.textContent = counted(parseJson(element.getAttribute('data-forms')), value);
    }
    showHiddenSummary(counts.hidden || {});
    showPinned(state.pinned || null);
    for (const name of ['popular', 'recent', 'answered']) for (const q of state[name] || []) showVotes(q.id, q.votes);
    if (state.status && state.status !== 'open' && !closed) closeNow();
    if (liveList && Array.isArray(state[listName])) {
      pending = state[listName];
      scheduleOrder();
    }
  };

  const showHiddenSummary = (byReason) => {
    const element = document.querySelector('[data-hidden-summary]');
    if (!element) return;
    const forms = parseJson(element.getAttribute('data-forms')) || {};
    const parts = Object.keys(forms)
      .filter((r) => Number(byReason[r]) > 0)
      .map((r) => counted(forms[r], Number(byReason[r])));
    element.textContent =
      parts.length === 0
        ? element.getAttribute('data-none')
        : element.getAttribute('data-template').replace('{list}', parts.join(', '));
  };

  const showPinned = (q) => {
    const section = document.querySelector('[data-pinned]');
    if (!section) return;
    if (!q || q.text === null) {
      section.hidden = true;
      section.setAttribute('data-pinned', '');
      return;
    }
    if (section.getAttribute('data-pinned') !== q.id) {
      section.querySelector('[data-pinned-text]').textContent = q.text;
      section.querySelector('[data-pinned-author]').textContent = q.author ?? strings.anonymous;
    }
    section.querySelector('[data-pinned-votes]').textContent = counted(strings.votes, q.votes);
    section.setAttribute('data-pinned', q.id);
    section.hidden = false;
  };

  const closeNow = () => {
    closed = true;
    for (const form of document.querySelectorAll('form[data-vote-form]')) form.remove();
    const ask = document.querySelector('.event-ask');
    if (ask) {
      const note = document.createElement('p');
      note.className = 'notice event-ask';
      note.setAttribute('role', 'status');
      note.textContent = strings.closed;
      ask.replaceWith(note);
    }
  };

  // Re-ordering moves what is under a reader's finger: do it at most every three seconds, and not while they use the list.
  const scheduleOrder = () => {
    if (orderTimer) return;
    const now = Date.now();
    const wait = Math.max(0, lastOrder + 3000 - now, lastTouch + 2000 - now);
    orderTimer = setTimeout(() => {
      orderTimer = null;
      if (Date.now() - lastTouch < 2000 || busy > 0) {
        scheduleOrder();
        return;
      }
      if (pending) reorder(pending);
      pending = null;
      lastOrder = Date.now();
    }, wait);
  };

  const reorder = (questions) => {
    const existing = new Map([...liveList.children].map((li) => [li.getAttribute('data-question'), li]));
    const ids = new Set(questions.map((q) => q.id));
    const wanted = questions
      .filter((q) => q.text !== null)
      .map((q) => existing.get(q.id) || newItem(q))
      .filter(Boolean);
    // The live state holds the first 20 of a list: what lies beyond them on this page stays where it is.
    const rest =
      questions.length >= 20 ? [...liveList.children].filter((li) => !ids.has(li.getAttribute('data-question'))) : [];
    const order = [...wanted, ...rest];
    const current = [...liveList.children];
    if (order.length === current.length && order.every((li, i) => li === current[i])) return;
    const focused = document.activeElement;
    liveList.replaceChildren(...order);
    if (focused && liveList.contains(focused)) focused.focus({ preventScroll: true });
    document.querySelector('[data-empty]')?.toggleAttribute('hidden', order.length > 0);
  };

  const newItem = (q) => {
    const template = document.getElementById('question-template');
    const li = template?.content.firstElementChild?.cloneNode(true);
    if (!li) return null;
    li.id = `q-${q.id}`;
    li.setAttribute('data-question', q.id);
    li.setAttribute('data-status', q.status);
    const text = li.querySelector('.question-text');
    text.id = `qt-${q.id}`;
    text.textContent = q.text;
    li.querySelector('[data-author]').textContent = q.author ?? strings.anonymous;
    clock ??= new Intl.DateTimeFormat(lang, { timeZone: zone, hour: 'numeric', minute: '2-digit' });
    li.querySelector('[data-asked]').textContent = clock.format(q.askedMinute * 60_000);
    li.querySelector('[data-votes]').textContent = number.format(q.votes);
    li.querySelector('[data-votes-word]').textContent = counted(strings.votesWord, q.votes);
    if (q.status === 'answered' && strings.answered) {
      const badge = document.createElement('span');
      badge.className = 'badge';
      badge.textContent = strings.answered;
      li.querySelector('.question-meta').append(' · ', badge);
    }
    const form = li.querySelector('form[data-vote-form]');
    if (form) {
      form.setAttribute('data-vote-form', q.id);
      form.querySelector('button').setAttribute('aria-describedby', `qt-${q.id}`);
      if (closed) form.remove();
    }
    setVoted(li, q.id, voted.has(q.id));
    return li;
  };

  if (typeof EventSource === 'function' && root.getAttribute('data-phase') !== 'closed') {
    let source = null;
    /** whole is the stream's last whole state, rebuilt from each change: what the next change applies to. */
    let whole = null;
    /** shown is the version of the state on the page: a stream that begins with it again (a reconnect) brings nothing new. */
    let shown = -1;
    let retryTimer = null;
    let lastResync = 0;
    let refusals = 0;
    const connect = () => {
      if (source) return;
      clearTimeout(retryTimer);
      retryTimer = null;
      whole = null;
      // changes=1: after the first whole state, only what changed (a vote costs a phone a kilobyte, not every text).
      source = new EventSource(`/e/${code}/live?changes=1`);
      const heard = (event) => {
        const data = parseJson(event.data);
        if (!data || typeof data !== 'object') return;
        if (event.type === 'state') {
          if (!isState(data)) return;
          whole = data;
        } else {
          const next = applyChange(whole, data);
          if (!next) return resync();
          whole = next;
        }
        // A stream's states come in order, and a new stream's first is the newest (versions grow across nodes): show each.
        if (whole.version === shown) return;
        shown = whole.version;
        applyState(whole);
      };
      source.addEventListener('state', heard);
      source.addEventListener('change', heard);
      source.addEventListener('open', () => {
        refusals = 0;
        liveNote(false);
      });
      source.addEventListener('error', () => {
        // The browser retries by itself unless the server refused the stream: a proxy's error page while it restarts,
        // or a node following as many viewers as it can (503). Then the page fetches the state itself and asks for
        // the stream again later: soon the first time, then every 20 to 40 seconds, spread out across phones.
        if (!source || source.readyState !== EventSource.CLOSED) return;
        refusals++;
        // Twice in a row is no restart of a proxy: say that the page now follows the event slowly.
        if (refusals > 1) liveNote(true);
        catchUp();
        later(refusals === 1 ? 5000 + Math.random() * 5000 : 20_000 + Math.random() * 20_000);
      });
    };
    const liveNote = (on) => {
      const note = document.querySelector('[data-live-note]');
      if (!note || note.hidden === !on) return;
      note.textContent = on ? strings.liveSlow : '';
      note.hidden = !on;
    };
    const catchUp = async () => {
      try {
        const response = await fetch(`/api/events/${code}/state`, { cache: 'no-store' });
        const data = response.ok ? await response.json() : null;
        if (!isState(data) || data.version <= shown || source) return;
        shown = data.version;
        applyState(data);
      } catch {
        // Offline, or the server is down: the next attempt tries again.
      }
    };
    const disconnect = () => {
      source?.close();
      source = null;
      clearTimeout(retryTimer);
      retryTimer = null;
    };
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
}
