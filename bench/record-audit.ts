// bench/record-audit.ts: `veche audit` on a record of a million entries (BENCH_AUDIT_ENTRIES), fetched from a server on
// this machine. The signatures are made by `veche demo`; the server sequences them; then the audit is timed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeDemo, node, startVeche, waitForRecord } from './child-server.ts';

const entries = Number(process.env.BENCH_AUDIT_ENTRIES ?? 1_000_000);
const data = mkdtempSync(join(tmpdir(), 'veche-audit-bench-'));
const env = { ...process.env, VECHE_DATA: data, PORT: '0', LOG_LEVEL: 'warn' };

makeDemo(env, entries);
const { child: server, url } = await startVeche(env);
const size = await waitForRecord(url, entries);
const started = process.hrtime.bigint();
const audit = spawnSync(node, ['src/cli/main.ts', 'audit', url, '--state', join(data, 'audit-state.json'), '--json'], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
server.kill('SIGTERM');
console.log(`\n| record size | audit exit code | wall s | entries/s | target |`);
console.log(`| --- | --- | --- | --- | --- |`);
console.log(`| ${size} | ${audit.status} | ${seconds.toFixed(1)} | ${Math.round(size / seconds)} | ≤20 s |\n`);
process.exit(audit.status === 0 ? 0 : 1);
