import { html, type Html } from './html.ts';
import { layout } from './layout.ts';
import type { ViewContext } from '../view-context.ts';
import type { QuestionView } from '../../read/question-view.ts';
import type { Event } from '../../domain/event.ts';
import { askForm, eventData, eventHead, type AskForm } from './event-page.ts';
import { eventAssets, eventPhase, questionItem } from './event-parts.ts';

/** SimilarPageModel is what the similar-questions page shows: the questions found, and the question as the person wrote it. */
export interface SimilarPageModel {
  event: Event;
  now: number;
  similar: QuestionView[];
  voted: Set<string>;
  hasVoter: boolean;
  form: AskForm;
}

/**
 * similarPage is what a person sees after asking a question like ones already asked (the path without JavaScript):
 * the similar questions, each with its vote button, and their own question kept in a form that posts it anyway.
 */
export function similarPage(ctx: ViewContext, m: SimilarPageModel): Html {
  const t = ctx.t;
  const { event } = m;
  const phase = eventPhase(event, m.now);
  const long = Number(event.endsAt) - Number(event.startsAt) > 86_400_000;
  const { scripts, styles } = eventAssets(ctx, true);
  return layout(
    ctx,
    t('event.similar-title'),
    html`
<div class="event event-similar" ${eventData(ctx, event, phase, m.hasVoter)} data-list="popular" data-page="1">
${eventHead(ctx, event, phase, true)}
<section class="card" aria-labelledby="similar-h">
  <h2 id="similar-h">${t('event.similar-heading')}</h2>
  <p>${t('event.similar-lead')}</p>
  <ul class="question-list">
    ${m.similar.map((q) => questionItem(ctx, event, q, { voted: m.voted.has(q.id), votesOpen: true, list: 'popular', withDate: long }))}
  </ul>
</section>
<section class="card event-ask" id="ask" aria-labelledby="anyway-h">
  <h2 id="anyway-h">${t('event.anyway-heading')}</h2>
  <p class="small">${t('event.anyway-lead')}</p>
  ${askForm(ctx, event, m.form, true)}
</section>
<p><a href="/e/${event.code}">${t('event.back-to-event')}</a></p>
</div>`,
    { scripts, styles, noindex: true },
  );
}
