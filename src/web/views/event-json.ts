import type { EventState } from '../../read/event-state.ts';
import type { QuestionView } from '../../read/question-view.ts';
import type { Event } from '../../domain/event.ts';
import { eventPhase } from './event-parts.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

/** questionJson is a question as the API shows it: what QuestionView holds, with ISO times and this browser's vote. */
export function questionJson(q: QuestionView, voted: Set<string>) {
  return {
    id: q.id,
    text: q.text,
    sha256: q.sha256,
    author: q.author,
    votes: q.votes,
    status: q.status,
    hiddenReason: q.hiddenReason,
    group: q.group,
    askedAt: iso(q.askedMinute * 60_000),
    answeredAt: q.answeredMinute === null ? null : iso(q.answeredMinute * 60_000),
    voted: voted.has(q.id),
  };
}

/** QuestionJson is a question as the API shows it (the similar questions event.js suggests, among others). */
export type QuestionJson = ReturnType<typeof questionJson>;

/** VoteJson is the API's answer to a vote or its withdrawal: the question counted (a merged one's target) and its votes. */
export interface VoteJson {
  question: string;
  votes: number;
  voted: boolean;
}

/** eventJson is an event as the API shows it: what it is, its rules for asking, its counters and the question being answered. */
export function eventJson(
  event: Event,
  state: Pick<EventState, 'counts' | 'pinned'>,
  base: string,
  now: number,
  proofOfWork: boolean,
  voted: Set<string>,
) {
  const phase = eventPhase(event, now);
  return {
    code: event.code,
    title: event.title,
    description: event.description,
    addressee: event.addressee,
    language: event.language,
    timeZone: event.timeZone,
    startsAt: iso(Number(event.startsAt)),
    endsAt: iso(Number(event.endsAt)),
    closedAt: iso(event.closedAt),
    status: event.status,
    takingQuestions: phase !== 'closed',
    started: now >= Number(event.startsAt),
    rules: {
      moderation: event.moderation,
      anonymousAllowed: Boolean(event.anonymousAllowed),
      maxLength: Number(event.maxLength),
      proofOfWork,
    },
    counts: state.counts,
    pinned: state.pinned && questionJson(state.pinned, voted),
    url: `${base}/e/${event.code}`,
  };
}
