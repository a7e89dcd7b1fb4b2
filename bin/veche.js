#!/usr/bin/env node
// veche runs the command-line program under the project's pinned Node (24), which strips the TypeScript types.
// The young generation is capped at 16 MB a semi-space: the server keeps ~70 MB less resident for a few percent of
// throughput (bench/memory.ts). glibc's malloc is held to two arenas (MALLOC_ARENA_MAX, unless set): with one per
// thread, the threads that write the record's tiles and read the database left ~40 MB more resident after a
// million signatures (docs/benchmarks.md).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const pinned = join(root, 'node_modules', '.bin', 'node');
const main = join(root, 'src', 'cli', 'main.ts');
const node = existsSync(pinned) ? pinned : process.execPath;
const run = spawnSync(node, ['--max-semi-space-size=16', main, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2' },
});
process.exit(run.status ?? 1);
