// npm run bench: the ceiling (a bare node:http server), then Veche's pages, JSON, tiles, signing and votes, in one run.
// The load comes from wrk, a process of its own (one thread, BENCH_CONNECTIONS connections, BENCH_SECONDS each), and
// each server is a child process of its own, so neither shares an event loop with the load. Every figure is also
// given as a ratio to the ceiling measured in the same run, minutes before, on the same machine.
//
//   BENCH_ONLY=home            the ceiling and one figure (names in `figures` below), e.g. to profile it
//   BENCH_SECONDS=10           seconds of load per figure
//   BENCH_PROFILE=<folder>     run Veche with --cpu-prof, writing its profile into the folder when it stops
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createChallenge, solveChallenge } from 'altcha-lib';
import { createSecretKey } from 'node:crypto';
import { newVoterToken } from '../src/web/voter-cookie.ts';
import { waitForRecord } from './child-server.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const profile = process.env.BENCH_PROFILE;
const node = join(process.cwd(), 'node_modules', '.bin', 'node');
const wrk = process.env.BENCH_WRK ?? '/usr/bin/wrk';
const only = process.env.BENCH_ONLY;
const wanted = (name: string) => !only || only.split(',').includes(name);

// What a browser sends when a person follows a shared link (from a messenger: another site). A visitor's browser
// sends fetch metadata; without it a page would also set a form cookie for browsers too old to send it.
const browser = ['Sec-Fetch-Site: cross-site', 'Sec-Fetch-Mode: navigate', 'Accept-Language: ru-RU,ru;q=0.9,en;q=0.8'];

/** Result is one line of the table. */
interface Result {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  target?: number;
}

async function start(args: string[], env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(node, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = /listening (\d+)|running at http:\/\/[^:]+:(\d+)/.exec(out);
      if (match) resolve(Number(match[1] ?? match[2]));
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
  return { child, port };
}

/** stop ends a server and waits for it, so it can write what it writes on exit (a --cpu-prof profile, say). */
async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill();
  await exited;
}

/**
 * load runs wrk against a URL: GETs with a browser's headers, or (with `file`) the requests listed in the file, one
 * per line, made ahead (bench/wrk/requests.lua). wrk runs as its own process; this process only waits for it.
 */
async function load(
  name: string,
  url: string,
  options: { file?: string; target?: number; duration?: number } = {},
): Promise<Result> {
  const script = options.file ? 'requests.lua' : 'report.lua';
  const duration = options.duration ?? seconds;
  const args = ['-t1', `-c${connections}`, `-d${duration}s`, '--timeout', '5s', '-s', join('bench', 'wrk', script)];
  if (!options.file) for (const header of browser) args.push('-H', header);
  args.push(url);
  if (options.file) args.push('--', options.file);
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(wrk, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += chunk;
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk exited ${code}: ${text}`))));
  });
  const line = /BENCH_JSON (.*)/.exec(out)?.[1];
  if (!line) throw new Error(`wrk printed no result: ${out}`);
  const r = JSON.parse(line);
  return {
    name,
    rps: r.requests / (r.duration_us / 1e6),
    p50: r.p50_us / 1000,
    p99: r.p99_us / 1000,
    errors: r.errors,
    non2xx: r.status_errors,
    target: options.target,
  };
}

/** check fetches a URL once as the load will, and fails the run if it is not a 200: a bench of 404s measures nothing. */
async function check(url: string): Promise<void> {
  const headers = Object.fromEntries(browser.map((h) => h.split(': ') as [string, string]));
  const response = await fetch(url, { headers, redirect: 'manual' });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
}

async function main(): Promise<void> {
  if (spawnSync(wrk, ['--version']).error) throw new Error(`no wrk at ${wrk} (apt-get install wrk, or set BENCH_WRK)`);
  const work = mkdtempSync(join(tmpdir(), 'veche-bench-'));
  const results: Result[] = [];
  const bare = await start(['bench/bare-server.ts'], { PORT: '0' });
  await load('warm-up', `http://127.0.0.1:${bare.port}/`, { duration: 1 });
  results.push(await load('bare node:http (ceiling)', `http://127.0.0.1:${bare.port}/`));
  await stop(bare.child);

  const data = join(work, 'data');
  mkdirSync(data);
  const env = { VECHE_DATA: data, PORT: '0', VECHE_POW_MAX: '100', VECHE_RATE_LIMITS: 'off', LOG_LEVEL: 'warn' };
  const demo = spawnSync(node, ['src/cli/main.ts', 'demo', '--signatures', '1000'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (demo.status !== 0) throw new Error('veche demo failed');
  const demoEvent = /a town hall at \/e\/([A-Z0-9]+)/.exec(String(demo.stdout))?.[1];
  if (!demoEvent) throw new Error('the demo printed no event');
  // The same flags and malloc setting as `npm start`.
  const flags = ['--max-semi-space-size=16'];
  if (profile) flags.push('--cpu-prof', `--cpu-prof-dir=${resolve(profile)}`);
  const veche = await start([...flags, 'src/cli/main.ts', 'serve'], { MALLOC_ARENA_MAX: '2', ...env });
  const base = `http://127.0.0.1:${veche.port}`;
  // An open petition that counts a signature at once (no email to confirm), for its page, its JSON and signing.
  const petitions = (await (await fetch(`${base}/api/petitions`)).json()) as {
    id: string;
    status: string;
    confirmation: string;
  }[];
  const id = petitions.find((p) => p.status === 'open' && p.confirmation !== 'email')?.id;
  if (!id) throw new Error('the demo made no open petition without email confirmation');
  // A full tile of the record's first level: the record must have sequenced its first 256 entries.
  await waitForRecord(base, 256);

  const gets: [name: string, figure: string, path: string, target: number][] = [
    ['home', 'home page (GET /)', '/', 0.5],
    ['list', 'petitions list (GET /api/petitions)', '/api/petitions', 0.7],
    ['events', 'events list (GET /events)', '/events', 0.5],
    ['page', 'petition page (GET /p/{id})', `/p/${id}`, 0.5],
    ['count', 'count JSON (GET /api/petitions/{id})', `/api/petitions/${id}`, 0.7],
    ['event', 'event page (GET /e/{code})', `/e/${demoEvent}`, 0.5],
    ['state', 'event state JSON (GET /api/events/{code}/state)', `/api/events/${demoEvent}/state`, 0.7],
    ['tile', 'tile (GET /log/tile/0/000)', '/log/tile/0/000', 0.7],
    ['screen', 'big screen (GET /e/{code}/screen)', `/e/${demoEvent}/screen`, 0.3],
  ];
  for (const [name, figure, path, target] of gets) {
    if (!wanted(name)) continue;
    await check(`${base}${path}`);
    // A second unmeasured first, as for the ceiling: the route's code is compiled and its caches filled.
    await load('warm-up', `${base}${path}`, { duration: 1 });
    results.push(await load(figure, `${base}${path}`, { target }));
  }

  if (wanted('sign')) {
    // Proofs of work are made ahead with the server's own key, at a low difficulty; the server still verifies each.
    const key = Buffer.from(JSON.parse(readFileSync(join(data, 'secrets.json'), 'utf8')).cookies, 'base64').toString(
      'base64',
    );
    const lines: string[] = [];
    for (let i = 0; i < seconds * 12_000; i++) {
      const challenge = await createChallenge({
        hmacKey: key,
        maxnumber: 100,
        expires: new Date(Date.now() + 3600_000),
      });
      const solution = await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, 100).promise;
      const altcha = Buffer.from(
        JSON.stringify({
          algorithm: challenge.algorithm,
          challenge: challenge.challenge,
          number: solution!.number,
          salt: challenge.salt,
          signature: challenge.signature,
        }),
      ).toString('base64');
      lines.push(`POST\t/api/petitions/${id}/signatures\t-\t${JSON.stringify({ name: `Bench ${i}`, altcha })}`);
    }
    const file = join(work, 'signatures.tsv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    results.push(await load('sign (POST /api/petitions/{id}/signatures)', base, { file, target: 0.2 }));
  }
  if (wanted('vote')) {
    // Every vote is a new (voter, question) pair: voter tokens are made with the server's own cookie key, as the
    // server makes them, so each request is a first vote that the server checks, counts and records.
    const secrets = JSON.parse(readFileSync(join(data, 'secrets.json'), 'utf8'));
    const site = { secrets: { cookieKey: createSecretKey(Buffer.from(secrets.cookies, 'base64')) } } as Parameters<
      typeof newVoterToken
    >[0];
    const listed = (await (await fetch(`${base}/api/events/${demoEvent}/questions?list=popular&limit=200`)).json()) as {
      questions: { id: string }[];
    };
    const questions = listed.questions.map((q) => q.id);
    const lines: string[] = [];
    while (lines.length < seconds * 15_000) {
      const cookie = `veche_voter=${newVoterToken(site)}`;
      for (const question of questions)
        lines.push(`POST\t/api/events/${demoEvent}/questions/${question}/vote\t${cookie}\t{}`);
    }
    const file = join(work, 'votes.tsv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    results.push(await load('vote (POST /api/events/{code}/questions/{id}/vote)', base, { file, target: 0.25 }));
  }
  await stop(veche.child);

  const ceiling = results[0].rps;
  const lines = [
    `| what | req/s | p50 ms | p99 ms | vs ceiling | target | errors / non-2xx |`,
    `| --- | --- | --- | --- | --- | --- | --- |`,
    ...results.map((r) => {
      const ratio = r.rps / ceiling;
      const target = r.target === undefined ? '' : `≥${r.target.toFixed(2)} ${ratio >= r.target ? 'met' : 'MISSED'}`;
      return `| ${r.name} | ${Math.round(r.rps)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${ratio.toFixed(2)} | ${target} | ${r.errors} / ${r.non2xx} |`;
    }),
  ];
  const table = lines.join('\n');
  console.log(
    `\nwrk -t1 -c${connections}, ${seconds} s each, in its own process; each server in its own process\n\n${table}\n`,
  );
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(join('bench', 'results', 'latest.md'), `${new Date().toISOString()}\n\n${table}\n`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
