import type { ActionContext, Actor } from './context.ts';
import { invalidInput } from '../domain/errors.ts';
import { InputReader } from '../domain/input.ts';
import * as events from '../store/events.ts';
import { findAccountByLogin } from '../store/accounts.ts';
import { loadOwnEvent } from './load-own-event.ts';

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
  if (!account || account.disabledAt !== null) throw invalidInput([{ field: 'login', problem: 'no-such-moderator' }]);
  await events.addModerator(ctx.store.db, Number(event.id), Number(account.id));
}
