import { VecheError } from '../domain/errors.ts';
import { assertTransition } from '../domain/petition-states.ts';
import type { Petition } from '../domain/petition.ts';
import * as petitions from '../store/petitions.ts';
import type { Transaction } from '../store/open-store.ts';

/** findOpenPetition returns a petition that takes signatures now, or throws `not-found` / `petition-not-open`. */
export async function findOpenPetition(db: Transaction, publicId: string, now: number): Promise<Petition> {
  return assertSignable(await petitions.findPetition(db, publicId), now);
}

/** assertSignable returns a petition that takes signatures at `now`, or throws `not-found` / `petition-not-open`. */
export function assertSignable(petition: Petition | undefined, now: number): Petition {
  if (!petition || petition.status === 'draft') throw new VecheError('not-found', 'No such petition.');
  assertTransition(petition.status, 'sign');
  if (petition.deadline !== null && petition.deadline < now)
    throw new VecheError('petition-not-open', 'The petition has passed its deadline.');
  return petition;
}
