import type { ActionContext, Actor } from './context.ts';
import { VecheError } from '../domain/errors.ts';
import { assertTransition } from '../domain/petition-states.ts';
import { InputReader } from '../domain/input.ts';
import { randomId } from '../crypto/tokens.ts';
import { loadOwnPetition } from './organise-petition.ts';
import { queueEntries } from '../store/record-queue.ts';
import { INVALIDATION_REASONS, type InvalidationReason } from '../record/entry.ts';
import * as signatures from '../store/signatures.ts';

/** invalidationReasons are the public reasons an organiser may give for taking signatures out of the count. */
export const invalidationReasons = INVALIDATION_REASONS;

/** InvalidationWindow picks signatures by the minute they were counted, and optionally by region. */
export interface InvalidationWindow {
  fromMinute: number;
  toMinute: number;
  region: string | null;
}

/** readInvalidation validates an invalidation: a time window (epoch minutes or datetime-local text), region and reason. */
export function readInvalidation(
  raw: unknown,
  ignore: string[] = [],
): InvalidationWindow & { reason: InvalidationReason } {
  const input = new InputReader(raw);
  input.ignore(...ignore);
  const from = readMinute(input, 'from');
  const to = readMinute(input, 'to');
  const region = input.text('region', { max: 10 });
  const reason = input.choice('reason', invalidationReasons, { required: true });
  if (from !== null && to !== null && to < from) input.add('to', 'before-start');
  if (from !== null && to !== null && to - from > 31 * 1440) input.add('to', 'window-too-long');
  input.done();
  return { fromMinute: from!, toMinute: to!, region, reason: reason! };
}

function readMinute(input: InputReader, field: string): number | null {
  const text = input.text(field, { max: 20, required: true });
  if (text === null) return null;
  if (/^\d{1,10}$/.test(text)) return Number(text);
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(text);
  if (!match) {
    input.add(field, 'not-a-date');
    return null;
  }
  return Math.floor(Date.UTC(+match[1], +match[2] - 1, +match[3], +match[4], +match[5]) / 60_000);
}

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
  const count = await ctx.store.db.transaction().execute(async (trx) => {
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
      public_id: invalidation,
      petition_id: petition.id,
      reason: window.reason,
      from_minute: window.fromMinute,
      to_minute: window.toMinute,
      region: window.region,
      signatures: chosen.length,
      created_by: actor.id,
      created_at: ctx.now(),
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
            signature: s.public_id,
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
