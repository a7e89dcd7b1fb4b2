import { html, raw, type Html } from './html.ts';
import type { ViewContext } from '../view-context.ts';
import { languageNames, languages, type Language, type Translate } from '../../i18n/i18n.ts';
import { numberFormat, pluralRules } from '../../i18n/formats.ts';
import { hiddenReasons } from '../../domain/question-states.ts';
import type { QuestionView } from '../../read/question-view.ts';
import type { EventSnapshot } from '../live/event-live.ts';

/** ScreenEvent is what the big screen shows of the event itself, beside its live state. */
export interface ScreenEvent {
  title: string;
  addressee: string;
  moderation: 'before' | 'after';
}

/** topPageSize is how many top questions the screen shows at once; the arrow keys page through the rest. */
export const topPageSize = 5;

/** lengthClass sorts a question's text by length, so that a long one is set smaller and still fits the screen. */
export function lengthClass(text: string | null): 's' | 'm' | 'l' | 'xl' {
  const n = text === null ? 0 : [...text].length;
  return n <= 90 ? 's' : n <= 180 ? 'm' : n <= 320 ? 'l' : 'xl';
}

/**
 * eventScreen renders the big screen of an event for a projector: the question being answered, the top questions,
 * live counters, and the join code with its QR code. It is complete as sent (without JavaScript it refreshes every
 * 30 s); screen.js then follows the live stream and applies each new state in place. It has its own minimal frame.
 */
export function eventScreen(
  ctx: ViewContext,
  event: ScreenEvent,
  state: EventSnapshot,
  link: string,
  qr: string,
): Html {
  const t = ctx.t;
  const number = numberFormat(ctx.lang);
  const address = link.replace(/^https?:\/\//, '');
  const joinAddress = address.replace(/\/[^/]*$/, '');
  const top = state.popular.filter((q) => q.id !== state.pinned?.id);
  const strings = screenStrings(t, ctx.lang);
  return html`<!doctype html>
<html lang="${ctx.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${t('screen.page-title', { title: event.title })} · ${t('site.name')}</title>
<noscript><meta http-equiv="refresh" content="30"></noscript>
<link rel="stylesheet" href="/assets/screen.css">
<link rel="icon" href="/assets/icon.svg" type="image/svg+xml">
<script type="module" src="/assets/screen.js"></script>
</head>
<body>
<main class="screen" id="screen" data-code="${state.code}" data-version="${state.version}" data-strings="${JSON.stringify(strings)}">
  <header class="screen-head">
    <h1 class="screen-title">${event.title}</h1>
    <p class="screen-sub"><span class="screen-addressee">${t('screen.questions-to', { addressee: event.addressee })}</span>
      <span class="screen-closed" data-closed ${state.status === 'closed' ? '' : raw('hidden')}>${t('screen.closed')}</span></p>
  </header>

  <section class="now${state.pinned ? '' : ' is-empty'}" aria-labelledby="now-heading" data-now>
    <h2 id="now-heading" class="label">${t('screen.now-answering')}</h2>
    <div aria-live="polite" aria-atomic="true" data-now-body>${nowBody(t, number, state.pinned)}</div>
  </section>

  <section class="top" aria-labelledby="top-heading" data-top>
    <h2 id="top-heading" class="label">${t('screen.top')} <span class="top-page" data-top-page hidden></span></h2>
    <ol class="top-list" data-top-list>${top.slice(0, topPageSize).map((q, i) => topItem(t, number, q, i + 1))}</ol>
    <p class="top-empty" data-top-empty ${top.length === 0 ? '' : raw('hidden')}>${t('screen.no-questions')}</p>
  </section>

  <div class="side">
    <aside class="join" aria-labelledby="join-heading" data-join>
      <h2 id="join-heading" class="label">${t('screen.join-heading')}</h2>
      <div class="join-qr" role="img" aria-label="${t('screen.qr-label', { link: address })}">${raw(qr.replace(/role="img" aria-label="QR" /, 'aria-hidden="true" '))}</div>
      <p class="join-go">${t('screen.join-go')} <strong class="join-address">${joinAddress}</strong> ${t('screen.join-enter')}</p>
      <p class="join-code" translate="no"><span>${state.code.slice(0, 3)}</span><span>${state.code.slice(3)}</span></p>
    </aside>

    <section class="counters" aria-labelledby="counters-heading">
      <h2 id="counters-heading" class="visually-hidden">${t('screen.counts-heading')}</h2>
      <dl class="counter-list">
        ${counter(t, number, 'asked', state.counts.asked)}
        ${counter(t, number, 'votes', state.counts.votes)}
        ${counter(t, number, 'answered', state.counts.answered)}
        ${event.moderation === 'before' || state.counts.pending > 0 ? counter(t, number, 'pending', state.counts.pending) : ''}
        <div class="counter counter-hidden" data-counter="hidden">
          <dt>${plural(t, 'screen.count-hidden', hiddenTotal(state))}</dt>
          <dd><span class="counter-n" data-n>${number.format(hiddenTotal(state))}</span></dd>
        </div>
      </dl>
      <p class="hidden-reasons" data-reasons>${hiddenBreakdown(t, number, state)}</p>
    </section>
  </div>

  <div class="notes">
    <p class="note" role="status" data-reconnecting hidden>${t('screen.reconnecting')}</p>
    <p class="note" data-help-hint hidden>${t('screen.help-hint')}</p>
  </div>
  <div class="help" role="dialog" aria-modal="true" aria-labelledby="help-heading" tabindex="-1" data-help hidden>
    <h2 id="help-heading">${t('screen.help-heading')}</h2>
    <dl>
      <dt><kbd>F</kbd></dt><dd>${t('screen.help-fullscreen')}</dd>
      <dt><kbd>Q</kbd></dt><dd>${t('screen.help-join')}</dd>
      <dt><kbd>T</kbd></dt><dd>${t('screen.help-top')}</dd>
      <dt><kbd>+</kbd> <kbd>−</kbd></dt><dd>${t('screen.help-size')}</dd>
      <dt><kbd>←</kbd> <kbd>→</kbd></dt><dd>${t('screen.help-pages')}</dd>
      <dt><kbd>?</kbd> <kbd>H</kbd></dt><dd>${t('screen.help-help')}</dd>
    </dl>
    <p class="help-languages">${t('screen.help-language')}
      ${languages.map((l) => (l === ctx.lang ? html`<strong lang="${l}">${languageNames[l]}</strong>` : html`<a href="?lang=${l}" lang="${l}" hreflang="${l}">${languageNames[l]}</a>`))}</p>
    <button type="button" class="help-close" data-help-close>${t('screen.help-close')} <kbd>Esc</kbd></button>
  </div>
</main>
</body>
</html>`;
}

function nowBody(t: Translate, number: Intl.NumberFormat, pinned: QuestionView | null): Html {
  if (!pinned) return html`<p class="now-empty">${t('screen.nothing-pinned')}</p>`;
  const text = pinned.text ?? t('screen.withheld', { reason: t(`screen.reason.${pinned.hiddenReason ?? 'spam'}`) });
  return html`<blockquote class="now-text" data-length="${lengthClass(pinned.text)}" data-id="${pinned.id}"><p>${text}</p></blockquote>
    <p class="now-meta"><span>${pinned.author ?? t('screen.anonymous')}</span> · <span data-now-votes>${number.format(pinned.votes)} ${plural(t, 'screen.votes-word', pinned.votes)}</span></p>`;
}

function topItem(t: Translate, number: Intl.NumberFormat, q: QuestionView, rank: number): Html {
  return html`<li class="top-item" data-id="${q.id}">
      <span class="rank">${number.format(rank)}</span>
      <p class="top-text">${q.text}</p>
      <p class="top-votes"><span class="top-n">${number.format(q.votes)}</span> <span class="top-w">${plural(t, 'screen.votes-word', q.votes)}</span></p>
    </li>`;
}

function counter(
  t: Translate,
  number: Intl.NumberFormat,
  name: 'asked' | 'votes' | 'answered' | 'pending',
  count: number,
): Html {
  return html`<div class="counter" data-counter="${name}">
        <dt>${plural(t, `screen.count-${name}`, count)}</dt>
        <dd><span class="counter-n" data-n>${number.format(count)}</span></dd>
      </div>`;
}

function hiddenTotal(state: EventSnapshot): number {
  return Object.values(state.counts.hidden).reduce((sum, n) => sum + n, 0);
}

function hiddenBreakdown(t: Translate, number: Intl.NumberFormat, state: EventSnapshot): Html[] {
  return hiddenReasons
    .filter((reason) => (state.counts.hidden[reason] ?? 0) > 0)
    .map(
      (reason) =>
        html`<span class="reason" data-reason="${reason}">${t(`screen.reason.${reason}`)} <b>${number.format(state.counts.hidden[reason])}</b></span>`,
    );
}

function plural(t: Translate, key: string, count: number): string {
  return t(key, { count });
}

/**
 * screenStrings are the words screen.js needs to render a new state as the server would: each plural message in
 * every form the language has (chosen in the browser by Intl.PluralRules), and the reasons' names.
 */
export function screenStrings(t: Translate, lang: Language) {
  const samples: Record<string, number> = {};
  // One count of each plural category the language has: the browser picks the category, the server wrote its words.
  for (const n of [0, 1, 2, 5, 1.5, 21, 22, 25, 100]) {
    const category = pluralRules(lang).select(n);
    if (!(category in samples)) samples[category] = n;
  }
  const forms = (key: string) =>
    Object.fromEntries(Object.entries(samples).map(([category, n]) => [category, t(key, { count: n })]));
  return {
    anonymous: t('screen.anonymous'),
    withheld: t('screen.withheld', { reason: '{reason}' }),
    nothingPinned: t('screen.nothing-pinned'),
    range: t('screen.top-range', { first: '{first}', last: '{last}', total: '{total}' }),
    votes: forms('screen.votes-word'),
    counters: {
      asked: forms('screen.count-asked'),
      votes: forms('screen.count-votes'),
      answered: forms('screen.count-answered'),
      pending: forms('screen.count-pending'),
      hidden: forms('screen.count-hidden'),
    },
    reasons: Object.fromEntries(hiddenReasons.map((reason) => [reason, t(`screen.reason.${reason}`)])),
  };
}

/** ScreenStrings are the words screen.js writes on the big screen (its root's data-strings). */
export type ScreenStrings = ReturnType<typeof screenStrings>;
