// bench/memory.ts: the server's memory after a million signatures (BENCH_MEMORY_SIGNATURES to change the number).
// Signatures are made by `veche demo` through the real actions; then the server starts on that data, sequences the
// record, serves the pages and the API for a while, and its resident memory is read from /metrics.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { makeDemo, startVeche, waitForRecord } from './child-server.ts';

const signatures = Number(process.env.BENCH_MEMORY_SIGNATURES ?? 1_000_000);
const data = mkdtempSync(join(tmpdir(), 'veche-memory-'));
const metricsToken = randomBytes(24).toString('base64url');
const env = {
  ...process.env,
  VECHE_DATA: data,
  PORT: '0',
  LOG_LEVEL: 'warn',
  VECHE_RATE_LIMITS: 'off',
  VECHE_METRICS_TOKEN: metricsToken,
};
const metrics = async () =>
  (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })).text();

const started = Date.now();
makeDemo(env, signatures);
const madeIn = (Date.now() - started) / 1000;
const { child: server, url: base } = await startVeche(env);
const metric = async (name: string) =>
  Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\d+)`, 'm').exec(await metrics())?.[1] ?? 0) / 2 ** 20;
const rss = () => metric('process_resident_memory_bytes');
const atStart = await rss();
// Wait until the record has sequenced everything the demo queued.
const size = await waitForRecord(base, signatures);
const afterSequencing = await rss();
const petitions = (await (await fetch(`${base}/api/petitions`)).json()) as { id: string; signatures: number }[];
for (const p of petitions) {
  await autocannon({ url: `${base}/p/${p.id}`, connections: 20, duration: 3 });
  await autocannon({ url: `${base}/api/petitions/${p.id}`, connections: 20, duration: 3 });
}
const after = await rss();
const heap = await metric('nodejs_heap_size_used_bytes');
if (process.env.BENCH_MEMORY_DUMP)
  console.log(
    (await metrics())
      .split('\n')
      .filter((l) => /^(process_|nodejs_heap_size|nodejs_external|nodejs_heap_space_size_used)/.test(l))
      .join('\n'),
  );
server.kill('SIGTERM');
const total = petitions.reduce((n, p) => n + p.signatures, 0);
console.log(
  `\n| signatures | made in | record size | server RSS at start | after sequencing | after pages and API under load | JS heap used then | target |`,
);
console.log(`| --- | --- | --- | --- | --- | --- | --- | --- |`);
console.log(
  `| ${total} | ${madeIn.toFixed(0)} s | ${size} | ${atStart.toFixed(0)} MB | ${afterSequencing.toFixed(0)} MB | ${after.toFixed(0)} MB | ${heap.toFixed(0)} MB | ≤300 MB |\n`,
);
process.exit(0);
