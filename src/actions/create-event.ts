import type { ActionContext, Actor } from './context.ts';
import { assertLogAccepting } from './assert-log-accepting.ts';
import { VecheError } from '../domain/errors.ts';
import { readEventDraft } from '../domain/event-draft.ts';
import { eventTextHash } from '../record/entry-hashes.ts';
import * as events from '../store/events.ts';
import { queueEntries } from '../store/record-queue.ts';
import { newJoinCode } from '../domain/join-code.ts';

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
    const opened = await ctx.store.transaction(async (trx) => {
      const event = {
        code,
        ownerId: actor.id,
        status: 'open' as const,
        title: draft.title,
        description: draft.description,
        addressee: draft.addressee,
        language: draft.language,
        timeZone: draft.timeZone,
        startsAt: draft.startsAt,
        endsAt: draft.endsAt,
        moderation: draft.moderation,
        anonymousAllowed: draft.anonymousAllowed,
        maxLength: draft.maxLength,
        pinnedQuestionId: null,
        createdAt: ctx.now(),
        closedAt: null,
        listed: draft.listed,
      };
      const id = await events.insertEventIfCodeFree(trx, event);
      if (id === null) return false;
      await queueEntries(trx, [
        {
          petitionId: null,
          eventId: id,
          delta: 0,
          entry: {
            type: 'event.opened',
            v: 1,
            event: code,
            sha256: eventTextHash(event.title, event.addressee, event.description),
            moderation: draft.moderation,
          },
        },
      ]);
      return true;
    });
    if (opened) return code;
    // A code already taken (one chance in millions): draw another.
    if (attempt >= 5) throw new VecheError('conflict', 'No free join code was found. Try again.');
  }
}
