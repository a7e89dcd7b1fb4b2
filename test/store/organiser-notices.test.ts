// Issue 10: organisers asked for email about their own petitions and events (a goal reached, a daily summary,
// questions waiting). Each must be written once, whatever runs the job (two nodes, a restart), and none may say
// anything about who signed or asked. These run on SQLite and (VECHE_TEST_DB=postgres) PostgreSQL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  openTestStore,
  testContext,
  day,
  hour,
  minute,
  type TestContext,
  type TestStore,
} from '../support/database.ts';
import { addMember } from '../support/people.ts';
import { openPetition } from '../support/petitions.ts';
import { openEvent } from '../support/events.ts';
import { mailbox } from '../support/mail.ts';
import { signPetition } from '../../src/actions/sign-petition.ts';
import { withdrawSignature } from '../../src/actions/withdraw-signature.ts';
import { askQuestion } from '../../src/actions/ask-question.ts';
import { notifyOrganisers } from '../../src/jobs/notify-organisers.ts';
import { sendMail } from '../../src/jobs/send-mail.ts';
import { renderMail } from '../../src/mail/render-mail.ts';
import { sealText } from '../../src/crypto/email-cipher.ts';
import { claimNotice, saveNoticeSettings } from '../../src/store/notices.ts';
import { setDisabled } from '../../src/store/accounts.ts';
import { defaultNoticeChoices, type NoticeChoices } from '../../src/domain/notices.ts';
import { regionsOf } from '../../src/domain/regions.ts';
import type { Mailer, OutgoingMail } from '../../src/mail/mailer.ts';
import type { Actor } from '../../src/actions/context.ts';

let store: TestStore;
let ctx: TestContext;
let maria: Actor;
const address = 'maria.organiser@example.org';

test.beforeEach(async () => {
  store = await openTestStore();
  ctx = testContext(store);
  maria = await addMember(ctx, 'organiser');
});
test.afterEach(() => store.drop());

/** choose saves a person's choices and address as the settings page would, in English. */
async function choose(actor: Actor, choices: Partial<NoticeChoices>, to: string | null = address): Promise<void> {
  const addressSealed = to === null ? null : sealText(ctx.secrets.encryption, to);
  await saveNoticeSettings(
    store.db,
    actor.id,
    { addressSealed, language: 'en', choices: { ...defaultNoticeChoices, ...choices } },
    ctx.now(),
  );
}

/** written returns the emails of one template queued to Maria, rendered as she would read them. */
async function written(template: string, to = address): Promise<{ subject: string; text: string }[]> {
  return (await mailbox(ctx, to))
    .filter((m) => m.template === template)
    .map((m) => renderMail(m.template, m.language, m.params, ctx.config.publicUrl));
}

const [region] = regionsOf(['UA'], 'en').map((r) => r.code);
async function sign(petition: string, name: string): Promise<{ signature: string; secret: string }> {
  const result = await signPetition(ctx, petition, { name, region }, 'en');
  assert.equal(result.kind, 'counted');
  return result.kind === 'counted'
    ? { signature: result.signature, secret: result.receiptSecret }
    : { signature: '', secret: '' };
}

test('two claimers of one email at the same moment: exactly one gets it, and a claim taken back by a rollback is free again', async () => {
  const claims = await Promise.all(
    Array.from({ length: 8 }, () =>
      store.db.transaction().execute((trx) => claimNotice(trx, maria.id, 'summary', '2026-03-12', ctx.now())),
    ),
  );
  assert.equal(claims.filter(Boolean).length, 1, 'one claim wins');
  await assert.rejects(
    store.db.transaction().execute(async (trx) => {
      assert.equal(await claimNotice(trx, maria.id, 'goal', 'p123', ctx.now()), true);
      throw new Error('the email could not be queued');
    }),
  );
  assert.equal(
    await store.db.transaction().execute((trx) => claimNotice(trx, maria.id, 'goal', 'p123', ctx.now())),
    true,
    'the rolled back claim left nothing',
  );
});

test('a goal reached is written once: not before, once when reached, never again after two runs at once and a restart', async () => {
  await choose(maria, {});
  const petition = await openPetition(ctx, maria, { title: 'Bring the 205th brigade home', goal: '3' });
  await sign(petition, 'Anna Kovalenko');
  await sign(petition, 'Olena Shevchuk');
  assert.deepEqual(await notifyOrganisers(ctx), { goal: 0, summary: 0, questions: 0 }, 'two of three: not yet');
  const third = await sign(petition, 'Iryna Bondar');

  const runs = await Promise.all([notifyOrganisers(ctx), notifyOrganisers(ctx)]);
  assert.equal(runs[0].goal + runs[1].goal, 1, 'two runs at once write one email');
  assert.equal((await notifyOrganisers(ctx)).goal, 0, 'a third run (a restart) writes none');
  await withdrawSignature(ctx, third.signature, third.secret);
  await sign(petition, 'Svitlana Melnyk');
  assert.equal((await notifyOrganisers(ctx)).goal, 0, 'falling below the goal and reaching it again is not news');

  const mails = await written('goal-reached');
  assert.equal(mails.length, 1);
  assert.equal(mails[0].subject, 'A petition of yours reached its goal');
  assert.doesNotMatch(mails[0].subject, /brigade/, 'the subject names no petition');
  assert.match(
    mails[0].text,
    /“Bring the 205th brigade home” has reached its goal of 3 signatures: 3 signatures count now/,
  );
  for (const who of ['Anna', 'Olena', 'Iryna', 'Svitlana', region])
    assert.ok(!mails[0].text.includes(who), `the email says nothing of ${who}`);
});

test('nobody is written who did not ask: goal emails turned off, no address given, or the account switched off', async () => {
  const olga = await addMember(ctx, 'organiser');
  const nadia = await addMember(ctx, 'organiser');
  const vera = await addMember(ctx, 'organiser');
  await choose(olga, { goal: false }, 'olga@example.org');
  await choose(nadia, { goal: true }, null);
  await choose(vera, { goal: true }, 'vera@example.org');
  await setDisabled(store.db, vera.id, ctx.now());
  for (const owner of [olga, nadia, vera]) {
    const petition = await openPetition(ctx, owner, { goal: '1' });
    await sign(petition, 'Anna');
  }
  assert.equal((await notifyOrganisers(ctx)).goal, 0);
  assert.equal((await mailbox(ctx, 'olga@example.org')).length + (await mailbox(ctx, 'vera@example.org')).length, 0);
});

test("the daily summary comes at the hour of the site's day, once a day, with what changed since the last; a day with nothing new sends nothing", async () => {
  ctx.config.summaryHour = 14;
  await choose(maria, { goal: false, summary: true });
  const petition = await openPetition(ctx, maria, { title: 'Rotation home after a year', goal: '100' });
  const quiet = await openPetition(ctx, maria, { title: 'A quiet petition' });
  await sign(petition, 'Anna Kovalenko');
  await sign(petition, 'Olena Shevchuk');
  assert.equal((await notifyOrganisers(ctx)).summary, 0, 'noon: before the hour');

  ctx.clock.advance(2 * hour);
  const runs = await Promise.all([notifyOrganisers(ctx), notifyOrganisers(ctx)]);
  assert.equal(runs[0].summary + runs[1].summary, 1, '14:00: one summary, however many runs');
  await sign(petition, 'Iryna Bondar');
  ctx.clock.advance(hour);
  assert.equal((await notifyOrganisers(ctx)).summary, 0, 'one a day');

  ctx.clock.advance(day - hour);
  assert.equal((await notifyOrganisers(ctx)).summary, 1, 'the next day at 14:00');
  ctx.clock.advance(day);
  assert.equal((await notifyOrganisers(ctx)).summary, 0, 'a day with nothing new: nothing');
  ctx.clock.advance(minute);
  assert.equal((await notifyOrganisers(ctx)).summary, 0, 'and not later that day either');

  const mails = await written('daily-summary');
  assert.equal(mails.length, 2);
  assert.equal(mails[0].subject, 'Your daily summary from Veche');
  assert.match(
    mails[0].text,
    /Rotation home after a year\n {2}\+2 since the last summary, 2 signatures in all; goal 100: 2% reached/,
  );
  assert.match(
    mails[0].text,
    /A quiet petition\n {2}0 since the last summary, 0 signatures in all/,
    'an open petition is listed even when quiet',
  );
  assert.match(mails[1].text, /\+1 since the last summary, 3 signatures in all; goal 100: 3% reached/);
  assert.match(mails[1].text, new RegExp(`/admin/petitions/${quiet}`));
  for (const mail of mails)
    for (const who of ['Anna', 'Olena', 'Iryna', region]) assert.ok(!mail.text.includes(who), `no ${who}`);
  assert.match(mails[0].text, /\/unsubscribe\/[A-Za-z0-9_-]{43}\n/, 'each has its unsubscribe link');
});

test("the summary's day and hour are the site's (VECHE_TIME_ZONE): at noon UTC it is already 22:00 in Vladivostok", async () => {
  ctx.config.timeZone = 'Asia/Vladivostok';
  ctx.config.summaryHour = 21;
  await choose(maria, { summary: true });
  await sign(await openPetition(ctx, maria), 'Anna');
  assert.equal((await notifyOrganisers(ctx)).summary, 1);
  const marks = await store.db
    .selectFrom('notices_sent')
    .select(['kind', 'subject'])
    .where('account_id', '=', maria.id)
    .execute();
  assert.deepEqual(
    marks.map((m) => ({ ...m })),
    [{ kind: 'summary', subject: '2026-03-12' }],
  );
  ctx.clock.advance(2 * hour + 1);
  await sign(await openPetition(ctx, maria), 'Olena');
  assert.equal((await notifyOrganisers(ctx)).summary, 0, '00:00 in Vladivostok: a new day, but before its hour');
});

test('questions waiting: told at once, then at most hourly, and only when one came since the last email; counts, never the questions', async () => {
  await choose(maria, { goal: false, questions: true });
  const moderator = await addMember(ctx, 'moderator');
  await choose(moderator, { goal: false, questions: true }, 'moderator@example.org');
  const code = await openEvent(ctx, maria, { moderation: 'before', title: 'Town hall in Belgorod' });
  assert.equal((await notifyOrganisers(ctx)).questions, 0, 'nothing waits');
  await askQuestion(ctx, code, {
    text: 'When will the mobilised from our district come home?',
    name: 'Lyudmila from Shebekino',
    anyway: 'on',
  });
  assert.equal((await notifyOrganisers(ctx)).questions, 1, 'the organiser is told; the moderator of no event is not');
  ctx.clock.advance(10 * minute);
  await askQuestion(ctx, code, { text: 'Who pays for the repairs after the shelling?', anyway: 'on' });
  assert.equal((await notifyOrganisers(ctx)).questions, 0, 'ten minutes later: not yet');
  ctx.clock.advance(hour);
  assert.equal((await notifyOrganisers(ctx)).questions, 1, 'an hour on, a question came since: told again');
  ctx.clock.advance(2 * hour);
  assert.equal((await notifyOrganisers(ctx)).questions, 0, 'the same questions still waiting are not news');
  const mails = await written('questions-waiting');
  assert.equal(mails.length, 2);
  assert.equal(mails[0].subject, 'Questions are waiting for moderation');
  assert.match(mails[1].text, /Town hall in Belgorod\n {2}2 questions waiting\n {2}Open it: http[^\n]+\/moderate\//);
  for (const said of ['mobilised', 'Lyudmila', 'Shebekino', 'repairs'])
    assert.ok(!mails.some((m) => m.text.includes(said)), `no ${said}`);
  assert.deepEqual(await mailbox(ctx, 'moderator@example.org'), []);
});

test('two nodes sending the queue at once send each email once', async () => {
  await choose(maria, {});
  for (let i = 0; i < 5; i++) await sign(await openPetition(ctx, maria, { goal: '1', title: `Petition ${i}` }), 'Anna');
  assert.equal((await notifyOrganisers(ctx)).goal, 5);
  const sent: OutgoingMail[] = [];
  const mailer: Mailer = {
    async send(mail) {
      await new Promise((resolve) => setImmediate(resolve));
      sent.push(mail);
    },
  };
  await Promise.all([sendMail(ctx, mailer, { warn() {} }), sendMail(ctx, mailer, { warn() {} })]);
  assert.equal(sent.length, 5, 'five emails, each once');
  assert.deepEqual(new Set(sent.map((m) => m.text.match(/Petition \d/)?.[0])).size, 5);
  assert.ok(
    sent.every((m) => m.to === address && m.label.kind === 'note'),
    'kept by the outbox as a note: an hour, without the address',
  );
  assert.deepEqual(await mailbox(ctx, address), [], 'and the queue forgot them');
});
