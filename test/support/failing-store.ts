import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import type { Store } from '../../src/store/open-store.ts';
import { WritePool } from '../../src/store/write-pool.ts';

/** InjectedFailure is what a failing store throws, so a test can tell it from a real error. */
export class InjectedFailure extends Error {}

/**
 * failingAfterInsert returns the store with a fault: every insert into `table` is carried out, and then throws, as a
 * crash right after that write would. Whatever the caller wrote in the same transaction must be rolled back with it.
 */
export function failingAfterInsert(store: Store, table: string): Store {
  return afterInsert(store, table, async () => {
    throw new InjectedFailure(`injected failure after inserting into ${table}`);
  });
}

/** PausedStore is a store whose next insert into a table waits, inside its transaction, until the test lets it go. */
export interface PausedStore {
  store: Store;
  /** paused settles once the insert has been carried out and is waiting. */
  paused: Promise<void>;
  release(): void;
}

/**
 * pausingAfterInsert returns the store with a slow disk, or a slow client: the first insert into `table` is carried
 * out and then waits for `release()`, holding its transaction open, so a test can make another one commit first.
 */
export function pausingAfterInsert(store: Store, table: string): PausedStore {
  let release!: () => void;
  let reached!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const paused = new Promise<void>((resolve) => {
    reached = resolve;
  });
  let first = true;
  const slow = afterInsert(store, table, async () => {
    if (!first) return;
    first = false;
    reached();
    await gate;
  });
  return { store: slow, paused, release };
}

function afterInsert(store: Store, table: string, fault: () => Promise<void>): Store {
  const db = store.db.withPlugin(new AfterInsert(table, fault));
  return { ...store, db, writes: new WritePool(db) };
}

class AfterInsert implements KyselyPlugin {
  readonly table: string;
  readonly fault: () => Promise<void>;
  readonly inserts = new WeakSet<object>();

  constructor(table: string, fault: () => Promise<void>) {
    this.table = table;
    this.fault = fault;
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const node = args.node;
    if (node.kind === 'InsertQueryNode' && node.into?.table.identifier.name === this.table)
      this.inserts.add(args.queryId);
    return node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (this.inserts.has(args.queryId)) await this.fault();
    return args.result;
  }
}
