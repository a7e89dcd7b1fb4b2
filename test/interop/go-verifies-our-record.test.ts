import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { Buffer } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEd25519Signer } from '../../src/record/note-keys.ts';
import { openNote } from '../../src/record/note.ts';
import { parseCosignatureKey } from '../../src/record/cosignature.ts';
import type { AuditReport } from '../../src/audit/audit-record.ts';
import { startWitness } from '../../src/witness/start-witness.ts';

// A real Veche server, its record verified by a program that uses only Go's golang.org/x/mod/sumdb/note and tlog
// (test/interop/verify.go), then by `veche audit`. Needs Debian's golang-go and golang-golang-x-mod-dev: without
// them the test is skipped, loudly, except in CI (CI set), where it fails.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const node = join(root, 'node_modules', '.bin', 'node');
const gopath = '/usr/share/gocode';
const inCi = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';

function missingGo(): string | null {
  if (spawnSync('go', ['version'], { stdio: 'ignore' }).status !== 0) return 'go is not installed';
  if (!existsSync(join(gopath, 'src/golang.org/x/mod/sumdb/tlog/tlog.go')))
    return `golang.org/x/mod is not under ${gopath}`;
  return null;
}

function skipReason(): string | false {
  const missing = missingGo();
  if (missing === null || inCi) return false; // in CI, run and fail below
  const reason = `${missing}: the Go interop test is SKIPPED (apt-get install -y golang-go golang-golang-x-mod-dev)`;
  process.stderr.write(`\n${'!'.repeat(100)}\n!!! ${reason}\n${'!'.repeat(100)}\n\n`);
  return reason;
}

test("Go's sumdb note and tlog packages verify a running server's record, cosigned by two witnesses, and veche audit recomputes its counts", {
  skip: skipReason(),
  timeout: 180_000,
}, async (t) => {
  const missing = missingGo();
  assert.equal(missing, null, `${missing}: CI must install golang-go and golang-golang-x-mod-dev (.ci/run does)`);
  const work = mkdtempSync(join(tmpdir(), 'veche-interop-'));
  const dataDir = join(work, 'data');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    VECHE_DATA: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    VECHE_PUBLIC_URL: url,
    VECHE_POW_MAX: '0',
    VECHE_RATE_LIMITS: 'off',
    LOG_LEVEL: 'warn',
    VECHE_JOB_TICK_MS: '100',
  };
  for (const name of ['DATABASE_URL', 'SMTP_URL', 'VECHE_LOG_ORIGIN', 'VECHE_LOG_KEY', 'VECHE_WITNESSES'])
    delete env[name];
  t.after(() => rmSync(work, { recursive: true, force: true }));

  // Two witnesses cosign the record, one given by its Ed25519 key and one by its ML-DSA-44 key: Go's verifier must
  // ignore both lines (keys it does not know), the 3 KB one included.
  const logSeed = randomBytes(32).toString('base64');
  Object.assign(env, { VECHE_LOG_KEY: logSeed, VECHE_LOG_ORIGIN: `127.0.0.1:${port}` });
  const logKey = createEd25519Signer(`127.0.0.1:${port}`, Buffer.from(logSeed, 'base64')).verifierKey;
  const witnesses = await Promise.all(
    ['a', 'b'].map((letter) =>
      startWitness({
        name: `witness-${letter}.interop.test`,
        secret: randomBytes(32),
        logs: [logKey],
        dataDir: join(work, `witness-${letter}`),
        host: '127.0.0.1',
        port: 0,
      }),
    ),
  );
  t.after(async () => {
    for (const witness of witnesses) await witness.close();
  });
  const witnessKeys = [witnesses[0].vkeys.ed25519, witnesses[1].vkeys.mlDsa44];
  env.VECHE_WITNESSES = witnesses.map((w, i) => `${witnessKeys[i]} ${w.url}`).join('; ');
  env.VECHE_WITNESS_INTERVAL_MS = '200';

  // Three petitions and 300 signatures through the real actions, queued before the server starts.
  const demo = spawnSync(node, ['src/cli/main.ts', 'demo', '--signatures', '300'], {
    cwd: root,
    env,
    encoding: 'utf8',
  });
  assert.equal(demo.status, 0, demo.stderr);

  const server = spawn(node, ['src/cli/main.ts', 'serve'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  server.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  server.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  const exited = new Promise((done) => server.once('exit', done));
  t.after(async () => {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGTERM');
    await exited;
  });
  await waitFor(
    async () => (await fetch(`${url}/healthz`)).ok,
    () => `the server did not start:\n${output}`,
  );

  // The first checkpoint covers the demo; then 30 signatures through the API make a second one.
  await waitFor(
    async () => (await checkpointSize(url)) >= 303,
    () => `no checkpoint covers the demo's 303 entries:\n${output}`,
  );
  const earlier = await (await fetch(`${url}/log/checkpoint`)).text();
  const earlierSize = Number(earlier.split('\n')[1]);
  // The demo's petitions that count at once (its fourth confirms by email).
  const petitions = (
    (await (await fetch(`${url}/api/petitions`)).json()) as { id: string; signatures: number; confirmation: string }[]
  ).filter((p) => p.confirmation === 'none');
  assert.equal(petitions.length, 3);
  for (let i = 0; i < 30; i++) {
    const response = await fetch(`${url}/api/petitions/${petitions[i % 3].id}/signatures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: `Interop ${i}` }),
    });
    assert.equal(response.status, 201, await response.text());
  }
  await waitFor(
    async () => (await checkpointSize(url)) >= earlierSize + 30,
    () => `no checkpoint covers the 30 new signatures:\n${output}`,
  );
  const size = await checkpointSize(url);
  const key = (await (await fetch(`${url}/log/key`)).text()).trim();
  // Nothing is signed from here on: the checkpoint Go reads is this one, once both witnesses have cosigned it.
  await waitFor(
    async () => {
      const note = await (await fetch(`${url}/log/checkpoint`)).text();
      return witnessKeys.every((k) => openNote(note, [parseCosignatureKey(k)]).signatures.length === 1);
    },
    () => `the checkpoint was not cosigned by both witnesses:\n${output}`,
  );
  const cosigned = await (await fetch(`${url}/log/checkpoint`)).text();
  assert.equal(cosigned.split('\n').filter((line) => line.startsWith('\u2014 ')).length, 3);
  assert.equal(Number(cosigned.split('\n')[1]), size);

  // Build the Go verifier against Debian's x/mod, outside any module.
  const verify = join(work, 'verify');
  const goEnv = { ...process.env, GO111MODULE: 'off', GOPATH: gopath, GOCACHE: join(work, 'go-cache'), GOFLAGS: '' };
  const build = spawnSync('go', ['build', '-o', verify, 'test/interop/verify.go'], {
    cwd: root,
    env: goEnv,
    encoding: 'utf8',
  });
  assert.equal(build.status, 0, `go build failed:\n${build.stderr}`);
  const oldFile = join(work, 'earlier-checkpoint');
  writeFileSync(oldFile, earlier);
  const records = [0, 1, earlierSize - 1, earlierSize, 255, 256, size - 1].filter((i) => i < size).join(',');

  const go = spawnSync(verify, ['-url', url, '-key', key, '-old', oldFile, '-records', records], { encoding: 'utf8' });
  assert.equal(go.status, 0, `the Go verifier failed:\n${go.stdout}\n${go.stderr}`);
  assert.match(
    go.stdout,
    new RegExp(`^checkpoint signed by 127\\.0\\.0\\.1:${port}: ${size} records, root \\S+$`, 'm'),
  );
  assert.match(go.stdout, /^tree hash from tiles matches the checkpoint$/m);
  assert.equal(go.stdout.match(/^record \d+ is in the tree/gm)?.length, records.split(',').length);
  assert.match(
    go.stdout,
    new RegExp(`^checkpoint of ${size} records is consistent with the earlier one of ${earlierSize} `, 'm'),
  );

  // The same program refuses a key the log was not signed with.
  const stranger = createEd25519Signer(`127.0.0.1:${port}`, randomBytes(32)).verifierKey;
  const refused = spawnSync(verify, ['-url', url, '-key', stranger], { encoding: 'utf8' });
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /^FAIL: note\.Open: /);

  // veche audit (as `npx veche audit` runs it) agrees with the site, count for count.
  const audit = spawnSync(
    node,
    ['bin/veche.js', 'audit', url, '--key', key, '--state', join(work, 'audit-state.json'), '--json'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  assert.equal(audit.status, 0, `veche audit failed:\n${audit.stdout}\n${audit.stderr}`);
  const report = JSON.parse(audit.stdout) as AuditReport;
  assert.equal(report.discrepancyCount, 0);
  assert.ok(report.checkpoint!.size >= size);
  assert.equal(report.entries['signature.added'], 330);
  const site = (await (await fetch(`${url}/api/petitions`)).json()) as { id: string; signatures: number }[];
  assert.deepEqual(
    report.petitions.map((p) => [p.id, p.record, p.site]).sort(),
    site.map((p) => [p.id, p.signatures, p.signatures]).sort(),
  );
});

async function checkpointSize(url: string): Promise<number> {
  const response = await fetch(`${url}/log/checkpoint`);
  return response.ok ? Number((await response.text()).split('\n')[1]) : -1;
}

async function waitFor(check: () => Promise<boolean>, failure: () => string, ms = 30_000): Promise<void> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; ) {
    if (await check().catch(() => false)) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  assert.fail(failure());
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}
