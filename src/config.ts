import { resolve } from 'node:path';
import { isIP } from 'node:net';
import { originFromPublicUrl } from './record/checkpoint.ts';
import { isValidKeyName } from './record/note-keys.ts';
import { parseCosignatureKey } from './record/cosignature.ts';
import { defaultUnsafeMailDomains, readMailDomains } from './domain/mail-providers.ts';
import { canonicalTimeZone } from './domain/zoned-time.ts';

/** Config is everything the environment decides; `readConfig` is the one place that reads it. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** databaseWaitMs is how long a starting node waits for PostgreSQL to answer (VECHE_DATABASE_WAIT_S). */
  databaseWaitMs: number;
  publicUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: string;
  /**
   * trustProxy is who may tell us a client's address in X-Forwarded-For (VECHE_TRUST_PROXY): nobody (false), the last
   * `n` hops (a count, for proxies that are the only way in), or the proxies at these addresses and networks.
   */
  trustProxy: TrustProxy;
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
  /**
   * maxStreamsPerAddress is how many of them one address (an IPv6 /64) may hold (VECHE_MAX_STREAMS_PER_ADDRESS): by
   * default a tenth of the node's, because a whole hall may share one Wi-Fi address.
   */
  maxStreamsPerAddress: number;
  /**
   * requestTimeoutMs is how long a client has to send a whole request, headers and body (VECHE_REQUEST_TIMEOUT_MS);
   * the headers must come within 10 s of it. A live stream, once asked for, is not cut by it.
   */
  requestTimeoutMs: number;
  /** metricsToken is the bearer token /metrics asks for (VECHE_METRICS_TOKEN); without one, /metrics is not served. */
  metricsToken: string | undefined;
  /** metricsPort serves /metrics without a token on its own port (VECHE_METRICS_PORT), at metricsHost (VECHE_METRICS_HOST). */
  metricsPort: number | undefined;
  metricsHost: string;
  /** witnesses cosign the record's checkpoints (VECHE_WITNESSES): each a cosignature verifier key and a submission prefix. */
  witnesses: { vkey: string; url: string }[];
  /** witnessQuorum is how many of them must cosign a checkpoint for the policy (VECHE_WITNESS_QUORUM); 0 without witnesses. */
  witnessQuorum: number;
  /** witnessIntervalMs is the least time between two requests to one witness (VECHE_WITNESS_INTERVAL_MS). */
  witnessIntervalMs: number;
  /** witnessTimeoutMs is how long a witness has to answer (VECHE_WITNESS_TIMEOUT_MS). */
  witnessTimeoutMs: number;
  /** timeZone is the site's clock, for the organisers' daily summaries (VECHE_TIME_ZONE, an IANA name; UTC by default). */
  timeZone: string;
  /** summaryHour is the hour of the site's day when daily summaries go out (VECHE_SUMMARY_HOUR, 0–23; 8 by default). */
  summaryHour: number;
  secrets: Partial<Record<SecretName, string>>;
}

/** TrustProxy is whom X-Forwarded-For is believed from: nobody, a number of hops, or a list of proxy addresses. */
export type TrustProxy = false | { hops: number } | { proxies: string[] };

export type SecretName = 'encryption' | 'hashing' | 'cookies' | 'log';

/** readConfig turns environment variables into a Config, failing with a message that names a bad variable. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const publicUrl = (env.VECHE_PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
  if (!/^https?:$/.test(URL.parse(publicUrl)?.protocol ?? '')) {
    throw new Error(
      `VECHE_PUBLIC_URL must be the site's http(s) address, e.g. https://veche.example, not "${publicUrl}"`,
    );
  }
  const maxLiveStreams = integer(env, 'VECHE_MAX_LIVE_STREAMS', 15_000, 1, 10_000_000);
  const witnesses = readWitnesses(env.VECHE_WITNESSES);
  return {
    port,
    host: host(env.HOST, 'HOST'),
    dataDir: resolve(env.VECHE_DATA ?? 'data'),
    databaseUrl: databaseUrl(env.DATABASE_URL),
    databaseWaitMs: integer(env, 'VECHE_DATABASE_WAIT_S', 60, 0, 3600) * 1000,
    publicUrl,
    smtpUrl: smtpUrl(env.SMTP_URL),
    mailFrom: mailFrom(env.MAIL_FROM, publicUrl),
    logLevel: choice(env, 'LOG_LEVEL', 'info', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    trustProxy: trustProxy(env.VECHE_TRUST_PROXY),
    proofOfWorkMax: integer(env, 'VECHE_POW_MAX', 50_000, 0, 10_000_000),
    jobTickMs: integer(env, 'VECHE_JOB_TICK_MS', 500, 10, 60_000),
    rateLimits: choice(env, 'VECHE_RATE_LIMITS', 'on', ['on', 'off']) === 'on',
    logOrigin: logOrigin(env.VECHE_LOG_ORIGIN, publicUrl),
    logOriginFixed: Boolean(env.VECHE_LOG_ORIGIN),
    sequencerTickMs: integer(env, 'VECHE_SEQUENCER_TICK_MS', 300, 10, 60_000),
    logQueueLimit: integer(env, 'VECHE_LOG_QUEUE_LIMIT', 100_000, 1, 100_000_000),
    maxLiveStreams,
    maxStreamsPerAddress: integer(env, 'VECHE_MAX_STREAMS_PER_ADDRESS', Math.ceil(maxLiveStreams / 10), 1, 10_000_000),
    requestTimeoutMs: integer(env, 'VECHE_REQUEST_TIMEOUT_MS', 30_000, 500, 600_000),
    metricsToken: metricsToken(env.VECHE_METRICS_TOKEN),
    metricsPort: env.VECHE_METRICS_PORT ? integer(env, 'VECHE_METRICS_PORT', 0, 0, 65535) : undefined,
    metricsHost: env.VECHE_METRICS_HOST ? host(env.VECHE_METRICS_HOST, 'VECHE_METRICS_HOST') : '127.0.0.1',
    unsafeMailDomains: mailDomains(env.VECHE_UNSAFE_MAIL_DOMAINS),
    witnesses,
    witnessQuorum: witnessQuorum(env.VECHE_WITNESS_QUORUM, witnesses.length),
    witnessIntervalMs: integer(env, 'VECHE_WITNESS_INTERVAL_MS', 1000, 10, 86_400_000),
    witnessTimeoutMs: integer(env, 'VECHE_WITNESS_TIMEOUT_MS', 5000, 100, 600_000),
    timeZone: siteTimeZone(env.VECHE_TIME_ZONE),
    summaryHour: integer(env, 'VECHE_SUMMARY_HOUR', 8, 0, 23),
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
    throw new Error(
      `set VECHE_LOG_ORIGIN: VECHE_PUBLIC_URL cannot give the record's origin (${(error as Error).message})`,
    );
  }
}

const witnessesHelp =
  'VECHE_WITNESSES lists witnesses separated by ";" or new lines, each "<verifier key> <submission URL>", ' +
  'e.g. "witness.example/w1+1a2b3c4d+BAbc… https://witness.example/w1"';

/** readWitnesses reads VECHE_WITNESSES: entries separated by `;` or new lines, each a witness's vkey and its http(s) prefix. */
export function readWitnesses(raw: string | undefined): { vkey: string; url: string }[] {
  const witnesses: { vkey: string; url: string }[] = [];
  const names = new Set<string>();
  for (const entry of (raw ?? '')
    .split(/[;\n]/)
    .map((e) => e.trim())
    .filter((e) => e !== '')) {
    const [vkey, url, ...rest] = entry.split(/\s+/);
    if (url === undefined || rest.length > 0) throw new Error(`${witnessesHelp}; "${entry}" is not`);
    let name: string;
    try {
      name = parseCosignatureKey(vkey).name;
    } catch (error) {
      throw new Error(
        `VECHE_WITNESSES: ${(error as Error).message} (a witness's key is its cosignature key, type 0x04 or 0x06)`,
      );
    }
    if (!/^https?:\/\/[^\s?#]+$/.test(url))
      throw new Error(`VECHE_WITNESSES: "${url}" is not an http(s) URL without query or fragment`);
    // One line per witness: two keys of one witness (Ed25519 and ML-DSA-44) would count it twice toward the quorum.
    if (names.has(name) || name === 'none')
      throw new Error(
        `VECHE_WITNESSES names the witness "${name}" twice (or uses a reserved name): give each witness once`,
      );
    names.add(name);
    witnesses.push({ vkey, url: url.replace(/\/+$/, '') });
  }
  return witnesses;
}

/** witnessQuorum reads VECHE_WITNESS_QUORUM: all, any or a number of witnesses; by default a majority of them. */
export function witnessQuorum(raw: string | undefined, count: number): number {
  if (count === 0) return 0;
  const value = (raw ?? '').trim().toLowerCase();
  if (value === '') return Math.floor(count / 2) + 1;
  if (value === 'all') return count;
  if (value === 'any') return 1;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > count)
    throw new Error(`VECHE_WITNESS_QUORUM must be all, any or a number from 1 to ${count}, not "${raw}"`);
  return n;
}

function siteTimeZone(configured: string | undefined): string {
  if (!configured) return 'UTC';
  const zone = canonicalTimeZone(configured.trim());
  if (!zone)
    throw new Error(
      `VECHE_TIME_ZONE: "${configured}" is not a time zone (give an IANA name such as Europe/Kyiv or UTC)`,
    );
  return zone;
}

function mailDomains(configured: string | undefined): string[] {
  if (configured === undefined) return [...defaultUnsafeMailDomains];
  try {
    return readMailDomains(configured);
  } catch (error) {
    throw new Error(
      `VECHE_UNSAFE_MAIL_DOMAINS: ${(error as Error).message} (give domains separated by commas; "default" is the built-in list)`,
    );
  }
}

const proxyHelp =
  'VECHE_TRUST_PROXY must be off (or false, 0, empty), true (one proxy: 1 hop), a number of proxy hops ' +
  'from 1 to 10, or a comma-separated list of proxy addresses and networks (10.0.0.5, 10.0.0.0/8, fd00::/8, loopback)';
const proxyNames = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * trustProxy reads VECHE_TRUST_PROXY. A client may write anything in X-Forwarded-For, so only the hops the operator
 * names are believed: `true` means one proxy in front (the last hop), a number that many, a list those proxies.
 */
export function trustProxy(raw: string | undefined): TrustProxy {
  const value = (raw ?? '').trim().toLowerCase();
  if (value === '' || value === 'off' || value === 'false' || value === '0' || value === 'no') return false;
  if (value === 'true' || value === 'on' || value === 'yes') return { hops: 1 };
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops < 1 || hops > 10) throw new Error(`${proxyHelp}, not "${raw}"`);
    return { hops };
  }
  const proxies = value.split(',').map((p) => p.trim());
  for (const proxy of proxies) {
    if (!isProxyAddress(proxy)) throw new Error(`${proxyHelp}; "${proxy}" is none of these`);
  }
  return { proxies };
}

/** metricsToken reads VECHE_METRICS_TOKEN: at least 24 characters a header can carry (base64url or hex, say). */
function metricsToken(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^[A-Za-z0-9._~+/=-]{24,256}$/.test(raw)) {
    throw new Error(
      'VECHE_METRICS_TOKEN must be 24 to 256 letters, digits or ._~+/=- (e.g. `openssl rand -base64 32`)',
    );
  }
  return raw;
}

function isProxyAddress(text: string): boolean {
  if (proxyNames.has(text)) return true;
  const [address, prefix, extra] = text.split('/');
  const version = isIP(address);
  if (version === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/** withoutPassword shows a URL as it may be printed: any password replaced, so an error message leaks no secret. */
function withoutPassword(raw: string): string {
  const url = URL.parse(raw);
  if (url === null) return raw.replace(/:[^:@/]*@/, ':***@');
  if (url.password) url.password = '***';
  return url.href;
}

/** databaseUrl reads DATABASE_URL: unset for the embedded SQLite database, else a PostgreSQL URL. */
function databaseUrl(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  const url = URL.parse(raw);
  if (url === null || !['postgres:', 'postgresql:'].includes(url.protocol) || url.hostname === '') {
    const what = url === null ? 'not a URL' : url.hostname === '' ? 'a URL without a host' : `a ${url.protocol} URL`;
    throw new Error(
      'DATABASE_URL must be a PostgreSQL URL such as postgres://veche:password@db.internal:5432/veche ' +
        `(leave it unset to keep the data in an embedded SQLite database in VECHE_DATA); it is ${what}: ` +
        `"${withoutPassword(raw)}"`,
    );
  }
  return raw;
}

/** smtpUrl reads SMTP_URL: unset to write mail to the outbox folder, else an smtp: or smtps: URL for nodemailer. */
function smtpUrl(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  const url = URL.parse(raw);
  if (url === null || !['smtp:', 'smtps:'].includes(url.protocol) || url.hostname === '') {
    throw new Error(
      'SMTP_URL must be smtp://user:password@mail.example:587 or smtps://user:password@mail.example:465 ' +
        `(leave it unset to write mail to VECHE_DATA/outbox instead), not "${withoutPassword(raw)}"`,
    );
  }
  return raw;
}

/** mailFrom reads MAIL_FROM: an address, with or without a display name ("Veche <no-reply@veche.example>"). */
function mailFrom(raw: string | undefined, publicUrl: string): string {
  if (raw === undefined || raw === '') return `Veche <no-reply@${new URL(publicUrl).hostname}>`;
  if (!/^(?:[^<>@\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/.test(raw.trim())) {
    throw new Error(`MAIL_FROM must be an address such as "Veche <no-reply@veche.example>", not "${raw}"`);
  }
  return raw.trim();
}

/** host reads HOST or VECHE_METRICS_HOST (`name`): an address to listen on, an IP address or a host name. */
function host(raw: string | undefined, name: string): string {
  if (raw === undefined || raw === '') return '127.0.0.1';
  if (isIP(raw) === 0 && !/^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/.test(raw)) {
    throw new Error(`${name} must be an address to listen on, such as 127.0.0.1, 0.0.0.0 or ::, not "${raw}"`);
  }
  return raw;
}

function choice<T extends string>(env: NodeJS.ProcessEnv, name: string, fallback: T, options: readonly T[]): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = raw.trim().toLowerCase() as T;
  if (!options.includes(value)) throw new Error(`${name} must be one of ${options.join(', ')}, not "${raw}"`);
  return value;
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
