import { Buffer } from 'node:buffer';
import { sql, type Kysely, type Transaction } from 'kysely';
import { fromHex, toHex } from '../record/bytes.ts';
import { LedgerConflict } from '../record/tile-store.ts';
import type { CommittedTree, PendingEntry, RecordLedger, SequencedLeaf } from '../record/tile-store.ts';
import type { Dialect } from './open-store.ts';
import { recordDb, type RecordTables } from './record-tables.ts';
import { isPostgres } from './dialect-of.ts';
import type { Database } from './schema.ts';

// Leaf indexes are set with one UPDATE … FROM (VALUES …) per chunk: 2 parameters a row, far below both backends' limits.
const LEAVES_PER_UPDATE = 2000;
// A chunk is padded with rows that match no entry (id 0) up to one of these sizes, so that SQLite prepares a handful
// of statements once instead of a new one of every batch size (preparing a 2,000-row statement takes milliseconds).
const CHUNK_SIZES = [1, 4, 16, 64, 256, 1024, LEAVES_PER_UPDATE];

/** TALLY_LOCK is the advisory lock src/store/tallies.ts takes while it folds entries into the tallies. */
const TALLY_LOCK = 7_263_001;

/** SqlRecordLedger is the RecordLedger in the database, on SQLite or PostgreSQL: record_entries and record_state. */
export class SqlRecordLedger implements RecordLedger {
  readonly #db: Kysely<Database & RecordTables>;
  readonly #dialect: Dialect;

  constructor(db: Kysely<Database>, dialect: Dialect = isPostgres(db) ? 'postgres' : 'sqlite') {
    this.#db = recordDb(db);
    this.#dialect = dialect;
  }

  /** committed reads the one row of record_state. */
  async committed(): Promise<CommittedTree | null> {
    const row = await this.#db
      .selectFrom('record_state')
      .select(['size', 'root', 'checkpoint'])
      .where('id', '=', 1)
      .executeTakeFirst();
    return row === undefined ? null : { size: Number(row.size), root: fromHex(row.root), checkpoint: row.checkpoint };
  }

  /** pending reads the oldest unsequenced entries through the record_entries_pending index. */
  async pending(limit: number): Promise<PendingEntry[]> {
    const rows = await this.#db
      .selectFrom('record_entries')
      .select(['id', 'body'])
      .where('leaf_index', 'is', null)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ id: Number(row.id), entry: utf8(row.body) }));
  }

  /** countPending counts unsequenced entries, reading at most `cap` index entries. */
  async countPending(cap: number): Promise<number> {
    const row = await this.#db
      .selectFrom((eb) =>
        eb.selectFrom('record_entries').select('id').where('leaf_index', 'is', null).limit(cap).as('waiting'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** commit sets the leaf indexes, the committed tree and its history in one durable transaction, or throws. */
  async commit(fromSize: number | null, to: CommittedTree, leaves: readonly SequencedLeaf[]): Promise<void> {
    await this.#durably(async (trx) => {
      const root = toHex(to.root);
      // Compare-and-swap on the committed size: a second sequencer working from the same tree finds it moved on.
      if (fromSize === null) {
        const inserted = await trx
          .insertInto('record_state')
          .values({ id: 1, size: to.size, root, checkpoint: to.checkpoint })
          .onConflict((oc) => oc.column('id').doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1)
          throw new LedgerConflict('the record already has a committed tree');
      } else {
        const updated = await trx
          .updateTable('record_state')
          .set({ size: to.size, root, checkpoint: to.checkpoint })
          .where('id', '=', 1)
          .where('size', '=', fromSize)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1)
          throw new LedgerConflict(`the committed tree is no longer of size ${fromSize}`);
      }
      for (let at = 0; at < leaves.length; at += LEAVES_PER_UPDATE) {
        const chunk = leaves.slice(at, at + LEAVES_PER_UPDATE);
        const padded = [...chunk];
        while (padded.length < CHUNK_SIZES.find((size) => size >= chunk.length)!) padded.push({ id: 0, leafIndex: 0 });
        const values = sql.join(
          padded.map((leaf) => sql`(cast(${leaf.id} as bigint), cast(${leaf.leafIndex} as bigint))`),
        );
        // VALUES columns are column1, column2 on both backends. The unary + keeps SQLite from scanning every pending
        // entry through the leaf_index index for each row of v (seconds a tick) instead of finding each by its id.
        const result = await sql`update record_entries set leaf_index = v.column2 from (values ${values}) as v
          where record_entries.id = v.column1 and +record_entries.leaf_index is null`.execute(trx);
        if (Number(result.numAffectedRows ?? 0) !== chunk.length)
          throw new LedgerConflict('an entry of the batch was sequenced already');
      }
      await trx.insertInto('record_checkpoints').values({ size: to.size, root }).execute();
    });
  }

  /** sequencedEntries reads entries by leaf index. */
  async sequencedEntries(start: number, end: number): Promise<Uint8Array[]> {
    if (end <= start) return [];
    const rows = await this.#db
      .selectFrom('record_entries')
      .select(['leaf_index', 'body'])
      .where('leaf_index', '>=', start)
      .where('leaf_index', '<', end)
      .orderBy('leaf_index')
      .execute();
    rows.forEach((row, i) => {
      if (Number(row.leaf_index) !== start + i) throw new Error(`no entry at leaf index ${start + i}`);
    });
    if (rows.length !== end - start) throw new Error(`no entry at leaf index ${start + rows.length}`);
    return rows.map((row) => utf8(row.body));
  }

  /** hasCheckpointBetween looks a size up in record_checkpoints. */
  async hasCheckpointBetween(from: number, to: number): Promise<boolean> {
    if (to <= from) return false;
    const row = await this.#db
      .selectFrom('record_checkpoints')
      .select('size')
      .where('size', '>=', from)
      .where('size', '<', to)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  async #durably(work: (trx: Transaction<Database & RecordTables>) => Promise<void>): Promise<void> {
    // A checkpoint is published as soon as commit resolves, so the commit must survive a power cut, not only a killed
    // process: on PostgreSQL whatever synchronous_commit says elsewhere, on SQLite by a synchronous=FULL commit (the
    // server runs NORMAL, which a power cut can roll back) on one reserved connection.
    if (this.#dialect === 'postgres') {
      await this.#db.transaction().execute(async (trx) => {
        await sql`set local synchronous_commit = on`.execute(trx);
        // The tally job marks the same record_entries rows (tallied = 1) that this commit gives leaf indexes to, each
        // in its own row order: taking the tally job's lock first makes the two wait for each other instead of
        // deadlocking. (SQLite runs one write transaction at a time.)
        await sql`select pg_advisory_xact_lock(${TALLY_LOCK})`.execute(trx);
        await work(trx);
      });
      return;
    }
    await this.#db.connection().execute(async (connection) => {
      const before = await sql<{ synchronous: number }>`pragma synchronous`.execute(connection);
      await sql`pragma synchronous = full`.execute(connection);
      try {
        await connection.transaction().execute(work);
      } finally {
        await sql.raw(`pragma synchronous = ${Number(before.rows[0]?.synchronous ?? 1)}`).execute(connection);
      }
    });
  }
}

function utf8(text: string): Uint8Array {
  const bytes = Buffer.from(text, 'utf8');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
