/** EventStatus is whether an event takes questions and votes. */
export type EventStatus = 'open' | 'closed';

/** Event is a Q&A event (a town hall, a press conference) as actions and pages use it; times are epoch milliseconds. */
export interface Event {
  id: number;
  /** code is the join code, upper case. */
  code: string;
  ownerId: number;
  status: EventStatus;
  title: string;
  description: string;
  addressee: string;
  language: string;
  timeZone: string;
  startsAt: number;
  endsAt: number;
  moderation: 'before' | 'after';
  anonymousAllowed: boolean;
  maxLength: number;
  pinnedQuestionId: number | null;
  createdAt: number;
  closedAt: number | null;
  /** listed: shown in the public list of events. */
  listed: boolean;
}

/** NewEvent is an event to store: everything but the row id the store gives it. */
export type NewEvent = Omit<Event, 'id'>;

/** EventChange is what an action may change of an event. */
export type EventChange = Partial<Omit<Event, 'id' | 'code' | 'ownerId' | 'createdAt'>>;

/** Moderator is an account moderating an event, as its organiser sees it. */
export interface Moderator {
  id: number;
  login: string;
  displayName: string;
}
