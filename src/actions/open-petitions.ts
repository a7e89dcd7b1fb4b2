import type { ActionContext } from './context.ts';
import type { Petition } from '../domain/petition.ts';
import type { PetitionEvents } from './petition-events.ts';
import type { Store } from '../store/open-store.ts';
import * as petitions from '../store/petitions.ts';

/**
 * OpenPetitions keeps the open petitions that people are signing for a moment (`ttlMs`), so that a crowd signing one
 * petition does not read it again for each signature (docs/benchmarks.md, issue 12). What a signature needs of it
 * (its rules, its confirmation, its deadline) does not change once it is open; its status does, and signing reads
 * that again inside its own transaction (`assertStillOpen`), so a signature is never stored after a close. Any change
 * announced for the petition (a close, a correction, a signature; made here or heard from another node) drops it, so
 * that a closed petition is answered as closed from the next request on, as before.
 */
export class OpenPetitions {
  private readonly kept = new Map<string, { at: number; petition: Petition }>();
  private readonly ttlMs: number;

  constructor(events: PetitionEvents, ttlMs = 1000) {
    this.ttlMs = ttlMs;
    events.onChange((publicId) => this.kept.delete(publicId));
  }

  /** find returns the petition by public id as it was at most `ttlMs` ago, if it was open then; else it reads it. */
  async find(store: Store, publicId: string): Promise<Petition | undefined> {
    const now = Date.now();
    const kept = this.kept.get(publicId);
    if (kept && now - kept.at < this.ttlMs) return kept.petition;
    const petition = await petitions.findPetition(store.db, publicId);
    if (petition?.status === 'open') {
      if (this.kept.size >= 1000) this.kept.clear();
      this.kept.set(publicId, { at: now, petition });
    } else this.kept.delete(publicId);
    return petition;
  }

  /** forget drops a petition, when signing found it no longer open. */
  forget(publicId: string): void {
    this.kept.delete(publicId);
  }
}

// One keeper for each store and bus: a test's copy of the store (one that fails on purpose) gets its own.
const keepers = new WeakMap<Store, WeakMap<PetitionEvents, OpenPetitions>>();

/** openPetitionsOf returns the OpenPetitions of a context's store and change bus, made on first use. */
export function openPetitionsOf(ctx: ActionContext): OpenPetitions {
  let byEvents = keepers.get(ctx.store);
  if (!byEvents) keepers.set(ctx.store, (byEvents = new WeakMap()));
  let keeper = byEvents.get(ctx.events);
  if (!keeper) byEvents.set(ctx.events, (keeper = new OpenPetitions(ctx.events)));
  return keeper;
}
