// npm run bench: the ceiling (bare node:http), then Veche's signing, petition page and count JSON, in one run.
// Each figure is also given as a ratio to the ceiling measured minutes before, on the same machine.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createChallenge, solveChallenge } from 'altcha-lib';
import { createSecretKey } from 'node:crypto';
import { newVoterToken } from '../src/web/voter-cookie.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const node = join(process.cwd(), 'node_modules', '.bin', 'node');
// BENCH_ONLY=sign (or vote, page, count, home, events, event, screen) runs only the ceiling and that one, e.g. to profile it.
const only = process.env.BENCH_ONLY;
const wanted = (name: string) => !only || only === name;

interface Result {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
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

async function load(name: string, options: autocannon.Options): Promise<Result> {
  const result = await autocannon({ connections, duration: seconds, ...options });
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

async function main(): Promise<void> {
  const results: Result[] = [];
  const bare = await start(['bench/bare-server.ts'], { PORT: '0' });
  results.push(await load('bare node:http (ceiling)', { url: `http://127.0.0.1:${bare.port}/` }));
  await stop(bare.child);

  const data = mkdtempSync(join(tmpdir(), 'veche-bench-'));
  const env = { VECHE_DATA: data, PORT: '0', VECHE_POW_MAX: '100', VECHE_RATE_LIMITS: 'off', LOG_LEVEL: 'warn' };
  const demo = spawn(node, ['src/cli/main.ts', 'demo', '--signatures', '1000'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let demoOutput = '';
  demo.stdout!.on('data', (chunk) => {
    demoOutput += chunk;
  });
  await new Promise((resolve) => demo.once('exit', resolve));
  // The same flags as `npm start`.
  const veche = await start(['--max-semi-space-size=16', 'src/cli/main.ts', 'serve'], env);
  const base = `http://127.0.0.1:${veche.port}`;
  const petitions = (await (await fetch(`${base}/api/petitions`)).json()) as { id: string }[];
  const id = petitions[0].id;
  const demoEvent = /a town hall at \/e\/([A-Z0-9]+)/.exec(demoOutput)?.[1];
  if (!demoEvent) throw new Error('the demo printed no event');

  // Proofs of work are made ahead with the server's own key, at a low difficulty; the server still verifies each one.
  const key = Buffer.from(JSON.parse(readFileSync(join(data, 'secrets.json'), 'utf8')).cookies, 'base64').toString(
    'base64',
  );
  const bodies: string[] = [];
  const solutions = wanted('sign') ? Math.ceil(seconds * 12_000) : 0;
  for (let i = 0; i < solutions; i++) {
    const challenge = await createChallenge({ hmacKey: key, maxnumber: 100, expires: new Date(Date.now() + 3600_000) });
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
    bodies.push(JSON.stringify({ name: `Bench ${i}`, altcha }));
  }
  let next = 0;
  if (wanted('sign'))
    results.push(
      await load('sign (POST /api/petitions/{id}/signatures)', {
        url: `${base}/api/petitions/${id}/signatures`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        requests: [{ setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }) }],
      }),
    );
  if (wanted('vote')) {
    // Every vote is a new (voter, question) pair: voter tokens are made with the server's own cookie key, as the
    // server makes them, so each request is a first vote that the server checks, counts and records.
    const secrets = JSON.parse(readFileSync(join(data, 'secrets.json'), 'utf8'));
    const site = { secrets: { cookieKey: createSecretKey(Buffer.from(secrets.cookies, 'base64')) } } as Parameters<
      typeof newVoterToken
    >[0];
    const events = (await (await fetch(`${base}/api/events/${demoEvent}/questions?list=popular&limit=200`)).json()) as {
      questions: { id: string }[];
    };
    const questions = events.questions.map((q) => q.id);
    const voters: string[] = [];
    let vote = 0;
    results.push(
      await load('vote (POST /api/events/{code}/questions/{id}/vote)', {
        method: 'POST',
        url: `${base}/api/events/${demoEvent}/questions/${questions[0]}/vote`,
        requests: [
          {
            setupRequest: (request) => {
              const n = vote++;
              const voter = Math.floor(n / questions.length);
              while (voters.length <= voter) voters.push(newVoterToken(site));
              return {
                ...request,
                path: `/api/events/${demoEvent}/questions/${questions[n % questions.length]}/vote`,
                body: '{}',
                headers: {
                  ...request.headers,
                  'content-type': 'application/json',
                  cookie: `veche_voter=${voters[voter]}`,
                },
              };
            },
          },
        ],
      }),
    );
  }
  if (wanted('page')) results.push(await load('petition page (GET /p/{id})', { url: `${base}/p/${id}` }));
  // The doors a crowd comes through: the list of petitions, the list of events, an event's page and its big screen.
  if (wanted('home')) results.push(await load('home page (GET /)', { url: `${base}/` }));
  if (wanted('events')) results.push(await load('events list (GET /events)', { url: `${base}/events` }));
  if (wanted('event')) results.push(await load('event page (GET /e/{code})', { url: `${base}/e/${demoEvent}` }));
  if (wanted('screen'))
    results.push(await load('big screen (GET /e/{code}/screen)', { url: `${base}/e/${demoEvent}/screen` }));
  if (wanted('count'))
    results.push(await load('count JSON (GET /api/petitions/{id})', { url: `${base}/api/petitions/${id}` }));
  await stop(veche.child);

  const ceiling = results[0].rps;
  const lines = [
    `| what | req/s | p50 ms | p99 ms | vs ceiling | errors / non-2xx |`,
    `| --- | --- | --- | --- | --- | --- |`,
    ...results.map(
      (r) =>
        `| ${r.name} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${(r.rps / ceiling).toFixed(2)} | ${r.errors} / ${r.non2xx} |`,
    ),
  ];
  const table = lines.join('\n');
  console.log(
    `\n${connections} connections, ${seconds} s each, autocannon in this process, one server process\n\n${table}\n`,
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
