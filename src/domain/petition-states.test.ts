import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertTransition,
  petitionTransitions,
  type PetitionStatus,
  type PetitionTransition,
} from './petition-states.ts';
import { VecheError } from './errors.ts';

const statuses: PetitionStatus[] = ['draft', 'open', 'closed'];

// The whole life of a petition, as an organiser and a signer meet it: what each status allows, and where it leads.
const expected: Record<PetitionStatus, Partial<Record<PetitionTransition, PetitionStatus>>> = {
  draft: { edit: 'draft', publish: 'open' },
  open: { close: 'closed', respond: 'open', sign: 'open', invalidate: 'open', correct: 'open' },
  closed: { respond: 'closed', invalidate: 'closed' },
};

test('each status allows exactly the expected transitions and leads where expected', () => {
  for (const status of statuses) {
    for (const transition of Object.keys(petitionTransitions) as PetitionTransition[]) {
      const to = expected[status][transition];
      if (to) {
        assert.equal(assertTransition(status, transition), to, `${status} → ${transition}`);
      } else {
        assert.throws(
          () => assertTransition(status, transition),
          (e: unknown) => e instanceof VecheError,
          `${status} must not ${transition}`,
        );
      }
    }
  }
});

test('signing a petition that is not open says so; other refusals are wrong-state', () => {
  assert.throws(
    () => assertTransition('closed', 'sign'),
    (e: unknown) => e instanceof VecheError && e.code === 'petition-not-open',
  );
  assert.throws(
    () => assertTransition('draft', 'sign'),
    (e: unknown) => e instanceof VecheError && e.code === 'petition-not-open',
  );
  assert.throws(
    () => assertTransition('open', 'edit'),
    (e: unknown) => e instanceof VecheError && e.code === 'wrong-state',
  );
  assert.throws(
    () => assertTransition('closed', 'publish'),
    (e: unknown) => e instanceof VecheError && e.code === 'wrong-state',
  );
});
