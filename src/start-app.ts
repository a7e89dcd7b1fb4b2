import { startMetricsServer } from './metrics/metrics-server.ts';
import pino from 'pino';
import type { Config } from './config.ts';
import { loadSecrets } from './crypto/secrets.ts';
import { openStore, type Store } from './store/open-store.ts';
import { type NodeRelay, startChangeRelay } from './store/change-relay.ts';
import { PetitionEvents } from './actions/petition-events.ts';
import { PetitionReader } from './read/petition-reader.ts';
import { ProofOfWork } from './web/proof-of-work.ts';
import { createMailer } from './mail/mailer.ts';
import { runJobs } from './jobs/run-jobs.ts';
import { buildServer } from './web/server.ts';
import { prepareSetup } from './actions/prepare-setup.ts';
import type { WebApp } from './web/web-app.ts';
import type { FastifyInstance } from 'fastify';
import { createEd25519Signer } from './record/note-keys.ts';
import { LogReader } from './record/log-reader.ts';
import { startSequencer, type RecordSequencer } from './record/start-sequencer.ts';
import { openRecordStorage } from './store/record-storage.ts';
import { EventLive, eventStateSourceOf } from './web/live/event-live.ts';
import { SqlCosignatureStore } from './store/sql-cosignature-store.ts';
import { CosignatureCollector } from './witnessing/cosignature-collector.ts';
import { logPolicy } from './witnessing/log-policy.ts';

/** RunningApp is a started Veche: its parts, its HTTP server, and how to stop it cleanly. */
export interface RunningApp {
  app: WebApp;
  server: FastifyInstance;
  url: string;
  setupLink: string | null;
  /** metricsPort is where /metrics is served without a token (VECHE_METRICS_PORT), or null. */
  metricsPort: number | null;
  /** sequencer turns the queue into the public record; with `jobs: false` it moves only when its tick() is called. */
  sequencer: RecordSequencer;
  /** cosigning asks the witnesses (null without VECHE_WITNESSES); with `jobs: false` only when its round() is called. */
  cosigning: CosignatureCollector | null;
  stop(): Promise<void>;
}

/**
 * startApp opens the database, loads or creates the keys, recovers the record, starts the jobs and listens for HTTP.
 * The log goes to stdout unless `logDestination` names another stream (tests read what the server logged).
 */
export async function startApp(
  config: Config,
  options: { listen?: boolean; jobs?: boolean; logDestination?: pino.DestinationStream } = {},
): Promise<RunningApp> {
  const log = pino(
    { level: config.logLevel, base: undefined, redact: ['req.remoteAddress', 'req.ip', 'ip'] },
    options.logDestination,
  );
  const secrets = loadSecrets(config);
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    wait: {
      waitMs: config.databaseWaitMs,
      onRetry: (reason, waitedMs) =>
        log.warn({ reason, waitedSeconds: Math.round(waitedMs / 1000) }, 'waiting for PostgreSQL to answer'),
    },
  });
  const record = openRecordStorage(store, config);
  const origin = await recordOrigin(config, record.ledger, log);
  const identity = { origin, signer: createEd25519Signer(origin, secrets.log) };
  const sequencer = await startSequencer({
    lease: record.lease,
    ledger: record.ledger,
    identity,
    log,
    tickMs: config.sequencerTickMs,
    queueLimit: config.logQueueLimit,
    loop: options.jobs !== false,
  }).catch(async (error) => {
    await store.close();
    throw error;
  });
  const witnessPolicy = logPolicy(
    identity.signer.verifierKey,
    `${config.publicUrl}/log`,
    config.witnesses,
    config.witnessQuorum,
  );
  const cosignatures = new SqlCosignatureStore(store.db);
  // Only the node that sequences asks witnesses; every node serves what they answered.
  const cosigning =
    config.witnesses.length === 0
      ? null
      : new CosignatureCollector({
          policy: witnessPolicy.policy,
          ledger: record.ledger,
          tiles: record.tiles,
          store: cosignatures,
          sequencing: () => sequencer.sequencing,
          intervalMs: config.witnessIntervalMs,
          timeoutMs: config.witnessTimeoutMs,
          log,
        });
  if (cosigning !== null && options.jobs !== false) await cosigning.start();
  const events = new PetitionEvents();
  const relay = await relayChanges(config, store, events, log).catch(async (error) => {
    await cosigning?.stop();
    await sequencer.stop();
    await store.close();
    throw error;
  });
  const base = { config, store, secrets, events, now: () => Date.now(), logBacklog: sequencer };
  const app: WebApp = {
    ...base,
    https: config.publicUrl.startsWith('https:'),
    proofOfWork: new ProofOfWork(secrets.cookies, config.proofOfWorkMax),
    reader: new PetitionReader(base),
    log: new LogReader(record.ledger, record.tiles, identity.signer.verifierKey, 200, {
      store: cosignatures,
      witnesses: witnessPolicy.policy.witnesses.map((w) => w.verifier.vkey),
    }),
    witnessPolicy,
    recordHealth: () => sequencer.health(),
    eventLive: new EventLive(eventStateSourceOf(base), {
      onError: (err) => log.error({ err }, 'live event read failed'),
    }),
  };
  const server = await buildServer(app, { logger: log });
  const stopJobs = options.jobs === false ? async () => {} : runJobs(app, createMailer(config), log);
  const metrics =
    config.metricsPort === undefined ? null : await startMetricsServer(config.metricsHost, config.metricsPort);
  let url = config.publicUrl;
  if (options.listen !== false) {
    const address = await server.listen({ port: config.port, host: config.host });
    url = address.replace('127.0.0.1', 'localhost');
  }
  const setupToken = await prepareSetup(app);
  const setupLink = setupToken ? `${config.publicUrl}/setup/${setupToken}` : null;
  return {
    app,
    server,
    url,
    setupLink,
    sequencer,
    cosigning,
    metricsPort: metrics?.port ?? null,
    async stop() {
      await server.close();
      await metrics?.close();
      app.eventLive.close();
      await cosigning?.stop();
      await sequencer.stop();
      await stopJobs();
      await relay?.close();
      await store.close();
    },
  };
}

/**
 * relayChanges makes the changes of every node reach the live viewers of every other node, where the store can relay
 * them (PostgreSQL): this node's changes go out through the relay, and other nodes' come in through `events.heard`.
 */
async function relayChanges(
  config: Config,
  store: Store,
  events: PetitionEvents,
  log: pino.Logger,
): Promise<NodeRelay | null> {
  if (!config.databaseUrl) return null;
  const relay = await startChangeRelay(store, {
    databaseUrl: config.databaseUrl,
    onChange: (id) => events.heard(id),
    onError: (err) => log.warn({ err }, 'live changes between nodes'),
  });
  if (relay) events.relayThrough(relay);
  return relay;
}

/**
 * recordOrigin is the name the record is signed under. A log never changes its name, so once a record exists its
 * origin stays, even if the server later runs on another port or public address; only an explicit VECHE_LOG_ORIGIN
 * that differs is refused (by the sequencer's start-up check), since that is a different log.
 */
export async function recordOrigin(
  config: Config,
  ledger: { committed(): Promise<{ checkpoint: string } | null> },
  log: { info(obj: object, msg: string): void },
): Promise<string> {
  if (config.logOriginFixed) return config.logOrigin;
  const committed = await ledger.committed();
  const recorded = committed?.checkpoint.split('\n', 1)[0];
  if (!recorded || recorded === config.logOrigin) return config.logOrigin;
  log.info(
    { origin: recorded, fromPublicUrl: config.logOrigin },
    'the public record keeps the origin it was started with',
  );
  return recorded;
}
