import type { ServerResponse, OutgoingHttpHeaders } from 'node:http';
import type { FastifyReply } from 'fastify';
import { VecheError } from '../../domain/errors.ts';

// SPEC: https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream

/**
 * EventStreamOptions: how often an idle stream is kept alive, how long a browser waits to reconnect, how many may be
 * open, and how many of them one client (the keyed hash of its address, see web/client-address.ts) may hold.
 */
export interface EventStreamOptions {
  heartbeatMs?: number;
  retryMs?: number;
  max?: number;
  perClient?: number;
}

const frames = new WeakMap<object, string>();

/** eventFrame is one Server-Sent Event's text; frames of the same data object are made once, however many streams get them. */
export function eventFrame(event: string, data: object): string {
  let frame = frames.get(data);
  if (frame === undefined) {
    frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    frames.set(data, frame);
  }
  return frame;
}

/** EventStream is one open Server-Sent Events response. */
export class EventStream {
  private readonly response: ServerResponse;
  private waiting: string | null = null;
  closed = false;

  constructor(response: ServerResponse) {
    this.response = response;
    response.on('drain', () => {
      const frame = this.waiting;
      this.waiting = null;
      if (frame !== null) this.write(frame);
    });
  }

  /** send writes one event. A slow reader that has not taken the last event gets only the newest one when it can. */
  send(frame: string): void {
    if (this.closed) return;
    if (this.response.writableNeedDrain) {
      this.waiting = frame;
      return;
    }
    this.write(frame);
  }

  /** comment writes a comment line (a heartbeat), unless the reader is behind anyway. */
  comment(text: string): void {
    if (!this.closed && !this.response.writableNeedDrain) this.write(`: ${text}\n\n`);
  }

  /** end closes the stream from our side. */
  end(): void {
    if (!this.response.writableEnded) this.response.end();
  }

  private write(frame: string): void {
    if (!this.response.destroyed && !this.response.writableEnded) this.response.write(frame);
  }
}

/**
 * EventStreams opens Server-Sent Events responses and keeps them: one timer sends every stream's heartbeat, so
 * that proxies do not drop an idle connection, and `closeAll` ends them all when the server shuts down (else a
 * graceful close would wait for viewers that never leave).
 */
export class EventStreams {
  private readonly streams = new Set<EventStream>();
  private readonly heartbeatMs: number;
  private readonly retryMs: number;
  private readonly max: number;
  private readonly perClient: number;
  /** byClient counts the open streams of each client that has one; it holds keys, never addresses. */
  private readonly byClient = new Map<string, number>();
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(options: EventStreamOptions = {}) {
    this.heartbeatMs = options.heartbeatMs ?? 15_000;
    this.retryMs = options.retryMs ?? 3000;
    this.max = options.max ?? Infinity;
    this.perClient = options.perClient ?? Infinity;
  }

  /** size is how many streams are open. */
  get size(): number {
    return this.streams.size;
  }

  /**
   * assertRoom refuses a new stream (503, `too-many-streams`) when `max` are open: past the sockets and memory one
   * node has, every viewer would suffer, and each refused page fetches the state now and then instead. Call it before
   * starting the work a stream needs, with the key of the client (its address's keyed hash) to count its share.
   * Streams being opened at that moment can take the counts a little past their limits.
   */
  assertRoom(client = ''): void {
    if (this.streams.size >= this.max) {
      throw new VecheError(
        'too-many-streams',
        `This server is following ${this.max} live viewers, as many as it takes.`,
      );
    }
    // One client must not take a node's every stream; past its share it gets the same answer as a full node.
    if ((this.byClient.get(client) ?? 0) >= this.perClient) {
      throw new VecheError(
        'too-many-streams',
        `This connection follows ${this.perClient} live streams already, as many as one address may.`,
      );
    }
  }

  /** streamsOfClient is how many streams a client holds open now. */
  streamsOfClient(client: string): number {
    return this.byClient.get(client) ?? 0;
  }

  /**
   * open takes the response over from Fastify and starts the stream. The headers Fastify's hooks already set (the
   * security headers, a language cookie) are sent with it: after `hijack` Fastify sends nothing itself.
   * `onClose` runs once, when the reader goes away or the stream is ended.
   */
  open(reply: FastifyReply, onClose: () => void, client = ''): EventStream {
    reply.hijack();
    const response = reply.raw;
    const stream = new EventStream(response);
    if (!response.socket || response.socket.destroyed) {
      // The reader left while the count was first read: its 'close' has come and gone, so end the watch here.
      stream.closed = true;
      onClose();
      return stream;
    }
    const headers: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) headers[name] = value;
    response.writeHead(200, {
      ...headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-store, no-transform',
      // nginx and some other proxies hold back a response until it ends, unless told not to.
      'x-accel-buffering': 'no',
    });
    response.write(`retry: ${this.retryMs}\n\n`);
    this.streams.add(stream);
    this.byClient.set(client, (this.byClient.get(client) ?? 0) + 1);
    response.once('close', () => {
      stream.closed = true;
      this.streams.delete(stream);
      const left = (this.byClient.get(client) ?? 1) - 1;
      if (left > 0) this.byClient.set(client, left);
      else this.byClient.delete(client);
      if (this.streams.size === 0) this.stopHeartbeat();
      onClose();
    });
    response.socket?.setNoDelay(true);
    if (!this.heartbeat) {
      this.heartbeat = setInterval(() => {
        for (const open of this.streams) open.comment('ping');
      }, this.heartbeatMs);
      this.heartbeat.unref();
    }
    return stream;
  }

  /** closeAll ends every open stream; browsers reconnect (to another node, or to this one when it is back). */
  closeAll(): void {
    for (const stream of this.streams) stream.end();
    this.stopHeartbeat();
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }
}

const shared = new WeakMap<object, EventStreams>();

/**
 * streamsOf is the one set of open streams of a web app, shared by the petition counts and the events, so that one
 * limit (VECHE_MAX_LIVE_STREAMS) covers every stream of the node, and one (VECHE_MAX_STREAMS_PER_ADDRESS) each client's.
 */
export function streamsOf(app: { config: { maxLiveStreams: number; maxStreamsPerAddress: number } }): EventStreams {
  let streams = shared.get(app);
  if (!streams)
    shared.set(
      app,
      (streams = new EventStreams({ max: app.config.maxLiveStreams, perClient: app.config.maxStreamsPerAddress })),
    );
  return streams;
}
