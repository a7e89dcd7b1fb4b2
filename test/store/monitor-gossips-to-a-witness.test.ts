import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMonitor } from '../../src/cli/monitor.ts';
import { startWitness, type RunningWitness } from '../../src/witness/start-witness.ts';
import { createTestSchema, testDatabase, type TestSchema } from '../support/database.ts';
import { serveFolder } from '../support/static-server.ts';
import { signatureEntries, writeTiledRecord } from '../support/tiled-record.ts';

// `veche monitor --gossip` handing what it saw to a real `veche witness` (c2sp.org/tlog-witness add-checkpoint), with
// the witness's state in VECHE_TEST_DB's database; and a monitor asking a record's witnesses what they cosigned, which
// catches a split view it was never shown itself.

const origin = 'veche.test/gossip';

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

async function cosigned(witness: RunningWitness): Promise<number | null> {
  const hash = createHash('sha256').update(origin).digest('hex');
  const response = await fetch(`${witness.url}/${hash}/checkpoint`);
  if (response.status === 404) return null;
  return Number((await response.text()).split('\n')[1]);
}

test(`a monitor gossips each new checkpoint to a witness, resyncs on 409, is told 403/404/422 plainly, and catches a split view a witness was shown (${testDatabase()})`, {
  timeout: 90_000,
}, async (t) => {
  const dirs: string[] = [];
  const folder = (prefix: string) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
  const schemas: TestSchema[] = [];
  const witnesses: RunningWitness[] = [];
  const closers: (() => Promise<void>)[] = [];
  t.after(async () => {
    for (const close of closers) await close();
    for (const w of witnesses) await w.close();
    for (const s of schemas) await s.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  const seed = randomBytes(32);
  const siteDir = folder('veche-gossip-site-');
  const first = writeTiledRecord(siteDir, origin, seed, [signatureEntries('A', 100)]);
  const site = await serveFolder(siteDir);
  closers.push(() => site.close());
  const start = async (logs: string[]) => {
    const schema = testDatabase() === 'postgres' ? await createTestSchema() : null;
    if (schema !== null) schemas.push(schema);
    const witness = await startWitness({
      name: `w${witnesses.length}.witness.test`,
      secret: randomBytes(32),
      logs,
      dataDir: folder('veche-gossip-witness-'),
      databaseUrl: schema?.url,
      host: '127.0.0.1',
      port: 0,
      warn: () => {},
    });
    witnesses.push(witness);
    return witness;
  };
  const witness = await start([first.key]);
  const state = folder('veche-gossip-state-');

  // 1. The first checkpoint, from old size 0.
  const one = await monitor(site.url, '--state', state, '--key', first.key, '--gossip', witness.url);
  assert.equal(one.status, 0, one.stdout);
  assert.match(
    one.stdout,
    new RegExp(`gossip to ${witness.url}: veche\\.test/gossip: it cosigned the checkpoint of 100 entries`),
  );
  assert.equal(await cosigned(witness), 100);

  // 2. The record grows: the next checkpoint goes with the consistency proof from 100.
  writeTiledRecord(siteDir, origin, seed, [signatureEntries('A', 100), signatureEntries('A', 60, 100)]);
  const two = await monitor(site.url, '--state', state, '--gossip', witness.url);
  assert.equal(two.status, 0, two.stdout);
  assert.match(two.stdout, /it cosigned the checkpoint of 160 entries/);
  assert.equal(await cosigned(witness), 160);

  // 3. Another monitor, which never told this witness anything: its old size 0 gets a 409 naming 160, and it asks
  //    again from there, with the proof from 160.
  writeTiledRecord(siteDir, origin, seed, [
    signatureEntries('A', 100),
    signatureEntries('A', 60, 100),
    signatureEntries('A', 40, 160),
  ]);
  const other = await monitor(
    site.url,
    '--state',
    folder('veche-gossip-state-'),
    '--key',
    first.key,
    '--gossip',
    witness.url,
  );
  assert.equal(other.status, 0, other.stdout);
  assert.match(other.stdout, /it cosigned the checkpoint of 200 entries/);
  assert.equal(await cosigned(witness), 200);
  const again = await monitor(site.url, '--state', state, '--gossip', witness.url);
  assert.match(again.stdout, /it already holds the checkpoint of 200 entries/, 'the first monitor resyncs too');
  assert.equal(again.status, 0);

  // 4. A witness that does not witness this log: 404, said plainly, and --once exits 2.
  const stranger = await start([
    writeTiledRecord(folder('veche-gossip-else-'), 'elsewhere.test/log', randomBytes(32), [['{}']]).key,
  ]);
  const unknown = await monitor(site.url, '--state', state, '--gossip', stranger.url);
  assert.equal(unknown.status, 2);
  assert.match(
    unknown.stdout,
    new RegExp(`gossip REFUSED to ${stranger.url}: veche\\.test/gossip: it does not witness this log`),
  );

  // 5. The same origin under another key: the witness does not trust it (403).
  const impostorDir = folder('veche-gossip-impostor-');
  const impostor = writeTiledRecord(impostorDir, origin, randomBytes(32), [signatureEntries('X', 10)]);
  const impostorSite = await serveFolder(impostorDir);
  closers.push(() => impostorSite.close());
  const untrusted = await monitor(
    impostorSite.url,
    '--state',
    folder('veche-gossip-state-'),
    '--key',
    impostor.key,
    '--gossip',
    witness.url,
  );
  assert.equal(untrusted.status, 2);
  assert.match(untrusted.stdout, /gossip REFUSED .*it does not trust this log's key/);

  // 6. A fork under the log's own key, shown to this monitor only: the witness refuses its proof (422)…
  const forkDir = folder('veche-gossip-fork-');
  writeTiledRecord(forkDir, origin, seed, [signatureEntries('B', 250)]);
  const fork = await serveFolder(forkDir);
  closers.push(() => fork.close());
  const refused = await monitor(
    fork.url,
    '--state',
    folder('veche-gossip-state-'),
    '--key',
    first.key,
    '--gossip',
    witness.url,
  );
  assert.equal(refused.status, 2, refused.stdout);
  assert.match(
    refused.stdout,
    /gossip REFUSED .*the consistency proof from 200 entries did not convince it: what it cosigned before may be another history/,
  );
  assert.equal(await cosigned(witness), 200, 'the witness keeps the history it cosigned');

  // …and once the fork names the witness in its policy, the monitor asks it what it cosigned: a split view.
  writeFileSync(
    join(forkDir, 'log', 'policy'),
    `log ${first.key} ${fork.url}/log\nwitness ${witness.name} ${witness.vkeys.ed25519} ${witness.url}\nquorum ${witness.name}\n`,
  );
  const caught = await monitor(fork.url, '--state', folder('veche-gossip-state-'), '--key', first.key);
  assert.equal(caught.status, 1, caught.stdout);
  assert.match(
    caught.stdout,
    new RegExp(
      `!! SPLIT VIEW of veche\\.test/gossip: the checkpoint of 200 entries served by witness ${witness.name.replace(/\./g, '\\.')} and the one of 250 served by ${fork.url}`,
    ),
  );
  // The honest site and its witness agree.
  writeFileSync(
    join(siteDir, 'log', 'policy'),
    `log ${first.key}\nwitness ${witness.name} ${witness.vkeys.ed25519} ${witness.url}\nquorum ${witness.name}\n`,
  );
  const agreed = await monitor(site.url, '--state', state);
  assert.equal(agreed.status, 0, agreed.stdout);
  assert.match(
    agreed.stdout,
    new RegExp(
      `witness ${witness.name.replace(/\./g, '\\.')}: veche\\.test/gossip, 200 entries, consistent with all seen`,
    ),
  );
});
