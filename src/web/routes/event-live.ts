import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WebApp } from '../web-app.ts';
import { VecheError } from '../../domain/errors.ts';
import { findEvent } from '../../actions/find-event.ts';
import { normaliseJoinCode } from '../../domain/join-code.ts';
import { isLanguage, translator } from '../../i18n/i18n.ts';
import { streamsOf, type EventStream } from '../live/event-stream.ts';
import type { EventSnapshot } from '../live/event-live.ts';
import { problemOf } from '../problem.ts';
import { viewContext } from '../view-context.ts';
import { eventScreen } from '../views/event-screen.ts';
import { qrSvg } from './public-petitions.ts';
import { addressKey } from '../client-address.ts';

type CodeRequest = FastifyRequest<{ Params: { code: string } }>;

const noEvent = 'No event has this code. Check the code and try again.';

/**
 * eventLiveRoutes serve an event's live state: the Server-Sent Events stream every viewer follows, the same state as
 * JSON for clients that cannot hold a stream, and the big screen for a projector.
 */
export function eventLiveRoutes(server: FastifyInstance, app: WebApp): void {
  const live = app.eventLive;
  const streams = streamsOf(app);
  server.addHook('preClose', async () => streams.closeAll());
  // The JSON of a state is made once, however many clients ask for it.
  const bodies = new WeakMap<EventSnapshot, Buffer>();

  // `?changes=1`: after the first whole state, a change (EventChange) for each new state, where the viewer has the
  // one before: a kilobyte or two where a whole state is tens, which is what lets one node keep ten thousand viewers.
  server.get<{ Params: { code: string }; Querystring: { changes?: unknown } }>(
    '/e/:code/live',
    async (request, reply) => {
      const code = normaliseJoinCode(request.params.code);
      const compact = request.query.changes === '1';
      const client = addressKey(request.ip);
      if (request.method !== 'HEAD') streams.assertRoom(client);
      let stream: EventStream | null = null;
      const watching = code ? await live.watch(code, (bytes) => sendBytes(stream, bytes), { compact }) : null;
      // Before the stream starts: a problem for an EventSource (it asks for text/event-stream), else the usual page.
      if (!watching) {
        if (!String(request.headers.accept ?? '').includes('text/event-stream'))
          throw new VecheError('not-found', noEvent);
        return sendNotFound(request, reply);
      }
      if (request.method === 'HEAD') {
        watching.stop();
        return reply.type('text/event-stream; charset=utf-8').header('cache-control', 'no-cache').send();
      }
      // A stream's connection is never reused: closed with the stream, so a server that ends every stream to shut
      // down does not then wait for the idle keep-alive connections they would leave behind.
      reply.header('connection', 'close');
      stream = streams.open(reply, watching.stop, client);
      sendBytes(stream, watching.latest.bytes);
    },
  );

  server.get('/api/events/:code/state', async (request: CodeRequest, reply) => {
    const snapshot = await currentState(app, request.params.code);
    let body = bodies.get(snapshot);
    if (body === undefined) bodies.set(snapshot, (body = Buffer.from(JSON.stringify(snapshot))));
    return reply.type('application/json; charset=utf-8').header('cache-control', 'public, max-age=1').send(body);
  });

  server.get('/e/:code/screen', async (request: CodeRequest, reply) => {
    const event = await findEvent(app, request.params.code);
    const snapshot = await currentState(app, event.code);
    const link = `${app.config.publicUrl}/e/${event.code}`;
    // The screen speaks the event's language, not the projector browser's; `?lang=` is the operator's override.
    const chosen = (request.query as Record<string, unknown>).lang;
    const lang = isLanguage(chosen) ? chosen : isLanguage(event.language) ? event.language : request.lang;
    const ctx = { ...viewContext(app, request, reply), lang, t: translator(lang) };
    const page = eventScreen(
      ctx,
      { title: event.title, addressee: event.addressee, moderation: event.moderation },
      snapshot,
      link,
      await qrSvg(link),
    );
    // The same for everyone who opens it without an account: kept by caches for a second, like the event's page.
    return reply.type('text/html; charset=utf-8').send(page.text);
  });
}

/**
 * sendBytes writes a frame as the bytes made once for every viewer. EventStream.send is typed for text but writes
 * whatever it is given to the response, and writing the same text to ten thousand sockets would encode it ten
 * thousand times: that took three times as long as writing the bytes.
 */
function sendBytes(stream: EventStream | null, bytes: Buffer): void {
  stream?.send(bytes as unknown as string);
}

/** currentState is an event's live state by a code as typed, or `not-found`. */
async function currentState(app: WebApp, typed: string): Promise<EventSnapshot> {
  const code = normaliseJoinCode(typed);
  const snapshot = code ? await app.eventLive.current(code) : null;
  if (!snapshot) throw new VecheError('not-found', noEvent);
  return snapshot;
}

function sendNotFound(request: FastifyRequest, reply: FastifyReply) {
  const problem = problemOf('not-found', 404, translator(request.lang ?? 'en'), noEvent);
  return reply
    .code(404)
    .type('application/problem+json; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(problem);
}
