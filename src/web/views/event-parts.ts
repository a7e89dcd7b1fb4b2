import { html, type Html } from './html.ts';
import { fieldError } from './layout.ts';
import type { ViewContext } from '../view-context.ts';
import type { QuestionView } from '../../read/question-view.ts';
import type { EventCounts } from '../../domain/question.ts';
import type { Event } from '../../domain/event.ts';
import { hiddenReasons, textWithheld } from '../../domain/question-states.ts';
import { numberFormat, pluralRules } from '../../i18n/formats.ts';
import { eventClock } from './event-time.ts';

/** publicLists are the lists of questions anyone may read, in the order of the page's tabs. */
export const publicLists = ['popular', 'recent', 'answered', 'hidden'] as const;

/** PublicList is one of them. */
export type PublicList = (typeof publicLists)[number];

/** EventPhase is what a participant can do now: ask and vote (open, or not started yet but taking questions), or nothing. */
export type EventPhase = 'open' | 'upcoming' | 'closed';

/** eventPhase tells an event's phase at `now`: an event takes questions from its opening until its end. */
export function eventPhase(event: Event, now: number): EventPhase {
  if (event.status !== 'open' || Number(event.endsAt) <= now) return 'closed';
  return Number(event.startsAt) > now ? 'upcoming' : 'open';
}

/** reasonLabel names a hidden reason in the page's language ("spam", "personal data"). */
export function reasonLabel(ctx: ViewContext, reason: string | null): string {
  return ctx.t(`event.reason-${hiddenReasons.includes(reason as never) ? reason : 'spam'}`);
}

/** hiddenSummary says how many questions moderators hid, by reason: "Hidden by moderators: 2 spam, 1 personal data". */
export function hiddenSummary(ctx: ViewContext, counts: EventCounts): string {
  const parts = hiddenReasons
    .filter((r) => (counts.hidden[r] ?? 0) > 0)
    .map((r) => ctx.t(`event.hidden-${r}`, { count: counts.hidden[r] }));
  if (parts.length === 0) return ctx.t('event.hidden-none');
  // Joined with commas, not Intl.ListFormat: its Russian unit lists have no commas, and the parts hold dashes.
  return ctx.t('event.hidden-summary', { list: parts.join(', ') });
}

/** hiddenTotal adds up the questions hidden for any reason. */
export function hiddenTotal(counts: EventCounts): number {
  return Object.values(counts.hidden).reduce((sum, n) => sum + Number(n), 0);
}

/**
 * countForms gives a count message in each plural category of the language with `{#}` where the number goes, so that
 * event.js can write a new count in the right form without a message library.
 */
export function countForms(
  ctx: ViewContext,
  key: string,
  params: Record<string, string | number> = {},
): Record<string, string> {
  const samples = [1, 2, 3, 5, 11, 21, 0, 1.5, 100];
  const rules = pluralRules(ctx.lang);
  const number = numberFormat(ctx.lang);
  const forms: Record<string, string> = {};
  for (const category of rules.resolvedOptions().pluralCategories) {
    const sample = samples.find((n) => rules.select(n) === category);
    if (sample === undefined) continue;
    forms[category] = ctx.t(key, { ...params, count: sample }).replace(number.format(sample), '{#}');
  }
  return forms;
}

/** QuestionOptions say how one question is shown: whether this browser voted for it, and whether votes are taken now. */
export interface QuestionOptions {
  voted: boolean;
  votesOpen: boolean;
  list: PublicList;
  /** withDate shows the day beside the time asked, for events longer than a day. */
  withDate: boolean;
}

/** questionItem renders one question of a list: its votes, text (or why it is withheld), author, and the vote button. */
export function questionItem(ctx: ViewContext, event: Event, q: QuestionView, options: QuestionOptions): Html {
  const t = ctx.t;
  const number = numberFormat(ctx.lang);
  const asked = eventClock(ctx.lang, event.timeZone, q.askedMinute * 60_000, options.withDate);
  if (q.status === 'hidden') {
    const withheld = textWithheld(q.hiddenReason) || q.text === null;
    return html`<li class="question hidden-question" id="q-${q.id}">
  <p class="question-meta"><span class="badge closed">${t('event.hidden-because', { reason: reasonLabel(ctx, q.hiddenReason) })}</span></p>
  ${
    withheld
      ? html`<p class="withheld">${t('event.text-withheld')}</p><p class="small muted hash-line">${t('event.hash-label')} <code class="hash">${q.sha256}</code></p>`
      : html`<p class="question-text">${q.text}</p><p class="question-meta small muted">${q.author ?? t('event.anonymous')} · ${asked}</p>`
  }
</li>`;
  }
  return html`<li class="question${options.voted ? ' is-voted' : ''}" id="q-${q.id}" data-question="${q.id}" data-status="${q.status}" data-voted="${options.voted ? '1' : '0'}">
  <div class="question-tally"><span class="tally-number" data-votes>${number.format(q.votes)}</span> <span class="tally-word" data-votes-word>${t('event.votes-word', { count: q.votes })}</span></div>
  <div class="question-body">
    <p class="question-text" id="qt-${q.id}">${q.text}</p>
    <p class="question-meta small muted"><span data-author>${q.author ?? t('event.anonymous')}</span> · <span data-asked>${asked}</span>${q.status === 'answered' ? html` · <span class="badge">${t('event.answered-badge')}</span>` : ''}</p>
    ${voteControl(ctx, event.code, q, options)}
  </div>
</li>`;
}

/** voteControl is the vote or take-back form of a question (a plain form: it works without JavaScript). */
export function voteControl(
  ctx: ViewContext,
  code: string,
  q: Pick<QuestionView, 'id' | 'status'>,
  options: Pick<QuestionOptions, 'voted' | 'votesOpen' | 'list'>,
): Html | string {
  const t = ctx.t;
  if (!options.votesOpen) return '';
  // An answered question keeps its votes and may lose one, but takes no new ones.
  if (!options.voted && q.status !== 'published') return '';
  return html`<form method="post" action="/e/${code}/questions/${q.id}/${options.voted ? 'unvote' : 'vote'}" class="vote-form" data-vote-form="${q.id}">
    <input type="hidden" name="_csrf" value="${ctx.csrf}"><input type="hidden" name="list" value="${options.list}">
    ${options.voted ? html`<span class="voted-mark">${t('event.voted')}</span> ` : ''}<button type="submit" class="${options.voted ? 'vote-button secondary' : 'vote-button'}" aria-describedby="qt-${q.id}">${options.voted ? t('event.unvote') : t('event.vote')}</button>
  </form>`;
}

/** altchaWidget is the proof-of-work check of a form, as on the signing form, with its message when it failed. */
export function altchaWidget(ctx: ViewContext, error: string | undefined): Html | string {
  if (!ctx.proofOfWork) return '';
  const t = ctx.t;
  const strings = {
    label: t('pow.label'),
    verifying: t('pow.verifying'),
    verified: t('pow.verified'),
    error: t('pow.error'),
    expired: t('pow.expired'),
    waitAlert: t('pow.verifying'),
    verificationRequired: t('pow.required'),
    ariaLinkLabel: 'ALTCHA',
    footer: '',
  };
  return html`<altcha-widget challengeurl="/api/pow/challenge" name="altcha" auto="onfocus" hidefooter hidelogo strings="${JSON.stringify(strings)}"></altcha-widget>${fieldError('altcha', error)}`;
}

/** eventAssets are the scripts and styles of a participant's page (the ALTCHA widget only while it takes questions). */
export function eventAssets(ctx: ViewContext, takingQuestions: boolean): { scripts: string[]; styles: string[] } {
  const scripts = ['/assets/event.js'];
  const styles = ['/assets/event.css'];
  if (takingQuestions && ctx.proofOfWork) {
    scripts.push('/assets/altcha/altcha.js');
    styles.push('/assets/altcha/altcha.css');
  }
  return { scripts, styles };
}
