import type { ActionContext, Actor } from '../actions/context.ts';
import * as accounts from '../store/accounts.ts';
import * as sessions from '../store/sessions.ts';
import { requireAdmin } from '../actions/require-admin.ts';

/** PeopleOverview is the admin's page of people: accounts, open invitations, and whether two-step sign-in is required. */
export interface PeopleOverview {
  people: accounts.Person[];
  invitations: accounts.PendingInvitation[];
  required: boolean;
  /** adminHasSecondFactor: an admin must have two-step sign-in before requiring it of everyone. */
  adminHasSecondFactor: boolean;
}

/** peopleOverview gathers the admin's page of people. */
export async function peopleOverview(ctx: ActionContext, actor: Actor): Promise<PeopleOverview> {
  requireAdmin(actor);
  const people = await accounts.listPeople(ctx.store.db);
  return {
    people,
    invitations: await accounts.listPendingInvitations(ctx.store.db, ctx.now()),
    required: (await accounts.getSetting(ctx.store.db, sessions.REQUIRE_SECOND_FACTOR)) === '1',
    adminHasSecondFactor: people.some((p) => p.id === actor.id && p.totpEnabledAt !== null),
  };
}
