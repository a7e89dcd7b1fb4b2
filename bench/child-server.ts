// child-server.ts starts Veche the way `npm start` does, as a child process, for the benchmarks.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** node is the project's pinned Node. */
export const node = join(process.cwd(), 'node_modules', '.bin', 'node');

/** makeDemo adds demo petitions and `signatures` signatures to a data folder through `veche demo`. */
export function makeDemo(env: NodeJS.ProcessEnv, signatures: number): void {
  const demo = spawnSync(node, ['src/cli/main.ts', 'demo', '--signatures', String(signatures)], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (demo.status !== 0) throw new Error('veche demo failed');
}

/** startVeche serves a data folder with `npm start`'s Node flags and malloc setting, and resolves once it listens. */
export async function startVeche(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    node,
    [...(process.env.BENCH_NODE_FLAGS ?? '--max-semi-space-size=16').split(' '), 'src/cli/main.ts', 'serve'],
    {
      env: { MALLOC_ARENA_MAX: '2', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = /running at http:\/\/[^:]+:(\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`veche exited ${code}`)));
  });
  return { child, url: `http://127.0.0.1:${port}` };
}

/** waitForRecord waits until the server's checkpoint covers `size` entries, and returns the size it reached. */
export async function waitForRecord(url: string, size: number, timeoutMs = 300_000): Promise<number> {
  let reached = 0;
  for (const until = Date.now() + timeoutMs; reached < size && Date.now() < until; ) {
    reached = Number((await (await fetch(`${url}/log/checkpoint`)).text()).split('\n')[1]);
    if (reached < size) await new Promise((r) => setTimeout(r, 250));
  }
  return reached;
}
