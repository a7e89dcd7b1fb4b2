import { html, paragraphs, raw, type Html } from './html.ts';
import { layout, errorSummary, fieldError } from './layout.ts';
import type { ViewContext } from '../view-context.ts';
import type { EventState } from '../../read/event-state.ts';
import type { QuestionView } from '../../read/question-view.ts';
import type { Event } from '../../domain/event.ts';
import { hiddenReasons } from '../../domain/question-states.ts';
import { numberFormat } from '../../i18n/formats.ts';
import { eventTimeRange, zoneOffset } from './event-time.ts';
import { zoneName } from '../../domain/zoned-time.ts';
import {
  altchaWidget,
  countForms,
  eventAssets,
  eventPhase,
  hiddenSummary,
  hiddenTotal,
  publicLists,
  questionItem,
  type EventPhase,
  type PublicList,
} from './event-parts.ts';

/** AskForm is what the ask form shows again after a mistake: the values and the problems. */
export interface AskForm {
  values: Record<string, string>;
  errors: Record<string, string>;
}

/** EventNotice is a message at the top of the page after a form: a question asked, or a vote refused. */
export type EventNotice = 'asked-published' | 'asked-pending' | 'already-voted' | 'no-vote' | 'cannot-vote';

/** EventPageModel is everything the event page shows. */
export interface EventPageModel {
  event: Event;
  now: number;
  list: PublicList;
  state: EventState;
  /** voted holds the questions this browser voted for. */
  voted: Set<string>;
  /** hasVoter says the browser has a voter token already (event.js then needs no proof of work to vote). */
  hasVoter: boolean;
  qr: string;
  page: number;
  more: boolean;
  form?: AskForm;
  notice?: EventNotice;
}

/** eventPage renders an event for a participant: what it is, the question being answered, the ask form and the lists. */
export function eventPage(ctx: ViewContext, m: EventPageModel): Html {
  const t = ctx.t;
  const { event } = m;
  const phase = eventPhase(event, m.now);
  const taking = phase !== 'closed';
  const { scripts, styles } = eventAssets(ctx, taking);
  return layout(
    ctx,
    event.title,
    html`
<div class="event" ${eventData(ctx, event, phase, m.hasVoter)} data-list="${m.list}" data-page="${m.page}">
${eventHead(ctx, event, phase)}
${m.notice ? noticeOf(ctx, m.notice) : ''}
${pinnedSection(ctx, m.state.pinned)}
<div class="event-body">
  ${taking ? askSection(ctx, event, m.form ?? { values: {}, errors: {} }) : html`<p class="notice event-ask" data-closed-notice>${t('event.closed-notice')}</p>`}
  ${questionsSection(ctx, m, taking)}
  ${shareSection(ctx, event, m.qr)}
</div>
</div>`,
    { description: event.title, scripts, styles, wide: true },
  );
}

/**
 * eventData are the attributes of a participant page's root that event.js reads: the event, whether this browser has
 * a voter token and proof of work is on, the event's zone, and the words it needs, already translated.
 */
export function eventData(ctx: ViewContext, event: Event, phase: EventPhase, hasVoter: boolean): Html {
  const strings = eventStrings(ctx, event.maxLength);
  return html`data-event="${event.code}" data-phase="${phase}" data-zone="${event.timeZone}" data-has-voter="${hasVoter ? '1' : '0'}" data-pow="${ctx.proofOfWork ? '1' : '0'}" data-strings="${JSON.stringify(strings)}"`;
}

/**
 * eventStrings are the words event.js needs, already translated: counts in each plural form of the language with
 * `{#}` where the number goes. event.js reads them with this type (EventStrings), so a word renamed here fails tsc.
 */
export function eventStrings(ctx: ViewContext, maxLength: number) {
  const t = ctx.t;
  const number = numberFormat(ctx.lang);
  return {
    vote: t('event.vote'),
    unvote: t('event.unvote'),
    voted: t('event.voted'),
    anonymous: t('event.anonymous'),
    answered: t('event.answered-badge'),
    votesWord: countForms(ctx, 'event.votes-word'),
    votes: countForms(ctx, 'event.votes'),
    similarHeading: t('event.similar-live-heading'),
    similarHint: t('event.similar-live-hint'),
    voteFailed: t('event.vote-failed'),
    liveSlow: t('event.live-slow'),
    counter: t('event.counter', { count: 987_654, max: maxLength }).replace(number.format(987_654), '{#}'),
    counterOver: countForms(ctx, 'event.counter-over'),
    closed: t('event.closed-now'),
  };
}

/** EventStrings are the words of a participant's page that event.js writes (the root's data-strings). */
export type EventStrings = ReturnType<typeof eventStrings>;

/** eventHead is the event's title, addressee, time in its own zone, status and description. */
export function eventHead(ctx: ViewContext, event: Event, phase: EventPhase, link = false): Html {
  const t = ctx.t;
  const start = Number(event.startsAt);
  const end = Number(event.endsAt);
  const badge =
    phase === 'open'
      ? html`<span class="badge">${t('event.status-open')}</span>`
      : phase === 'upcoming'
        ? html`<span class="badge draft">${t('event.status-upcoming')}</span>`
        : html`<span class="badge closed">${t('event.status-closed')}</span>`;
  return html`<header class="event-head">
  <p class="event-status">${badge}</p>
  <h1 lang="${event.language}">${link ? html`<a href="/e/${event.code}">${event.title}</a>` : event.title}</h1>
  <p class="addressee">${t('event.to', { addressee: event.addressee })}</p>
  <p class="event-time">${t('event.time', { range: eventTimeRange(ctx.lang, event.timeZone, start, end), offset: zoneOffset(ctx.lang, event.timeZone, start), zone: zoneName(event.timeZone) })}</p>
  ${phase === 'upcoming' ? html`<p class="small">${t('event.upcoming-note')}</p>` : ''}
  ${!link && event.description ? html`<div class="event-description" lang="${event.language}">${paragraphs(event.description)}</div>` : ''}
</header>`;
}

function noticeOf(ctx: ViewContext, notice: EventNotice): Html {
  const t = ctx.t;
  switch (notice) {
    case 'asked-published':
      return html`<p class="notice good" id="notice" role="status">${t('event.asked-published')}</p>`;
    case 'asked-pending':
      return html`<p class="notice good" id="notice" role="status">${t('event.asked-pending')}</p>`;
    case 'already-voted':
      return html`<p class="notice warn" id="notice" role="alert">${t('error.already-voted')}</p>`;
    case 'no-vote':
      return html`<p class="notice warn" id="notice" role="alert">${t('event.no-vote')}</p>`;
    case 'cannot-vote':
      return html`<p class="notice warn" id="notice" role="alert">${t('event.cannot-vote')}</p>`;
  }
}

/** pinnedSection shows the question now being answered; it is always there (hidden when none) so event.js can fill it. */
function pinnedSection(ctx: ViewContext, pinned: QuestionView | null): Html {
  const t = ctx.t;
  return html`<section class="pinned" aria-labelledby="pinned-h" data-pinned="${pinned?.id ?? ''}" ${pinned ? '' : 'hidden'}>
  <h2 id="pinned-h">${t('event.pinned-heading')}</h2>
  <div aria-live="polite">
    <p class="pinned-text" data-pinned-text>${pinned?.text ?? ''}</p>
    <p class="small pinned-meta"><span data-pinned-author>${pinned ? (pinned.author ?? t('event.anonymous')) : ''}</span> · <span data-pinned-votes>${pinned ? t('event.votes', { count: pinned.votes }) : ''}</span></p>
  </div>
</section>`;
}

function askSection(ctx: ViewContext, event: Event, form: AskForm): Html {
  return html`<section class="card event-ask" id="ask" aria-labelledby="ask-h">
  <h2 id="ask-h">${ctx.t('event.ask-heading')}</h2>
  ${askForm(ctx, event, form, false)}
</section>`;
}

/**
 * askForm is the form that asks a question. `anyway` makes it the similar-questions page's "post mine anyway" form:
 * it sends the same text and name again with `anyway=1`, and offers no suggestions while typing.
 */
export function askForm(ctx: ViewContext, event: Event, form: AskForm, anyway: boolean): Html {
  const t = ctx.t;
  const v = form.values;
  const e = form.errors;
  const max = Number(event.maxLength);
  const anonymous = Boolean(event.anonymousAllowed);
  const describedText = ['text-count', e.text ? 'text-error' : ''].filter(Boolean).join(' ');
  return html`${errorSummary(ctx, e)}
  <form method="post" action="/e/${event.code}/questions" novalidate data-ask-form>
    <input type="hidden" name="_csrf" value="${ctx.csrf}">
    ${anyway ? html`<input type="hidden" name="anyway" value="1">` : ''}
    <div class="${e.text ? 'has-error' : ''}">
      <label for="text">${anyway ? t('event.question-label-anyway') : t('event.question-label')}</label>
      <textarea id="text" name="text" rows="4" required aria-describedby="${describedText}" data-max="${max}">${v.text ?? ''}</textarea>
      <p class="small muted counter" id="text-count" data-counter>${t('event.counter-limit', { max })}</p>
      ${fieldError('text', e.text)}
    </div>
    ${anyway ? '' : html`<div class="suggestions" data-suggestions aria-live="polite"></div>`}
    <div class="${e.name ? 'has-error' : ''}">
      <label for="name">${t('event.name-label')} <span class="hint">${anonymous ? t('event.name-hint-anonymous') : t('event.name-hint-required')}</span></label>
      <input id="name" name="name" type="text" maxlength="80" autocomplete="name" value="${v.name ?? ''}" ${anonymous ? '' : 'required'} aria-describedby="${e.name ? 'name-error' : undefined}">
      ${fieldError('name', e.name)}
    </div>
    ${altchaWidget(ctx, e.altcha)}
    <button type="submit">${anyway ? t('event.ask-anyway') : t('event.ask-submit')}</button>
    ${event.moderation === 'before' ? html`<p class="small moderation-note">${t('event.moderation-before')}</p>` : ''}
    <p class="small muted">${t('event.privacy')}</p>
  </form>`;
}

function questionsSection(ctx: ViewContext, m: EventPageModel, taking: boolean): Html {
  const t = ctx.t;
  const { event, state, list } = m;
  const hidden = hiddenTotal(state.counts);
  const tab = (key: PublicList) => {
    const label =
      key === 'hidden'
        ? html`<span data-count="hidden" data-forms="${JSON.stringify(countForms(ctx, 'event.tab-hidden'))}">${t('event.tab-hidden', { count: hidden })}</span>`
        : t(`event.tab-${key}`);
    return key === list
      ? html`<a href="/e/${event.code}?list=${key}#questions" aria-current="page">${label}</a>`
      : html`<a href="/e/${event.code}?list=${key}#questions">${label}</a>`;
  };
  const long = Number(event.endsAt) - Number(event.startsAt) > 86_400_000;
  const hiddenForms = Object.fromEntries(hiddenReasons.map((r) => [r, countForms(ctx, `event.hidden-${r}`)]));
  return html`<section class="event-questions" id="questions" aria-labelledby="questions-h">
  <h2 id="questions-h">${t('event.questions-heading')}</h2>
  <p class="event-counts">
    <span data-count="asked" data-forms="${JSON.stringify(countForms(ctx, 'event.asked-count'))}">${t('event.asked-count', { count: state.counts.asked })}</span> ·
    <span data-count="votes" data-forms="${JSON.stringify(countForms(ctx, 'event.votes'))}">${t('event.votes', { count: state.counts.votes })}</span>
  </p>
  <p class="small live-note" data-live-note role="status" hidden></p>
  <p class="small muted" data-hidden-summary data-forms="${JSON.stringify(hiddenForms)}" data-none="${t('event.hidden-none')}" data-template="${t('event.hidden-summary', { list: '{list}' })}">${hiddenSummary(ctx, state.counts)}</p>
  <nav class="tabs event-tabs" aria-label="${t('event.tabs-label')}">${publicLists.map(tab)}</nav>
  ${list === 'hidden' ? html`<p class="small hidden-intro">${t('event.hidden-intro')}</p>` : ''}
  ${state.questions.length === 0 ? html`<p class="muted" data-empty>${t(`event.empty-${list}`)}</p>` : ''}
  <ul class="question-list" data-question-list="${list}">
    ${state.questions.map((q) => questionItem(ctx, event, q, { voted: m.voted.has(q.id), votesOpen: taking, list, withDate: long }))}
  </ul>
  ${m.more ? html`<p><a class="button secondary" href="/e/${event.code}?list=${list}&amp;page=${m.page + 1}#questions">${t('event.more')}</a></p>` : ''}
  ${taking && list !== 'hidden' ? html`<template id="question-template">${questionItem(ctx, event, templateQuestion, { voted: false, votesOpen: true, list, withDate: false })}</template>` : ''}
</section>`;
}

const templateQuestion: QuestionView = {
  id: 'QID',
  text: '',
  sha256: '',
  author: null,
  votes: 0,
  status: 'published',
  hiddenReason: null,
  group: 0,
  askedMinute: 0,
  answeredMinute: null,
};

function shareSection(ctx: ViewContext, event: Event, qr: string): Html {
  const t = ctx.t;
  const url = `${ctx.publicUrl}/e/${event.code}`;
  return html`<section class="card event-share" aria-labelledby="share-h">
  <h2 id="share-h">${t('event.share-heading')}</h2>
  <div class="share">${raw(qr)}<p>${t('event.share-code')}<br><strong class="join-code">${event.code}</strong></p></div>
  <label for="share-url" class="small">${t('event.share-link')}</label><input id="share-url" type="text" readonly value="${url}">
</section>`;
}
