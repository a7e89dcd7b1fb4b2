import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig } from '../../src/config.ts';
import { startApp } from '../../src/start-app.ts';
import { insertAccount } from '../../src/store/accounts.ts';
import { publishPetition } from '../../src/actions/publish-petition.ts';
import { savePetitionDraft } from '../../src/actions/save-petition-draft.ts';
import { signPetition } from '../../src/actions/sign-petition.ts';
import { seedDemoEvent } from '../../src/cli/demo-event.ts';
import type { Actor } from '../../src/actions/context.ts';

// Someone with nothing but Node.js — the machine's own, not the one this project brings — downloads the auditor from
// a live site into an empty folder, and audits the site with it; then makes a mirror with it and audits that.

const machineNode = ['/usr/bin/node', '/usr/local/bin/node'].find((path) => existsSync(path)) ?? null;
const version = machineNode === null ? null : spawnSync(machineNode, ['--version'], { encoding: 'utf8' }).stdout.trim();

test(`the auditor downloaded from a live site runs on the machine's own Node (${version ?? 'none'}) in an empty folder, and audits the site and a mirror of it`, {
  timeout: 120_000,
  skip: machineNode === null ? "no Node.js of the machine's own at /usr/bin/node" : false,
}, async (t) => {
  assert.ok(Number(/^v(\d+)/.exec(version!)?.[1]) >= 20, `${machineNode} is ${version}`);
  const data = mkdtempSync(join(tmpdir(), 'veche-auditor-site-'));
  const home = mkdtempSync(join(tmpdir(), 'veche-auditor-person-'));
  t.after(() => rmSync(data, { recursive: true, force: true }));
  t.after(() => rmSync(home, { recursive: true, force: true }));
  const running = await startApp(
    readConfig({
      VECHE_DATA: data,
      PORT: '0',
      LOG_LEVEL: 'silent',
      VECHE_POW_MAX: '0',
      VECHE_RATE_LIMITS: 'off',
      VECHE_LOG_ORIGIN: 'veche.test/auditor',
      VECHE_LOG_KEY: randomBytes(32).toString('base64'),
    }),
    { listen: true, jobs: true },
  );
  t.after(() => running.stop());
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
    title: 'Bring our men home',
    addressee: 'The Minister of Defence',
    language: 'en',
    confirmation: 'none',
    goal: '',
    nameRule: 'optional',
    body: 'We ask for a fixed term of service.',
  });
  await publishPetition(app, organiser, petition);
  await Promise.all(Array.from({ length: 300 }, (_, i) => signPetition(app, petition, { name: `Signer ${i}` }, 'en')));
  await seedDemoEvent(app, organiser);
  while (((await running.sequencer.tick())?.sequenced ?? 0) > 0) {
    /* until the queue is empty */
  }
  await new Promise((resolve) => setTimeout(resolve, 1200)); // the site's counts catch up
  const url = `http://127.0.0.1:${(running.server.server.address() as AddressInfo).port}`;
  const key = await (await fetch(`${url}/log/key`)).text();

  // Downloaded as a file, not a script of the page.
  const download = await fetch(`${url}/audit/veche-audit.mjs`);
  assert.equal(download.status, 200);
  assert.equal(download.headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.equal(download.headers.get('content-disposition'), 'attachment; filename="veche-audit.mjs"');
  const bytes = Buffer.from(await download.arrayBuffer());
  assert.ok(bytes.equals(readFileSync(join(import.meta.dirname, '..', '..', 'dist', 'veche-audit.mjs'))));
  writeFileSync(join(home, 'veche-audit.mjs'), bytes);

  // Only the file, the machine's Node, and an environment with nothing of this project in it.
  // Run beside the site, which lives in this process: the child is waited for without blocking it.
  const run = (...args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(
        machineNode!,
        ['veche-audit.mjs', ...args],
        { cwd: home, encoding: 'utf8', timeout: 60_000, env: { PATH: '/usr/bin:/bin', HOME: home } },
        (error, stdout, stderr) =>
          resolve({ status: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stdout, stderr }),
      );
    });
  const audit = await run(url, '--key', key.trim());
  assert.equal(audit.status, 0, audit.stdout + audit.stderr);
  assert.match(
    audit.stdout,
    /Result: every signature, tile and entry verifies, and every count on the site follows from the record\./,
  );
  assert.match(audit.stdout, new RegExp(`${petition}\\s+open\\s+300\\s+0\\s+0\\s+0\\s+300\\s+300\\s+=`));
  assert.ok(
    existsSync(join(home, '.config', 'veche-audit', 'veche.test_auditor.json')),
    'the key and checkpoint are pinned per origin',
  );

  const mirrored = await run('mirror', url, 'copy');
  assert.equal(mirrored.status, 0, mirrored.stdout + mirrored.stderr);
  assert.ok(readFileSync(join(home, 'copy', 'veche-audit.mjs')).equals(bytes), 'the mirror offers the same auditor');
  const fromCopy = await run('copy');
  assert.equal(fromCopy.status, 0, fromCopy.stdout + fromCopy.stderr);
  assert.match(fromCopy.stdout, /its copy of the site's counts was read after the checkpoint of [\d,]+ entries/);

  // The copy served as it is by Python's own web server, as the README suggests for a quick mirror.
  const python = ['/usr/bin/python3', '/usr/local/bin/python3'].find((path) => existsSync(path));
  if (python !== undefined) {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const server = spawn(
      python,
      ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', join(home, 'copy')],
      { stdio: 'ignore' },
    );
    t.after(() => server.kill());
    let served = await run(`http://127.0.0.1:${port}`);
    for (let i = 0; i < 50 && served.stderr.includes('ECONNREFUSED'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      served = await run(`http://127.0.0.1:${port}`);
    }
    assert.equal(served.status, 0, served.stdout + served.stderr);
  }

  const watched = await run('monitor', url, 'copy', '--once', '--state', 'monitor');
  assert.equal(watched.status, 0, watched.stdout + watched.stderr);
});
