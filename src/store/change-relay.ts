import type { Store } from './open-store.ts';
import { type ChangeRelayOptions, PostgresChangeRelay } from './postgres-change-relay.ts';

/** NodeRelay carries this node's changes to the other nodes of a deployment, until closed. */
export type NodeRelay = PostgresChangeRelay;

/**
 * startChangeRelay starts carrying changes between the nodes of a deployment that share a PostgreSQL database
 * (LISTEN/NOTIFY). SQLite is one process by design: there it returns null, and nothing needs relaying.
 */
export async function startChangeRelay(
  store: Store,
  options: Omit<ChangeRelayOptions, 'db'>,
): Promise<NodeRelay | null> {
  if (store.dialect !== 'postgres') return null;
  return PostgresChangeRelay.start({ ...options, db: store.db });
}
