import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig } from '../../src/config.ts';
import { startApp, type RunningApp } from '../../src/start-app.ts';
import { insertAccount } from '../../src/store/accounts.ts';
import { publishPetition } from '../../src/actions/publish-petition.ts';
import { savePetitionDraft } from '../../src/actions/save-petition-draft.ts';
import { signPetition } from '../../src/actions/sign-petition.ts';
import { withdrawSignature } from '../../src/actions/withdraw-signature.ts';
import { withdrawVote } from '../../src/actions/withdraw-vote.ts';
import { seedDemoEvent } from '../../src/cli/demo-event.ts';
import type { Actor } from '../../src/actions/context.ts';
import { runAudit } from '../../src/cli/audit.ts';
import { runMirror } from '../../src/cli/mirror.ts';
import type { AuditReport } from '../../src/audit/audit-record.ts';
import { createTestSchema } from '../support/database.ts';
import { postgresReach } from '../support/postgres-reachable.ts';
import { serveFolder } from '../support/static-server.ts';

// `veche mirror` copies a live site's record into a folder while people sign, withdraw and take back votes, and each
// copy audits clean; at the end the copy, read from the folder (as from a USB stick) and through a plain static web
// server, audits exactly as the site does. A site that shows another history under the same key is refused.

const postgres = await postgresReach();
const origin = 'veche.test/mirror';

interface Site {
  running: RunningApp;
  url: string;
  petition: string;
  event: string;
  stop(): Promise<void>;
}

async function startSite(logKey: string, database: 'sqlite' | 'postgres'): Promise<Site> {
  const dir = mkdtempSync(join(tmpdir(), 'veche-mirror-site-'));
  const schema = database === 'postgres' ? await createTestSchema() : null;
  const running = await startApp(
    readConfig({
      VECHE_DATA: dir,
      PORT: '0',
      LOG_LEVEL: 'silent',
      VECHE_POW_MAX: '0',
      VECHE_RATE_LIMITS: 'off',
      VECHE_LOG_ORIGIN: origin,
      VECHE_LOG_KEY: logKey,
      VECHE_SEQUENCER_TICK_MS: '100',
      ...(schema ? { DATABASE_URL: schema.url } : {}),
    }),
    { listen: true, jobs: true },
  );
  const app = running.app;
  const organiser: Actor = {
    id: await insertAccount(app.store.db, {
      login: 'olena',
      displayName: 'Olena',
      role: 'organiser',
      passwordHash: 'none',
      createdAt: Date.now(),
    }),
    role: 'organiser',
  };
  const petition = await savePetitionDraft(app, organiser, {
    title: 'Bring our men home after a year of service',
    addressee: 'The Minister of Defence',
    language: 'en',
    confirmation: 'none',
    goal: '5000',
    nameRule: 'optional',
    body: 'We ask for a fixed term of service and rotation home.',
  });
  await publishPetition(app, organiser, petition);
  const event = await seedDemoEvent(app, organiser);
  const port = (running.server.server.address() as AddressInfo).port;
  return {
    running,
    url: `http://127.0.0.1:${port}`,
    petition,
    event,
    async stop() {
      await running.stop();
      await schema?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** stream signs, withdraws and takes back votes on the site until stopped, as a crowd would. */
function stream(site: Site): { failure: unknown; stop(): Promise<number> } {
  let running = true;
  let signed = 0;
  let failure: unknown = null;
  const work = (async () => {
    const app = site.running.app;
    for (let round = 0; running; round++) {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => signPetition(app, site.petition, { name: `Signer ${round}-${i}` }, 'en')),
      );
      signed += results.length;
      const first = results[0];
      if (first.kind === 'counted') await withdrawSignature(app, first.signature, first.receiptSecret);
      const questions = (await (await fetch(`${site.url}/api/events/${site.event}/questions?list=popular`)).json()) as {
        questions: { id: string; votes: number }[];
      };
      const voted = questions.questions.find((q) => q.votes > 0);
      if (voted !== undefined) await withdrawVote(app, site.event, voted.id, `demo-voter-${voted.votes - 1}`);
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
  })().catch((error) => {
    failure = error;
  });
  return {
    get failure() {
      return failure;
    },
    async stop() {
      running = false;
      await work;
      if (failure !== null) throw failure;
      return signed;
    },
  };
}

async function mirror(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await runMirror(args, {
    stdout: {
      write: (text: string, done: () => void) => {
        stdout += text;
        done();
      },
    },
    stderr: {
      isTTY: false,
      write: (text: string) => {
        stderr += text;
        return true;
      },
    },
    env: {},
  });
  return { status, stdout, stderr };
}

async function audit(
  location: string,
  state: string,
): Promise<{ status: number; report: AuditReport; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await runAudit([location, '--state', state, '--json'], {
    stdout: {
      write: (text: string, done: () => void) => {
        stdout += text;
        done();
      },
    },
    stderr: {
      isTTY: false,
      write: (text: string) => {
        stderr += text;
        return true;
      },
    },
    env: {},
  });
  return { status, report: JSON.parse(stdout) as AuditReport, stderr };
}

/** verdict is what an audit concluded, without where it read from, how long it took, or its state file. */
function verdict(report: AuditReport) {
  return {
    ok: report.ok,
    origin: report.origin,
    key: report.key,
    checkpoint: report.checkpoint,
    entries: report.entries,
    petitions: report.petitions,
    invalidations: report.invalidations,
    events: report.events,
    counts: report.counts,
    discrepancies: report.discrepancies,
  };
}

for (const database of ['sqlite', 'postgres'] as const) {
  const skip = database === 'postgres' ? postgres.skip : false;
  test(`a mirror kept up to date while people sign audits clean, and from a folder or a static server exactly as the site (${database})`, {
    timeout: 120_000,
    skip,
  }, async (t) => {
    if (database === 'postgres' && postgres.problem !== null)
      assert.fail(`CI must run the mirror test on PostgreSQL: ${postgres.problem}`);
    const key = randomBytes(32).toString('base64');
    const site = await startSite(key, database);
    t.after(() => site.stop());
    const folder = mkdtempSync(join(tmpdir(), 'veche-mirror-'));
    const states = mkdtempSync(join(tmpdir(), 'veche-mirror-state-'));
    t.after(() => rmSync(folder, { recursive: true, force: true }));
    t.after(() => rmSync(states, { recursive: true, force: true }));

    // While the crowd signs, the mirror is brought up to date three times; every copy audits clean as it stands.
    const crowd = stream(site);
    const sizes: number[] = [];
    try {
      for (let round = 0; round < 3; round++) {
        assert.equal(crowd.failure, null);
        await recordLargerThan(site.url, sizes.at(-1) ?? 0);
        const made = await mirror(site.url, folder);
        assert.equal(made.status, 0, made.stderr + made.stdout);
        assert.match(
          made.stdout,
          round === 0
            ? /a copy of veche\.test\/mirror, [\d,]+ entries verified/
            : /[\d,]+ → [\d,]+ entries, consistent with the copy held/,
        );
        const copy = await audit(folder, join(states, 'copy.json'));
        assert.equal(copy.status, 0, JSON.stringify(copy.report.discrepancies, null, 1));
        assert.ok(copy.report.mirror !== null && copy.report.mirror.after <= copy.report.checkpoint!.size);
        sizes.push(copy.report.checkpoint!.size);
      }
    } finally {
      assert.ok((await crowd.stop()) > 0);
    }
    assert.ok(sizes[0] < sizes[1] && sizes[1] < sizes[2], `the copy grew: ${sizes.join(', ')}`);

    // Once the site is still, the copy from the folder, through a static server, and the site itself agree in full.
    await waitForSequencer(site.running);
    const last = await mirror(site.url, folder);
    assert.equal(last.status, 0, last.stderr);
    const fromSite = await audit(site.url, join(states, 'site.json'));
    const fromFolder = await audit(`file://${folder}`, join(states, 'folder.json'));
    const server = await serveFolder(folder);
    t.after(() => server.close());
    const fromServer = await audit(server.url, join(states, 'server.json'));
    assert.equal(fromSite.status, 0, JSON.stringify(fromSite.report.discrepancies));
    assert.equal(fromFolder.status, 0);
    assert.equal(fromServer.status, 0);
    assert.deepEqual(verdict(fromFolder.report), verdict(fromSite.report));
    assert.deepEqual(verdict(fromServer.report), verdict(fromSite.report));
    assert.ok(
      fromSite.report.events.length === 1 && fromSite.report.events[0].record.votes > 0,
      'the event is audited too',
    );
    assert.equal(fromFolder.report.petitions.find((p) => p.id === site.petition)!.withdrawn > 0, true);

    // Old copies of the API and partial tiles that a full tile replaced are gone; the rest is what the spec names.
    assert.ok(readdirSync(join(folder, 'api')).length <= 2);
    assert.ok(
      existsSync(join(folder, 'index.html')) &&
        readFileSync(join(folder, 'log', 'key'), 'utf8').startsWith(`${origin}+`),
    );
  });
}

test('a mirror refuses a site that shows another history under the same key, keeps its copy and the evidence', {
  timeout: 60_000,
}, async (t) => {
  const key = randomBytes(32).toString('base64');
  const site = await startSite(key, 'sqlite');
  t.after(() => site.stop());
  const fork = await startSite(key, 'sqlite');
  t.after(() => fork.stop());
  const folder = mkdtempSync(join(tmpdir(), 'veche-mirror-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  await waitForSequencer(site.running);
  assert.equal((await mirror(site.url, folder, '--concurrency', '4')).status, 0);
  const held = readFileSync(join(folder, 'log', 'checkpoint'), 'utf8');

  // The fork: the same origin and key, other entries, and more of them, so its checkpoint is larger.
  await Promise.all(
    Array.from({ length: 300 }, (_, i) => signPetition(fork.running.app, fork.petition, { name: `Other ${i}` }, 'en')),
  );
  await waitForSequencer(fork.running);
  const refused = await mirror(fork.url, folder);
  assert.equal(refused.status, 1);
  assert.match(
    refused.stdout,
    /REFUSED: the source's record does not verify .*not consistent with the one of \d+ verified before/,
  );
  assert.equal(
    readFileSync(join(folder, 'log', 'checkpoint'), 'utf8'),
    held,
    'the mirror keeps the checkpoint it held',
  );
  const evidence = readdirSync(join(folder, 'evidence'));
  assert.equal(evidence.length, 2);
  assert.ok(evidence.map((f) => readFileSync(join(folder, 'evidence', f), 'utf8')).includes(held));

  // The site it copied from is still welcome.
  assert.equal((await mirror(site.url, folder)).status, 0);
});

/** recordLargerThan waits until the site's checkpoint is larger than `size`. */
async function recordLargerThan(url: string, size: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const note = await (await fetch(`${url}/log/checkpoint`)).text();
    if (Number(note.split('\n')[1]) > size) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`the site's record did not grow past ${size} entries`);
}

/** waitForSequencer waits until the site has sequenced everything queued, and its counts have caught up (a second). */
async function waitForSequencer(running: RunningApp): Promise<void> {
  for (let i = 0; i < 100 && ((await running.sequencer.tick())?.sequenced ?? 0) > 0; i++) {
    /* until the queue is empty */
  }
  for (let i = 0; i < 100 && (await running.sequencer.countBacklog()) > 0; i++)
    await new Promise((resolve) => setTimeout(resolve, 100));
  await new Promise((resolve) => setTimeout(resolve, 1200));
}
