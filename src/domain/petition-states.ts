import { VecheError } from './errors.ts';

/** PetitionStatus is where a petition is in its life: written, collecting signatures, or finished. */
export type PetitionStatus = 'draft' | 'open' | 'closed';

/** PetitionTransition names each way a petition's status may change. */
export type PetitionTransition = 'edit' | 'publish' | 'close' | 'respond' | 'sign' | 'invalidate' | 'correct';

/** petitionTransitions is the whole state machine: for each transition, the statuses it may start from and where it leads. */
export const petitionTransitions: Record<PetitionTransition, { from: PetitionStatus[]; to: PetitionStatus | null }> = {
  edit: { from: ['draft'], to: null },
  publish: { from: ['draft'], to: 'open' },
  close: { from: ['open'], to: 'closed' },
  respond: { from: ['open', 'closed'], to: null },
  sign: { from: ['open'], to: null },
  invalidate: { from: ['open', 'closed'], to: null },
  // A public correction of the text, only while signatures are taken: once closed, the text is what was delivered.
  correct: { from: ['open'], to: null },
};

/** assertTransition throws `wrong-state` (or `petition-not-open` for signing) when a petition cannot take a transition now. */
export function assertTransition(status: PetitionStatus, transition: PetitionTransition): PetitionStatus {
  const rule = petitionTransitions[transition];
  if (!rule.from.includes(status)) {
    const code = transition === 'sign' ? 'petition-not-open' : 'wrong-state';
    throw new VecheError(code, `A ${status} petition cannot ${transition}`);
  }
  return rule.to ?? status;
}
