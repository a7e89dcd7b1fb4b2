import { VecheError } from '../domain/errors.ts';
import * as petitions from '../store/petitions.ts';
import type { Transaction } from '../store/open-store.ts';

/**
 * assertStillOpen re-reads the status inside the writing transaction (the store locks it where that is needed), so
 * nothing is signed after closing; `closed` is told when it is not (to forget a petition kept as open).
 */
export async function assertStillOpen(trx: Transaction, petitionId: number, closed?: () => void): Promise<void> {
  if ((await petitions.lockPetition(trx, petitionId)) !== 'open') {
    closed?.();
    throw new VecheError('petition-not-open', 'The petition closed while this was being signed.');
  }
}
