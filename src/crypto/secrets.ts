import { randomBytes, createSecretKey, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import type { Config, SecretName } from '../config.ts';

/** Secrets are the server's keys: 32 random bytes each, never logged and never in the public record. */
export interface Secrets {
  encryption: Buffer;
  hashing: Buffer;
  cookies: Buffer;
  log: Buffer;
  /** cookieKey is `cookies` as a KeyObject, made once because HMACs with it run on every request. */
  cookieKey: KeyObject;
}

const names: SecretName[] = ['encryption', 'hashing', 'cookies', 'log'];

/** loadSecrets takes each key from the environment, else from `secrets.json` in the data folder (mode 0600), creating it on first start. */
export function loadSecrets(config: Pick<Config, 'dataDir' | 'secrets'>): Secrets {
  const file = join(config.dataDir, 'secrets.json');
  let stored: Partial<Record<SecretName, string>> = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8'));
  let changed = false;
  const values = {} as Record<SecretName, Buffer>;
  for (const name of names) {
    const fromEnv = config.secrets[name];
    if (fromEnv) {
      values[name] = decodeKey(fromEnv, name);
      continue;
    }
    if (!stored[name]) {
      stored[name] = randomBytes(32).toString('base64');
      changed = true;
    }
    values[name] = decodeKey(stored[name]!, name);
  }
  if (changed) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return { ...values, cookieKey: createSecretKey(values.cookies) };
}

function decodeKey(text: string, name: SecretName): Buffer {
  const key = Buffer.from(text, 'base64');
  if (key.length !== 32)
    throw new Error(`the ${name} key must be 32 bytes in base64 (VECHE_${name.toUpperCase()}_KEY)`);
  return key;
}
