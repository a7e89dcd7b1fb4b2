// `npm start` runs Node under npm and sh. A process supervisor (systemd, a container runtime) stops a service by
// sending SIGTERM to the process it started, npm: the signal must reach Node, which then stops cleanly, and no Node
// may be left behind serving the site on its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, repoRoot, sleep } from '../support/browser.ts';

/** processesWith lists the processes whose environment holds `entry` (Linux's /proc). */
function processesWith(entry: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/environ`, 'utf8').split('\0').includes(entry)) found.push(Number(name));
    } catch {
      // Gone, or not ours to read.
    }
  }
  return found;
}

/** serving tells whether anything answers /healthz on the port. */
async function serving(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

test('SIGTERM to `npm start` stops the Node it started: nothing is left serving', { timeout: 60_000 }, async () => {
  const npm = spawnSync('npm', ['--version'], { encoding: 'utf8' });
  assert.equal(npm.status, 0, 'npm is on the PATH, as the README assumes');
  const dataDir = mkdtempSync(join(tmpdir(), 'veche-npm-start-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), VECHE_DATA: dataDir, LOG_LEVEL: 'warn' };
  for (const name of ['DATABASE_URL', 'SMTP_URL', 'VECHE_WITNESSES']) delete env[name];
  const child = spawn('npm', ['start'], { cwd: repoRoot, env, stdio: 'ignore' });
  const exited = new Promise<number | null>((done) =>
    child.once('exit', (code, signal) => done(code ?? (signal ? 128 : null))),
  );
  try {
    for (let tries = 0; !(await serving(port)); tries++) {
      assert.ok(tries < 150, 'the site started within 30 s');
      await sleep(200);
    }
    child.kill('SIGTERM');
    await exited;
    for (let tries = 0; await serving(port); tries++) {
      assert.ok(tries < 50, 'nothing is left serving 10 s after npm was told to stop');
      await sleep(200);
    }
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    // Whatever was left (before the fix: Node, orphaned) must not outlive the test: found by its data folder.
    for (const pid of processesWith(`VECHE_DATA=${dataDir}`)) process.kill(pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
});
