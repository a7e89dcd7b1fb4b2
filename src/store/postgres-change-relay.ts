import { createHash, randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

// SPEC: https://www.postgresql.org/docs/current/sql-notify.html: a payload "must be shorter than 8000 bytes", and a
// channel is an identifier, of at most NAMEDATALEN - 1 = 63 bytes.
const payloadLimit = 7999;
const channelLimit = 63;

/** ChangeRelayOptions say where the relay listens and sends, and whom it tells. */
export interface ChangeRelayOptions {
  /** databaseUrl is the store's own URL: the listening connection must land in the same schema as the store. */
  databaseUrl: string;
  /** db is the store's pool, which sends the notifications (outside any transaction). */
  db: Kysely<Database>;
  /** onChange hears each id that another node changed; it is never called for this node's own changes. */
  onChange: (id: string) => void;
  /** onError hears that the listening connection was lost (and when it is tried again) or that a send failed. */
  onError?: (error: Error) => void;
  /** windowMs is how often at most one id is sent: the first change at once, the rest of the window at its end. */
  windowMs?: number;
  /** reconnectMs is the first wait before listening again after the connection is lost; it doubles up to reconnectMaxMs. */
  reconnectMs?: number;
  reconnectMaxMs?: number;
}

/** Window is one id's last send: further changes within windowMs are sent once, when it ends. */
interface Window {
  again: boolean;
  timer: NodeJS.Timeout;
}

/**
 * PostgresChangeRelay carries each petition's and event's changes between the nodes of one database and schema, by
 * PostgreSQL's LISTEN/NOTIFY, so that live viewers on every node hear of a change within tens of milliseconds
 * instead of at their next poll. Five thousand votes a second on one event would be five thousand notifications,
 * each written to PostgreSQL's queue and read by every node; so sends are coalesced: one id is sent at most once per
 * `windowMs` (at once, and once more at the window's end if it changed again meanwhile, so the last change is never
 * left unsent), and the ids of one moment share a notification.
 *
 * Nothing here is needed for correctness: the live views still poll, so while the listening connection is down
 * (PostgreSQL restarting, a network cut) viewers on other nodes are told about a second late, and the relay keeps
 * trying to listen again with a growing wait.
 */
export class PostgresChangeRelay {
  /** node tells this relay's notifications from other nodes' (every node hears its own notifications too). */
  readonly node = randomUUID();
  /** channel is named after the schema, so that deployments (and tests) sharing a database never hear each other. */
  readonly channel: string;
  private readonly options: ChangeRelayOptions;
  private readonly onError: (error: Error) => void;
  private readonly windowMs: number;
  private readonly reconnectMaxMs: number;
  private readonly windows = new Map<string, Window>();
  private readonly outbox = new Set<string>();
  private sending: Promise<void> | null = null;
  private sendFailed = false;
  private client: pg.Client | null = null;
  private connecting: Promise<void> = Promise.resolve();
  private isListening = false;
  private retry: NodeJS.Timeout | null = null;
  private retryMs: number;
  private closed = false;
  private closing: Promise<void> | null = null;

  private constructor(channel: string, options: ChangeRelayOptions) {
    this.channel = channel;
    this.options = options;
    this.onError = options.onError ?? (() => {});
    this.windowMs = options.windowMs ?? 100;
    this.retryMs = options.reconnectMs ?? 250;
    this.reconnectMaxMs = options.reconnectMaxMs ?? 10_000;
  }

  /**
   * start names the channel after the store's schema and listens on it. A first connection that fails is reported
   * and tried again later, as a lost one is: the node serves meanwhile, its live views polling.
   */
  static async start(options: ChangeRelayOptions): Promise<PostgresChangeRelay> {
    const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(options.db);
    const schema = rows[0]?.schema;
    if (!schema)
      throw new Error("PostgreSQL names no current schema: create the schema that DATABASE_URL's search_path names");
    const relay = new PostgresChangeRelay(changeChannel(schema), options);
    relay.connecting = relay.listen();
    await relay.connecting;
    return relay;
  }

  /** listening tells whether this node hears other nodes' changes now. */
  get listening(): boolean {
    return this.isListening;
  }

  /** send tells the other nodes that `id` changed, at once or at the end of its window; it never throws. */
  send(id: string): void {
    if (this.closed) return;
    const open = this.windows.get(id);
    if (open) {
      open.again = true;
      return;
    }
    const window: Window = {
      again: false,
      timer: setTimeout(() => {
        this.windows.delete(id);
        if (window.again) this.send(id);
      }, this.windowMs),
    };
    window.timer.unref();
    this.windows.set(id, window);
    this.outbox.add(id);
    this.sending ??= this.drain();
  }

  /** close sends what is still waiting for its window, stops listening, and leaves no timer or connection behind. */
  close(): Promise<void> {
    this.closing ??= this.shut();
    return this.closing;
  }

  private async shut(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    for (const [id, window] of this.windows) {
      clearTimeout(window.timer);
      if (window.again) this.outbox.add(id);
    }
    this.windows.clear();
    if (this.outbox.size > 0) this.sending ??= this.drain();
    await this.sending;
    await this.connecting;
    const client = this.client;
    this.client = null;
    this.isListening = false;
    await client?.end().catch(() => {});
  }

  /** drain sends the outbox, a few notifications at a time, until it is empty; one drain runs at a time. */
  private async drain(): Promise<void> {
    // A turn of the event loop first: the votes of one pooled commit announce themselves in the same moment.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.outbox.size > 0) {
      const ids = [...this.outbox];
      this.outbox.clear();
      const tooLong = (id: string) =>
        this.report(
          new Error(
            `a change of ${id.slice(0, 80)}… was not sent to other nodes: its id is too long for a notification`,
          ),
        );
      for (const payload of notificationPayloads(this.node, ids, tooLong)) {
        try {
          await sql`select pg_notify(${this.channel}, ${payload})`.execute(this.options.db);
          this.sendFailed = false;
        } catch (error) {
          // Once per outage: while PostgreSQL is away every send fails, and the requests fail louder anyway.
          if (!this.sendFailed)
            this.report(
              new Error(
                `changes not sent to other nodes, whose viewers will see them at their next poll: ${messageOf(error)}`,
                { cause: error },
              ),
            );
          this.sendFailed = true;
        }
      }
    }
    // In the same moment as the last look at the outbox: an id added after this starts a drain of its own.
    this.sending = null;
  }

  /** listen opens a connection of its own and LISTENs; when that connection is lost, it tries again after a wait. */
  private async listen(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.options.databaseUrl,
      application_name: 'veche-changes',
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      connectionTimeoutMillis: 10_000,
    });
    this.client = client;
    let ready = false;
    let lost = false;
    let failure: unknown = null;
    const lose = (error: unknown) => {
      if (lost) return;
      lost = true;
      if (this.client === client) {
        this.client = null;
        this.isListening = false;
      }
      client.end().catch(() => {});
      if (!this.closed) this.listenLater(error);
    };
    // Until LISTEN has answered, a failure rejects connect() or query() below, or is kept in `failure` when it comes
    // as an event in the moment between LISTEN's answer and this code going on; after, it is handled as it comes.
    const fail = (error: unknown) => {
      if (ready) lose(error);
      else failure ??= error;
    };
    client.on('error', fail);
    client.on('end', () => fail(new Error('PostgreSQL ended the connection')));
    client.on('notification', (message) => this.hear(message));
    try {
      await client.connect();
      await client.query(`listen ${client.escapeIdentifier(this.channel)}`);
    } catch (error) {
      lose(error);
      return;
    }
    if (failure !== null) {
      lose(failure);
      return;
    }
    if (this.closed) {
      await client.end().catch(() => {});
      return;
    }
    ready = true;
    this.isListening = true;
    this.retryMs = this.options.reconnectMs ?? 250;
  }

  private listenLater(cause: unknown): void {
    // Jitter, so that the nodes of a cluster do not all come back at the same moment after a restart of PostgreSQL.
    const wait = Math.round(this.retryMs * (0.5 + Math.random() / 2));
    this.retryMs = Math.min(this.retryMs * 2, this.reconnectMaxMs);
    this.report(
      new Error(
        `not hearing other nodes' changes (${messageOf(cause)}); listening again in ${wait} ms, polling meanwhile`,
        { cause },
      ),
    );
    this.retry = setTimeout(() => {
      this.retry = null;
      if (!this.closed) this.connecting = this.listen();
    }, wait);
    this.retry.unref();
  }

  private hear(message: pg.Notification): void {
    if (message.channel !== this.channel || message.payload === undefined) return;
    const notification = readNotification(message.payload);
    if (!notification || notification.node === this.node) return;
    for (const id of notification.ids) {
      try {
        this.options.onChange(id);
      } catch (error) {
        this.report(error instanceof Error ? error : new Error(String(error)));
      }
    }
  }

  private report(error: Error): void {
    try {
      this.onError(error);
    } catch {
      // A failing logger must not take the relay down with it.
    }
  }
}

/** changeChannel is the channel of one schema: its name when that fits in an identifier, else a hash of it. */
export function changeChannel(schema: string): string {
  const named = `veche_changes:${schema}`;
  if (Buffer.byteLength(named) <= channelLimit) return named;
  // '#' and not ':' so that a hashed name never equals a named one.
  return `veche_changes#${createHash('sha256').update(schema).digest('hex').slice(0, 48)}`;
}

/** ChangeNotification is what one notification carries: the node that sent it, and ids that changed there. */
export interface ChangeNotification {
  node: string;
  ids: string[];
}

/**
 * notificationPayloads packs ids into as few payloads as fit under PostgreSQL's limit, each a ChangeNotification as JSON.
 * An id that cannot fit even alone is left out and passed to `tooLong`.
 */
export function notificationPayloads(
  node: string,
  ids: readonly string[],
  tooLong: (id: string) => void = () => {},
  limit = payloadLimit,
): string[] {
  const head = `{"node":${JSON.stringify(node)},"ids":[`;
  const base = Buffer.byteLength(head) + 2;
  const payloads: string[] = [];
  let parts: string[] = [];
  let size = base;
  for (const id of ids) {
    const part = JSON.stringify(id);
    const bytes = Buffer.byteLength(part);
    if (base + bytes > limit) {
      tooLong(id);
      continue;
    }
    const grown = size + bytes + (parts.length > 0 ? 1 : 0);
    if (grown > limit) {
      payloads.push(`${head}${parts.join(',')}]}`);
      parts = [];
      size = base;
    }
    size += bytes + (parts.length > 0 ? 1 : 0);
    parts.push(part);
  }
  if (parts.length > 0) payloads.push(`${head}${parts.join(',')}]}`);
  return payloads;
}

/** readNotification reads a payload made by notificationPayloads; anything else (someone else's NOTIFY) is null. */
export function readNotification(payload: string): ChangeNotification | null {
  try {
    const value = JSON.parse(payload) as unknown;
    if (typeof value !== 'object' || value === null) return null;
    const { node, ids } = value as Record<string, unknown>;
    if (typeof node !== 'string' || !Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) return null;
    return { node, ids };
  } catch {
    return null;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
