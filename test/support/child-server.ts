import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort, repoRoot, sleep } from './browser.ts';

/** node is the project's pinned Node, which every child process runs on. */
const node = join(repoRoot, 'node_modules', '.bin', 'node');

/** ChildServerOptions say where a `veche serve` keeps its data, on which port, and what else its environment holds. */
export interface ChildServerOptions {
  dataDir: string;
  /** port to listen on; a free one unless given. Give the same one to a restart: the record's origin comes from it. */
  port?: number;
  /** env adds to or overrides the test defaults (SQLite, no proof of work, no rate limits, LOG_LEVEL=warn). */
  env?: Record<string, string>;
  /** healthy false returns as soon as the process is spawned, for a kill before it listens. */
  healthy?: boolean;
}

/**
 * ChildServer is a `veche serve` process on a data folder that outlives it, so that it can be killed and started
 * again on the same data. Unlike TestServer (browser.ts) it neither makes nor deletes the folder.
 */
export interface ChildServer {
  origin: string;
  port: number;
  child: ChildProcess;
  /** output is everything the process printed so far, stdout and stderr. */
  output(): string;
  /** errorLines are the log lines at level error or worse. */
  errorLines(): string[];
  /** kill sends `signal` and waits for the process to end. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** childEnv is the environment every child gets: the caller's, without a developer's database, SMTP or proxy. */
export function childEnv(dataDir: string, env: Record<string, string> = {}): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['DATABASE_URL', 'SMTP_URL', 'HOST', 'VECHE_TRUST_PROXY', 'VECHE_LOG_ORIGIN']) delete base[name];
  return {
    ...base,
    HOST: '127.0.0.1',
    VECHE_DATA: dataDir,
    VECHE_POW_MAX: '0',
    VECHE_RATE_LIMITS: 'off',
    LOG_LEVEL: 'warn',
    ...env,
  };
}

/** prepareDemo runs `veche demo --signatures N` on a data folder: three open petitions signed without confirmation. */
export async function prepareDemo(dataDir: string, env: Record<string, string> = {}, signatures = 0): Promise<void> {
  const child = spawn(node, ['src/cli/main.ts', 'demo', '--signatures', String(signatures)], {
    cwd: repoRoot,
    env: childEnv(dataDir, env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  if (code !== 0) throw new Error(`veche demo exited with ${code}:\n${output}`);
}

/** startChildServer runs `veche serve` on the data folder and, unless told not to, waits until /healthz answers. */
export async function startChildServer(options: ChildServerOptions): Promise<ChildServer> {
  const port = options.port ?? (await freePort());
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn(node, ['src/cli/main.ts', 'serve'], {
    cwd: repoRoot,
    env: childEnv(options.dataDir, { PORT: String(port), VECHE_PUBLIC_URL: origin, ...options.env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const server: ChildServer = {
    origin,
    port,
    child,
    output: () => output,
    errorLines: () => output.split('\n').filter((line) => /"level":\s*(50|60)/.test(line)),
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
  if (options.healthy === false) return server;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      await server.kill('SIGKILL');
      throw new Error(`the server did not answer /healthz within 20 s:\n${output}`);
    }
    if (await healthy(origin)) return server;
    await sleep(50);
  }
}

async function healthy(origin: string): Promise<boolean> {
  try {
    return (await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}
