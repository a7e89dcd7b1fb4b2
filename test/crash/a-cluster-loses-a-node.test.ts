// Issue 12, the cluster: three nodes on one PostgreSQL behind HAProxy (scripts/cluster.ts, deploy/haproxy.cfg, the
// same commands compose.yaml runs). Under signing through the balancer, the node that holds the sequencer's turn is
// killed with SIGKILL: another node takes the turn, every acknowledged signature is in the record once, every
// checkpoint served along the way is consistent with the final one, and live viewers whose node died connect again
// through the balancer and miss no count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCluster, clusterKeys, type Cluster, type ClusterNode } from '../../scripts/cluster.ts';
import { freePort, sleep } from '../support/browser.ts';
import { prepareDemo } from '../support/child-server.ts';
import { createTestSchema } from '../support/database.ts';
import { assertConsistentWith, readRecordOverHttp, signaturesIn, type HttpRecord } from '../support/http-record.ts';
import { postgresReach } from '../support/postgres-reachable.ts';
import { CheckpointWatch, SigningLoad } from '../support/signing-load.ts';

const postgres = await postgresReach();
const haproxy = haproxyProblem();

test('a cluster of three loses the node that sequences, and loses no signature, no checkpoint and no viewer', {
  timeout: 240_000,
  skip: postgres.skip || (haproxy !== null && !process.env.CI ? `HAProxy is missing: ${haproxy}` : false),
}, async (t) => {
  if (postgres.problem !== null) assert.fail(`CI must run the cluster on PostgreSQL: ${postgres.problem}`);
  if (haproxy !== null) assert.fail(`CI must run the cluster behind HAProxy: ${haproxy}`);
  const schema = await createTestSchema();
  const dataDir = mkdtempSync(join(tmpdir(), 'veche-cluster-'));
  const lines: string[] = [];
  let cluster: Cluster | null = null;
  const load: { signing?: SigningLoad; watch?: CheckpointWatch; viewers?: Viewer[] } = {};
  try {
    const balancerPort = await freePort();
    const nodePorts = [await freePort(), await freePort(), await freePort()];
    const publicUrl = `http://127.0.0.1:${balancerPort}`;
    // The demo sets the site up on the shared database, with the keys and the public address the nodes will have.
    const keys = clusterKeys(dataDir, {});
    await prepareDemo(join(dataDir, 'demo'), { DATABASE_URL: schema.url, VECHE_PUBLIC_URL: publicUrl, ...keys });
    cluster = await startCluster({
      databaseUrl: schema.url,
      dataDir,
      balancerPort,
      nodePorts,
      publicUrl,
      env: { VECHE_POW_MAX: '0', VECHE_RATE_LIMITS: 'off', LOG_LEVEL: 'warn', VECHE_SEQUENCER_TICK_MS: '50' },
      output: (line) => lines.push(line),
    });
    const base = cluster.url;
    const petitions = ((await (await fetch(`${base}/api/petitions`)).json()) as { id: string; confirmation: string }[])
      .filter((p) => p.confirmation === 'none')
      .map((p) => p.id);
    assert.equal(petitions.length, 3, 'the demo opened three petitions without confirmation');

    const viewers = (load.viewers = Array.from(
      { length: 6 },
      () => new Viewer(`${base}/api/petitions/${petitions[0]}/events`),
    ));
    const signing = (load.signing = new SigningLoad(() => base, petitions, 6));
    const watch = (load.watch = new CheckpointWatch(() => base));
    await sleep(1500);

    const holder = await sequencingNode(cluster.nodes, 10_000);
    const before = signing.tallies.counted;
    const killedAt = Date.now();
    await holder.kill('SIGKILL');
    const others = cluster.nodes.filter((node) => node !== holder);
    const successor = await sequencingNode(others, 30_000);
    const takeoverMs = Date.now() - killedAt;
    await sleep(2000);
    await signing.stop();
    const record = await settledRecord(base, new Set(signing.acknowledged.keys()));
    await watch.stop();

    const final = ((await (await fetch(`${base}/api/petitions/${petitions[0]}`)).json()) as { signatures: number })
      .signatures;
    await Promise.all(viewers.map((viewer) => viewer.waitFor(final, 15_000)));
    for (const viewer of viewers) viewer.stop();

    t.diagnostic(
      `killed ${holder.name}; ${successor.name} sequences ${takeoverMs} ms later; 201s before the kill ${before}, ` +
        `in all ${signing.tallies.counted}; requests without an answer ${signing.tallies.failed}; ` +
        `checkpoints seen ${watch.notes.size}; viewers that connected again ${viewers.filter((v) => v.connections > 1).length}`,
    );
    assert.deepEqual(signing.tallies.unexpected, [], 'every signing attempt was answered 201, or not at all');
    assert.ok(signing.tallies.counted > before, 'signing went on after the kill');
    const recorded = signaturesIn(record);
    const lost = [...signing.acknowledged.keys()].filter((id) => !recorded.has(id));
    assert.deepEqual(lost.slice(0, 10), [], `${lost.length} acknowledged signatures are not in the record`);
    for (const [id, acknowledgement] of signing.acknowledged) {
      assert.equal(recorded.get(id)!.added, 1, `signature ${id} is added once`);
      assert.equal(recorded.get(id)!.petition, acknowledgement.petition);
    }
    assert.equal(new Set(record.entries).size, record.entries.length, 'no entry appears twice in the record');
    for (const note of watch.notes) assertConsistentWith(record, note);
    assert.ok(
      viewers.some((viewer) => viewer.connections > 1),
      'some viewers were on the killed node and connected again',
    );
    for (const viewer of viewers) assert.equal(viewer.latest, final, 'every viewer shows the final count');
    const errors = lines.filter((line) => /"level":\s*(50|60)/.test(line));
    assert.deepEqual(errors, [], 'no node logged an error');
  } finally {
    for (const viewer of load.viewers ?? []) viewer.stop();
    await load.signing?.stop();
    await load.watch?.stop();
    await cluster?.stop();
    await schema.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

/** haproxyProblem says why HAProxy cannot run here, or null when it can. */
function haproxyProblem(): string | null {
  try {
    execFileSync('haproxy', ['-v'], { stdio: 'ignore' });
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/** sequencingNode waits until one of the nodes says, on /healthz/record, that it sequences the record. */
async function sequencingNode(nodes: ClusterNode[], ms: number): Promise<ClusterNode> {
  const deadline = Date.now() + ms;
  for (;;) {
    for (const node of nodes) {
      try {
        const response = await fetch(`${node.url}/healthz/record`, { signal: AbortSignal.timeout(1000) });
        if (response.ok && ((await response.json()) as { state: string }).state === 'sequencing') return node;
      } catch {
        // a node that is gone
      }
    }
    if (Date.now() > deadline) throw new Error(`no node took the sequencer's turn within ${ms / 1000} s`);
    await sleep(100);
  }
}

/** settledRecord reads the record until every acknowledged signature is in it, or 30 s have passed. */
async function settledRecord(base: string, acknowledged: Set<string>): Promise<HttpRecord> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const record = await readRecordOverHttp(base, new URL(base).host);
    const recorded = signaturesIn(record);
    if ([...acknowledged].every((id) => recorded.has(id)) || Date.now() > deadline) return record;
    await sleep(300);
  }
}

/**
 * Viewer follows a petition's live count as a browser's EventSource does: when the stream ends or breaks, it connects
 * again (through the balancer, so to a node that is alive) and goes on from the count the new stream begins with.
 */
class Viewer {
  latest = -1;
  connections = 0;
  #stopped = false;
  #abort = new AbortController();
  #waiters: (() => void)[] = [];

  constructor(url: string) {
    void this.#follow(url);
  }

  async #follow(url: string): Promise<void> {
    while (!this.#stopped) {
      try {
        const response = await fetch(url, { signal: this.#abort.signal });
        this.connections++;
        const decoder = new TextDecoder();
        let buffer = '';
        const reader = response.body!.getReader();
        for (let part = await reader.read(); !part.done; part = await reader.read()) {
          buffer += decoder.decode(part.value, { stream: true });
          let end = buffer.indexOf('\n\n');
          while (end >= 0) {
            this.#read(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
            end = buffer.indexOf('\n\n');
          }
        }
      } catch {
        // the node died under the stream, or the viewer stopped
      }
      if (!this.#stopped) await sleep(200);
    }
  }

  #read(frame: string): void {
    const lines = frame.split('\n');
    if (!lines.includes('event: count')) return;
    const data = lines.find((line) => line.startsWith('data: '));
    if (data === undefined) return;
    const value = JSON.parse(data.slice(6)) as number | { signatures: number };
    this.latest = typeof value === 'number' ? value : value.signatures;
    for (const wake of this.#waiters.splice(0)) wake();
  }

  /** waitFor resolves once the viewer shows `count`, or fails after `ms`. */
  async waitFor(count: number, ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    while (this.latest !== count) {
      if (Date.now() > deadline) throw new Error(`a viewer shows ${this.latest}, not ${count}`);
      await new Promise<void>((wake) => {
        this.#waiters.push(wake);
        setTimeout(wake, 250);
      });
    }
  }

  stop(): void {
    this.#stopped = true;
    this.#abort.abort();
  }
}
