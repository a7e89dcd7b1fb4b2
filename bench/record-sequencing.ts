// Sequencing capacity of the public record (issue 3): how many entries a second the sequencer turns into tiles,
// bundles and a signed, committed checkpoint, on one core. BENCH_RECORD_ENTRIES entries (200,000 unless set) are
// queued straight into a fresh store, as signing queues them, then sequenceBatch runs tick after tick, exactly as
// the server's sequencer does (full batches of MAX_BATCH back to back), until the queue is empty.
//
//   node bench/record-sequencing.ts        SQLite with file tiles, then PostgreSQL if VECHE_TEST_DATABASE_URL answers
//
// The figure "on one core" is entries per CPU-second of this process (user + system, its I/O threads included);
// wall-clock entries/s is given beside it. On PostgreSQL the database's own CPU is not in this process.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createEd25519Signer } from '../src/record/note-keys.ts';
import { MAX_BATCH, recoverRecord, sequenceBatch } from '../src/record/sequencer.ts';
import { openStore, type Store } from '../src/store/open-store.ts';
import { queueEntries, type QueuedEntry } from '../src/store/record-queue.ts';
import { openRecordStorage } from '../src/store/record-storage.ts';

const total = Number(process.env.BENCH_RECORD_ENTRIES ?? 200_000);
const databaseUrl = process.env.VECHE_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const target = 20_000;

/** Row is one backend's line of the table. */
interface Row {
  backend: string;
  queueSeconds: number;
  ticks: number;
  seconds: number;
  cpuSeconds: number;
  tickP50: number;
  tickMax: number;
  size: number;
}

/** queueAll queues `total` signature.added entries like those signing makes, 10,000 to a transaction. */
async function queueAll(store: Store): Promise<number> {
  const started = performance.now();
  const petitions = Array.from({ length: 20 }, () => `p${randomBytes(6).toString('base64url')}`);
  for (let at = 0; at < total; at += 10_000) {
    await store.db.transaction().execute(async (trx) => {
      for (let chunk = at; chunk < Math.min(total, at + 10_000); chunk += 1000) {
        const entries: QueuedEntry[] = [];
        for (let i = chunk; i < Math.min(total, chunk + 1000); i++) {
          const signature = `s${randomBytes(12).toString('base64url')}`;
          entries.push({
            petitionId: null,
            delta: 0,
            entry: { type: 'signature.added', v: 1, petition: petitions[i % 20], signature, confirmed: false },
          });
        }
        await queueEntries(trx, entries);
      }
    });
  }
  return (performance.now() - started) / 1000;
}

/** sequenceAll recovers a fresh record and runs ticks until the queue is empty, timing each. */
async function sequenceAll(
  backend: string,
  store: Store,
  options: { databaseUrl?: string; dataDir: string },
): Promise<Row> {
  const queueSeconds = await queueAll(store);
  const storage = openRecordStorage(store, options);
  const hold = await storage.lease.acquire();
  if (hold === null) throw new Error('the sequencer lease is taken');
  const origin = 'bench.veche.example/record';
  const identity = { origin, signer: createEd25519Signer(origin, randomBytes(32)) };
  try {
    await recoverRecord(hold.ledger, hold.tiles, identity);
    const ticks: number[] = [];
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (;;) {
      const tick = performance.now();
      const result = await sequenceBatch(hold.ledger, hold.tiles, identity, MAX_BATCH);
      if (result.sequenced === 0) break;
      ticks.push(performance.now() - tick);
    }
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const size = (await hold.ledger.committed())!.size;
    if (size !== total) throw new Error(`${backend}: sequenced ${size} of ${total}`);
    ticks.sort((a, b) => a - b);
    return {
      backend,
      queueSeconds,
      ticks: ticks.length,
      seconds,
      cpuSeconds: (used.user + used.system) / 1e6,
      tickP50: ticks[Math.floor(ticks.length / 2)],
      tickMax: ticks[ticks.length - 1],
      size,
    };
  } finally {
    await hold.release();
  }
}

async function sqlite(): Promise<Row> {
  const dataDir = mkdtempSync(join(tmpdir(), 'veche-bench-record-'));
  const store = await openStore({ dataDir });
  try {
    return await sequenceAll('SQLite, tiles in files (fsync each)', store, { dataDir });
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function postgres(): Promise<Row | string> {
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
  admin.on('error', () => {});
  try {
    await admin.connect();
  } catch (error) {
    return `PostgreSQL at ${new URL(databaseUrl).host} is unreachable (${(error as Error).message}): not measured`;
  }
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'veche-bench-record-'));
  try {
    await admin.query(`create schema ${schema}`);
    const store = await openStore({ databaseUrl: url.toString(), dataDir });
    try {
      return await sequenceAll('PostgreSQL, tiles in record_blobs', store, { databaseUrl: url.toString(), dataDir });
    } finally {
      await store.close();
    }
  } finally {
    await admin.query(`drop schema if exists ${schema} cascade`).catch(() => {});
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const rows: (Row | string)[] = [await sqlite(), await postgres()];
  const lines = [
    `| backend | entries | ticks | tick p50 / max ms | wall s | entries/s (wall) | CPU s | entries per CPU-second | target ≥${target.toLocaleString('en')}/s |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) =>
      typeof r === 'string'
        ? `| ${r} | | | | | | | | |`
        : [
            r.backend,
            r.size,
            r.ticks,
            `${Math.round(r.tickP50)} / ${Math.round(r.tickMax)}`,
            r.seconds.toFixed(2),
            Math.round(r.size / r.seconds),
            r.cpuSeconds.toFixed(2),
            Math.round(r.size / r.cpuSeconds),
            r.size / r.cpuSeconds >= target ? 'met' : 'MISSED',
          ]
            .join(' | ')
            .replace(/^/, '| ')
            .replace(/$/, ' |'),
    ),
  ];
  const queued = rows
    .filter((r): r is Row => typeof r !== 'string')
    .map((r) => `${r.backend.split(',')[0]} ${r.queueSeconds.toFixed(1)} s`);
  console.log(
    `\nSequencing capacity: ${total.toLocaleString('en')} queued entries, batches of ${MAX_BATCH}, one process ` +
      `(queueing took ${queued.join(', ')}, not counted)\n\n${lines.join('\n')}\n`,
  );
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
