// bench/record-audit.ts: `veche audit` on a record of a million entries (BENCH_AUDIT_ENTRIES), fetched from a server on
// this machine; then `veche mirror` copies it into a folder, the server is stopped, and the copy is audited from the
// folder, as from a USB stick: with `veche audit` (this project's Node) and with dist/veche-audit.mjs on the machine's
// own Node (/usr/bin/node, 20 here) when there is one. The signatures are made by `veche demo`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeDemo, node, startVeche, waitForRecord } from './child-server.ts';

const entries = Number(process.env.BENCH_AUDIT_ENTRIES ?? 1_000_000);
const data = mkdtempSync(join(tmpdir(), 'veche-audit-bench-'));
const env = { ...process.env, VECHE_DATA: data, PORT: '0', LOG_LEVEL: 'warn' };
const folder = join(data, 'mirror');

makeDemo(env, entries);
const { child: server, url } = await startVeche(env);
const size = await waitForRecord(url, entries);
const rows: string[] = [];
const timed = (label: string, target: string, command: string, args: string[]) => {
  const started = process.hrtime.bigint();
  const run = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0) console.error(run.stdout.slice(-2000), run.stderr.slice(-2000));
  rows.push(
    `| ${label} | ${size} | ${run.status} | ${seconds.toFixed(1)} | ${Math.round(size / seconds)} | ${target} |`,
  );
  return run.status;
};
const statuses = [
  timed('`veche audit <site>`', '≤20 s', node, [
    'src/cli/main.ts',
    'audit',
    url,
    '--state',
    join(data, 'site.json'),
    '--json',
  ]),
  timed('`veche mirror <site> <folder>` (first copy)', '—', node, ['src/cli/main.ts', 'mirror', url, folder]),
];
server.kill('SIGTERM');
statuses.push(
  timed('`veche audit <folder>`, the site stopped', '—', node, [
    'src/cli/main.ts',
    'audit',
    folder,
    '--state',
    join(data, 'folder.json'),
    '--json',
  ]),
);
const machineNode = ['/usr/bin/node', '/usr/local/bin/node'].find((path) => existsSync(path));
if (machineNode !== undefined) {
  const version = spawnSync(machineNode, ['--version'], { encoding: 'utf8' }).stdout.trim();
  statuses.push(
    timed(`\`node veche-audit.mjs <folder>\` on Node ${version}`, '—', machineNode, [
      'dist/veche-audit.mjs',
      folder,
      '--state',
      join(data, 'single.json'),
      '--json',
    ]),
  );
}
console.log(`\n| run | record size | exit code | wall s | entries/s | target |`);
console.log(`| --- | --- | --- | --- | --- | --- |`);
for (const row of rows) console.log(row);
console.log('');
process.exit(statuses.every((s) => s === 0) ? 0 : 1);
