import type { ActionContext, Actor } from './context.ts';
import { InputReader } from '../domain/input.ts';
import * as events from '../store/events.ts';
import { loadOwnEvent } from './load-own-event.ts';

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
