import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  openTestStore,
  testContext,
  day,
  minute,
  type TestContext,
  type TestStore,
} from '../../test/support/database.ts';
import { addMember } from '../../test/support/people.ts';
import { openPetition, petitionFields } from '../../test/support/petitions.ts';
import { entriesOf, entriesOfType, petitionRowId } from '../../test/support/record.ts';
import { confirmationToken, mailbox } from '../../test/support/mail.ts';
import { refusal } from '../../test/support/refusal.ts';
import { failingAfterInsert, InjectedFailure } from '../../test/support/failing-store.ts';
import { signPetition } from './sign-petition.ts';
import { checkConfirmation } from './check-confirmation.ts';
import { confirmSignature } from './confirm-signature.ts';
import { closePetition } from './close-petition.ts';
import { savePetitionDraft } from './save-petition-draft.ts';
import { findSignature } from '../store/signatures.ts';
import { countSignatures } from '../store/tallies.ts';
import { regionsOf } from '../domain/regions.ts';
import { hashToken } from '../crypto/tokens.ts';
import { openText } from '../crypto/email-cipher.ts';
import { renderMail } from '../mail/render-mail.ts';
import { createMailer } from '../mail/mailer.ts';
import { sendMail } from '../jobs/send-mail.ts';
import { listOutbox, outboxDir } from '../mail/outbox.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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

const [someRegion] = regionsOf(['UA'], 'en').map((r) => r.code);

test('without confirmation a signature is counted at once, with a receipt and a signature.added entry', async () => {
  const id = await openPetition(ctx, maria, { regionRule: 'optional', regionCountries: ['UA'] });
  ctx.changes.length = 0;
  const result = await signPetition(ctx, id, { name: 'Anna Petrenko', region: someRegion, showName: 'on' }, 'uk');
  assert.equal(result.kind, 'counted');
  if (result.kind !== 'counted') return;
  assert.match(result.signature, /^s[1-9A-HJ-NP-Za-km-z]{16}$/);

  const row = await findSignature(store.db, result.signature);
  assert.equal(row?.status, 'counted');
  assert.equal(row?.name, 'Anna Petrenko');
  assert.equal(row?.region, someRegion);
  assert.equal(row?.showName, true);
  assert.equal(row?.receiptHash, hashToken(result.receiptSecret), 'only the hash of the receipt secret is kept');
  assert.equal(row?.countedMinute, Math.floor(ctx.now() / minute));

  const added = await entriesOfType(store.db, id, 'signature.added');
  assert.deepEqual(
    added.map((e) => [e.body, e.delta]),
    [[`{"confirmed":false,"petition":"${id}","signature":"${result.signature}","type":"signature.added","v":1}`, 1]],
  );
  assert.equal(await countSignatures(store.db, await petitionRowId(store.db, id)), 1);
  assert.deepEqual(ctx.changes, [id]);
  assert.deepEqual(
    await store.db.selectFrom('mail_queue').selectAll().execute(),
    [],
    'no email is asked for, none is sent',
  );
});

test("a signer's details are checked against the petition's rules, each field named", async () => {
  const id = await openPetition(ctx, maria, { regionRule: 'required', regionCountries: ['UA'], namesPublic: 'never' });
  await assert.rejects(
    signPetition(ctx, id, { region: 'RU-MOW', email: 'a@example.org', trap: '1' }, 'en'),
    refusal('invalid-input', [
      { field: 'name', problem: 'required' },
      { field: 'region', problem: 'not-a-choice' },
      { field: 'email', problem: 'unknown-field' },
      { field: 'trap', problem: 'unknown-field' },
    ]),
  );
  const emailed = await openPetition(ctx, maria, { confirmation: 'email', nameRule: 'optional' });
  await assert.rejects(
    signPetition(ctx, emailed, { email: 'not an address' }, 'en'),
    refusal('invalid-input', [{ field: 'email', problem: 'not-an-email' }]),
  );
  await assert.rejects(signPetition(ctx, 'pNoSuch1', { name: 'Anna' }, 'en'), refusal('not-found'));
  assert.equal(await countSignatures(store.db, await petitionRowId(store.db, id)), 0);
});

test('a draft cannot be signed: to a signer it does not exist', async () => {
  const draft = await savePetitionDraft(ctx, maria, petitionFields());
  await assert.rejects(signPetition(ctx, draft, { name: 'Anna' }, 'en'), refusal('not-found'));
});

test('a petition closed by another node takes no more signatures here, though this node still keeps it open', async () => {
  const id = await openPetition(ctx, maria);
  await signPetition(ctx, id, { name: 'Anna' }, 'en');
  // Another node: the same database, a change bus of its own, so this node never hears of the close.
  const otherNode = { ...testContext(store), now: ctx.now };
  await closePetition(otherNode, maria, id);
  await assert.rejects(signPetition(ctx, id, { name: 'Olga' }, 'en'), refusal('petition-not-open'));
  assert.equal(await countSignatures(store.db, await petitionRowId(store.db, id)), 1);
  assert.equal((await store.db.selectFrom('signatures').selectAll().execute()).length, 1);
});

test('a petition closed on this node is answered as closed at once, before its form is read', async () => {
  const id = await openPetition(ctx, maria, { nameRule: 'required' });
  await signPetition(ctx, id, { name: 'Anna' }, 'en');
  await closePetition(ctx, maria, id);
  await assert.rejects(signPetition(ctx, id, {}, 'en'), refusal('petition-not-open'));
});

test('a signature that fails to be recorded is not kept: the row and the entry are one transaction', async () => {
  const id = await openPetition(ctx, maria);
  const crashing = { ...ctx, store: failingAfterInsert(store, 'record_entries') };
  await assert.rejects(signPetition(crashing, id, { name: 'Anna' }, 'en'), InjectedFailure);
  assert.deepEqual(await store.db.selectFrom('signatures').selectAll().execute(), []);
  assert.equal(await countSignatures(store.db, await petitionRowId(store.db, id)), 0);
});

test('with confirmation, signing says "check your email" whether or not the address signed before, and only the email tells', async () => {
  const id = await openPetition(ctx, maria, { confirmation: 'email' });
  const first = await signPetition(ctx, id, { name: 'Anna', email: 'anna@example.org' }, 'ru');
  assert.deepEqual(first, { kind: 'check-email' });
  assert.deepEqual(
    (await mailbox(ctx, 'anna@example.org')).map((m) => [m.template, m.language]),
    [['confirm-signature', 'ru']],
  );
  assert.equal(
    await countSignatures(store.db, await petitionRowId(store.db, id)),
    0,
    'not counted before confirmation',
  );
  assert.deepEqual(await entriesOfType(store.db, id, 'signature.added'), []);

  const receipt = await confirmSignature(ctx, await confirmationToken(ctx, 'anna@example.org'));
  const again = await signPetition(ctx, id, { name: 'Anna P.', email: 'Anna@Example.org' }, 'ru');
  assert.deepEqual(again, first, 'the answer is identical');
  assert.deepEqual(
    (await mailbox(ctx, 'anna@example.org')).map((m) => m.template),
    ['confirm-signature', 'already-signed'],
  );
  assert.equal(await countSignatures(store.db, await petitionRowId(store.db, id)), 1);
  assert.equal((await findSignature(store.db, receipt.signature))?.name, 'Anna', 'signing again changes nothing');

  const stranger = await signPetition(ctx, id, { name: 'Olga', email: 'olga@example.org' }, 'ru');
  assert.deepEqual(stranger, first);
  assert.deepEqual(
    (await mailbox(ctx, 'olga@example.org')).map((m) => m.template),
    ['confirm-signature'],
  );
});

test('confirming counts the signature once, deletes the address and keeps only the hash that stops signing twice', async () => {
  const id = await openPetition(ctx, maria, { confirmation: 'email', regionRule: 'optional', regionCountries: ['UA'] });
  await signPetition(ctx, id, { name: 'Anna', email: 'anna@example.org', region: someRegion }, 'en');
  const token = await confirmationToken(ctx, 'anna@example.org');
  const pending = (await store.db.selectFrom('signatures').selectAll().execute())[0];
  assert.equal(pending.status, 'pending');
  assert.ok(pending.email_enc, 'the address is kept, sealed, until confirmation');
  assert.doesNotMatch(JSON.stringify(pending), /anna@example\.org/i, 'never in the clear');

  ctx.clock.advance(3 * minute);
  assert.equal((await checkConfirmation(ctx, token)).petition.publicId, id, 'looking at the link does not use it up');
  ctx.changes.length = 0;
  const receipt = await confirmSignature(ctx, token);
  assert.equal(receipt.petition, id);
  assert.equal(receipt.signature, pending.public_id);

  const row = await findSignature(store.db, receipt.signature);
  assert.equal(row?.status, 'counted');
  assert.equal(row?.emailEnc, null, 'the address is deleted');
  assert.equal(row?.emailHash, pending.email_hash, 'the duplicate-stopping hash remains');
  assert.equal(row?.confirmTokenHash, null);
  assert.equal(row?.receiptHash, hashToken(receipt.receiptSecret));
  assert.equal(row?.signedMinute, pending.signed_minute);
  assert.equal(row?.countedMinute, pending.signed_minute + 3);
  assert.deepEqual(
    (await entriesOfType(store.db, id, 'signature.added')).map((e) => e.body),
    [`{"confirmed":true,"petition":"${id}","signature":"${receipt.signature}","type":"signature.added","v":1}`],
  );
  assert.deepEqual(ctx.changes, [id]);

  await assert.rejects(confirmSignature(ctx, token), refusal('token-used'));
  await assert.rejects(checkConfirmation(ctx, token), refusal('token-used'));
  assert.equal(
    await countSignatures(store.db, await petitionRowId(store.db, id)),
    1,
    'a second click counts nothing more',
  );
});

test('a confirmation link works for seven days', async () => {
  const id = await openPetition(ctx, maria, { confirmation: 'email' });
  await signPetition(ctx, id, { name: 'Anna', email: 'anna@example.org' }, 'en');
  await signPetition(ctx, id, { name: 'Olga', email: 'olga@example.org' }, 'en');
  ctx.clock.advance(7 * day);
  await confirmSignature(ctx, await confirmationToken(ctx, 'anna@example.org'));
  ctx.clock.advance(1);
  await assert.rejects(
    confirmSignature(ctx, await confirmationToken(ctx, 'olga@example.org')),
    refusal('token-expired'),
  );
  assert.equal(await countSignatures(store.db, await petitionRowId(store.db, id)), 1);
});

test('signing again before confirming sends a fresh link that replaces the first', async () => {
  const id = await openPetition(ctx, maria, { confirmation: 'email' });
  await signPetition(ctx, id, { name: 'Anna', email: 'anna@example.org' }, 'en');
  const lost = await confirmationToken(ctx, 'anna@example.org');
  ctx.clock.advance(day);
  assert.deepEqual(await signPetition(ctx, id, { name: 'Anna Petrenko', email: 'anna@example.org' }, 'en'), {
    kind: 'check-email',
  });
  const fresh = await confirmationToken(ctx, 'anna@example.org');
  assert.notEqual(fresh, lost);
  await assert.rejects(confirmSignature(ctx, lost), refusal('token-used'));
  const receipt = await confirmSignature(ctx, fresh);
  assert.equal((await findSignature(store.db, receipt.signature))?.name, 'Anna Petrenko', 'the newest details stand');
  assert.equal((await store.db.selectFrom('signatures').selectAll().execute()).length, 1);
});

test('a link for a petition closed in the meantime counts nothing', async () => {
  const id = await openPetition(ctx, maria, { confirmation: 'email' });
  await signPetition(ctx, id, { name: 'Anna', email: 'anna@example.org' }, 'en');
  await closePetition(ctx, maria, id);
  await assert.rejects(
    confirmSignature(ctx, await confirmationToken(ctx, 'anna@example.org')),
    refusal('petition-not-open'),
  );
  assert.equal(await countSignatures(store.db, await petitionRowId(store.db, id)), 0);
  assert.deepEqual(
    (await entriesOf(store.db, id)).map((e) => e.entry.type),
    ['petition.opened', 'petition.closed'],
  );
});

test('a made-up or overlong confirmation token is refused', async () => {
  await assert.rejects(confirmSignature(ctx, 'made-up'), refusal('token-used'));
  await assert.rejects(confirmSignature(ctx, 'x'.repeat(5000)), refusal('token-used'));
});

test('no email names its petition: not in the subject, not in the first lines, nowhere', async () => {
  const title = 'Верните наших мужей домой: ограничьте срок службы';
  const id = await openPetition(ctx, maria, { confirmation: 'email', title, language: 'ru' });
  for (const language of ['ru', 'uk', 'en']) {
    const email = `anna.${language}@example.org`;
    await signPetition(ctx, id, { name: 'Анна', email }, language);
    await confirmSignature(ctx, await confirmationToken(ctx, email));
    await signPetition(ctx, id, { name: 'Анна', email }, language);
    await signPetition(ctx, id, { name: 'Ольга', email: `olga.${language}@example.org` }, language);
  }
  const queued = await store.db.selectFrom('mail_queue').selectAll().execute();
  assert.equal(queued.length, 9);
  const sealed = queued.map((row) => JSON.parse(openText(ctx.secrets.encryption, row.params)));
  assert.ok(
    sealed.every((params) => Object.keys(params).every((key) => key === 'token')),
    'the queue keeps nothing about the petition',
  );
  for (const [i, row] of queued.entries()) {
    const { subject, text } = renderMail(row.template, row.language, sealed[i], ctx.config.publicUrl);
    for (const part of [subject, text]) {
      assert.ok(
        !part.includes(title) && !part.includes('Верните') && !part.includes(id) && !part.includes('/p/'),
        `${row.template} (${row.language}) names the petition:\n${subject}\n${text}`,
      );
    }
    assert.match(
      subject,
      /^(Confirm your signature|About your signature|Подтвердите подпись|О вашей подписи|Підтвердьте підпис|Про ваш підпис)$/,
    );
  }
  // And the emails as written, headers and all.
  await sendMail(ctx, createMailer(ctx.config, ctx.now), { warn() {} });
  const sources = listOutbox(ctx.config).map((f) => readFileSync(join(outboxDir(ctx.config), f.name), 'utf8'));
  assert.equal(sources.length, 6, 'three links and three notes (the used links are not sent)');
  for (const source of sources) {
    const decoded = source.replace(/=\r?\n/g, '');
    assert.ok(
      !decoded.includes(id) &&
        !decoded.includes('/p/') &&
        !/=D0=92=D0=B5=D1=80/.test(decoded) &&
        !decoded.includes(title),
      source,
    );
  }
});

test('an address gets at most three emails an hour; past that the answer is the same, nothing changes, and its link still works', async () => {
  const id = await openPetition(ctx, maria, { confirmation: 'email' });
  const other = await openPetition(ctx, maria, { confirmation: 'email' });
  const answers: unknown[] = [];
  for (let i = 0; i < 3; i++)
    answers.push(await signPetition(ctx, i === 2 ? other : id, { name: `Anna ${i}`, email: 'anna@example.org' }, 'en'));
  const kept = await confirmationToken(ctx, 'anna@example.org');
  const before = await store.db.selectFrom('signatures').selectAll().orderBy('id').execute();
  for (const petition of [id, other, id])
    answers.push(await signPetition(ctx, petition, { name: 'Anna X', email: 'ANNA@example.org' }, 'en'));
  assert.ok(
    answers.every((answer) => JSON.stringify(answer) === JSON.stringify(answers[0])),
    'every answer is the same',
  );
  assert.equal((await mailbox(ctx, 'anna@example.org')).length, 3, 'three emails, no more, across petitions');
  assert.deepEqual(
    await store.db.selectFrom('signatures').selectAll().orderBy('id').execute(),
    before,
    'held back: no signature changed',
  );
  assert.deepEqual(
    (await store.db.selectFrom('mail_queue').select('template').where('template', '=', 'held').execute()).length,
    3,
    'a held signing still queues one row, holding no address, as a sent one does',
  );
  assert.equal(
    await sendMail(ctx, createMailer(ctx.config, ctx.now), { warn() {} }),
    2,
    'her two working links are sent (the replaced one is not); held rows are deleted, not sent',
  );
  assert.deepEqual(await store.db.selectFrom('mail_queue').selectAll().execute(), []);

  const olga = await signPetition(ctx, id, { name: 'Olga', email: 'olga@example.org' }, 'en');
  assert.deepEqual(olga, answers[0]);
  assert.equal((await mailbox(ctx, 'olga@example.org')).length, 1, 'another address is not held back');
  const confirmed = await confirmSignature(ctx, kept);
  assert.equal(
    (await findSignature(store.db, confirmed.signature))?.name,
    'Anna 2',
    'the link she has works, with the details she gave then',
  );
  ctx.clock.advance(60 * minute);
  await signPetition(ctx, id, { name: 'Anna', email: 'anna@example.org' }, 'en');
  assert.equal((await mailbox(ctx, 'anna@example.org')).length, 1, 'an hour later she gets a link again');
});

test('an address at a mail service that hands mail to the state is refused, naming it, unless the signer keeps it', async () => {
  const id = await openPetition(ctx, maria, { confirmation: 'email' });
  for (const email of ['anna@mail.ru', 'Anna@Yandex.RU', 'anna@corp.mail.ru', 'anna@rambler.ru']) {
    await assert.rejects(
      signPetition(ctx, id, { name: 'Anna', email }, 'ru'),
      (error: unknown) => {
        refusal('invalid-input', [{ field: 'email', problem: 'unsafe-provider' }])(error);
        assert.match(
          JSON.stringify((error as { fields: unknown }).fields),
          /"domain":"(mail\.ru|yandex\.ru|rambler\.ru)"/,
        );
        return true;
      },
      email,
    );
  }
  await assert.rejects(
    signPetition(ctx, id, { email: 'anna@mail.ru' }, 'ru'),
    refusal('invalid-input', [
      { field: 'name', problem: 'required' },
      { field: 'email', problem: 'unsafe-provider' },
    ]),
  );
  assert.deepEqual(
    await store.db.selectFrom('mail_queue').selectAll().execute(),
    [],
    'nothing is sent to it before she chooses',
  );
  assert.deepEqual(await store.db.selectFrom('signatures').selectAll().execute(), []);

  assert.deepEqual(await signPetition(ctx, id, { name: 'Anna', email: 'anna@mail.ru', emailAnyway: 'on' }, 'ru'), {
    kind: 'check-email',
  });
  assert.equal((await mailbox(ctx, 'anna@mail.ru')).length, 1, 'she chose: the signature goes through as usual');
  assert.deepEqual(
    await signPetition(ctx, id, { name: 'Olga', email: 'olga@mail.ru.example.org' }, 'ru'),
    { kind: 'check-email' },
    'only the service and its subdomains',
  );
  const none = await openPetition(ctx, maria);
  await assert.rejects(
    signPetition(ctx, none, { name: 'Vera', emailAnyway: 'on' }, 'ru'),
    refusal('invalid-input', [{ field: 'emailAnyway', problem: 'unknown-field' }]),
    'a petition that asks no address asks nothing about it',
  );
});
