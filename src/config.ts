import { resolve } from 'node:path';
import { originFromPublicUrl } from './record/checkpoint.ts';
import { isValidKeyName } from './record/note-keys.ts';
import { defaultUnsafeMailDomains, readMailDomains } from './domain/mail-providers.ts';

/** Config is everything the environment decides; `readConfig` is the one place that reads it. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  publicUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: string;
  trustProxy: boolean;
  /** proofOfWorkMax is ALTCHA's maxnumber: the expected work is half of it. 0 turns proof of work off. */
  proofOfWorkMax: number;
  /** jobTickMs is how often the tally and mail jobs run. */
  jobTickMs: number;
  /** rateLimits turns the per-address limits on signing on (the default) or off (benchmarks). */
  rateLimits: boolean;
  /** logOrigin is the public record's origin line and key name (VECHE_LOG_ORIGIN, else VECHE_PUBLIC_URL's host and path). */
  logOrigin: string;
  /** logOriginFixed says the origin was set by VECHE_LOG_ORIGIN, not derived from the public address. */
  logOriginFixed: boolean;
  /** sequencerTickMs is how often the record's sequencer takes pending entries (VECHE_SEQUENCER_TICK_MS). */
  sequencerTickMs: number;
  /** logQueueLimit is how many entries may wait for the record before signing is pushed back (VECHE_LOG_QUEUE_LIMIT). */
  logQueueLimit: number;
  /** maxLiveStreams is how many Server-Sent Events streams one node keeps open at most (VECHE_MAX_LIVE_STREAMS). */
  maxLiveStreams: number;
  /** unsafeMailDomains are mail services signers are warned about (VECHE_UNSAFE_MAIL_DOMAINS; `default` is the built-in list). */
  unsafeMailDomains: string[];
  secrets: Partial<Record<SecretName, string>>;
}

export type SecretName = 'encryption' | 'hashing' | 'cookies' | 'log';

/** readConfig turns environment variables into a Config, failing with a message that names a bad variable. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const publicUrl = (env.VECHE_PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
  try {
    new URL(publicUrl);
  } catch {
    throw new Error(`VECHE_PUBLIC_URL is not a URL: ${publicUrl}`);
  }
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir: resolve(env.VECHE_DATA ?? 'data'),
    databaseUrl: env.DATABASE_URL || undefined,
    publicUrl,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? `Veche <no-reply@${new URL(publicUrl).hostname}>`,
    logLevel: env.LOG_LEVEL ?? 'info',
    trustProxy: env.VECHE_TRUST_PROXY === '1' || env.VECHE_TRUST_PROXY === 'true',
    proofOfWorkMax: integer(env, 'VECHE_POW_MAX', 50_000, 0, 10_000_000),
    jobTickMs: integer(env, 'VECHE_JOB_TICK_MS', 500, 10, 60_000),
    rateLimits: env.VECHE_RATE_LIMITS !== 'off',
    logOrigin: logOrigin(env.VECHE_LOG_ORIGIN, publicUrl),
    logOriginFixed: Boolean(env.VECHE_LOG_ORIGIN),
    sequencerTickMs: integer(env, 'VECHE_SEQUENCER_TICK_MS', 300, 10, 60_000),
    logQueueLimit: integer(env, 'VECHE_LOG_QUEUE_LIMIT', 100_000, 1, 100_000_000),
    maxLiveStreams: integer(env, 'VECHE_MAX_LIVE_STREAMS', 15_000, 1, 10_000_000),
    unsafeMailDomains: mailDomains(env.VECHE_UNSAFE_MAIL_DOMAINS),
    secrets: {
      encryption: env.VECHE_ENCRYPTION_KEY,
      hashing: env.VECHE_HASHING_KEY,
      cookies: env.VECHE_COOKIE_KEY,
      log: env.VECHE_LOG_KEY,
    },
  };
}

function logOrigin(configured: string | undefined, publicUrl: string): string {
  if (configured) {
    // SPEC: https://c2sp.org/signed-note#format: the origin is also the key name: no spaces, no '+'.
    if (!isValidKeyName(configured)) throw new Error(`VECHE_LOG_ORIGIN must have no spaces or '+': "${configured}"`);
    return configured;
  }
  try {
    return originFromPublicUrl(publicUrl);
  } catch (error) {
    throw new Error(`set VECHE_LOG_ORIGIN: VECHE_PUBLIC_URL cannot give the record's origin (${(error as Error).message})`);
  }
}

function mailDomains(configured: string | undefined): string[] {
  if (configured === undefined) return [...defaultUnsafeMailDomains];
  try {
    return readMailDomains(configured);
  } catch (error) {
    throw new Error(`VECHE_UNSAFE_MAIL_DOMAINS: ${(error as Error).message} (give domains separated by commas; "default" is the built-in list)`);
  }
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
  }
  return value;
}
