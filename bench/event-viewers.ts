// bench/event-viewers.ts: ten thousand live viewers of one event on one node. The server runs as a child process
// (as `npm start` does); this process opens every viewer's Server-Sent Events stream to /e/<code>/live over its own
// TCP socket, a thread of it casts votes over HTTP at a steady rate, and it measures, for each vote and each viewer,
// the time from the vote's HTTP response to that viewer receiving a state that counts it. A baseline with few viewers
// runs first, in the same run, against the same server; then ten thousand viewers of whole states (`event: state`
// each time), then ten thousand compact viewers (`?changes=1`: a whole state, then `event: change` frames).
// Target: p99 ≤ 1 s with 10,000 viewers. Both processes share the machine's cores, as do the kernel's loopback
// TCP and whatever else runs: note the load average printed with the table.
//
//   ./node_modules/.bin/node bench/event-viewers.ts
//   BENCH_VIEWERS=10000 BENCH_BASELINE=100 BENCH_VOTE_RATE=20 BENCH_VOTE_SECONDS=20 (the defaults)
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { setTimeout as sleep } from 'node:timers/promises';
import { node } from './child-server.ts';

/** clock is the time in milliseconds since the epoch, finer than Date.now() and the same in every thread. */
const clock = () => performance.timeOrigin + performance.now();

const viewers = Number(process.env.BENCH_VIEWERS ?? 10_000);
const baseline = Number(process.env.BENCH_BASELINE ?? 100);
const voteRate = Number(process.env.BENCH_VOTE_RATE ?? 20);
const voteSeconds = Number(process.env.BENCH_VOTE_SECONDS ?? 15);
const baselineSeconds = Number(process.env.BENCH_BASELINE_SECONDS ?? 10);
const questionCount = Number(process.env.BENCH_QUESTIONS ?? 40);

// ---- File descriptors: each viewer is one socket here and one in the server.

const fds = isMainThread ? limits() : { soft: 0, hard: 0 };

function limits(): { soft: number; hard: number } {
  const out = spawnSync('bash', ['-c', 'ulimit -Sn; ulimit -Hn'], { encoding: 'utf8' }).stdout.trim().split('\n');
  const read = (s: string) => (s === 'unlimited' ? Infinity : Number(s));
  return { soft: read(out[0]), hard: read(out[1]) };
}

/** checkFileLimit makes sure this process may open a socket per viewer, starting itself again with a raised limit if it must. */
function checkFileLimit(): void {
  const needed = Math.max(viewers, baseline) + 200;
  if (fds.soft < needed && fds.hard >= needed && !process.env.BENCH_REEXEC) {
    // Node cannot raise its own limit: start again under a shell that raises the soft limit to the hard one.
    const again = spawnSync(
      'bash',
      [
        '-c',
        `ulimit -n ${fds.hard === Infinity ? 'unlimited' : fds.hard} && exec "$0" "$@"`,
        node,
        ...process.execArgv,
        process.argv[1],
      ],
      {
        stdio: 'inherit',
        env: { ...process.env, BENCH_REEXEC: '1' },
      },
    );
    process.exit(again.status ?? 1);
  }
  if (fds.soft < needed) {
    console.error(
      `open files: soft ${fds.soft}, hard ${fds.hard}; ${viewers} viewers need about ${needed} in each process. ` +
        `Raise the hard limit (ulimit -Hn, or LimitNOFILE) or set BENCH_VIEWERS lower.`,
    );
    process.exit(1);
  }
}

// ---- Seed an event with realistic questions, through the real actions, in a data folder the server then serves.

const data = isMainThread ? mkdtempSync(join(tmpdir(), 'veche-viewers-')) : '';
// Every viewer comes from this one machine, so one address may hold every stream the node keeps.
const env = {
  ...process.env,
  VECHE_DATA: data,
  PORT: '0',
  LOG_LEVEL: 'warn',
  VECHE_POW_MAX: '0',
  VECHE_RATE_LIMITS: 'off',
  VECHE_MAX_STREAMS_PER_ADDRESS: '10000000',
};

const topics = [
  'When will mobilised men be rotated home after a year of service?',
  'Почему наших мужей до сих пор не демобилизовали после двух лет на фронте?',
  'Коли відремонтують дорогу до районної лікарні, яку обіцяли ще минулого року?',
  'Who decides which roads in the district are repaired first, and where is that list published?',
  'Почему закрыли сельскую школу, не спросив родителей, и куда теперь возить детей?',
  'Чому зросли тарифи на опалення, якщо батареї в будинках холодні?',
  'Will the families of prisoners be allowed to visit them more than once a year?',
  'Когда вернут автобус до областного центра, который отменили весной?',
  'Скільки коштів з бюджету пішло на ремонт площі, і хто отримав підряд?',
  'What help will the district give to wives who lost their only income after mobilisation?',
];

async function seed(): Promise<{ code: string; question: string }> {
  const { readConfig } = await import('../src/config.ts');
  const { startApp } = await import('../src/start-app.ts');
  const { prepareSetup } = await import('../src/actions/prepare-setup.ts');
  const { setUpAdmin } = await import('../src/actions/set-up-admin.ts');
  const { findAccountByLogin } = await import('../src/store/accounts.ts');
  const { createEvent } = await import('../src/actions/create-event.ts');
  const { askQuestion } = await import('../src/actions/ask-question.ts');
  const { castVote } = await import('../src/actions/cast-vote.ts');
  const { moderateQuestion } = await import('../src/actions/moderate-question.ts');
  const running = await startApp(readConfig({ ...env, LOG_LEVEL: 'silent' } as Record<string, string>), {
    listen: false,
    jobs: false,
  });
  const app = running.app;
  try {
    const password = 'a long enough bench passphrase';
    await setUpAdmin(app, (await prepareSetup(app))!, {
      login: 'bench',
      displayName: 'Bench',
      password,
      passwordAgain: password,
    });
    const account = (await findAccountByLogin(app.store.db, 'bench'))!;
    const actor = { id: Number(account.id), role: account.role };
    const minute = (ms: number) => new Date(ms).toISOString().slice(0, 16);
    const code = await createEvent(app, actor, {
      title: 'Town hall with the regional governor',
      addressee: 'The governor',
      description: 'Questions from the district.',
      language: 'en',
      timeZone: 'UTC',
      startsAt: minute(Date.now() - 3600_000),
      endsAt: minute(Date.now() + 86_400_000),
      moderation: 'after',
      anonymousAllowed: 'on',
      maxLength: '300',
    });
    const ids: string[] = [];
    for (let i = 0; i < questionCount; i++) {
      const text = `${topics[i % topics.length]} (${i + 1})`;
      const asked = await askQuestion(app, code, {
        text,
        anyway: '1',
        ...(i % 3 === 0 ? { name: `Participant ${i + 1}` } : {}),
      });
      if (asked.kind === 'asked') ids.push(asked.question);
    }
    for (let i = 0; i < ids.length; i++) {
      for (let v = 0; v < (ids.length - i) % 7; v++)
        await castVote(app, code, ids[i], randomBytes(32).toString('base64url'));
    }
    for (const id of ids.slice(-3)) await moderateQuestion(app, actor, code, id, 'answer');
    await moderateQuestion(app, actor, code, ids[1], 'pin');
    return { code, question: ids[0] };
  } finally {
    await running.stop();
  }
}

// ---- The server, in a child process with the same Node flags as `npm start`, and as many open files as allowed.

async function startServer(): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    'bash',
    [
      '-c',
      `ulimit -n ${fds.hard === Infinity ? 'unlimited' : fds.hard} 2>/dev/null; exec "$0" "$@"`,
      node,
      '--max-semi-space-size=16',
      'src/cli/main.ts',
      'serve',
    ],
    { env, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = /running at http:\/\/[^:]+:(\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`veche exited ${code}: ${out}`)));
  });
  return { child, port };
}

/** cpuSeconds is the CPU time (user + system) a process has used so far. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

// ---- Viewers: one raw socket each, reading only the event's total vote count out of each state.

const marker = Buffer.from('"merged":');
const votesKey = Buffer.from(',"votes":');

interface Viewer {
  socket: Socket;
  /** seen is the highest total vote count this viewer has received. */
  seen: number;
  tail: Buffer | null;
  ok: boolean;
  /** index is the viewer's place in the audience, once its first state has come. */
  index: number;
  states: number;
  bytes: number;
}

/** readCount parses the counts' total after `"merged":N,"votes":` at `at`; -1 if it is not all there. */
function readCount(buffer: Buffer, at: number): { votes: number; end: number } | null {
  let i = at + marker.length;
  while (i < buffer.length && buffer[i] >= 48 && buffer[i] <= 57) i++;
  if (i + votesKey.length > buffer.length || buffer.compare(votesKey, 0, votesKey.length, i, i + votesKey.length) !== 0)
    return null;
  i += votesKey.length;
  let votes = 0;
  const start = i;
  while (i < buffer.length && buffer[i] >= 48 && buffer[i] <= 57) votes = votes * 10 + buffer[i++] - 48;
  if (i === start || i === buffer.length) return null;
  return { votes, end: i };
}

class Audience {
  readonly list: Viewer[] = [];
  /** arrivals[k] holds, per viewer, when a state with at least base+k+1 votes first reached it. */
  arrivals: Float64Array[] = [];
  base = 0;
  failed = 0;
  private readonly port: number;
  private readonly code: string;

  private readonly query: string;

  constructor(port: number, code: string, compact: boolean) {
    this.port = port;
    this.code = code;
    this.query = compact ? '?changes=1' : '';
  }

  /** open connects `n` viewers, `parallel` at a time, each counted once its first state has arrived. */
  async open(n: number, parallel = 250): Promise<number> {
    const started = performance.now();
    let next = 0;
    const one = () =>
      new Promise<void>((resolve) => {
        const viewer: Viewer = {
          socket: connect(this.port, '127.0.0.1'),
          seen: -1,
          tail: null,
          ok: false,
          index: -1,
          states: 0,
          bytes: 0,
        };
        const settle = () => resolve();
        viewer.socket.setNoDelay(true);
        viewer.socket.on('connect', () =>
          viewer.socket.write(
            `GET /e/${this.code}/live${this.query} HTTP/1.1\r\nHost: 127.0.0.1:${this.port}\r\nAccept: text/event-stream\r\n\r\n`,
          ),
        );
        viewer.socket.on('data', (chunk: Buffer) => {
          if (!viewer.ok && viewer.bytes === 0 && !chunk.subarray(0, 12).toString().startsWith('HTTP/1.1 200')) {
            this.failed++;
            viewer.socket.destroy();
            return settle();
          }
          viewer.bytes += chunk.length;
          this.scan(viewer, chunk);
          if (!viewer.ok && viewer.seen >= 0) {
            viewer.ok = true;
            viewer.index = this.list.length;
            this.list.push(viewer);
            settle();
          }
        });
        viewer.socket.on('error', () => {
          if (!viewer.ok) {
            this.failed++;
            settle();
          }
        });
        viewer.socket.on('close', () => {
          if (!viewer.ok) settle();
        });
      });
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        while (next < n) {
          next++;
          await one();
        }
      }),
    );
    return performance.now() - started;
  }

  private scan(viewer: Viewer, chunk: Buffer): void {
    // A count cut by a TCP segment's end is read from the end of the last chunk joined to the start of this one.
    if (viewer.tail) {
      const joint = Buffer.concat([viewer.tail, chunk.subarray(0, 64)]);
      for (let at = joint.indexOf(marker); at !== -1 && at < viewer.tail.length; at = joint.indexOf(marker, at + 1)) {
        const read = readCount(joint, at);
        if (read && read.end > viewer.tail.length) this.heard(viewer, read.votes);
      }
    }
    for (let at = chunk.indexOf(marker); at !== -1; at = chunk.indexOf(marker, at + 1)) {
      const read = readCount(chunk, at);
      if (read) this.heard(viewer, read.votes);
    }
    viewer.tail = chunk.length > 48 ? chunk.subarray(chunk.length - 48) : chunk;
  }

  private heard(viewer: Viewer, votes: number): void {
    viewer.states++;
    if (votes <= viewer.seen) return;
    const now = clock();
    if (viewer.seen >= 0 && viewer.index !== -1) {
      for (
        let k = Math.max(viewer.seen, this.base) - this.base;
        k < votes - this.base && k < this.arrivals.length;
        k++
      ) {
        if (this.arrivals[k][viewer.index] === 0) this.arrivals[k][viewer.index] = now;
      }
    }
    viewer.seen = votes;
  }

  /** expect prepares to time `votes` votes counted on top of `base`. */
  expect(base: number, votes: number): void {
    this.base = base;
    this.arrivals = Array.from({ length: votes }, () => new Float64Array(this.list.length));
  }

  close(): void {
    for (const viewer of this.list) viewer.socket.destroy();
  }
}

// ---- Votes: one new browser (a fresh voter cookie) per vote, at a steady rate, all for one question.

type Voting = {
  answered: { sent: number; at: number; votes: number }[];
  errors: number;
  kinds: [string, number][];
  seconds: number;
};

async function castVotes(base: string, code: string, question: string, rate: number, seconds: number): Promise<Voting> {
  const total = Math.round(rate * seconds);
  const answered: { sent: number; at: number; votes: number }[] = [];
  let errors = 0;
  const kinds = new Map<string, number>();
  const failed = (kind: string) => {
    errors++;
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  };
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    pending.push(
      (async () => {
        const sent = clock();
        const response = await fetch(`${base}/api/events/${code}/questions/${question}/vote`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            cookie: `veche_voter=${randomBytes(32).toString('base64url')}`,
          },
          body: '{}',
        });
        const at = clock();
        if (response.status !== 200) {
          failed(`HTTP ${response.status}`);
          await response.text();
          return;
        }
        const body = (await response.json()) as { votes: number };
        answered.push({ sent, at, votes: body.votes });
      })().catch((error: Error) => failed(String((error.cause as Error | undefined)?.message ?? error.message))),
    );
  }
  await Promise.all(pending);
  return { answered, errors, kinds: [...kinds], seconds: (performance.now() - started) / 1000 };
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

interface Row {
  viewers: number;
  mode: string;
  connected: number;
  failed: number;
  connectS: number;
  votes: number;
  voteErrors: number;
  deliveries: number;
  missed: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  rss: number;
  frame: number;
  states: number;
  cpu: { server: number; bench: number };
  seconds: number;
  errorKinds: string;
  p99sent: number;
  firstMs: number;
  spreadMs: number;
}

async function phase(
  port: number,
  code: string,
  question: string,
  n: number,
  seconds: number,
  pid: number,
  compact: boolean,
): Promise<Row> {
  const base = `http://127.0.0.1:${port}`;
  const audience = new Audience(port, code, compact);
  const connectMs = await audience.open(n);
  const state = (await (await fetch(`${base}/api/events/${code}/state`)).json()) as {
    counts: { votes: number };
    popular: { id: string; votes: number }[];
  };
  const questionBase = state.popular.find((q) => q.id === question)?.votes ?? 0;
  const totalBase = state.counts.votes;
  const expected = Math.round(voteRate * seconds);
  audience.expect(totalBase, expected);
  const statesBefore = audience.list.reduce((sum, v) => sum + v.states, 0);
  const bytesBefore = audience.list.reduce((sum, v) => sum + v.bytes, 0);
  let rss = rssMb(pid);
  const cpuBefore = { server: cpuSeconds(pid), bench: cpuSeconds(process.pid) };
  const sampler = setInterval(() => {
    rss = Math.max(rss, rssMb(pid));
  }, 500);
  const voter = new Worker(new URL(import.meta.url), { workerData: { base, code, question, rate: voteRate, seconds } });
  const votes = await new Promise<Voting>((resolve, reject) => {
    voter.once('message', resolve);
    voter.once('error', reject);
  });
  await sleep(2000);
  clearInterval(sampler);
  const cpu = { server: cpuSeconds(pid) - cpuBefore.server, bench: cpuSeconds(process.pid) - cpuBefore.bench };
  rss = Math.max(rss, rssMb(pid));

  const latencies: number[] = [];
  const fromSent: number[] = [];
  // For each vote: how long until the first viewer had it, and from then until the last one had it (one round).
  const firsts: number[] = [];
  const spreads: number[] = [];
  let missed = 0;
  for (const { sent, at, votes: count } of votes.answered) {
    const k = count - questionBase - 1;
    if (k < 0 || k >= expected) continue;
    let first = Infinity;
    let last = 0;
    for (let v = 0; v < audience.list.length; v++) {
      const arrived = audience.arrivals[k][v];
      if (arrived !== 0) {
        first = Math.min(first, arrived);
        last = Math.max(last, arrived);
      }
      if (arrived === 0) missed++;
      // A state can reach a viewer before the vote's own response reaches the voter: that counts as no wait at all.
      else {
        latencies.push(Math.max(0, arrived - at));
        fromSent.push(arrived - sent);
      }
    }
    if (last > 0) {
      firsts.push(Math.max(0, first - at));
      spreads.push(last - first);
    }
  }
  const median = (values: number[]) => Float64Array.from(values).sort()[Math.floor(values.length / 2)] ?? NaN;
  const sorted = Float64Array.from(latencies).sort();
  const sortedFromSent = Float64Array.from(fromSent).sort();
  const statesHeard = audience.list.reduce((sum, v) => sum + v.states, 0) - statesBefore;
  const states = statesHeard / Math.max(1, audience.list.length);
  // Bytes per state as read off the wire (heartbeats and HTTP chunk lines included).
  const frame = (audience.list.reduce((sum, v) => sum + v.bytes, 0) - bytesBefore) / Math.max(1, statesHeard);
  audience.close();
  await sleep(500);
  return {
    viewers: n,
    mode: compact ? 'changes' : 'whole states',
    connected: audience.list.length,
    failed: audience.failed,
    connectS: connectMs / 1000,
    votes: votes.answered.length,
    voteErrors: votes.errors,
    cpu,
    seconds: votes.seconds + 2,
    firstMs: median(firsts),
    spreadMs: median(spreads),
    p99sent: percentile(sortedFromSent, 99),
    errorKinds: votes.kinds.map(([k, n]) => `${k} ×${n}`).join(', '),
    deliveries: sorted.length,
    missed,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? NaN,
    rss,
    frame,
    states,
  };
}

async function main(): Promise<void> {
  checkFileLimit();
  const began = performance.now();
  const { code, question } = await seed();
  const server = await startServer();
  const pid = server.child.pid!;
  try {
    const serverLimit = Number(/Max open files\s+(\d+)/.exec(readFileSync(`/proc/${pid}/limits`, 'utf8'))?.[1] ?? 0);
    const rows = [
      await phase(server.port, code, question, baseline, baselineSeconds, pid, false),
      await phase(server.port, code, question, viewers, voteSeconds, pid, false),
      await phase(server.port, code, question, viewers, voteSeconds, pid, true),
    ];
    const f = (n: number) => (Number.isFinite(n) ? Math.round(n).toString() : '–');
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    console.log(
      `\nOne event, one server process (child), ${voteRate} votes/s over HTTP, viewers in this process over raw sockets; ` +
        `open files: this process ${fds.soft} (hard ${fds.hard}), server ${serverLimit}; ${Math.round((performance.now() - began) / 1000)} s in all; ` +
        `load average at the end ${load}.\n`,
    );
    console.log(
      '| viewers | stream | connected | failed | connect s | votes (errors) | states per viewer | frame bytes | deliveries | missed | p50 ms | p95 ms | p99 ms | max ms | p99 from vote sent | server RSS MB | target |',
    );
    console.log(
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const r of rows) {
      console.log(
        `| ${r.viewers} | ${r.mode} | ${r.connected} | ${r.failed} | ${r.connectS.toFixed(1)} | ${r.votes} (${r.voteErrors}) | ${r.states.toFixed(0)} | ${f(r.frame)} | ${r.deliveries} | ${r.missed} | ` +
          `${f(r.p50)} | ${f(r.p95)} | ${f(r.p99)} | ${f(r.max)} | ${f(r.p99sent)} | ${f(r.rss)} | p99 ≤ 1000 ms |`,
      );
    }
    for (const r of rows) {
      console.log(
        `${r.viewers} viewers (${r.mode}): CPU over the ${r.seconds.toFixed(0)} s of voting: server ${r.cpu.server.toFixed(1)} s, viewers' process ${r.cpu.bench.toFixed(1)} s; ` +
          `median per vote: ${f(r.firstMs)} ms until the first viewer had it, then ${f(r.spreadMs)} ms until the last did` +
          (r.errorKinds ? `; vote errors: ${r.errorKinds}` : ''),
      );
    }
    console.log(
      "\nLatency: from a vote's HTTP response to each viewer reading a state that counts it; every vote × every viewer.\n",
    );
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((resolve) => server.child.once('exit', resolve));
    rmSync(data, { recursive: true, force: true });
  }
}

if (isMainThread) {
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
} else {
  // The voter: a thread of its own, so that reading ten thousand sockets does not delay seeing a vote's response.
  const { base, code, question, rate, seconds } = workerData as {
    base: string;
    code: string;
    question: string;
    rate: number;
    seconds: number;
  };
  parentPort!.postMessage(await castVotes(base, code, question, rate, seconds));
}
