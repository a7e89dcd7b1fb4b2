import type { ActionContext } from './context.ts';
import { invalidInput } from '../domain/errors.ts';
import { readReceiptCode } from '../domain/receipt-code.ts';
import { hashToken, sameSecret } from '../crypto/tokens.ts';
import * as signatures from '../store/signatures.ts';
import * as petitions from '../store/petitions.ts';

/**
 * openReceiptByCode returns a signature and its petition from a receipt code. Every way a code can be wrong (not a
 * code, no such row, the wrong secret, a signature without a receipt) gets the one refusal, `invalid-input` naming
 * the field `code` with `no-such-receipt`, so that nothing can be learnt by trying codes.
 */
export async function openReceiptByCode(ctx: ActionContext, code: string) {
  const parsed = readReceiptCode(code);
  const signature = parsed ? await signatures.findSignatureById(ctx.store.db, parsed.rowId) : undefined;
  const given = hashToken(parsed?.secret ?? '');
  if (!signature?.receiptHash || !sameSecret(signature.receiptHash, given)) {
    throw invalidInput([{ field: 'code', problem: 'no-such-receipt' }]);
  }
  const petition = await petitions.findPetitionById(ctx.store.db, signature.petitionId);
  return { signature, petition: petition!, secret: parsed!.secret };
}
