import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMonitor } from '../../src/cli/monitor.ts';
import { serveFolder, type StaticServer } from '../support/static-server.ts';
import { signatureEntries, writeTiledRecord } from '../support/tiled-record.ts';

// `veche monitor` against records built here: a site, a mirror of it on a stick, and a fork of it — the same origin,
// signed with the same key, with other entries, as the people holding a seized server's key could show one audience.

const origin = 'veche.test/monitor';

async function monitor(...args: string[]): Promise<{ status: number; stdout: string }> {
  let stdout = '';
  const status = await runMonitor([...args, '--once'], {
    stdout: {
      write: (text: string, done: () => void) => {
        stdout += text;
        done();
      },
    },
    stderr: {
      isTTY: false,
      write: (text: string) => {
        stdout += text;
        return true;
      },
    },
    env: {},
  });
  return { status, stdout };
}

function folder(t: { after(fn: () => void): void }, prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function serve(t: { after(fn: () => Promise<void>): void }, dir: string): Promise<StaticServer> {
  const server = await serveFolder(dir);
  t.after(() => server.close());
  return server;
}

/** asMirror makes a folder of tiles a mirror the auditor and the monitor read (a manifest beside the record). */
function asMirror(dir: string): string {
  writeFileSync(
    join(dir, 'veche-mirror.json'),
    JSON.stringify({ version: 1, origin, snapshot: 'api/0', after: 0, events: [] }),
  );
  return dir;
}

test('a monitor following a site and a fork of it under the same key catches the split view, and keeps both checkpoints', {
  timeout: 60_000,
}, async (t) => {
  const seed = randomBytes(32);
  const state = folder(t, 'veche-monitor-state-');
  const siteDir = folder(t, 'veche-monitor-site-');
  const site = writeTiledRecord(siteDir, origin, seed, [signatureEntries('A', 100), signatureEntries('A', 200, 100)]);
  const forkDir = folder(t, 'veche-monitor-fork-');
  const fork = writeTiledRecord(forkDir, origin, seed, [signatureEntries('B', 250)]);
  assert.equal(fork.key, site.key, 'the fork is signed with the same key');
  const siteServer = await serve(t, siteDir);
  const forkServer = await serve(t, forkDir);

  const first = await monitor(siteServer.url, '--state', state, '--key', site.key);
  assert.equal(first.status, 0, first.stdout);
  assert.match(first.stdout, /veche\.test\/monitor, 300 entries, consistent with all seen/);

  // The fork is smaller: proved against the site's larger checkpoint with the site's own tiles, it is no prefix of it.
  const caught = await monitor(siteServer.url, forkServer.url, '--state', state);
  assert.equal(caught.status, 1, caught.stdout);
  assert.match(
    caught.stdout,
    /!! SPLIT VIEW of veche\.test\/monitor: the checkpoint of 250 entries served by http:\/\/127\.0\.0\.1:\d+ and the one of 300 served by http:\/\/127\.0\.0\.1:\d+ show two different histories/,
  );
  const kept = [...caught.stdout.matchAll(/Kept as evidence: (\S+) and (\S+)\./g)][0];
  assert.ok(kept !== undefined, caught.stdout);
  assert.equal(readFileSync(kept[1], 'utf8'), fork.checkpoints[0]);
  assert.equal(readFileSync(kept[2], 'utf8'), site.checkpoints[1]);

  // A fork of the same size as the site's checkpoint, with another root, is caught without a proof.
  const twinDir = folder(t, 'veche-monitor-twin-');
  writeTiledRecord(twinDir, origin, seed, [signatureEntries('C', 300)]);
  const twin = await monitor(asMirror(twinDir), '--state', state);
  assert.equal(twin.status, 1);
  assert.match(twin.stdout, /SPLIT VIEW .*the same size with another root/);
});

test('a monitor finds a growing site and a mirror behind it consistent, and alarms when a source goes back', {
  timeout: 60_000,
}, async (t) => {
  const seed = randomBytes(32);
  const state = folder(t, 'veche-monitor-state-');
  const siteDir = folder(t, 'veche-monitor-site-');
  const batches = [signatureEntries('A', 70), signatureEntries('A', 500, 70), signatureEntries('A', 3, 570)];
  writeTiledRecord(siteDir, origin, seed, batches.slice(0, 1));
  const stick = asMirror(folder(t, 'veche-monitor-stick-'));
  writeTiledRecord(stick, origin, seed, batches.slice(0, 2));
  const siteServer = await serve(t, siteDir);

  assert.equal((await monitor(siteServer.url, '--state', state)).status, 0);
  writeTiledRecord(siteDir, origin, seed, batches);
  const grown = await monitor(siteServer.url, stick, '--state', state);
  assert.equal(grown.status, 0, grown.stdout);
  assert.match(grown.stdout, /573 entries, consistent with all seen/);
  assert.match(grown.stdout, /570 entries, consistent with all seen/);

  // The site now serves its first checkpoint again, as a server restored from an old backup would.
  writeTiledRecord(siteDir, origin, seed, batches.slice(0, 1));
  const back = await monitor(siteServer.url, '--state', state);
  assert.equal(back.status, 1);
  assert.match(
    back.stdout,
    /!! ROLLBACK of veche\.test\/monitor: http:\/\/127\.0\.0\.1:\d+ went back from a checkpoint of 573 entries to one of 70/,
  );
});

test("a monitor refuses a checkpoint its log's key did not sign", { timeout: 30_000 }, async (t) => {
  const state = folder(t, 'veche-monitor-state-');
  const siteDir = folder(t, 'veche-monitor-site-');
  const site = writeTiledRecord(siteDir, origin, randomBytes(32), [signatureEntries('A', 10)]);
  const siteServer = await serve(t, siteDir);
  assert.equal((await monitor(siteServer.url, '--state', state, '--key', site.key)).status, 0);
  writeTiledRecord(siteDir, origin, randomBytes(32), [signatureEntries('A', 20)]);
  const forged = await monitor(siteServer.url, '--state', state);
  assert.equal(forged.status, 1);
  assert.match(
    forged.stdout,
    /!! FORGED CHECKPOINT of veche\.test\/monitor: http:\/\/127\.0\.0\.1:\d+ serves a checkpoint of veche\.test\/monitor that the log's key did not sign/,
  );
});
