// Crash safety of the public record (issue 3): a real `veche serve` is signed under load from several clients and
// killed with SIGKILL at random moments, then started again on the same data. However the kills fall (in a signing
// transaction, between a tick's tile writes and its commit, between the commit and the published checkpoint, during
// start-up recovery), every signature acknowledged with a 201 must end up in the record exactly once, and every
// checkpoint served along the way must be consistent with the final one.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { FULL_WIDTH, parseTilePath } from '../../src/record/tile-path.ts';
import { freePort, sleep } from '../support/browser.ts';
import { prepareDemo, startChildServer, type ChildServer } from '../support/child-server.ts';
import { createTestSchema } from '../support/database.ts';
import { assertConsistentWith, readRecordOverHttp, signaturesIn, type HttpRecord } from '../support/http-record.ts';
import { postgresReach } from '../support/postgres-reachable.ts';
import { CheckpointWatch, SigningLoad } from '../support/signing-load.ts';

const postgres = await postgresReach();

/** CrashRun says how to run one crash campaign: on what environment, with how many kills. */
interface CrashRun {
  env: Record<string, string>;
  rounds: number;
  /** earlyKill: the round (1-based) whose restart is killed again within half a second, during start-up recovery. */
  earlyKill?: number;
}

test('SIGKILL at random moments on SQLite loses no acknowledged signature and never forks the record', {
  timeout: 120_000,
}, async (t) => {
  await crashCampaign(t, { env: {}, rounds: 8, earlyKill: 3 });
});

test('SIGKILL at random moments on PostgreSQL loses no acknowledged signature and never forks the record', {
  timeout: 120_000,
  skip: postgres.skip,
}, async (t) => {
  if (postgres.problem !== null)
    assert.fail(`CI must run the crash rounds on PostgreSQL, which is unreachable: ${postgres.problem}`);
  const schema = await createTestSchema();
  try {
    await crashCampaign(t, { env: { DATABASE_URL: schema.url }, rounds: 3, earlyKill: 2 });
  } finally {
    await schema.drop();
  }
});

async function crashCampaign(t: TestContext, run: CrashRun): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'veche-crash-'));
  // The same port at every start: the record's origin comes from VECHE_PUBLIC_URL, and a log never changes it.
  const port = await freePort();
  // Ticks back to back, so that a kill most often lands inside one: in its tile writes, its commit, or between.
  const env = { ...run.env, VECHE_SEQUENCER_TICK_MS: '10' };
  let server: ChildServer | null = null;
  let base: string | null = null;
  const outputs: string[] = [];
  const load: { signing?: SigningLoad; watch?: CheckpointWatch } = {};
  try {
    await prepareDemo(dataDir, run.env);
    server = await startChildServer({ dataDir, port, env });
    base = server.origin;
    const petitions = ((await (await fetch(`${base}/api/petitions`)).json()) as { id: string; confirmation: string }[])
      .filter((p) => p.confirmation === 'none')
      .map((p) => p.id);
    assert.equal(petitions.length, 3, 'the demo opened three petitions without confirmation');
    const signing = (load.signing = new SigningLoad(() => base, petitions, 6));
    const watch = (load.watch = new CheckpointWatch(() => base));
    const keys = new Set<string>();
    const acknowledgedBy: number[] = [];

    for (let round = 1; round <= run.rounds; round++) {
      keys.add(await (await fetch(`${base}/log/key`)).text());
      const before = signing.tallies.counted;
      await sleep(randomInt(300, 1500));
      await server.kill('SIGKILL');
      base = null;
      outputs.push(server.output());
      acknowledgedBy.push(signing.countedSince(before));
      if (round === run.earlyKill) {
        // Killed again while it opens the database and recovers the record, before or just after it listens.
        const early = await startChildServer({ dataDir, port, env, healthy: false });
        await sleep(randomInt(50, 500));
        await early.kill('SIGKILL');
        outputs.push(early.output());
      }
      signing.round = round;
      server = await startChildServer({ dataDir, port, env });
      base = server.origin;
    }
    keys.add(await (await fetch(`${base}/log/key`)).text());
    await sleep(500);
    await signing.stop();
    const record = await settledRecord(server.origin, new Set(signing.acknowledged.keys()));
    await watch.stop();
    outputs.push(server.output());

    t.diagnostic(
      `201s per server life before its kill: ${acknowledgedBy.join(', ')}; after the last: ` +
        `${signing.tallies.counted - acknowledgedBy.reduce((a, b) => a + b, 0)}`,
    );
    t.diagnostic(
      `requests without an answer: ${signing.tallies.failed}; checkpoints seen: ${watch.notes.size}; ` +
        `final size ${record.checkpoint.size}`,
    );
    if (run.env.DATABASE_URL === undefined) t.diagnostic(crashTraces(dataDir));

    assert.deepEqual(signing.tallies.unexpected, [], 'every signing attempt was answered 201, or not at all');
    assert.ok(
      acknowledgedBy.every((n) => n > 0),
      `every server life acknowledged signatures before its kill (${acknowledgedBy})`,
    );
    assert.equal(keys.size, 1, `the log key never changed: ${[...keys].join(', ')}`);

    const recorded = signaturesIn(record);
    const lost = [...signing.acknowledged].filter(([id]) => !recorded.has(id));
    assert.deepEqual(
      lost.slice(0, 10),
      [],
      `${lost.length} of ${signing.acknowledged.size} acknowledged signatures are not in the record`,
    );
    for (const [id, acknowledgement] of signing.acknowledged) {
      const found = recorded.get(id)!;
      assert.equal(found.added, 1, `signature ${id} is added once`);
      assert.equal(found.petition, acknowledgement.petition, `signature ${id} counts for the petition it was given to`);
    }
    assert.equal(new Set(record.entries).size, record.entries.length, 'no entry appears twice in the record');
    assert.equal(
      record.entries.filter((e) => e.includes('"type":"petition.opened"')).length,
      4,
      "each of the demo's four petitions opened once",
    );

    for (const note of watch.notes) assertConsistentWith(record, note);

    const errors = outputs.flatMap((output) => output.split('\n').filter((line) => /"level":\s*(50|60)/.test(line)));
    assert.deepEqual(errors, [], 'no server logged an error, before or after a kill');
  } finally {
    await load.signing?.stop();
    await load.watch?.stop();
    await server?.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * crashTraces says where the kills of an SQLite campaign landed, from what they left in the tile folder: temporary
 * files of a put cut short, and partial bundles of sizes that were never committed (a tick killed before its commit).
 */
function crashTraces(dataDir: string): string {
  const files = readdirSync(join(dataDir, 'log'), { recursive: true, encoding: 'utf8' });
  const database = new DatabaseSync(join(dataDir, 'veche.sqlite'), { readOnly: true });
  const committed = new Set(
    database
      .prepare('select size from record_checkpoints')
      .all()
      .map((row) => Number(row.size)),
  );
  database.close();
  const orphans = files.filter((file) => {
    const parts = parseTilePath(file.split(sep).join('/'));
    return (
      parts !== null &&
      parts.level === 'entries' &&
      parts.width < FULL_WIDTH &&
      !committed.has(parts.n * FULL_WIDTH + parts.width)
    );
  });
  return (
    `kills left ${files.filter((file) => file.endsWith('.tmp')).length} temporary files of cut puts and ` +
    `${orphans.length} partial bundles of sizes never committed (ticks killed before their commit)`
  );
}

/** settledRecord reads the record until every acknowledged signature is in it, or 20 s have passed. */
async function settledRecord(base: string, acknowledged: Set<string>): Promise<HttpRecord> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const record = await readRecordOverHttp(base, new URL(base).host);
    const recorded = signaturesIn(record);
    if ([...acknowledged].every((id) => recorded.has(id)) || Date.now() > deadline) return record;
    await sleep(300);
  }
}
