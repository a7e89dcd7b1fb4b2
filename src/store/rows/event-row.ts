import type { Insertable, Updateable } from 'kysely';
import type { Event, EventChange, NewEvent } from '../../domain/event.ts';
import type { EventRow, EventsTable } from '../schema.ts';
import { columnsOf, flag, numberOrNull } from './columns.ts';

const names: { [K in keyof Event]: keyof EventsTable } = {
  id: 'id',
  code: 'code',
  ownerId: 'owner_id',
  status: 'status',
  title: 'title',
  description: 'description',
  addressee: 'addressee',
  language: 'language',
  timeZone: 'time_zone',
  startsAt: 'starts_at',
  endsAt: 'ends_at',
  moderation: 'moderation',
  anonymousAllowed: 'anonymous_allowed',
  maxLength: 'max_length',
  pinnedQuestionId: 'pinned_question_id',
  createdAt: 'created_at',
  closedAt: 'closed_at',
  listed: 'listed',
};
const encode = { anonymousAllowed: flag, listed: flag };

/** toEvent reads an events row as an Event. */
export function toEvent(row: EventRow): Event {
  return {
    id: Number(row.id),
    code: row.code,
    ownerId: Number(row.owner_id),
    status: row.status,
    title: row.title,
    description: row.description,
    addressee: row.addressee,
    language: row.language,
    timeZone: row.time_zone,
    startsAt: Number(row.starts_at),
    endsAt: Number(row.ends_at),
    moderation: row.moderation,
    anonymousAllowed: Number(row.anonymous_allowed) === 1,
    maxLength: Number(row.max_length),
    pinnedQuestionId: numberOrNull(row.pinned_question_id),
    createdAt: Number(row.created_at),
    closedAt: numberOrNull(row.closed_at),
    listed: Number(row.listed) === 1,
  };
}

/** eventColumns turns a change to an event into the columns to set. */
export function eventColumns(change: EventChange): Updateable<EventsTable> {
  return columnsOf<Event>(change, names, encode) as Updateable<EventsTable>;
}

/** newEventRow turns a new event into the row to insert. */
export function newEventRow(event: NewEvent): Insertable<EventsTable> {
  return columnsOf<Event>(event, names, encode) as unknown as Insertable<EventsTable>;
}
