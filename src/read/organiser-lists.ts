import type { ActionContext, Actor } from '../actions/context.ts';
import type { Event, Moderator } from '../domain/event.ts';
import type { Petition } from '../domain/petition.ts';
import type { Question } from '../domain/question.ts';
import { listEventsOf, listModeratedEvents, listModerators } from '../store/events.ts';
import { listPetitionsOf } from '../store/petitions.ts';
import { findQuestion } from '../store/questions.ts';
import { countAll } from '../store/tallies.ts';

/** OwnPetitions are the petitions on an account's home page (every one for an admin) and the counts of those published. */
export interface OwnPetitions {
  petitions: Petition[];
  counts: Map<number, number>;
}

/** readOwnPetitions reads the petitions an account manages, newest first, with their counts; a moderator has none. */
export async function readOwnPetitions(ctx: ActionContext, actor: Actor): Promise<OwnPetitions> {
  const petitions =
    actor.role === 'moderator' ? [] : await listPetitionsOf(ctx.store.db, actor.role === 'admin' ? null : actor.id);
  const counts = await countAll(
    ctx.store.db,
    petitions.filter((p) => p.status !== 'draft').map((p) => p.id),
  );
  return { petitions, counts };
}

/** OwnEvents are the events an account organises (every one for an admin) and those it moderates. */
export interface OwnEvents {
  organised: Event[];
  moderated: Event[];
}

/** readOwnEvents reads the events on an account's list of events, newest first. */
export async function readOwnEvents(ctx: ActionContext, actor: Actor): Promise<OwnEvents> {
  const [organised, moderated] = await Promise.all([
    actor.role === 'moderator' ? [] : listEventsOf(ctx.store.db, actor.role === 'admin' ? null : actor.id),
    listModeratedEvents(ctx.store.db, actor.id),
  ]);
  return { organised, moderated };
}

/** readModerators reads an event's moderators, by login, for its organiser's dashboard. */
export function readModerators(ctx: ActionContext, event: Event): Promise<Moderator[]> {
  return listModerators(ctx.store.db, event.id);
}

/** readQuestion reads one of an event's questions by public id (for a moderator's error message), or undefined. */
export function readQuestion(ctx: ActionContext, event: Event, publicId: string): Promise<Question | undefined> {
  if (publicId.length > 40) return Promise.resolve(undefined);
  return findQuestion(ctx.store.db, event.id, publicId);
}
