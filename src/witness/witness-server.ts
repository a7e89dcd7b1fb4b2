import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { cosignCheckpoint, originHash } from './cosign-checkpoint.ts';
import type { Witness } from './cosign-checkpoint.ts';

// SPEC: https://c2sp.org/tlog-witness: POST <submission prefix>/add-checkpoint, and the monitoring API
// GET <monitoring prefix>/<hex SHA-256 of the origin>/checkpoint; both prefixes are this server's root.

/** MAX_REQUEST_BYTES bounds an add-checkpoint body: 63 proof lines and a note of up to 100 signatures, ML-DSA ones included. */
export const MAX_REQUEST_BYTES = 512 * 1024;

/** buildWitnessServer is the witness's HTTP interface: add-checkpoint, each log's latest cosigned checkpoint, and about. */
export function buildWitnessServer(witness: Witness, about: () => string): FastifyInstance {
  // No request is logged: a witness is asked only by logs, and keeps nothing about who asked.
  const server = Fastify({ logger: false, bodyLimit: MAX_REQUEST_BYTES, requestTimeout: 10_000 });
  server.removeAllContentTypeParsers();
  server.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  const byHash = new Map([...witness.logs.keys()].map((origin) => [originHash(origin), origin]));

  server.post('/add-checkpoint', async (request, reply) => {
    const body = typeof request.body === 'string' ? request.body : '';
    const answer = await cosignCheckpoint(witness, body);
    return reply.status(answer.status).type(answer.type).header('cache-control', 'no-store').send(answer.body);
  });

  server.get<{ Params: { hash: string } }>('/:hash/checkpoint', async (request, reply) => {
    // SPEC: the latest cosigned checkpoint with the log's verified signatures and ours; 404 if never cosigned.
    const origin = byHash.get(request.params.hash);
    const state = origin === undefined ? null : await witness.store.latest(origin);
    reply.type('text/plain; charset=utf-8').header('cache-control', 'no-cache');
    if (state === null) return reply.status(404).send('no checkpoint of this log was cosigned here\n');
    return reply.send(state.checkpoint);
  });

  server.get('/', async (_request, reply) => reply.type('text/plain; charset=utf-8').send(about()));
  server.get('/healthz', async (_request, reply) => reply.type('text/plain; charset=utf-8').send('ok\n'));
  server.setNotFoundHandler((_request, reply) =>
    reply.status(404).type('text/plain; charset=utf-8').send('not found\n'),
  );
  server.setErrorHandler((error: { statusCode?: number }, _request, reply) => {
    // A body too large or cut off is the client's fault; anything else is ours, and says nothing more.
    const status =
      error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    return reply
      .status(status)
      .type('text/plain; charset=utf-8')
      .send(status === 500 ? 'internal error\n' : 'bad request\n');
  });
  return server;
}
