// scripts/cluster.ts runs Veche as a cluster on this machine: several nodes on one PostgreSQL database behind HAProxy
// (deploy/haproxy.cfg), the same commands compose.yaml runs in containers. `npm run cluster` starts it and stops it on
// Ctrl-C; test/crash/a-cluster-loses-a-node.test.ts starts it with startCluster and kills a node.
//
//   DATABASE_URL=postgres://veche@127.0.0.1:5432/veche npm run cluster
//
// Settings: DATABASE_URL (required), VECHE_CLUSTER_DATA (./data/cluster: each node's folder, and keys.env), PORT (the
// balancer, 8080), VECHE_CLUSTER_NODE_PORTS (3101,3102,3103), VECHE_PUBLIC_URL (http://localhost:$PORT), and any other
// Veche setting, which every node gets. The four keys are shared by every node: taken from VECHE_*_KEY if set, else
// made once and kept in keys.env beside the nodes' folders.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const keyNames = ['VECHE_ENCRYPTION_KEY', 'VECHE_HASHING_KEY', 'VECHE_COOKIE_KEY', 'VECHE_LOG_KEY'] as const;

/** ClusterOptions say where the cluster keeps its data, which ports it takes, and what every node's environment adds. */
export interface ClusterOptions {
  databaseUrl: string;
  dataDir: string;
  balancerPort: number;
  nodePorts: number[];
  publicUrl?: string;
  /** env is given to every node, after the cluster's own settings. */
  env?: Record<string, string>;
  /** output receives every line the nodes and the balancer print, prefixed with who printed it. */
  output?: (line: string) => void;
}

/** ClusterNode is one running node: its port, its process, and how to stop or start it again. */
export interface ClusterNode {
  name: string;
  port: number;
  url: string;
  process: ChildProcess;
  /** kill sends `signal` and waits for the process to end. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** Cluster is a running cluster: the balancer's address, the nodes, and stop. */
export interface Cluster {
  url: string;
  nodes: ClusterNode[];
  balancer: ChildProcess;
  stop(): Promise<void>;
}

/** clusterKeys returns the keys every node shares: from the environment, else from keys.env, made there once. */
export function clusterKeys(dataDir: string, env: NodeJS.ProcessEnv): Record<string, string> {
  const file = join(dataDir, 'keys.env');
  const stored: Record<string, string> = {};
  if (existsSync(file)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const match = /^(VECHE_[A-Z]+_KEY)=(\S+)$/.exec(line.trim());
      if (match) stored[match[1]] = match[2];
    }
  }
  const keys: Record<string, string> = {};
  let changed = false;
  for (const name of keyNames) {
    const value = env[name] || stored[name];
    if (value) keys[name] = value;
    else {
      keys[name] = randomBytes(32).toString('base64');
      stored[name] = keys[name];
      changed = true;
    }
  }
  if (changed) {
    mkdirSync(dataDir, { recursive: true });
    const lines = Object.entries(stored).map(([name, value]) => `${name}=${value}`);
    writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
  }
  return keys;
}

/** startCluster starts the nodes (the first alone, so that it brings the schema up to date) and then the balancer. */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const output = options.output ?? ((line: string) => process.stdout.write(`${line}\n`));
  const url = `http://127.0.0.1:${options.balancerPort}`;
  const publicUrl = options.publicUrl ?? url;
  const keys = clusterKeys(options.dataDir, process.env);
  const nodes: ClusterNode[] = [];
  const startNode = (port: number, index: number) =>
    startNodeProcess(`node${index + 1}`, port, output, {
      ...process.env,
      ...keys,
      DATABASE_URL: options.databaseUrl,
      VECHE_DATA: join(options.dataDir, `node${index + 1}`),
      VECHE_PUBLIC_URL: publicUrl,
      HOST: '127.0.0.1',
      PORT: String(port),
      // Only the balancer on this machine may say who the client is.
      VECHE_TRUST_PROXY: '127.0.0.1',
      ...options.env,
    });
  try {
    nodes.push(await startNode(options.nodePorts[0], 0));
    nodes.push(...(await Promise.all(options.nodePorts.slice(1).map((port, i) => startNode(port, i + 1)))));
  } catch (error) {
    await Promise.all(nodes.map((node) => node.kill('SIGTERM')));
    throw error;
  }
  const balancerEnv: NodeJS.ProcessEnv = { ...process.env, VECHE_BALANCER_BIND: `127.0.0.1:${options.balancerPort}` };
  options.nodePorts.forEach((port, i) => {
    balancerEnv[`VECHE_NODE${i + 1}`] = `127.0.0.1:${port}`;
  });
  const balancer = spawn('haproxy', ['-db', '-f', join(root, 'deploy', 'haproxy.cfg')], {
    env: balancerEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  prefixLines(balancer, 'balancer', output);
  const started = await Promise.race([
    waitUntilAnswers(`${url}/healthz`, 10_000).then(() => null),
    new Promise<Error>((done) => balancer.once('error', done)),
    new Promise<Error>((done) => balancer.once('exit', (code) => done(new Error(`haproxy exited with ${code}`)))),
  ]);
  if (started !== null) {
    await Promise.all(nodes.map((node) => node.kill('SIGTERM')));
    throw new Error(
      `the balancer did not start (${started.message}); is HAProxy installed (apt-get install -y haproxy)?`,
    );
  }
  return {
    url,
    nodes,
    balancer,
    async stop() {
      await Promise.all([...nodes.map((node) => node.kill('SIGTERM')), stopProcess(balancer, 'SIGTERM')]);
    },
  };
}

async function startNodeProcess(
  name: string,
  port: number,
  output: (line: string) => void,
  env: NodeJS.ProcessEnv,
): Promise<ClusterNode> {
  const child = spawn(process.execPath, ['--max-semi-space-size=16', 'src/cli/main.ts', 'serve'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  prefixLines(child, name, output);
  const nodeUrl = `http://127.0.0.1:${port}`;
  const exited = new Promise<Error>((done) =>
    child.once('exit', (code) => done(new Error(`${name} exited with ${code} before it answered`))),
  );
  const failed = await Promise.race([waitUntilAnswers(`${nodeUrl}/healthz`, 60_000).then(() => null), exited]);
  if (failed !== null) throw failed;
  return { name, port, url: nodeUrl, process: child, kill: (signal) => stopProcess(child, signal) };
}

function prefixLines(child: ChildProcess, name: string, output: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream?.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) output(`${name}: ${line}`);
    });
  }
}

function stopProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill(signal);
  });
}

async function waitUntilAnswers(url: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${ms / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function portList(raw: string | undefined, fallback: number[]): number[] {
  if (raw === undefined || raw === '') return fallback;
  const ports = raw.split(',').map((p) => Number(p.trim()));
  if (ports.length !== 3 || ports.some((p) => !Number.isInteger(p) || p < 1 || p > 65535)) {
    throw new Error(`VECHE_CLUSTER_NODE_PORTS must be three ports separated by commas, not "${raw}"`);
  }
  return ports;
}

if (import.meta.main) {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.error(
      'DATABASE_URL must name the PostgreSQL database the nodes share, e.g. postgres://veche@127.0.0.1/veche',
    );
    process.exit(2);
  }
  const balancerPort = Number(process.env.PORT || 8080);
  const cluster = await startCluster({
    databaseUrl,
    dataDir: resolve(process.env.VECHE_CLUSTER_DATA || join('data', 'cluster')),
    balancerPort,
    nodePorts: portList(process.env.VECHE_CLUSTER_NODE_PORTS, [3101, 3102, 3103]),
    publicUrl: process.env.VECHE_PUBLIC_URL || `http://localhost:${balancerPort}`,
  });
  console.log(`\nVeche runs on ${cluster.nodes.length} nodes behind ${cluster.url}`);
  for (const node of cluster.nodes) console.log(`  ${node.name}: ${node.url} (pid ${node.process.pid})`);
  const stop = () => cluster.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
