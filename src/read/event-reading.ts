import type { ActionContext } from '../actions/context.ts';
import type { EventCounts } from '../domain/question.ts';
import { questionView, type QuestionView } from './question-view.ts';
import { findEventByCode } from '../store/events.ts';
import { countQuestions, findQuestionById, listQuestions } from '../store/questions.ts';

/** listLength is how many questions each list of a live state holds. */
export const listLength = 20;

/** EventReading is an event's public state at one moment, as its source reads it. */
export interface EventReading {
  readonly code: string;
  readonly status: 'open' | 'closed';
  readonly counts: EventCounts;
  readonly pinned: QuestionView | null;
  readonly popular: readonly QuestionView[];
  readonly recent: readonly QuestionView[];
  readonly answered: readonly QuestionView[];
}

/**
 * readEventReading reads an event's public state as live viewers are shown it, from the event's (upper-case) code:
 * its counters, the question being answered and the first questions of each public list, with no withheld text.
 * Null when no event has the code.
 */
export async function readEventReading(
  ctx: Pick<ActionContext, 'store' | 'now'>,
  code: string,
): Promise<EventReading | null> {
  const db = ctx.store.db;
  const event = await findEventByCode(db, code);
  if (!event) return null;
  const id = Number(event.id);
  const [counts, pinned, popular, recent, answered] = await Promise.all([
    countQuestions(db, id),
    event.pinnedQuestionId === null ? undefined : findQuestionById(db, Number(event.pinnedQuestionId)),
    listQuestions(db, id, 'popular', listLength),
    listQuestions(db, id, 'recent', listLength),
    listQuestions(db, id, 'answered', listLength),
  ]);
  return {
    code: event.code,
    // An event past its end takes nothing more, even before the job that closes it has run.
    status: event.status === 'open' && Number(event.endsAt) > ctx.now() ? 'open' : 'closed',
    counts,
    pinned: pinned && Number(pinned.eventId) === id ? questionView(pinned, 'public') : null,
    popular: popular.map((q) => questionView(q, 'public')),
    recent: recent.map((q) => questionView(q, 'public')),
    answered: answered.map((q) => questionView(q, 'public')),
  };
}
