import type { ActionContext } from '../actions/context.ts';
import { questionView, type QuestionView } from './question-view.ts';
import * as questions from '../store/questions.ts';
import { findQuestionById } from '../store/questions.ts';
import type { EventCounts, QuestionList } from '../domain/question.ts';
import type { Event } from '../domain/event.ts';

/** EventState is what everyone watching an event sees at one moment: counters, the question being answered, and one list. */
export interface EventState {
  counts: EventCounts;
  pinned: QuestionView | null;
  questions: QuestionView[];
}

/** readEventState reads an event's counters, pinned question and one list, as the public (or a moderator) sees them. */
export async function readEventState(
  ctx: ActionContext,
  event: Event,
  list: QuestionList,
  limit: number,
  audience: 'public' | 'moderator' = 'public',
  offset = 0,
): Promise<EventState> {
  const [counts, pinnedRow, rows] = await Promise.all([
    questions.countQuestions(ctx.store.db, Number(event.id)),
    event.pinnedQuestionId === null ? undefined : findQuestionById(ctx.store.db, Number(event.pinnedQuestionId)),
    questions.listQuestions(ctx.store.db, Number(event.id), list, limit, offset),
  ]);
  return {
    counts,
    pinned: pinnedRow ? questionView(pinnedRow, audience) : null,
    questions: rows.map((r) => questionView(r, audience)),
  };
}

/** readGroups returns an event's groups of similar questions that have more than one open member, largest first. */
export async function readGroups(ctx: ActionContext, event: Event, limit = 50): Promise<QuestionView[][]> {
  const groups = await questions.listGroups(ctx.store.db, Number(event.id), limit);
  return groups.map((members) => members.map((m) => questionView(m, 'moderator')));
}

/** ExportedQuestion is one row of an event's export; withheld texts are left out even there. */
export interface ExportedQuestion {
  id: string;
  text: string | null;
  sha256: string;
  author: string | null;
  votes: number;
  status: string;
  hiddenReason: string | null;
  group: string;
  mergedInto: string | null;
  askedAt: string;
  answeredAt: string | null;
}

/**
 * exportQuestions yields every question of an event in the order asked, for the organiser's CSV and JSON. Texts
 * hidden as abuse or personal data are left out: an export is made to be passed on.
 */
export async function* exportQuestions(ctx: ActionContext, event: Event): AsyncGenerator<ExportedQuestion> {
  let after = 0;
  for (;;) {
    const rows = await questions.listAllQuestions(ctx.store.db, Number(event.id), after, 1000);
    if (rows.length === 0) return;
    const leaders = await questions.groupLeaders(
      ctx.store.db,
      rows.flatMap((r) => [Number(r.groupId), ...(r.mergedInto === null ? [] : [Number(r.mergedInto)])]),
    );
    for (const row of rows) {
      const view = questionView(row, 'public');
      yield {
        id: view.id,
        text: view.text,
        sha256: view.sha256,
        author: view.author,
        votes: view.votes,
        status: view.status,
        hiddenReason: view.hiddenReason,
        group: leaders.get(Number(row.groupId)) ?? view.id,
        mergedInto: row.mergedInto === null ? null : (leaders.get(Number(row.mergedInto)) ?? null),
        askedAt: new Date(view.askedMinute * 60_000).toISOString(),
        answeredAt: view.answeredMinute === null ? null : new Date(view.answeredMinute * 60_000).toISOString(),
      };
    }
    after = Number(rows[rows.length - 1].id);
  }
}

/** GroupSummary is one group of similar questions in the summary: its most-voted wording, its size and votes. */
export interface GroupSummary {
  group: string;
  text: string | null;
  questions: number;
  votes: number;
  /** wordings are the group's other texts (at most five), so a reader sees what was counted together. */
  wordings: string[];
}

/** summariseGroups returns the largest groups of similar questions (merged ones included, waiting ones not), by votes then size. */
export async function summariseGroups(ctx: ActionContext, event: Event, limit = 20): Promise<GroupSummary[]> {
  const groups = new Map<string, Omit<GroupSummary, 'wordings'> & { best: number; texts: string[] }>();
  for await (const q of exportQuestions(ctx, event)) {
    // Questions nobody approved yet, and spam or withheld ones, are not what people asked about.
    if (
      q.status === 'pending' ||
      (q.status === 'hidden' && q.hiddenReason !== 'duplicate' && q.hiddenReason !== 'off-topic')
    )
      continue;
    const g = groups.get(q.group) ?? {
      group: q.group,
      text: null,
      questions: 0,
      votes: 0,
      best: -1,
      texts: [] as string[],
    };
    g.questions++;
    g.votes += q.votes;
    if (q.text !== null && g.texts.length < 6) g.texts.push(q.text);
    if (q.status !== 'merged' && q.votes > g.best) {
      g.best = q.votes;
      g.text = q.text;
    }
    groups.set(q.group, g);
  }
  return [...groups.values()]
    .sort((a, b) => b.votes - a.votes || b.questions - a.questions)
    .slice(0, limit)
    .map(({ best: _best, texts, ...g }) => ({ ...g, wordings: texts.filter((text) => text !== g.text).slice(0, 5) }));
}
