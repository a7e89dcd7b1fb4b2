// bench/record-audit.ts: `veche audit` on a record of a million entries (BENCH_AUDIT_ENTRIES), fetched from a server on
// this machine. The signatures are made by `veche demo`; the server sequences them; then the audit is timed.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const entries = Number(process.env.BENCH_AUDIT_ENTRIES ?? 1_000_000);
const node = join(process.cwd(), 'node_modules', '.bin', 'node');
const data = mkdtempSync(join(tmpdir(), 'veche-audit-bench-'));
const env = { ...process.env, VECHE_DATA: data, PORT: '0', LOG_LEVEL: 'warn' };

if (spawnSync(node, ['src/cli/main.ts', 'demo', '--signatures', String(entries)], { env, stdio: ['ignore', 'ignore', 'inherit'] }).status !== 0) {
  throw new Error('demo failed');
}
const server = spawn(node, ['--max-semi-space-size=16', 'src/cli/main.ts', 'serve'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise<number>((resolve) => {
  let out = '';
  server.stdout!.on('data', (chunk) => {
    out += chunk;
    const match = /running at http:\/\/[^:]+:(\d+)/.exec(out);
    if (match) resolve(Number(match[1]));
  });
});
const url = `http://127.0.0.1:${port}`;
let size = 0;
for (let i = 0; i < 1200 && size < entries; i++) {
  size = Number((await (await fetch(`${url}/log/checkpoint`)).text()).split('\n')[1]);
  if (size < entries) await new Promise((r) => setTimeout(r, 250));
}
const started = process.hrtime.bigint();
const audit = spawnSync(node, ['src/cli/main.ts', 'audit', url, '--state', join(data, 'audit-state.json'), '--json'], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
server.kill('SIGTERM');
console.log(`\n| record size | audit exit code | wall s | entries/s | target |`);
console.log(`| --- | --- | --- | --- | --- |`);
console.log(`| ${size} | ${audit.status} | ${seconds.toFixed(1)} | ${Math.round(size / seconds)} | ≤20 s |\n`);
process.exit(audit.status === 0 ? 0 : 1);
