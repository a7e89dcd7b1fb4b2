import type { Kysely } from 'kysely';
import { fromHex, toHex } from '../record/bytes.ts';
import type { CosignatureStore, WitnessState } from '../record/cosignature-store.ts';
import { recordDb, type RecordTables } from './record-tables.ts';
import type { Database } from './schema.ts';

/** SqlCosignatureStore is the CosignatureStore in record_witnesses and record_witnessed (migration 009), on both backends. */
export class SqlCosignatureStore implements CosignatureStore {
  readonly #db: Kysely<Database & RecordTables>;

  constructor(db: Kysely<Database>) {
    this.#db = recordDb(db);
  }

  /** witnessStates reads every row of record_witnesses. */
  async witnessStates(): Promise<WitnessState[]> {
    const rows = await this.#db.selectFrom('record_witnesses').select(['witness', 'size', 'root', 'line']).execute();
    return rows.map((row) => ({
      witness: row.witness,
      size: Number(row.size),
      root: row.root === null ? null : fromHex(row.root),
      line: row.line,
    }));
  }

  /** saveWitnessState upserts the witness's row. */
  async saveWitnessState(state: WitnessState): Promise<void> {
    const values = { size: state.size, root: state.root === null ? null : toHex(state.root), line: state.line };
    await this.#db
      .insertInto('record_witnesses')
      .values({ witness: state.witness, ...values })
      .onConflict((oc) => oc.column('witness').doUpdateSet(values))
      .execute();
  }

  /** witnessed reads the one row of record_witnessed. */
  async witnessed(): Promise<{ size: number; checkpoint: string } | null> {
    const row = await this.#db
      .selectFrom('record_witnessed')
      .select(['size', 'checkpoint'])
      .where('id', '=', 1)
      .executeTakeFirst();
    return row === undefined ? null : { size: Number(row.size), checkpoint: row.checkpoint };
  }

  /** saveWitnessed inserts the row, or updates it where the stored size is not larger, in one statement. */
  async saveWitnessed(size: number, checkpoint: string): Promise<void> {
    await this.#db
      .insertInto('record_witnessed')
      .values({ id: 1, size, checkpoint })
      .onConflict((oc) => oc.column('id').doUpdateSet({ size, checkpoint }).where('record_witnessed.size', '<=', size))
      .execute();
  }
}
