// Pushback (issue 3): while the sequencer cannot keep up, signing must answer 503 `log-pushback` with Retry-After
// instead of queueing without bound, and what was acknowledged before and during the stall must all reach the record
// once the sequencer runs again. The sequencer is stalled for real, in a running `veche serve`: on SQLite its tile
// folder refuses the next bundle (as a full or broken disk would); on PostgreSQL another session holds its lock (as
// a hung node that keeps the turn would).
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { FULL_WIDTH, entriesPath } from '../../src/record/tile-path.ts';
import { SEQUENCER_LOCK } from '../../src/store/record-storage.ts';
import { freePort, sleep } from '../support/browser.ts';
import { prepareDemo, startChildServer, type ChildServer } from '../support/child-server.ts';
import { createTestSchema } from '../support/database.ts';
import { assertConsistentWith, readRecordOverHttp, signaturesIn, type HttpRecord } from '../support/http-record.ts';
import { postgresReach } from '../support/postgres-reachable.ts';
import { CheckpointWatch, SigningLoad } from '../support/signing-load.ts';

const postgres = await postgresReach();
const queueLimit = 20;
const stalled = { VECHE_SEQUENCER_TICK_MS: '100', VECHE_LOG_QUEUE_LIMIT: String(queueLimit) };
const normal = { VECHE_SEQUENCER_TICK_MS: '100' };

test('a sequencer that cannot write pushes signing back, and loses nothing once it runs again (SQLite)', {
  timeout: 90_000,
}, async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'veche-pushback-'));
  const port = await freePort();
  const run = new Run(t);
  try {
    await prepareDemo(dataDir);
    const size = await run.signAndSettle(await startChildServer({ dataDir, port, env: normal }));

    // The next bundle cannot be written: a folder stands at each path a tick from `size` would write it to. Every
    // tick fails before its commit, and leaves only orphan tiles behind.
    const n = Math.floor(size / FULL_WIDTH);
    const obstacles = [entriesPath(n)];
    for (let width = (size % FULL_WIDTH) + 1; width < FULL_WIDTH; width++) obstacles.push(entriesPath(n, width));
    for (const path of obstacles) mkdirSync(join(dataDir, 'log', path), { recursive: true });
    const stuck = await startChildServer({ dataDir, port, env: stalled });
    await run.expectPushback(stuck, size);
    assert.ok(
      stuck.errorLines().some((line) => line.includes('sequencing the public record failed')),
      'the stalled server says that sequencing fails',
    );

    // A crash while stalled, then the disk is mended and the server starts again with the default queue limit.
    await stuck.kill('SIGKILL');
    for (const path of obstacles) rmSync(join(dataDir, 'log', path), { recursive: true });
    const mended = await startChildServer({ dataDir, port, env: normal });
    await run.expectAllRecorded(mended);
  } finally {
    await run.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("a node that holds the sequencer's turn and does nothing pushes signing back; when it lets go, nothing is lost (PostgreSQL)", {
  timeout: 90_000,
  skip: postgres.skip,
}, async (t) => {
  if (postgres.problem !== null)
    assert.fail(`CI must run the pushback test on PostgreSQL, which is unreachable: ${postgres.problem}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'veche-pushback-'));
  const schema = await createTestSchema();
  const port = await freePort();
  const run = new Run(t);
  const hung = new pg.Client({ connectionString: schema.url });
  try {
    const env = { DATABASE_URL: schema.url };
    await prepareDemo(dataDir, env);
    const size = await run.signAndSettle(await startChildServer({ dataDir, port, env: { ...env, ...normal } }));

    // Another session takes the advisory lock that decides which node sequences, and keeps it.
    await hung.connect();
    await hung.query('select pg_advisory_lock($1, hashtext(current_schema()))', [SEQUENCER_LOCK]);
    const server = await startChildServer({ dataDir, port, env: { ...env, ...stalled } });
    await run.expectPushback(server, size);

    // The hung node's session ends: the running server takes the turn within a few seconds and catches up.
    await hung.end();
    await run.expectAllRecorded(server);
  } finally {
    await hung.end().catch(() => {});
    await run.stop();
    await schema.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

/** Run is one pushback story against servers started one after another on the same data and port. */
class Run {
  readonly #t: TestContext;
  #server: ChildServer | null = null;
  #base: string | null = null;
  #signing: SigningLoad | null = null;
  #watch: CheckpointWatch | null = null;

  constructor(t: TestContext) {
    this.#t = t;
  }

  /** signAndSettle signs for a while on a server with normal settings, waits until the record has it all, stops it. */
  async signAndSettle(server: ChildServer): Promise<number> {
    this.#use(server);
    const petitions = (
      (await (await fetch(`${server.origin}/api/petitions`)).json()) as { id: string; confirmation: string }[]
    )
      .filter((p) => p.confirmation === 'none')
      .map((p) => p.id);
    this.#signing = new SigningLoad(() => this.#base, petitions, 4);
    this.#watch = new CheckpointWatch(() => this.#base);
    await sleep(700);
    this.#signing.pause();
    const record = await this.#settled(server);
    assert.ok(this.#signing.tallies.counted > 0, 'signing worked before the stall');
    await server.kill('SIGTERM');
    this.#base = null;
    this.#signing.round++;
    this.#signing.resume();
    return record.checkpoint.size;
  }

  /** expectPushback signs on a stalled server until it pushes back, and checks the answer and that it holds. */
  async expectPushback(server: ChildServer, size: number): Promise<void> {
    const signing = this.#signing!;
    this.#use(server);
    const before = signing.tallies.counted;
    const deadline = Date.now() + 10_000;
    while (signing.tallies.pushedBack === 0 && Date.now() < deadline) await sleep(50);
    assert.ok(signing.tallies.pushedBack > 0, 'a stalled sequencer turns signing into pushback within 10 s');
    const accepted = signing.countedSince(before);
    this.#t.diagnostic(
      `signatures acknowledged while stalled, before pushback: ${accepted} (queue limit ${queueLimit})`,
    );

    const { headers, body } = signing.lastPushback!;
    assert.match(headers.get('content-type') ?? '', /^application\/problem\+json/);
    const retryAfter = Number(headers.get('retry-after'));
    assert.ok(
      Number.isInteger(retryAfter) && retryAfter > 0,
      `Retry-After says how many seconds to wait: ${headers.get('retry-after')}`,
    );
    const problem = JSON.parse(body) as { type: string; status: number; code: string; title: string };
    assert.equal(problem.code, 'log-pushback');
    assert.equal(problem.status, 503);
    assert.equal(problem.type, 'urn:veche:problem:log-pushback');
    assert.ok(problem.title.length > 0, 'the problem has a title');

    // It holds: for a second, nothing more is accepted, and nothing is sequenced.
    await sleep(300);
    const held = signing.tallies.counted;
    const pushedBack = signing.tallies.pushedBack;
    await sleep(1000);
    assert.equal(signing.tallies.counted, held, 'no signature is accepted while the record is too far behind');
    assert.ok(signing.tallies.pushedBack > pushedBack, 'signers are still being answered (503), not left waiting');
    const checkpoint = await fetch(`${server.origin}/log/checkpoint`);
    assert.equal(Number((await checkpoint.text()).split('\n')[1]), size, 'the stalled sequencer published nothing new');
    signing.round++;
  }

  /** expectAllRecorded waits until signing is accepted again, then checks the record against every acknowledgement. */
  async expectAllRecorded(server: ChildServer): Promise<void> {
    const signing = this.#signing!;
    this.#use(server);
    const before = signing.tallies.counted;
    const deadline = Date.now() + 15_000;
    while (signing.countedSince(before) < 20 && Date.now() < deadline) await sleep(50);
    assert.ok(signing.countedSince(before) >= 20, 'signing is accepted again once the sequencer runs');
    await signing.stop();
    const record = await this.#settled(server);
    await this.#watch!.stop();

    assert.deepEqual(signing.tallies.unexpected, [], 'every signing attempt was answered 201 or 503 log-pushback');
    const recorded = signaturesIn(record);
    const lost = [...signing.acknowledged.keys()].filter((id) => !recorded.has(id));
    assert.deepEqual(
      lost.slice(0, 10),
      [],
      `${lost.length} of ${signing.acknowledged.size} acknowledged signatures are not in the record`,
    );
    for (const [id, found] of recorded) {
      assert.equal(found.added, 1, `signature ${id} is added once`);
      const acknowledged = signing.acknowledged.get(id);
      if (acknowledged) assert.equal(found.petition, acknowledged.petition, `signature ${id} counts for its petition`);
    }
    assert.equal(new Set(record.entries).size, record.entries.length, 'no entry appears twice');
    for (const note of this.#watch!.notes) assertConsistentWith(record, note);
    const rounds = [0, 1, 2].map((round) => [...signing.acknowledged.values()].filter((a) => a.round === round).length);
    this.#t.diagnostic(
      `acknowledged before / during / after the stall: ${rounds.join(' / ')}; ` +
        `pushed back ${signing.tallies.pushedBack}; final size ${record.checkpoint.size}; checkpoints seen ${this.#watch!.notes.size}`,
    );
  }

  async stop(): Promise<void> {
    await this.#signing?.stop();
    await this.#watch?.stop();
    await this.#server?.kill('SIGTERM');
  }

  #use(server: ChildServer): void {
    this.#server = server;
    this.#base = server.origin;
  }

  async #settled(server: ChildServer): Promise<HttpRecord> {
    const acknowledged = [...this.#signing!.acknowledged.keys()];
    const deadline = Date.now() + 20_000;
    for (;;) {
      const record = await readRecordOverHttp(server.origin, new URL(server.origin).host);
      const recorded = signaturesIn(record);
      if (acknowledged.every((id) => recorded.has(id)) || Date.now() > deadline) return record;
      await sleep(200);
    }
  }
}
