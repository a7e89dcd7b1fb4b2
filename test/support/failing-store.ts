import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import type { Store } from '../../src/store/open-store.ts';

/** InjectedFailure is what a failing store throws, so a test can tell it from a real error. */
export class InjectedFailure extends Error {}

/**
 * failingAfterInsert returns the store with a fault: every insert into `table` is carried out, and then throws, as a
 * crash right after that write would. Whatever the caller wrote in the same transaction must be rolled back with it.
 */
export function failingAfterInsert(store: Store, table: string): Store {
  return { ...store, db: store.db.withPlugin(new FailAfterInsert(table)) };
}

class FailAfterInsert implements KyselyPlugin {
  readonly table: string;
  readonly inserts = new WeakSet<object>();

  constructor(table: string) {
    this.table = table;
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const node = args.node;
    if (node.kind === 'InsertQueryNode' && node.into?.table.identifier.name === this.table) this.inserts.add(args.queryId);
    return node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (this.inserts.has(args.queryId)) throw new InjectedFailure(`injected failure after inserting into ${this.table}`);
    return args.result;
  }
}
