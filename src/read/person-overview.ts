import type { ActionContext, Actor } from '../actions/context.ts';
import { VecheError } from '../domain/errors.ts';
import * as accounts from '../store/accounts.ts';
import * as sessions from '../store/sessions.ts';
import { requireAdmin } from '../actions/require-admin.ts';

/** PersonOverview is one account as the admin sees it, with what may be done to it. */
export interface PersonOverview {
  person: accounts.Person;
  sessions: number;
  self: boolean;
  /** lastAdmin: the only enabled admin, who cannot be switched off. */
  lastAdmin: boolean;
}

/** personOverview returns one account for the admin, or throws `not-found`. */
export async function personOverview(ctx: ActionContext, actor: Actor, id: number): Promise<PersonOverview> {
  requireAdmin(actor);
  const person = await accounts.findPerson(ctx.store.db, id);
  if (!person) throw new VecheError('not-found', 'No such account.');
  const others = await accounts.countOtherEnabledAdmins(ctx.store.db, id);
  return {
    person,
    sessions: await sessions.countSessions(ctx.store.db, id, ctx.now()),
    self: id === actor.id,
    lastAdmin: person.role === 'admin' && person.disabledAt === null && others === 0,
  };
}
