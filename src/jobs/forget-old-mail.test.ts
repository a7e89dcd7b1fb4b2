// Issue 9: without SMTP_URL every email, with its address, stayed in $VECHE_DATA/outbox for ever, readable at
// /admin/outbox, while the site said the address was deleted; an unconfirmed signature kept its sealed address until
// 30 days after its petition closed. These run on SQLite and (VECHE_TEST_DB=postgres) PostgreSQL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  openTestStore,
  testContext,
  day,
  hour,
  minute,
  type TestContext,
  type TestStore,
} from '../../test/support/database.ts';
import { addMember } from '../../test/support/people.ts';
import { openPetition } from '../../test/support/petitions.ts';
import { confirmationToken, mailbox } from '../../test/support/mail.ts';
import { refusal } from '../../test/support/refusal.ts';
import { signPetition } from '../actions/sign-petition.ts';
import { checkConfirmation } from '../actions/check-confirmation.ts';
import { confirmSignature } from '../actions/confirm-signature.ts';
import { closePetition } from '../actions/close-petition.ts';
import { createMailer, type Mailer } from '../mail/mailer.ts';
import { listOutbox, outboxDir } from '../mail/outbox.ts';
import { sendMail } from './send-mail.ts';
import { forgetExpiredSignatures } from './forget-expired-signatures.ts';
import { forgetOldMail } from './forget-old-mail.ts';
import type { Actor } from '../actions/context.ts';

let store: TestStore;
let ctx: TestContext;
let maria: Actor;
let mailer: Mailer;
const quiet = { warn() {} };

test.beforeEach(async () => {
  store = await openTestStore();
  ctx = testContext(store);
  maria = await addMember(ctx, 'organiser');
  mailer = createMailer(ctx.config, ctx.now);
});
test.afterEach(() => store.drop());

/** outboxTo returns the outbox's files whose email goes to `address`, read as an admin would. */
function outboxTo(address: string): string[] {
  return listOutbox(ctx.config)
    .map((f) => f.name)
    .filter((name) => readFileSync(join(outboxDir(ctx.config), name), 'utf8').includes(address));
}

/** outboxText is every file of the outbox, together, as one string: what someone who takes the disk reads. */
function outboxText(): string {
  try {
    return readdirSync(outboxDir(ctx.config))
      .map((name) => readFileSync(join(outboxDir(ctx.config), name), 'utf8'))
      .join('\n');
  } catch {
    return '';
  }
}

async function signAndSend(petition: string, name: string, email: string): Promise<string> {
  await signPetition(ctx, petition, { name, email }, 'en');
  const token = await confirmationToken(ctx, email).catch(() => '');
  await sendMail(ctx, mailer, quiet);
  return token;
}

test("confirming deletes the signature's emails from the outbox, a second link's too, and nobody else's", async () => {
  const id = await openPetition(ctx, maria, { confirmation: 'email' });
  await signAndSend(id, 'Anna', 'anna@example.org');
  await signAndSend(id, 'Olga', 'olga@example.org');
  assert.equal(outboxTo('anna@example.org').length, 1);
  ctx.clock.advance(day);
  const fresh = await signAndSend(id, 'Anna', 'anna@example.org');
  const links = outboxTo('anna@example.org');
  assert.equal(links.length, 1, 'the second link replaces the first, which no longer works');
  assert.ok(
    readFileSync(join(outboxDir(ctx.config), links[0]), 'utf8')
      .replace(/=\n/g, '')
      .includes(`/confirm/${fresh}`),
  );

  await confirmSignature(ctx, fresh);
  assert.deepEqual(outboxTo('anna@example.org'), [], 'confirmed: no email with her address is left');
  assert.doesNotMatch(outboxText(), /anna@example\.org/);
  assert.equal(outboxTo('olga@example.org').length, 1, 'Olga has not confirmed: her link is still there');
});

test('a confirmation still queued when its signature is confirmed is never written to the outbox', async () => {
  const id = await openPetition(ctx, maria, { confirmation: 'email' });
  await signPetition(ctx, id, { name: 'Anna', email: 'anna@example.org' }, 'en');
  const first = await confirmationToken(ctx, 'anna@example.org');
  await signPetition(ctx, id, { name: 'Anna', email: 'anna@example.org' }, 'en');
  await confirmSignature(ctx, await confirmationToken(ctx, 'anna@example.org'));
  assert.equal(await sendMail(ctx, mailer, quiet), 0, 'neither the replaced link nor the used one is sent');
  assert.deepEqual(await store.db.selectFrom('mail_queue').selectAll().execute(), []);
  assert.equal(outboxText(), '');
  await assert.rejects(checkConfirmation(ctx, first), refusal('token-used'));
});

test('once a link expires, its pending signature is deleted with its address, and its email leaves the outbox', async () => {
  const id = await openPetition(ctx, maria, { confirmation: 'email' });
  const annaToken = await signAndSend(id, 'Anna', 'anna@example.org');
  ctx.clock.advance(2 * day);
  const olgaToken = await signAndSend(id, 'Olga', 'olga@example.org');
  await confirmSignature(ctx, annaToken);
  const before = (await store.db.selectFrom('signatures').select(['id', 'status']).execute()).length;
  assert.equal(before, 2);

  ctx.clock.advance(7 * day - 1);
  assert.equal(await forgetExpiredSignatures(ctx), 0, 'not while the link still works');
  assert.equal(outboxTo('olga@example.org').length, 1);
  ctx.clock.advance(2);
  assert.equal(await forgetExpiredSignatures(ctx), 1);
  const left = await store.db.selectFrom('signatures').selectAll().execute();
  assert.deepEqual(
    left.map((s) => s.status),
    ['counted'],
    'only the confirmed signature is left',
  );
  assert.ok(
    left.every((s) => s.email_enc === null && s.confirm_token_hash === null),
    'and it keeps no address and no link',
  );
  assert.deepEqual(outboxTo('olga@example.org'), []);
  assert.equal(outboxText(), '', 'nothing is left in the outbox');
  await assert.rejects(
    checkConfirmation(ctx, olgaToken),
    refusal('token-used'),
    'the link is one that no longer works',
  );
  assert.equal(await forgetExpiredSignatures(ctx), 0);
});

test('a petition that closes takes its unconfirmed signatures, their addresses and their emails with it', async () => {
  const closing = await openPetition(ctx, maria, { confirmation: 'email' });
  const staying = await openPetition(ctx, maria, { confirmation: 'email' });
  await signAndSend(closing, 'Anna', 'anna@example.org');
  await signAndSend(staying, 'Olga', 'olga@example.org');
  await closePetition(ctx, maria, closing);
  assert.equal(await forgetExpiredSignatures(ctx), 1);
  assert.deepEqual(outboxTo('anna@example.org'), []);
  assert.equal(outboxTo('olga@example.org').length, 1);
  assert.equal((await store.db.selectFrom('signatures').selectAll().execute()).length, 1);
});

test('an "already signed" note is kept an hour at most, without the confirmed address it went to; the sweep also deletes links whose signature went in a crash', async () => {
  const id = await openPetition(ctx, maria, { confirmation: 'email' });
  const token = await signAndSend(id, 'Anna', 'anna@example.org');
  await confirmSignature(ctx, token);
  await signAndSend(id, 'Anna', 'anna@example.org');
  assert.deepEqual(
    listOutbox(ctx.config).map((f) => f.kind),
    ['note'],
  );
  // The note goes to a confirmed address, which the outbox never holds: it is kept without it.
  assert.deepEqual(outboxTo('anna@example.org'), []);
  assert.match(outboxText(), /undisclosed-recipients/);
  await signAndSend(id, 'Olga', 'olga@example.org');
  await signAndSend(id, 'Vera', 'vera@example.org');
  // A crash after the expiry deleted Olga's signature but before it deleted her email:
  await store.db.deleteFrom('signatures').where('status', '=', 'pending').where('name', '=', 'Olga').execute();
  // and one between writing an email and renaming it into place:
  writeFileSync(join(outboxDir(ctx.config), '.20260312T115000000Z-link-s9-0a0b0c0d.eml'), 'To: lost@example.org\n');

  ctx.clock.advance(hour - minute);
  assert.equal(await forgetOldMail(ctx), 2, "Olga's link and the half-written file go at the first sweep");
  assert.deepEqual(outboxTo('olga@example.org'), []);
  assert.doesNotMatch(outboxText(), /lost@example\.org/);
  assert.deepEqual(listOutbox(ctx.config).filter((f) => f.kind === 'note').length, 1, 'the note is kept for the hour');
  ctx.clock.advance(2 * minute);
  assert.equal(await forgetOldMail(ctx), 1);
  assert.deepEqual(
    listOutbox(ctx.config).filter((f) => f.kind === 'note'),
    [],
  );
  assert.equal(outboxTo('vera@example.org').length, 1, 'a link that works stays');
});

test('the outbox keeps no link longer than a link works, whatever the database says', async () => {
  const id = await openPetition(ctx, maria, { confirmation: 'email' });
  await signAndSend(id, 'Anna', 'anna@example.org');
  // A file from before the outbox labelled its emails: its age is all there is to go by.
  mkdirSync(outboxDir(ctx.config), { recursive: true });
  writeFileSync(join(outboxDir(ctx.config), '2026-03-12T12-00-00-000Z-0a0b0c0d.eml'), 'To: old@example.org\n');
  ctx.clock.advance(7 * day + minute);
  await forgetOldMail(ctx);
  assert.equal(outboxText(), '');
});

test('an email that cannot be sent is dropped with its address once its link could no longer work', async () => {
  const id = await openPetition(ctx, maria, { confirmation: 'email' });
  const failing: Mailer = {
    send: async () => {
      throw new Error('connection refused');
    },
  };
  await signPetition(ctx, id, { name: 'Anna', email: 'anna@example.org' }, 'en');
  assert.equal(await sendMail(ctx, failing, quiet), 0);
  assert.equal((await mailbox(ctx, 'anna@example.org')).length, 1, 'kept to try again');
  ctx.clock.advance(7 * day + minute);
  await forgetExpiredSignatures(ctx);
  await forgetOldMail(ctx);
  assert.deepEqual(await store.db.selectFrom('mail_queue').selectAll().execute(), []);
});
