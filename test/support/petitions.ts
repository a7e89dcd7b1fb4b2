import type { Actor } from '../../src/actions/context.ts';
import { publishPetition } from '../../src/actions/publish-petition.ts';
import { savePetitionDraft } from '../../src/actions/save-petition-draft.ts';
import type { TestContext } from './database.ts';

/** petitionFields is a valid draft as an organiser's form would send it; `change` replaces or adds fields. */
export function petitionFields(change: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Bring our men home after a year of service',
    body: 'We, the wives and mothers of mobilised soldiers, ask for a fixed term of service and rotation home.',
    addressee: 'The Minister of Defence',
    language: 'en',
    confirmation: 'none',
    ...change,
  };
}

/** openPetition writes and publishes a petition for `actor` and returns its public id. */
export async function openPetition(
  ctx: TestContext,
  actor: Actor,
  change: Record<string, unknown> = {},
): Promise<string> {
  const id = await savePetitionDraft(ctx, actor, petitionFields(change));
  await publishPetition(ctx, actor, id);
  return id;
}

/** dateAfter gives the YYYY-MM-DD date `days` days after the clock's day, as a deadline field takes it. */
export function dateAfter(ctx: TestContext, days: number): string {
  return new Date(ctx.now() + days * 24 * 3600_000).toISOString().slice(0, 10);
}
