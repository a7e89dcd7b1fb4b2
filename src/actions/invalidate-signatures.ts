import type { ActionContext, Actor } from './context.ts';
import { VecheError } from '../domain/errors.ts';
import { assertTransition } from '../domain/petition-states.ts';
import { randomId } from '../crypto/tokens.ts';
import { loadOwnPetition } from './load-own-petition.ts';
import { readInvalidation } from './read-invalidation.ts';
import { queueEntries } from '../store/record-queue.ts';
import * as signatures from '../store/signatures.ts';

/**
 * invalidateSignatures takes the petition's counted signatures in a window out of the count, in one transaction,
 * queuing one public `signature.invalidated` entry for each with the batch's id and reason. Given `expected` (the
 * number the organiser was shown), it refuses with `conflict` and changes nothing when the window now holds another.
 */
export async function invalidateSignatures(
  ctx: ActionContext,
  actor: Actor,
  publicId: string,
  raw: unknown,
  ignore: string[] = [],
  expected?: number,
): Promise<{ invalidation: string; signatures: number }> {
  const petition = await loadOwnPetition(ctx, actor, publicId);
  assertTransition(petition.status, 'invalidate');
  const window = readInvalidation(raw, ignore);
  const invalidation = `i${randomId(10)}`;
  const count = await ctx.store.transaction(async (trx) => {
    const chosen = await signatures.countedInWindow(trx, petition.id, window);
    if (expected !== undefined && chosen.length !== expected) {
      throw new VecheError('conflict', `The window now holds ${chosen.length} signatures, not ${expected}.`, [
        { field: 'expected', problem: 'count-changed' },
      ]);
    }
    if (chosen.length === 0) return 0;
    if (chosen.length > 100_000)
      throw new VecheError('invalid-input', 'Too many signatures at once.', [
        { field: 'to', problem: 'window-too-big' },
      ]);
    const id = await signatures.insertInvalidation(trx, {
      publicId: invalidation,
      petitionId: petition.id,
      reason: window.reason,
      fromMinute: window.fromMinute,
      toMinute: window.toMinute,
      region: window.region,
      signatures: chosen.length,
      createdBy: actor.id,
      createdAt: ctx.now(),
    });
    await signatures.markInvalidated(
      trx,
      chosen.map((s) => s.id),
      id,
    );
    for (let i = 0; i < chosen.length; i += 500) {
      await queueEntries(
        trx,
        chosen.slice(i, i + 500).map((s) => ({
          petitionId: petition.id,
          signatureId: s.id,
          delta: -1,
          entry: {
            type: 'signature.invalidated' as const,
            v: 1 as const,
            petition: publicId,
            signature: s.publicId,
            invalidation,
            reason: window.reason,
          },
        })),
      );
    }
    return chosen.length;
  });
  if (count > 0) ctx.events.changed(publicId);
  return { invalidation, signatures: count };
}
