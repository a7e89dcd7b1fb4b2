import type { ActionContext, Actor } from './context.ts';
import { assertLogAccepting } from './assert-log-accepting.ts';
import { VecheError, invalidInput } from '../domain/errors.ts';
import { readEventDraft } from '../domain/event-draft.ts';
import { InputReader } from '../domain/input.ts';
import { randomInt } from 'node:crypto';
import { eventTextHash } from '../record/entry-hashes.ts';
import * as events from '../store/events.ts';
import { findAccountByLogin } from '../store/accounts.ts';
import { queueEntries } from '../store/record-queue.ts';
import type { EventRow } from '../store/schema.ts';

// No 0/O or 1/I: a join code is read off a screen across a hall and typed on a phone.
const codeAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** newJoinCode returns a random six-character join code (32^6, about a billion codes). */
export function newJoinCode(): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += codeAlphabet[randomInt(codeAlphabet.length)];
  return code;
}

/** normaliseJoinCode reads a code as typed (any case, spaces or dashes) in its stored form, or null if it cannot be one. */
export function normaliseJoinCode(typed: string): string | null {
  const code = typed.replace(/[\s-]/g, '').toUpperCase();
  return /^[A-Z0-9]{4,12}$/.test(code) ? code : null;
}

/** findEvent returns an event by join code (as typed) or throws `not-found`. */
export async function findEvent(ctx: ActionContext, code: string): Promise<EventRow> {
  const normal = normaliseJoinCode(code);
  const event = normal ? await events.findEventByCode(ctx.store.db, normal) : undefined;
  if (!event) throw new VecheError('not-found', 'No event has this code. Check the code and try again.');
  return event;
}

/** loadOwnEvent returns an event the actor may organise: its owner's, or any for an admin. */
export async function loadOwnEvent(ctx: ActionContext, actor: Actor, code: string): Promise<EventRow> {
  const event = await findEvent(ctx, code);
  if (actor.role !== 'admin' && (actor.role !== 'organiser' || Number(event.owner_id) !== actor.id)) {
    throw new VecheError('forbidden', "Only the event's organiser or an admin can do this.");
  }
  return event;
}

/** loadModeratedEvent returns an event the actor may moderate: as its organiser, an admin, or one of its moderators. */
export async function loadModeratedEvent(ctx: ActionContext, actor: Actor, code: string): Promise<EventRow> {
  const event = await findEvent(ctx, code);
  if (await mayModerate(ctx, actor, event)) return event;
  throw new VecheError('forbidden', 'You are not a moderator of this event.');
}

/** mayModerate tells whether the actor moderates the event. */
export async function mayModerate(ctx: ActionContext, actor: Actor, event: EventRow): Promise<boolean> {
  if (actor.role === 'admin' || Number(event.owner_id) === actor.id) return true;
  return events.isModerator(ctx.store.db, Number(event.id), actor.id);
}

/** createEvent opens an event for questions and records `event.opened`; it returns the join code. */
export async function createEvent(
  ctx: ActionContext,
  actor: Actor,
  raw: unknown,
  ignore: string[] = [],
): Promise<string> {
  if (actor.role === 'moderator') throw new VecheError('forbidden', 'Moderators cannot open events.');
  const draft = readEventDraft(raw, ctx.now(), ignore);
  assertLogAccepting(ctx);
  for (let attempt = 0; ; attempt++) {
    const code = newJoinCode();
    try {
      await ctx.store.db.transaction().execute(async (trx) => {
        const row = {
          code,
          owner_id: actor.id,
          status: 'open' as const,
          title: draft.title,
          description: draft.description,
          addressee: draft.addressee,
          language: draft.language,
          time_zone: draft.timeZone,
          starts_at: draft.startsAt,
          ends_at: draft.endsAt,
          moderation: draft.moderation,
          anonymous_allowed: draft.anonymousAllowed ? 1 : 0,
          max_length: draft.maxLength,
          pinned_question_id: null,
          created_at: ctx.now(),
          closed_at: null,
          listed: draft.listed ? 1 : 0,
        };
        const id = await events.insertEvent(trx, row);
        await queueEntries(trx, [
          {
            petitionId: null,
            eventId: id,
            delta: 0,
            entry: {
              type: 'event.opened',
              v: 1,
              event: code,
              sha256: eventTextHash(row.title, row.addressee, row.description),
              moderation: draft.moderation,
            },
          },
        ]);
      });
      return code;
    } catch (error) {
      // A code already taken (one chance in millions): draw another.
      if (attempt < 5 && /unique|23505/i.test(`${(error as { code?: string }).code} ${(error as Error).message}`))
        continue;
      throw error;
    }
  }
}

/**
 * listEvent shows an event in the public list of events, or takes it off (`listed`: yes or no), for its organiser or
 * an admin, open or closed. It is no entry in the record: the list only helps people find what is public anyway.
 */
export async function listEvent(
  ctx: ActionContext,
  actor: Actor,
  code: string,
  raw: unknown,
  ignore: string[] = [],
): Promise<boolean> {
  const event = await loadOwnEvent(ctx, actor, code);
  const input = new InputReader(raw);
  input.ignore(...ignore);
  const listed = input.choice('listed', ['yes', 'no'] as const, { required: true });
  input.done();
  await events.setEventListed(ctx.store.db, Number(event.id), listed === 'yes');
  return listed === 'yes';
}

/** closeEvent stops an event taking questions and votes, and records `event.closed`. */
export async function closeEvent(ctx: ActionContext, actor: Actor | null, code: string): Promise<void> {
  const event = actor ? await loadOwnEvent(ctx, actor, code) : await findEvent(ctx, code);
  if (event.status !== 'open') throw new VecheError('wrong-state', 'The event is closed already.');
  await ctx.store.db.transaction().execute(async (trx) => {
    if (!(await events.closeEventRow(trx, Number(event.id), ctx.now())))
      throw new VecheError('wrong-state', 'The event is closed already.');
    await queueEntries(trx, [
      {
        petitionId: null,
        eventId: Number(event.id),
        delta: 0,
        entry: { type: 'event.closed', v: 1, event: event.code },
      },
    ]);
    // Votes are final now: forget which browser cast which, so a seized database cannot tie a phone to its votes.
    await events.forgetVoters(trx, Number(event.id));
  });
  ctx.events.changed(event.code);
}

/** closeEndedEvents closes every open event whose end has passed; the jobs runner calls it. */
export async function closeEndedEvents(ctx: ActionContext): Promise<number> {
  let closed = 0;
  for (const event of await events.listEndedEvents(ctx.store.db, ctx.now())) {
    try {
      await closeEvent(ctx, null, event.code);
      closed++;
    } catch (error) {
      if (!(error instanceof VecheError && error.code === 'wrong-state')) throw error;
    }
  }
  return closed;
}

/** addEventModerator makes the account with the given login a moderator of the event. */
export async function addEventModerator(
  ctx: ActionContext,
  actor: Actor,
  code: string,
  raw: unknown,
  ignore: string[] = [],
): Promise<void> {
  const event = await loadOwnEvent(ctx, actor, code);
  const input = new InputReader(raw);
  input.ignore(...ignore);
  const login = input.text('login', { max: 64, required: true });
  input.done();
  const account = await findAccountByLogin(ctx.store.db, login!.toLowerCase());
  if (!account || account.disabled_at !== null) throw invalidInput([{ field: 'login', problem: 'no-such-moderator' }]);
  await events.addModerator(ctx.store.db, Number(event.id), Number(account.id));
}

/** removeEventModerator takes an account off the event's moderators. */
export async function removeEventModerator(
  ctx: ActionContext,
  actor: Actor,
  code: string,
  accountId: number,
): Promise<void> {
  const event = await loadOwnEvent(ctx, actor, code);
  await events.removeModerator(ctx.store.db, Number(event.id), accountId);
}
