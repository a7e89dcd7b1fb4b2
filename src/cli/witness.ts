import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { decodeSecret, loadWitnessSecret, startWitness } from '../witness/start-witness.ts';
import type { WitnessOptions } from '../witness/start-witness.ts';

const usage = `Usage: veche witness --name NAME --log VKEY [--log VKEY ...] [options]

Runs a witness (c2sp.org/tlog-witness): it cosigns the checkpoints of the logs it is given, only when each is
consistent with the last one it cosigned for that log, and serves each log's latest cosigned checkpoint.

  --name NAME          the witness's key name, a schema-less URL (VECHE_WITNESS_NAME), e.g. witness.example/w1
  --log VKEY           a log's verifier key, as its /log/key serves it; repeat for each log
                       (VECHE_WITNESS_LOGS: keys separated by spaces, commas or new lines)
  --host HOST          address to listen on (VECHE_WITNESS_HOST, default 127.0.0.1)
  --port PORT          port (VECHE_WITNESS_PORT, default 7380)
  --data DIR           data folder: witness.sqlite and secrets.json (VECHE_WITNESS_DATA, default ./witness-data)
  --database-url URL   keep the state in PostgreSQL instead (VECHE_WITNESS_DATABASE_URL)

The key: VECHE_WITNESS_KEY (32 bytes, base64), else the "witness" entry of DIR/secrets.json, made on first start.
`;

/** readWitnessOptions reads `veche witness`'s flags, falling back on its environment variables; throws on a mistake. */
export function readWitnessOptions(args: string[], env: NodeJS.ProcessEnv): WitnessOptions {
  const { values } = parseArgs({
    args,
    options: {
      name: { type: 'string' },
      log: { type: 'string', multiple: true },
      host: { type: 'string' },
      port: { type: 'string' },
      data: { type: 'string' },
      'database-url': { type: 'string' },
    },
  });
  const name = values.name ?? env.VECHE_WITNESS_NAME ?? '';
  if (name === '') throw new Error('give the witness a name: --name witness.example/w1 (or VECHE_WITNESS_NAME)');
  const logs = values.log ?? (env.VECHE_WITNESS_LOGS ?? '').split(/[\s,;]+/).filter((k) => k !== '');
  if (logs.length === 0) throw new Error('give the logs to witness: --log <verifier key> (or VECHE_WITNESS_LOGS)');
  const portText = values.port ?? env.VECHE_WITNESS_PORT ?? '7380';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new Error(`--port must be a port number, not "${portText}"`);
  const dataDir = resolve(values.data ?? env.VECHE_WITNESS_DATA ?? 'witness-data');
  const secret = env.VECHE_WITNESS_KEY
    ? decodeSecret(env.VECHE_WITNESS_KEY, 'VECHE_WITNESS_KEY')
    : loadWitnessSecret(dataDir);
  const databaseUrl = values['database-url'] ?? (env.VECHE_WITNESS_DATABASE_URL || undefined);
  return { name, secret, logs, dataDir, databaseUrl, host: values.host ?? env.VECHE_WITNESS_HOST ?? '127.0.0.1', port };
}

/** runWitness starts `veche witness`, prints where it listens and its keys, and runs until stopped. */
export async function runWitness(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage);
    return 0;
  }
  let options: WitnessOptions;
  try {
    options = readWitnessOptions(args, env);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  const log = pino({ level: env.LOG_LEVEL ?? 'info', base: undefined });
  const running = await startWitness({ ...options, warn: (obj, msg) => log.warn(obj, msg) });
  console.log(
    [
      `\nVeche witness ${running.name} at ${running.url} (POST ${running.url}/add-checkpoint)`,
      'Give a log one of its keys, with this URL (VECHE_WITNESSES="<key> <url>"):',
      `  cosignature/v1 (Ed25519): ${running.vkeys.ed25519}`,
      `  ML-DSA-44:                ${running.vkeys.mlDsa44}`,
      `Witnessing: ${running.origins.join(', ')}\n`,
    ].join('\n'),
  );
  // Not main.ts's stopOnSignal: importing main.ts would run it, and tests import this file.
  const stop = () =>
    void running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1;
}
