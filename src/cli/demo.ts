import type { Config } from '../config.ts';
import { loadSecrets } from '../crypto/secrets.ts';
import { openStore } from '../store/open-store.ts';
import { PetitionEvents } from '../actions/petition-events.ts';
import { savePetitionDraft } from '../actions/save-petition-draft.ts';
import { publishPetition } from '../actions/publish-petition.ts';
import { correctPetition } from '../actions/correct-petition.ts';
import { signPetition } from '../actions/sign-petition.ts';
import { findAccountByLogin, insertAccount } from '../store/accounts.ts';
import { listPetitionsOf } from '../store/petitions.ts';
import { addUpTallies } from '../store/tallies.ts';
import { hashPassword } from '../crypto/passwords.ts';
import { randomBytes } from 'node:crypto';
import { regionsOf } from '../domain/regions.ts';
import type { ActionContext } from '../actions/context.ts';
import { join } from 'node:path';
import { recordOrigin, startApp } from '../start-app.ts';
import { createEd25519Signer } from '../record/note-keys.ts';
import { SqlRecordLedger } from '../store/sql-record-ledger.ts';
import { loadWitnessSecret, startWitness, type RunningWitness } from '../witness/start-witness.ts';
import { printBanner, stopOnSignal } from './main.ts';
import { seedDemoEvent } from './demo-event.ts';
import { seedDemoAttachments, writeDemoReadme } from './demo-attachments.ts';
import { readNoticeSettings, saveNoticeSettings } from '../store/notices.ts';
import { sealText } from '../crypto/email-cipher.ts';

const demoPetitions = [
  {
    language: 'ru',
    title: 'Верните наших мужей домой: ограничьте срок службы мобилизованных',
    addressee: 'Министерству обороны и Государственной думе',
    body: 'Мы — жёны и матери мобилизованных. Наши мужья и сыновья служат больше года без ротации и без срока окончания службы.\n\nМы требуем установить предельный срок службы мобилизованных и вернуть домой тех, кто его уже отслужил.\n\nПодписи собираются открыто: каждую можно проверить в публичном реестре, и ни одна не раскрывает, кто подписал.',
    countries: ['RU'],
    goal: 100000,
  },
  {
    language: 'uk',
    title: 'Прозорий звіт про витрати міського бюджету на відновлення',
    addressee: 'Міській раді',
    body: 'Ми просимо міську раду щомісяця публікувати повний звіт про витрати на відновлення житла та інфраструктури: договори, підрядників і суми.\n\nВідкриті дані допомагають громаді довіряти рішенням і бачити, куди йдуть кошти.',
    countries: ['UA'],
    goal: 500,
  },
  {
    language: 'en',
    title: 'Publish every question sent to the televised "direct line"',
    addressee: 'The organisers of the annual direct line',
    body: 'Millions of questions are sent every year, and a handful reach the screen. Nobody outside knows how they are chosen.\n\nWe ask that every question received be published, with the count of how many people asked the same thing, so that the public can see which questions were left unanswered.',
    countries: ['RU', 'UA'],
    // Published with a typo and corrected two days later, so that the page shows a public correction and its versions.
    typo: 'Millions of questions are sent every year, and a handfull reach the screen. Nobody outside knows how they are chosen.\n\nWe ask that every question recieved be published, with the count of how many people asked the same thing, so that the public can see which questions were left unanswered.',
    goal: 50000,
  },
  {
    language: 'ru',
    title: 'Отпустите задержанных на акции жён мобилизованных',
    addressee: 'Прокуратуре города',
    body: 'Женщин, которые пришли к администрации с плакатами о своих мужьях, задержали и держат без объяснений.\n\nМы требуем их отпустить и не преследовать за то, что они говорят о своих близких.\n\nЭта петиция принимает подписи только с подтверждением по почте: письмо не называет петицию, а адрес удаляется после подтверждения.',
    countries: ['RU'],
    goal: 5000,
    confirmation: 'email',
  },
] as const;

const firstNames = [
  'Анна',
  'Мария',
  'Елена',
  'Ольга',
  'Наталья',
  'Ірина',
  'Оксана',
  'Тетяна',
  'Svetlana',
  'Lyudmila',
  'Галина',
  'Вера',
  'Надія',
  'Юлия',
  'Kateryna',
];
const lastInitials = ['А.', 'Б.', 'В.', 'Г.', 'Д.', 'К.', 'М.', 'П.', 'С.', 'Т.'];

/** runDemo adds the demo petitions (once) and `count` signatures through the real actions, then optionally serves. */
export async function runDemo(config: Config, count: number, serve: boolean): Promise<number> {
  const secrets = loadSecrets(config);
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  let clock = Date.now();
  const ctx: ActionContext = { config, store, secrets, events: new PetitionEvents(), now: () => clock };
  const organiser = await findAccountByLogin(store.db, 'demo-organiser');
  const organiserId = organiser
    ? organiser.id
    : await insertAccount(store.db, {
        login: 'demo-organiser',
        displayName: 'Demo organiser',
        role: 'organiser',
        passwordHash: await hashPassword(randomBytes(24).toString('base64')),
        createdAt: clock,
      });
  const actor = { id: Number(organiserId), role: 'organiser' as const };
  if (!(await listPetitionsOf(store.db, actor.id)).some((p) => p.status === 'open')) {
    clock = Date.now() - 14 * 86_400_000;
    for (const p of demoPetitions) {
      const id = await savePetitionDraft(ctx, actor, {
        title: p.title,
        body: 'typo' in p ? p.typo : p.body,
        addressee: p.addressee,
        language: p.language,
        goal: String(p.goal),
        nameRule: 'optional',
        namesPublic: 'signer',
        regionRule: 'optional',
        regionCountries: [...p.countries],
        confirmation: 'confirmation' in p ? p.confirmation : 'none',
      });
      await publishPetition(ctx, actor, id);
      if ('typo' in p) {
        const published = clock;
        clock += 2 * 86_400_000;
        await correctPetition(ctx, actor, id, { title: p.title, addressee: p.addressee, body: p.body, reason: 'typo' });
        clock = published;
      }
    }
  }
  // The random signatures go to the petitions that count at once: the one that confirms by email is for trying.
  const mine = (await listPetitionsOf(store.db, actor.id)).filter((p) => p.status === 'open');
  const open = mine.filter((p) => p.confirmation === 'none');
  const byEmail = mine.find((p) => p.confirmation === 'email');
  const ids = open.map((p) => p.publicId);
  const regionLists = new Map(open.map((p) => [p.publicId, regionsOf(p.regionCountries, 'en').map((r) => r.code)]));
  const start = Date.now() - 14 * 86_400_000;
  // Signings go in groups that run together, so the write pool commits each group in one transaction.
  const group = 200;
  for (let first = 0; first < count; first += group) {
    const signings = [];
    for (let i = first; i < Math.min(count, first + group); i++) {
      // Spread over the last two weeks, growing towards today, so the charts have a shape.
      const at = start + Math.floor(Math.sqrt(Math.random()) * 14 * 86_400_000);
      const id = ids[Math.floor(Math.random() ** 1.5 * ids.length)];
      const regions = regionLists.get(id)!;
      const named = Math.random() < 0.6;
      signings.push(
        signPetition(
          { ...ctx, now: () => at },
          id,
          {
            name: named ? `${firstNames[i % firstNames.length]} ${lastInitials[(i * 7) % lastInitials.length]}` : '',
            region: Math.random() < 0.85 ? regions[Math.floor(Math.random() ** 2 * regions.length)] : '',
            showName: named && Math.random() < 0.5 ? 'on' : '',
          },
          'en',
        ),
      );
    }
    await Promise.all(signings);
    if (count >= 1000 && Math.floor((first + group) / 10_000) !== Math.floor(first / 10_000))
      process.stdout.write(`\r${Math.min(count, first + group)} signatures`);
  }
  if (count >= 1000) process.stdout.write('\n');
  clock = Date.now();
  while ((await addUpTallies(store.db)) > 0) {
    /* fold every new entry into the tallies */
  }
  const event = await seedDemoEvent(ctx, actor);
  // The first petition carries a photo and a video made with a place and a phone in their metadata, cleaned on upload.
  const originals = await seedDemoAttachments({ ...ctx, now: () => Date.now() }, actor, ids[0]);
  if (originals) {
    await writeDemoReadme(originals);
    console.log(`Demo: a photo and a video published on /p/${ids[0]}; their originals, with metadata, in ${originals}`);
  }
  // The demo organiser asked for email when a goal is reached and for a daily summary: the served site writes them at
  // its first minute, and without SMTP they wait in the outbox (/admin/outbox), the Ukrainian petition's goal among them.
  if (!(await readNoticeSettings(store.db, actor.id))) {
    const addressSealed = sealText(secrets.encryption, 'demo-organiser@example.org');
    await saveNoticeSettings(
      store.db,
      actor.id,
      { addressSealed, language: 'en', choices: { goal: true, summary: true, questions: true } },
      clock,
    );
  }
  console.log(`Demo: ${mine.length} petitions, ${count} new signatures; a town hall at /e/${event}.`);
  const logKey = createEd25519Signer(
    await recordOrigin(config, new SqlRecordLedger(store.db), { info() {} }),
    secrets.log,
  ).verifierKey;
  await store.close();
  if (!serve) return 0;
  // Two witnesses with keys of their own cosign the demo's record, unless the operator named witnesses already.
  const witnesses = config.witnesses.length === 0 ? await startDemoWitnesses(config.dataDir, logKey) : [];
  const witnessed =
    witnesses.length === 0
      ? config
      : {
          ...config,
          witnesses: witnesses.map((w) => ({ vkey: w.vkeys.ed25519, url: w.url })),
          witnessQuorum: witnesses.length,
        };
  const running = await startApp(witnessed);
  printBanner(running.url, running.setupLink);
  printTour(running.url, {
    first: ids[0],
    byEmail: byEmail?.publicId,
    corrected: mine.find((p) => p.version > 1)?.publicId,
    event,
    outbox: !config.smtpUrl,
    witnesses,
  });
  stopOnSignal(async () => {
    await running.stop();
    for (const witness of witnesses) await witness.close();
  });
  return -1;
}

/** startDemoWitnesses starts two witnesses of the demo's log in this process, each with its own key and data folder. */
async function startDemoWitnesses(dataDir: string, logKey: string): Promise<RunningWitness[]> {
  const witnesses: RunningWitness[] = [];
  for (const letter of ['a', 'b']) {
    const dir = join(dataDir, 'witnesses', letter);
    witnesses.push(
      await startWitness({
        name: `witness-${letter}.veche.invalid`,
        secret: loadWitnessSecret(dir),
        logs: [logKey],
        dataDir: dir,
        host: '127.0.0.1',
        port: 0,
      }),
    );
  }
  return witnesses;
}

/** printTour tells a newcomer where each main flow of the demo is, with the addresses of this very server. */
function printTour(
  url: string,
  at: {
    first: string | undefined;
    byEmail: string | undefined;
    corrected: string | undefined;
    event: string;
    outbox: boolean;
    witnesses: RunningWitness[];
  },
): void {
  const lines = ['What to try:'];
  if (at.first)
    lines.push(`  · Sign a petition at ${url}/p/${at.first}, keep your receipt, check it in the record, withdraw.`);
  if (at.corrected)
    lines.push(
      `  · A petition whose typo was corrected in public: ${url}/p/${at.corrected}, its versions at ${url}/p/${at.corrected}/versions.`,
    );
  if (at.byEmail) {
    lines.push(`  · Sign one that confirms by email: ${url}/p/${at.byEmail}`);
    if (at.outbox)
      lines.push(
        `    Without SMTP the email waits in the outbox: create the admin account with the link above, then open ${url}/admin/outbox.`,
      );
  }
  lines.push(`  · The town hall: ask and vote at ${url}/e/${at.event}, the big screen at ${url}/e/${at.event}/screen,`);
  lines.push(`    the moderators' console at ${url}/moderate/${at.event} (as the admin).`);
  lines.push(
    `  · The public record: ${url}/record; audit it from another terminal in this folder: npx veche audit ${url}`,
  );
  lines.push(
    `    or anywhere with Node 20 or newer: download ${url}/audit/veche-audit.mjs and run node veche-audit.mjs ${url}`,
  );
  if (at.witnesses.length > 0) {
    lines.push(
      `  · Witnesses: ${at.witnesses.map((w) => `${w.name} at ${w.url}`).join(' and ')} cosign each checkpoint`,
    );
    lines.push(
      `    (${url}/log/checkpoint, ${url}/log/policy). Here they run in this process; in earnest, other organisations run them.`,
    );
  }
  if (at.outbox)
    lines.push(
      `  · The organiser's emails (a goal reached, the daily summary) wait in ${url}/admin/outbox too (each organiser chooses hers at ${url}/admin/notifications).`,
    );
  lines.push(`  · What the site keeps and who could learn what: ${url}/privacy`);
  console.log(`${lines.join('\n')}\n`);
}
