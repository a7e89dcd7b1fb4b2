import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createCosigner } from '../record/cosignature.ts';
import type { Cosigner } from '../record/cosignature.ts';
import { parseVerifierKey } from '../record/note-keys.ts';
import type { NoteVerifier } from '../record/note-keys.ts';
import { openWitnessStore } from '../store/sql-witness-store.ts';
import type { Witness } from './cosign-checkpoint.ts';
import { buildWitnessServer } from './witness-server.ts';
import type { WitnessStore } from './witness-store.ts';

/** WitnessOptions are everything `veche witness` is told: who it is, its secret, the logs it witnesses, where it keeps state. */
export interface WitnessOptions {
  /** name is the witness's key name, a schema-less URL such as `witness.example/w1`. */
  name: string;
  /** secret is 32 bytes from which both of its keys are made (see createCosigner). */
  secret: Uint8Array;
  /** logs are the verifier keys (Ed25519, `name+keyid+base64`) of the logs it cosigns; each key's name is its log's origin. */
  logs: readonly string[];
  dataDir: string;
  databaseUrl?: string;
  host: string;
  /** port 0 takes any free port. */
  port: number;
  warn?(obj: object, msg: string): void;
}

/** RunningWitness is a started witness: its URL (both prefixes), its two verifier keys, and how to stop it. */
export interface RunningWitness {
  url: string;
  name: string;
  /** ed25519 is the cosignature/v1 key (type 0x04); mlDsa44 the ML-DSA-44 one (type 0x06). It answers with both. */
  vkeys: { ed25519: string; mlDsa44: string };
  origins: string[];
  server: FastifyInstance;
  store: WitnessStore;
  close(): Promise<void>;
}

/** startWitness opens the witness's store and listens for add-checkpoint requests. */
export async function startWitness(options: WitnessOptions): Promise<RunningWitness> {
  const logs = trustedLogs(options.logs);
  const cosigners: Cosigner[] = [
    createCosigner(options.name, options.secret, 'ed25519'),
    createCosigner(options.name, options.secret, 'ml-dsa-44'),
  ];
  const store = await openWitnessStore({ databaseUrl: options.databaseUrl, dataDir: options.dataDir });
  const witness: Witness = { name: options.name, cosigners, logs, store, warn: options.warn };
  const vkeys = { ed25519: cosigners[0].vkey, mlDsa44: cosigners[1].vkey };
  // The about page names the URL, known once listen has picked the port.
  let about = '';
  const server = buildWitnessServer(witness, () => about);
  let url: string;
  try {
    url = (await server.listen({ host: options.host, port: options.port })).replace(/\/$/, '');
  } catch (error) {
    await store.close();
    throw error;
  }
  about = aboutText(options.name, url, vkeys, options.logs);
  return {
    url,
    name: options.name,
    vkeys,
    origins: [...logs.keys()],
    server,
    store,
    async close() {
      await server.close();
      await store.close();
    },
  };
}

/** trustedLogs groups log verifier keys by origin (each key's name), refusing any that is not an Ed25519 log key. */
export function trustedLogs(vkeys: readonly string[]): Map<string, NoteVerifier[]> {
  const logs = new Map<string, NoteVerifier[]>();
  for (const vkey of vkeys) {
    const verifier = parseVerifierKey(vkey);
    logs.set(verifier.name, [...(logs.get(verifier.name) ?? []), verifier]);
  }
  return logs;
}

/** loadWitnessSecret reads the witness's 32-byte secret from <dataDir>/secrets.json (`witness`), creating it (0600) on first start. */
export function loadWitnessSecret(dataDir: string): Buffer {
  const file = join(dataDir, 'secrets.json');
  const stored = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
  if (!stored.witness) {
    stored.witness = randomBytes(32).toString('base64');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return decodeSecret(stored.witness, `${file} (witness)`);
}

/** decodeSecret reads a 32-byte key in base64, or throws naming where it came from. */
export function decodeSecret(text: string, where: string): Buffer {
  const key = Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error(`the witness key in ${where} must be 32 bytes in base64`);
  return key;
}

function aboutText(name: string, url: string, vkeys: RunningWitness['vkeys'], logs: readonly string[]): string {
  return [
    `Veche witness ${name} (c2sp.org/tlog-witness, c2sp.org/tlog-cosignature)`,
    `submission and monitoring prefix: ${url}`,
    `cosignature/v1 key (Ed25519): ${vkeys.ed25519}`,
    `ML-DSA-44 key: ${vkeys.mlDsa44}`,
    'logs witnessed:',
    ...logs.map((vkey) => `  ${vkey}`),
    '',
  ].join('\n');
}
