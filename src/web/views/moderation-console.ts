import { html, type Html } from './html.ts';
import { layout } from './layout.ts';
import type { ViewContext } from '../view-context.ts';
import {
  cardId,
  consoleLists,
  questionCard,
  questionMeta,
  type CardPlace,
  type ConsoleList,
} from './moderation-question.ts';
import { hiddenReasons } from '../../domain/question-states.ts';
import type { QuestionView } from '../../read/question-view.ts';
import type { EventCounts } from '../../domain/question.ts';
import type { Event } from '../../domain/event.ts';

/** ConsoleState is everything the moderator console shows at one moment. */
export interface ConsoleState {
  event: Event;
  counts: EventCounts;
  pinned: QuestionView | null;
  /** pending is the queue of questions waiting for approval (moderation before publication). */
  pending: QuestionView[];
  list: ConsoleList;
  questions: QuestionView[];
  groups: QuestionView[][];
  /** organiser is true when the viewer may also open the event's dashboard (its organiser or an admin). */
  organiser: boolean;
}

/** ConsoleNotice is what the last action did (`good`) or why it was refused (`bad`), shown above the lists. */
export type ConsoleNotice = { kind: 'good' | 'bad'; text: string } | null;

/** consoleListLimit is how many questions each of the console's lists shows. */
export const consoleListLimit = 100;

/** moderationConsolePage is the moderators' console: the queue, the live lists, the groups of similar questions. */
export function moderationConsolePage(ctx: ViewContext, s: ConsoleState, notice: ConsoleNotice): Html {
  const t = ctx.t;
  const e = s.event;
  const title = t('moderation.title', { title: e.title });
  return layout(
    ctx,
    title,
    html`
<p class="small">${s.organiser ? html`<a href="/organiser/events/${e.code}">${t('moderation.back-to-dashboard')}</a>` : html`<a href="/organiser/events">${t('moderation.back-to-events')}</a>`}</p>
<header class="console-head">
  <h1><span class="muted console-kicker">${t('moderation.kicker')}</span> <span lang="${e.language}">${e.title}</span></h1>
  <p class="small">${t('moderation.code', { code: e.code })} · <a href="/e/${e.code}/screen">${t('moderation.screen-link')}</a> · <a href="/e/${e.code}">${t('moderation.public-link')}</a>
    ${e.status !== 'open' ? html` · <span class="badge closed">${t('organiserEvent.status-closed')}</span>` : ''}</p>
</header>
<div class="notice console-note"><p>${t('moderation.public-note')}</p></div>
<p class="js-only console-tools"><button type="button" class="secondary" data-shortcuts-open>${t('moderation.shortcuts-button')} <kbd aria-hidden="true">?</kbd></button>
  <span class="small muted" data-live-state>${t('moderation.live-off')}</span></p>
<div id="console-status" class="console-status" role="status" aria-live="polite">${notice ? html`<div class="notice ${notice.kind}"><p>${notice.text}</p></div>` : ''}</div>
<div id="console-live" data-console="${e.code}" data-list="${s.list}" data-msg-live-on="${t('moderation.live-on')}" data-msg-live-off="${t('moderation.live-off')}"
  data-msg-hide-open="${t('moderation.js-hide-open')}" data-msg-merge-confirm="${t('moderation.js-merge-confirm')}" data-msg-merge-first="${t('moderation.js-merge-first')}"
  data-msg-no-group="${t('moderation.js-no-group')}" data-msg-not-possible="${t('moderation.js-not-possible')}" data-msg-network="${t('moderation.js-network')}">
${consoleFragment(ctx, s)}
</div>
<p class="small"><a href="/moderate/${e.code}?list=${s.list}">${t('moderation.reload')}</a></p>
${shortcutsDialog(ctx)}`,
    { noindex: true, wide: true, scripts: ['/assets/moderate.js'], styles: ['/assets/moderate.css'] },
  );
}

/** consoleFragment is the part of the console that changes as questions come in: the live JavaScript swaps it whole. */
export function consoleFragment(ctx: ViewContext, s: ConsoleState): Html {
  return html`${countersBar(ctx, s)}
${pinnedSection(ctx, s)}
${s.event.moderation === 'before' || s.pending.length > 0 ? queueSection(ctx, s) : ''}
${listSection(ctx, s)}
${groupsSection(ctx, s)}`;
}

function countersBar(ctx: ViewContext, s: ConsoleState): Html {
  const t = ctx.t;
  const c = s.counts;
  const n = new Intl.NumberFormat(ctx.lang);
  const hidden = hiddenReasons.reduce((sum, r) => sum + (c.hidden[r] ?? 0), 0);
  return html`<dl class="tallies console-tallies">
  <div class="tally"><dt>${t('organiserEvent.count-asked')}</dt><dd>${n.format(c.asked)}</dd></div>
  <div class="tally"><dt>${t('organiserEvent.count-votes')}</dt><dd>${n.format(c.votes)}</dd></div>
  ${s.event.moderation === 'before' || c.pending > 0 ? html`<div class="tally"><dt>${t('organiserEvent.count-pending')}</dt><dd>${n.format(c.pending)}</dd></div>` : ''}
  <div class="tally"><dt>${t('organiserEvent.count-answered')}</dt><dd>${n.format(c.answered)}</dd></div>
  <div class="tally"><dt>${t('organiserEvent.count-hidden')}</dt><dd>${n.format(hidden)}</dd></div>
</dl>`;
}

/** placesOf maps each question in a group to the first of its group, for the merge shortcut. */
function groupFirsts(s: ConsoleState): Map<string, string> {
  const firsts = new Map<string, string>();
  for (const group of s.groups) for (const q of group) firsts.set(q.id, group[0].id);
  return firsts;
}

/** cards renders a section's questions; each card's forms come back to the card after it (or to the section). */
function cards(
  ctx: ViewContext,
  s: ConsoleState,
  section: CardPlace['section'],
  questions: QuestionView[],
  sectionId: string,
): Html {
  const firsts = groupFirsts(s);
  return html`<ol class="mq-list">${questions.map((q, i) =>
    questionCard(ctx, s.event, q, {
      section,
      list: s.list,
      pinnedId: s.pinned?.id ?? null,
      groupFirst: firsts.get(q.id),
      back: i + 1 < questions.length ? cardId(section, questions[i + 1].id) : sectionId,
    }),
  )}</ol>`;
}

function pinnedSection(ctx: ViewContext, s: ConsoleState): Html {
  const t = ctx.t;
  return html`<section class="console-pinned" aria-labelledby="pinned-h" id="pinned">
  <h2 id="pinned-h">${t('moderation.now-answering')}</h2>
  ${s.pinned ? cards(ctx, s, 'pinned', [s.pinned], 'pinned') : html`<p class="muted small">${t('moderation.nothing-pinned')}</p>`}
</section>`;
}

function queueSection(ctx: ViewContext, s: ConsoleState): Html {
  const t = ctx.t;
  return html`<section aria-labelledby="queue-h" id="queue" class="console-queue">
  <h2 id="queue-h">${t('moderation.queue-heading', { count: s.counts.pending })}</h2>
  <p class="small muted">${t('moderation.queue-lead')}</p>
  ${s.pending.length === 0 ? html`<p class="muted">${t('moderation.queue-empty')}</p>` : cards(ctx, s, 'queue', s.pending, 'queue')}
</section>`;
}

function listSection(ctx: ViewContext, s: ConsoleState): Html {
  const t = ctx.t;
  const c = s.counts;
  const n = new Intl.NumberFormat(ctx.lang);
  const sizes: Record<ConsoleList, number> = {
    popular: c.published,
    recent: c.published,
    answered: c.answered,
    hidden: hiddenReasons.reduce((sum, r) => sum + (c.hidden[r] ?? 0), 0),
  };
  return html`<section aria-labelledby="list-h" id="list">
  <h2 id="list-h">${t('moderation.lists-heading')}</h2>
  <nav class="tabs" aria-label="${t('moderation.lists-heading')}">
    ${consoleLists.map((l) =>
      l === s.list
        ? html`<span aria-current="page">${t(`moderation.list-${l}`)} <span class="count">${n.format(sizes[l])}</span></span>`
        : html`<a href="/moderate/${s.event.code}?list=${l}#list">${t(`moderation.list-${l}`)} <span class="count">${n.format(sizes[l])}</span></a>`,
    )}
  </nav>
  ${s.list === 'hidden' ? html`<p class="small muted">${t('moderation.hidden-lead')}</p>` : ''}
  ${s.questions.length === 0 ? html`<p class="muted">${t(`moderation.empty-${s.list}`)}</p>` : cards(ctx, s, 'list', s.questions, 'list')}
  ${sizes[s.list] > s.questions.length ? html`<p class="small muted">${t('moderation.list-cut', { shown: s.questions.length, count: sizes[s.list] })}</p>` : ''}
</section>`;
}

function groupsSection(ctx: ViewContext, s: ConsoleState): Html {
  const t = ctx.t;
  const e = s.event;
  return html`<section aria-labelledby="groups-h" id="groups">
  <h2 id="groups-h">${t('moderation.groups-heading')}</h2>
  <p class="small">${t('moderation.groups-lead')}</p>
  ${
    s.groups.length === 0
      ? html`<p class="muted">${t('moderation.groups-empty')}</p>`
      : s.groups.map((group, g) => {
          const votes = group.reduce((sum, q) => sum + q.votes, 0);
          const anchor = `group-${g + 1}`;
          return html`<form method="post" action="/moderate/${e.code}/merge" class="card mq-group" id="${anchor}" data-merge-form>
  <input type="hidden" name="_csrf" value="${ctx.csrf}"><input type="hidden" name="list" value="${s.list}"><input type="hidden" name="at" value="${anchor}">
  <fieldset>
    <legend>${t('moderation.group-legend', { number: g + 1, count: group.length, votes })}</legend>
    <ol class="mq-list">${group.map((q, i) => {
      const id = cardId('group', q.id);
      return html`<li class="mq" id="${id}" data-qid="${q.id}" data-status="${q.status}" data-group-first="${group[0].id}" tabindex="-1" aria-labelledby="${id}-text">
      <p class="mq-text" id="${id}-text" lang="${e.language}">${q.text ?? ''}</p>
      ${questionMeta(ctx, e, q)}
      <div class="mq-merge-choice">
        <label class="check"><input type="radio" name="into" value="${q.id}" id="${id}-into" ${i === 0 ? 'checked' : ''} aria-describedby="${id}-text"> <span>${t('moderation.merge-keep')}</span></label>
        <label class="check"><input type="checkbox" name="from" value="${q.id}" id="${id}-from" ${i === 0 ? '' : 'checked'} aria-describedby="${id}-text"> <span>${t('moderation.merge-this')}</span></label>
      </div>
    </li>`;
    })}</ol>
    <button type="submit">${t('moderation.merge-button')}</button>
  </fieldset>
</form>`;
        })
  }
</section>`;
}

function shortcutsDialog(ctx: ViewContext): Html {
  const t = ctx.t;
  const keys: [string, string][] = [
    ['j / ↓', 'next'],
    ['k / ↑', 'previous'],
    ['a', 'approve'],
    ['h', 'hide'],
    ['1–5', 'reason'],
    ['r', 'restore'],
    ['p', 'pin'],
    ['d', 'answer'],
    ['m', 'merge'],
    ['?', 'help'],
    ['Esc', 'close'],
  ];
  return html`<dialog id="shortcuts" class="shortcuts" aria-labelledby="shortcuts-h">
  <h2 id="shortcuts-h">${t('moderation.shortcuts-heading')}</h2>
  <dl>${keys.map(([key, name]) => html`<div><dt><kbd>${key}</kbd></dt><dd>${t(`moderation.key-${name}`)}</dd></div>`)}</dl>
  <form method="dialog"><button type="submit">${t('moderation.shortcuts-close')}</button></form>
</dialog>`;
}
