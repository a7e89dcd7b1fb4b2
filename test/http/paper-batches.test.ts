import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type RunningApp } from '../../src/start-app.ts';
import { readConfig } from '../../src/config.ts';
import { insertAccount } from '../../src/store/accounts.ts';
import { savePetitionDraft } from '../../src/actions/save-petition-draft.ts';
import { publishPetition } from '../../src/actions/publish-petition.ts';
import { signPetition } from '../../src/actions/sign-petition.ts';
import { addPaperBatch } from '../../src/actions/add-paper-batch.ts';
import { withdrawPaperBatch } from '../../src/actions/withdraw-paper-batch.ts';
import type { Actor } from '../../src/actions/context.ts';

let running: RunningApp;
let maria: Actor;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'veche-paper-'));
  running = await startApp(
    readConfig({ VECHE_DATA: dir, VECHE_POW_MAX: '0', LOG_LEVEL: 'silent', VECHE_RATE_LIMITS: 'off' }),
    { listen: false, jobs: false },
  );
  const id = await insertAccount(running.app.store.db, {
    login: 'maria',
    displayName: 'Maria',
    role: 'organiser',
    passwordHash: 'none',
    createdAt: Date.now(),
  });
  maria = { id, role: 'organiser' };
});
after(async () => {
  await running.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function openPetition(language = 'en'): Promise<string> {
  const id = await savePetitionDraft(running.app, maria, {
    title: 'Bring our men home after a year of service',
    addressee: 'The Minister of Defence',
    language,
    body: 'We, the wives and mothers of mobilised soldiers, ask for a fixed term of service and rotation home.',
    confirmation: 'none',
    goal: '200',
  });
  await publishPetition(running.app, maria, id);
  return id;
}

test('the count JSON, the list and the page show online and paper signatures apart and together', async () => {
  const id = await openPetition();
  await signPetition(running.app, id, { name: 'Olena' }, 'en');
  await signPetition(running.app, id, { name: 'Oksana' }, 'en');
  const batch = await addPaperBatch(running.app, maria, id, { count: '148', region: 'UA-46', sheets: '1-15' });

  const detail = (await running.server.inject({ url: `/api/petitions/${id}` })).json();
  assert.deepEqual([detail.online, detail.paper, detail.signatures], [2, 148, 150]);
  const page = await running.server.inject({ url: `/p/${id}`, headers: { 'accept-language': 'en' } });
  assert.match(page.body, /data-live-count="[^"]+">150</);
  assert.match(page.body, /including 148 signatures collected on paper and 2 signed on this site/);
  // The goal counts paper signatures too: 150 of 200.
  assert.match(page.body, /<progress class="goal" max="200" value="150"/);
  // Nothing of a batch but its counts reaches the public page: not its sheets, its region's code or its id.
  assert.doesNotMatch(page.body, new RegExp(batch));
  assert.doesNotMatch(page.body, /1-15/);

  await withdrawPaperBatch(running.app, maria, id, batch, { reason: 'corrected' });
  await addPaperBatch(running.app, maria, id, { count: '140', sheets: '1-15' });
  // The list keeps its JSON for up to a second and drops it on a change.
  const listed = (await running.server.inject({ url: '/api/petitions' }))
    .json()
    .find((p: { id: string }) => p.id === id);
  assert.deepEqual([listed.online, listed.paper, listed.signatures], [2, 140, 142]);
});

test('a petition without paper batches says nothing of paper, in every language', async () => {
  const id = await openPetition('ru');
  await signPetition(running.app, id, { name: 'Анна' }, 'ru');
  const page = await running.server.inject({ url: `/p/${id}` });
  assert.doesNotMatch(page.body, /count-paper/);
  await addPaperBatch(running.app, maria, id, { count: '21', sheets: '1-2' });
  const ru = await running.server.inject({ url: `/p/${id}`, headers: { cookie: 'lang=ru', 'accept-language': 'ru' } });
  assert.match(ru.body, /в том числе 21 подпись собрана на бумаге и 1 поставлена на этом сайте/);
});
