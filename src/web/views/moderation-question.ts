import { html, type Html } from './html.ts';
import type { ViewContext } from '../view-context.ts';
import { hiddenReasons, textWithheld } from '../../domain/question-states.ts';
import type { QuestionView } from '../../read/question-view.ts';
import type { Event } from '../../domain/event.ts';

/** ConsoleList is the live list a moderator has open: the public ones, and the hidden questions. */
export type ConsoleList = 'popular' | 'recent' | 'answered' | 'hidden';

/** consoleLists are the lists in the order the console's tabs show them. */
export const consoleLists: readonly ConsoleList[] = ['popular', 'recent', 'answered', 'hidden'];

/** CardPlace is where a question card sits: its section (for ids), the list open, where a form returns to, and its group. */
export interface CardPlace {
  section: 'pinned' | 'queue' | 'list' | 'group';
  list: ConsoleList;
  /** back is the anchor the console returns to after an action taken from this card (the next card, or the section). */
  back: string;
  /** groupFirst is the question the others of its group of similar questions merge into by default, if it has a group. */
  groupFirst?: string;
  pinnedId: string | null;
}

/** cardId is the element id of a question's card in one section: a question may appear in a list and in a group. */
export function cardId(section: CardPlace['section'], questionId: string): string {
  return `${section}-${questionId}`;
}

/** questionMeta is the line under a question: who asked, votes, when, and its state. */
export function questionMeta(ctx: ViewContext, event: Event, q: QuestionView): Html {
  const t = ctx.t;
  const asked = new Intl.DateTimeFormat(ctx.lang, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: event.timeZone,
  });
  return html`<p class="mq-meta small">
  <span>${q.author ?? t('moderation.anonymous')}</span>
  <span>${t('moderation.votes', { count: q.votes })}</span>
  <span>${t('moderation.asked-at', { time: asked.format(q.askedMinute * 60_000) })}</span>
  ${q.status !== 'published' ? html`<span class="badge mq-${q.status}">${t(`moderation.status-${q.status}`)}</span>` : ''}
  ${q.hiddenReason ? html`<span class="badge mq-reason">${t(`moderation.reason-${q.hiddenReason}`)}</span>` : ''}
  ${q.status === 'hidden' && textWithheld(q.hiddenReason) ? html`<span class="mq-withheld">${t('moderation.withheld-note')}</span>` : ''}
</p>`;
}

/** questionCard shows one question with the moderator's actions that fit its state, each a form that works without JavaScript. */
export function questionCard(ctx: ViewContext, event: Event, q: QuestionView, place: CardPlace): Html {
  const id = cardId(place.section, q.id);
  return html`<li class="mq" id="${id}" data-qid="${q.id}" data-status="${q.status}" ${place.groupFirst ? html`data-group-first="${place.groupFirst}"` : ''} tabindex="-1" aria-labelledby="${id}-text">
  <p class="mq-text" id="${id}-text" lang="${event.language}">${q.text ?? ''}</p>
  ${questionMeta(ctx, event, q)}
  ${questionActions(ctx, event, q, place)}
</li>`;
}

/** questionActions are the buttons for a question's state: approve, hide (with a reason), restore, pin or unpin, mark answered. */
function questionActions(ctx: ViewContext, event: Event, q: QuestionView, place: CardPlace): Html {
  const t = ctx.t;
  const pinned = place.pinnedId === q.id;
  const hidden = (name: string, value: string) => html`<input type="hidden" name="${name}" value="${value}">`;
  const common = html`${hidden('_csrf', ctx.csrf)}${hidden('list', place.list)}${hidden('at', place.back)}`;
  const action = `/moderate/${event.code}/questions/${q.id}`;
  const button = (name: 'approve' | 'restore' | 'pin' | 'unpin' | 'answer', key: string, style = 'secondary') =>
    html`<form method="post" action="${action}/${name}" data-action="${name}" data-qid="${q.id}">${common}<button type="submit" class="${style}" aria-describedby="${cardId(place.section, q.id)}-text">${t(`moderation.do-${name}`)} <kbd class="js-only" aria-hidden="true">${key}</kbd></button></form>`;
  const forms: Html[] = [];
  if (q.status === 'pending') forms.push(button('approve', 'a', 'primary'));
  if (q.status === 'published' || q.status === 'answered')
    forms.push(pinned ? button('unpin', 'p') : button('pin', 'p'));
  if (q.status === 'published') forms.push(button('answer', 'd'));
  if (q.status === 'hidden') forms.push(button('restore', 'r'));
  if (q.status === 'pending' || q.status === 'published' || q.status === 'answered') {
    forms.push(html`<details class="mq-hide" data-hide-for="${q.id}">
  <summary>${t('moderation.do-hide')} <kbd class="js-only" aria-hidden="true">h</kbd></summary>
  <form method="post" action="${action}/hide" data-action="hide" data-qid="${q.id}">${common}
    <fieldset><legend>${t('moderation.hide-legend')}</legend>
    ${hiddenReasons.map((r, i) => html`<button type="submit" name="reason" value="${r}" class="secondary reason-button"><kbd class="js-only" aria-hidden="true">${i + 1}</kbd> ${t(`moderation.reason-${r}`)}</button>`)}
    <p class="hint">${t('moderation.hide-hint')}</p>
    </fieldset>
  </form>
</details>`);
  }
  return html`<div class="mq-actions">${forms}</div>`;
}
