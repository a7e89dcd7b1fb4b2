// test/run.ts is the one test command (`npm test`): the type check, the unit tests beside the code, the store tests
// (test/store, and the actions' and jobs' tests beside them in src/actions and src/jobs) on SQLite and on PostgreSQL,
// the HTTP tests, the adversarial suite on SQLite and on PostgreSQL (test/adversarial: fuzzing,
// the authorisation matrix, timing, the data-folder scan), the interop and crash tests and the browser journeys, in that
// order. Every step runs even when an earlier one failed, so one run shows everything that is wrong; the exit code is
// non-zero if any step failed.
//
//   npm test                      every step
//   npm test -- store http        only the named steps (types, lint, unit, store, http, adversarial, interop,
//                                 crash, journeys)
//   npm test -- unit --test-name-pattern=regions    options starting with -- go to `node --test`
//
// Environment: CI (set: a missing PostgreSQL or Chromium fails the run instead of skipping), VECHE_TEST_DATABASE_URL
// (default postgres://postgres@127.0.0.1:5432/test; each store and adversarial test makes and drops its own schema there).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, globSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

const root = join(import.meta.dirname, '..');
const chromium = '/usr/bin/chromium';
const databaseUrl = process.env.VECHE_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const inCi = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';
/** A step that runs longer than this is stopped and failed, so a hung test cannot eat CI's whole time. */
const stepLimitMs = 25 * 60_000;

const stepNames = ['types', 'lint', 'unit', 'store', 'http', 'adversarial', 'interop', 'crash', 'journeys'] as const;
type StepName = (typeof stepNames)[number];

/** Outcome is what one step (or one half of the store step) ended with. */
interface Outcome {
  label: string;
  status: 'passed' | 'failed' | 'skipped';
  passed: number;
  failed: number;
  note?: string;
}

const outcomes: Outcome[] = [];

function header(title: string): void {
  const line = '═'.repeat(78);
  console.log(`\n${line}\n  ${title}\n${line}`);
}

function loudNotice(lines: string[]): void {
  const bar = '!'.repeat(78);
  console.log(`\n${bar}\n${lines.map((l) => `!!  ${l}`).join('\n')}\n${bar}\n`);
}

/** findTests lists test files matching a glob under the repository, in a stable order. */
function findTests(pattern: string): string[] {
  return globSync(pattern, { cwd: root })
    .filter((f) => !f.includes('node_modules'))
    .sort();
}

/** run starts a command in the repository, streams its output through, and returns its exit code and stdout. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, ...(process.stdout.isTTY ? { FORCE_COLOR: '1' } : {}), ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      process.stdout.write(chunk);
    });
    const timer = setTimeout(() => {
      console.log(
        `\n!! stopping ${command} ${args.slice(0, 3).join(' ')}…: it ran longer than ${stepLimitMs / 60_000} minutes`,
      );
      child.kill('SIGKILL');
    }, stepLimitMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      console.log(`!! could not start ${command}: ${error.message}`);
      resolve({ code: 127, stdout });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), stdout });
    });
  });
}

/** countsFrom reads the closing summary of Node's spec reporter: `ℹ pass N`, `ℹ fail N`, `ℹ cancelled N`. */
function countsFrom(stdout: string): { pass: number; fail: number; found: boolean } {
  const plain = stdout.replace(/\x1b\[[0-9;]*m/g, '');
  const last = (name: string) => {
    const all = [...plain.matchAll(new RegExp(`^ℹ ${name} (\\d+)\\s*$`, 'gm'))];
    return all.length > 0 ? Number(all[all.length - 1][1]) : null;
  };
  const pass = last('pass');
  const fail = last('fail');
  const cancelled = last('cancelled');
  return { pass: pass ?? 0, fail: (fail ?? 0) + (cancelled ?? 0), found: pass !== null && fail !== null };
}

/** runNodeTests runs test files with Node's test runner and records the outcome under `label`. */
async function runNodeTests(
  label: string,
  files: string[],
  options: { concurrency: number; env?: NodeJS.ProcessEnv },
): Promise<void> {
  const args = [
    '--test',
    `--test-concurrency=${options.concurrency}`,
    '--test-reporter=spec',
    ...passThrough,
    ...files,
  ];
  const { code, stdout } = await run(process.execPath, args, options.env);
  const counts = countsFrom(stdout);
  // A run that failed without a failing test (it crashed, or was stopped) still counts as one failure.
  const failed = code !== 0 && counts.fail === 0 ? 1 : counts.fail;
  const note = counts.found ? undefined : 'no test summary was printed';
  outcomes.push({ label, status: code === 0 ? 'passed' : 'failed', passed: counts.pass, failed, note });
}

async function typesStep(): Promise<void> {
  header('types: tsc --noEmit');
  const { code } = await run(process.execPath, [join('node_modules', '.bin', 'tsc'), '--noEmit']);
  if (code === 0) console.log('no type errors');
  outcomes.push({ label: 'types', status: code === 0 ? 'passed' : 'failed', passed: 0, failed: code === 0 ? 0 : 1 });
}

/** lintStep runs Biome over the code: formatting and the lint rules written in biome.jsonc (fix with `npx biome check --write`). */
async function lintStep(): Promise<void> {
  header('lint: biome check (biome.jsonc)');
  const { code } = await run(join('node_modules', '.bin', 'biome'), ['check', '--colors=off', '.']);
  outcomes.push({ label: 'lint', status: code === 0 ? 'passed' : 'failed', passed: 0, failed: code === 0 ? 0 : 1 });
}

/**
 * onDatabaseTests are the tests beside the code that need a database: the actions' and the jobs' (each one a public
 * state change, tested against a real database). The store step runs them on SQLite and on PostgreSQL; the unit step
 * leaves them out.
 */
const onDatabaseTests = ['src/actions/**/*.test.ts', 'src/jobs/**/*.test.ts'];

async function unitStep(): Promise<void> {
  header("unit: src/**/*.test.ts (less the actions' and jobs', which run in the store step)");
  const onDatabase = new Set(onDatabaseTests.flatMap(findTests));
  const files = findTests('src/**/*.test.ts').filter((f) => !onDatabase.has(f));
  if (files.length === 0) return noFiles('unit', 'src/**/*.test.ts');
  await runNodeTests('unit', files, { concurrency: 2 });
}

async function storeStep(): Promise<void> {
  await onBothDatabases('store', ['test/store/**/*.test.ts', ...onDatabaseTests], 2);
}

/**
 * onBothDatabases runs a step's test files on SQLite, then on PostgreSQL one file at a time, with VECHE_TEST_DB naming
 * the database. A PostgreSQL that cannot be reached fails the step in CI and is skipped loudly elsewhere.
 */
async function onBothDatabases(
  step: 'store' | 'adversarial',
  patterns: string | string[],
  sqliteConcurrency: number,
): Promise<void> {
  const pattern = [patterns].flat().join(' ');
  const files = [patterns].flat().flatMap(findTests);
  header(`${step} (SQLite): ${pattern} with VECHE_TEST_DB=sqlite`);
  if (files.length === 0) return noFiles(step, pattern);
  await runNodeTests(`${step} (sqlite)`, files, { concurrency: sqliteConcurrency, env: { VECHE_TEST_DB: 'sqlite' } });

  header(`${step} (PostgreSQL): ${pattern} with VECHE_TEST_DB=postgres on ${redact(databaseUrl)}`);
  const problem = await postgresProblem();
  if (problem) {
    const why = `PostgreSQL at ${redact(databaseUrl)} is unreachable: ${problem}`;
    if (inCi) {
      loudNotice([
        `FAILED: ${why}`,
        `CI must run the ${step} tests on PostgreSQL; .ci/run starts the server before the tests.`,
      ]);
      outcomes.push({ label: `${step} (postgres)`, status: 'failed', passed: 0, failed: 1, note: why });
    } else {
      loudNotice([
        `SKIPPED: the ${step} tests on PostgreSQL did NOT run.`,
        why,
        'Start it (pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start)',
        'or set VECHE_TEST_DATABASE_URL. In CI (CI set) this is a failure.',
      ]);
      outcomes.push({ label: `${step} (postgres)`, status: 'skipped', passed: 0, failed: 0, note: why });
    }
    return;
  }
  // One file at a time: Kysely's migrator reads the catalog of every schema in the database, and fails with
  // 'schema "t_…" does not exist' when another test file drops its schema at that moment.
  await runNodeTests(`${step} (postgres)`, files, {
    concurrency: 1,
    env: { VECHE_TEST_DB: 'postgres', VECHE_TEST_DATABASE_URL: databaseUrl },
  });
}

async function httpStep(): Promise<void> {
  header('http: test/http/**/*.test.ts');
  const files = findTests('test/http/**/*.test.ts');
  if (files.length === 0) return noFiles('http', 'test/http/**/*.test.ts');
  await runNodeTests('http', files, { concurrency: 2 });
}

async function adversarialStep(): Promise<void> {
  // One file at a time on SQLite too: the timing test measures the server, and must not share two cores with the fuzzer.
  await onBothDatabases('adversarial', 'test/adversarial/**/*.test.ts', 1);
}

async function interopStep(): Promise<void> {
  header("interop: test/interop/**/*.test.ts (Go's sumdb note and tlog verify a running server)");
  const files = findTests('test/interop/**/*.test.ts');
  if (files.length === 0) return noFiles('interop', 'test/interop/**/*.test.ts');
  const why =
    spawnSync('go', ['version'], { stdio: 'ignore' }).status !== 0
      ? 'go is not installed'
      : !existsSync('/usr/share/gocode/src/golang.org/x/mod/sumdb/tlog/tlog.go')
        ? 'golang.org/x/mod is not under /usr/share/gocode'
        : null;
  if (why !== null) {
    if (inCi) {
      loudNotice([
        `FAILED: ${why}; the Go interop test cannot run.`,
        '.ci/run installs it with apt-get install -y golang-go golang-golang-x-mod-dev.',
      ]);
      outcomes.push({ label: 'interop', status: 'failed', passed: 0, failed: 1, note: why });
    } else {
      loudNotice([
        'SKIPPED: the Go interop test did NOT run.',
        `${why}: apt-get install -y golang-go golang-golang-x-mod-dev. In CI this is a failure.`,
      ]);
      outcomes.push({ label: 'interop', status: 'skipped', passed: 0, failed: 0, note: why });
    }
    return;
  }
  await runNodeTests('interop', files, { concurrency: 1 });
}

async function crashStep(): Promise<void> {
  header('crash: test/crash/**/*.test.ts (the server killed with SIGKILL loses nothing it acknowledged)');
  const files = findTests('test/crash/**/*.test.ts');
  if (files.length === 0) return noFiles('crash', 'test/crash/**/*.test.ts');
  await runNodeTests('crash', files, { concurrency: 1 });
}

async function journeysStep(): Promise<void> {
  header('journeys: test/journeys/**/*.test.ts in Chromium');
  const files = findTests('test/journeys/**/*.test.ts');
  if (files.length === 0) return noFiles('journeys', 'test/journeys/**/*.test.ts');
  if (!existsSync(chromium)) {
    const why = `${chromium} is missing`;
    if (inCi) {
      loudNotice([
        `FAILED: ${why}; the browser journeys cannot run.`,
        '.ci/run installs it with apt-get install -y chromium.',
      ]);
      outcomes.push({ label: 'journeys', status: 'failed', passed: 0, failed: 1, note: why });
    } else {
      loudNotice([
        'SKIPPED: the browser journeys did NOT run.',
        `${why}: apt-get install -y chromium. In CI this is a failure.`,
      ]);
      outcomes.push({ label: 'journeys', status: 'skipped', passed: 0, failed: 0, note: why });
    }
    return;
  }
  // One file at a time: each journey starts a server and a browser, and the machine has two cores.
  await runNodeTests('journeys', files, { concurrency: 1, env: { VECHE_CHROMIUM: chromium } });
}

function noFiles(label: string, pattern: string): void {
  console.log(`no test files match ${pattern} yet`);
  outcomes.push({ label, status: 'skipped', passed: 0, failed: 0, note: 'no test files yet' });
}

/** postgresProblem connects to the test server and returns why it cannot be used, or null when it can. */
async function postgresProblem(): Promise<string | null> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  client.on('error', () => {
    /* reported through connect() or query() */
  });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    return (error as Error).message || String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

function printSummary(): { passed: number; failed: number } {
  header('summary');
  let passed = 0;
  let failed = 0;
  for (const o of outcomes) {
    passed += o.passed;
    failed += o.failed;
    const counts = o.status === 'skipped' ? '' : `${o.passed} passed, ${o.failed} failed`;
    console.log(`${o.label.padEnd(22)} ${o.status.toUpperCase().padEnd(8)} ${counts}${o.note ? `  (${o.note})` : ''}`);
  }
  const skipped = outcomes.filter((o) => o.status === 'skipped' && o.note !== 'no test files yet');
  if (skipped.length > 0) console.log(`\n!! NOT RUN: ${skipped.map((o) => o.label).join(', ')}`);
  console.log('');
  return { passed, failed };
}

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const passThrough = process.argv.slice(2).filter((a) => a.startsWith('--'));
const unknown = wanted.filter((w) => !(stepNames as readonly string[]).includes(w));
if (unknown.length > 0) {
  console.error(`unknown step ${unknown.join(', ')}; the steps are ${stepNames.join(', ')}`);
  process.exit(2);
}
const chosen = (step: StepName) => wanted.length === 0 || wanted.includes(step);

const steps: Record<StepName, () => Promise<void>> = {
  types: typesStep,
  lint: lintStep,
  unit: unitStep,
  store: storeStep,
  http: httpStep,
  adversarial: adversarialStep,
  interop: interopStep,
  crash: crashStep,
  journeys: journeysStep,
};
for (const name of stepNames) if (chosen(name)) await steps[name]();

const { passed, failed } = printSummary();
const anyFailed = outcomes.some((o) => o.status === 'failed');
console.log(`${passed} passed, ${failed} failed`);
process.exit(anyFailed ? 1 : 0);
