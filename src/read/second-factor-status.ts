import type { ActionContext, Actor } from '../actions/context.ts';
import * as accounts from '../store/accounts.ts';
import * as secondFactor from '../store/second-factor.ts';
import { REQUIRE_SECOND_FACTOR } from '../store/sessions.ts';

/** SecondFactorStatus is what a person's two-step sign-in page says about their account. */
export interface SecondFactorStatus {
  enabled: boolean;
  enabledAt: number | null;
  recoveryCodesLeft: number;
  required: boolean;
}

/** secondFactorStatus says whether the person's second factor is on, since when, and how many recovery codes remain. */
export async function secondFactorStatus(ctx: ActionContext, actor: Actor): Promise<SecondFactorStatus> {
  const state = await secondFactor.findSecondFactor(ctx.store.db, actor.id);
  return {
    enabled: Boolean(state?.secretSealed),
    enabledAt: state?.enabledAt ?? null,
    recoveryCodesLeft: await secondFactor.countRecoveryCodes(ctx.store.db, actor.id),
    required: (await accounts.getSetting(ctx.store.db, REQUIRE_SECOND_FACTOR)) === '1',
  };
}
