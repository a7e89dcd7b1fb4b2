import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore, testContext, type TestContext, type TestStore } from '../../test/support/database.ts';
import { addMember } from '../../test/support/people.ts';
import { openPetition } from '../../test/support/petitions.ts';
import { confirmationToken } from '../../test/support/mail.ts';
import { refusal } from '../../test/support/refusal.ts';
import { signPetition } from './sign-petition.ts';
import { confirmSignature } from './confirm-signature.ts';
import { openReceiptByCode } from './open-receipt-by-code.ts';
import { receiptCode } from '../domain/receipt-code.ts';
import { findSignature } from '../store/signatures.ts';
import type { Actor } from './context.ts';

let store: TestStore;
let ctx: TestContext;
let maria: Actor;

test.beforeEach(async () => {
  store = await openTestStore();
  ctx = testContext(store);
  maria = await addMember(ctx, 'organiser');
});
test.afterEach(() => store.drop());

async function signNow(petition: string, name: string): Promise<{ signature: string; receiptSecret: string }> {
  const result = await signPetition(ctx, petition, { name, showName: 'on' }, 'en');
  assert.equal(result.kind, 'counted');
  return result as { signature: string; receiptSecret: string };
}

test('a receipt opens with its code, however it is typed, and every wrong code gets the same refusal', async () => {
  const id = await openPetition(ctx, maria, { confirmation: 'email' });
  await signPetition(ctx, id, { name: 'Anna', email: 'anna@example.org' }, 'en');
  const anna = await confirmSignature(ctx, await confirmationToken(ctx, 'anna@example.org'));
  const olga = await signNow(await openPetition(ctx, maria), 'Olga');
  const rowOf = async (publicId: string) => Number((await findSignature(store.db, publicId))!.id);
  const code = receiptCode(await rowOf(anna.signature), anna.receiptSecret)!;
  assert.match(code, /^[0-9A-HJKMNP-TV-Z]{1,7}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/, `a code to write down: ${code}`);

  for (const typed of [code, code.toLowerCase(), code.replace(/-/g, ' '), ` ${code.replace(/-/g, '')} `]) {
    const opened = await openReceiptByCode(ctx, typed);
    assert.equal(opened.signature.publicId, anna.signature, typed);
    assert.equal(opened.secret, anna.receiptSecret);
  }
  const [row, ...groups] = code.split('-');
  const wrongSecret = [row, ...groups.slice(0, 3), groups[3] === 'AAAA' ? 'BBBB' : 'AAAA'].join('-');
  const otherRow = [receiptCode(await rowOf(olga.signature), olga.receiptSecret)!.split('-')[0], ...groups].join('-');
  const noRow = ['ZZZZZZ', ...groups].join('-');
  for (const wrong of [wrongSecret, otherRow, noRow, 'nonsense', '']) {
    await assert.rejects(
      openReceiptByCode(ctx, wrong),
      refusal('invalid-input', [{ field: 'code', problem: 'no-such-receipt' }]),
      wrong,
    );
  }
  await signPetition(ctx, id, { name: 'Vera', email: 'vera@example.org' }, 'en');
  const pending = (
    await store.db.selectFrom('signatures').select('id').where('status', '=', 'pending').executeTakeFirstOrThrow()
  ).id;
  await assert.rejects(
    openReceiptByCode(ctx, [Number(pending).toString(32).toUpperCase(), ...groups].join('-')),
    refusal('invalid-input', [{ field: 'code', problem: 'no-such-receipt' }]),
    'a signature without a receipt has no code',
  );
});
