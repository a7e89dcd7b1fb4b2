import type { ActionContext, Actor } from '../actions/context.ts';
import { assertTransition } from '../domain/petition-states.ts';
import { loadOwnPetition } from '../actions/load-own-petition.ts';
import { readInvalidation, type InvalidationWindow } from '../actions/read-invalidation.ts';
import * as signatures from '../store/signatures.ts';

/** previewInvalidation says how many counted signatures an invalidation would take out, changing nothing. */
export async function previewInvalidation(
  ctx: ActionContext,
  actor: Actor,
  publicId: string,
  raw: unknown,
  ignore: string[] = [],
): Promise<InvalidationPreview> {
  const petition = await loadOwnPetition(ctx, actor, publicId);
  assertTransition(petition.status, 'invalidate');
  const window = readInvalidation(raw, ignore);
  return { ...window, signatures: await signatures.countCountedInWindow(ctx.store.db, petition.id, window) };
}

/** InvalidationPreview is what an invalidation would do: its window, region and reason, and how many it would take out. */
export type InvalidationPreview = InvalidationWindow & { reason: string; signatures: number };
