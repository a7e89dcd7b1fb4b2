import { Buffer } from 'node:buffer';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { VecheError } from '../../domain/errors.ts';
import { FULL_WIDTH, parseTilePath } from '../../record/tile-path.ts';
import type { WebApp } from '../web-app.ts';
import { viewContext } from '../view-context.ts';
import { recordAboutPage } from '../views/record-about-page.ts';

// SPEC: https://c2sp.org/tlog-tiles#apis: the checkpoint is mutable and SHOULD NOT be cached beyond a few seconds;
// tiles and bundles are immutable. Partial ones get a short lifetime all the same: a newer checkpoint makes them
// stale for every client but those holding the older one.
const CHECKPOINT_CACHE = 'no-cache';
const FULL_CACHE = 'public, max-age=31536000, immutable';
const PARTIAL_CACHE = 'public, max-age=60';
const KEY_CACHE = 'public, max-age=3600';
// The policy changes only when the operator changes the witnesses, and then should reach verifiers soon.
const POLICY_CACHE = 'public, max-age=300';

/** logRoutes serve the public record (c2sp.org/tlog-tiles): /log/checkpoint, /log/key, /log/tile/… */
export function logRoutes(server: FastifyInstance, app: WebApp): void {
  server.get('/log/checkpoint', async (_request, reply) => {
    const checkpoint = await app.log.checkpoint();
    if (checkpoint === null) throw notFound(reply, 'The record has no checkpoint yet.');
    return reply.type('text/plain; charset=utf-8').header('cache-control', CHECKPOINT_CACHE).send(checkpoint);
  });

  server.get('/log/witnessed-checkpoint', async (_request, reply) => {
    // The newest checkpoint that met the policy's quorum: what a verifier that needs the witnesses reads.
    const checkpoint = await app.log.witnessedCheckpoint();
    if (checkpoint === null) throw notFound(reply, 'No checkpoint has met the witness policy yet.');
    return reply.type('text/plain; charset=utf-8').header('cache-control', CHECKPOINT_CACHE).send(checkpoint);
  });

  server.get('/log/policy', async (_request, reply) => {
    return reply.type('text/plain; charset=utf-8').header('cache-control', POLICY_CACHE).send(app.witnessPolicy.text);
  });

  server.get('/record', async (request, reply) => {
    const page = recordAboutPage(
      viewContext(app, request, reply),
      await app.log.checkpoint(),
      app.log.verifierKey,
      app.witnessPolicy,
    );
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(page.text);
  });

  server.get('/log/key', async (_request, reply) => {
    return reply.type('text/plain; charset=utf-8').header('cache-control', KEY_CACHE).send(app.log.verifierKey);
  });

  server.get('/log/tile/*', async (request, reply) => {
    // The path exactly as sent: the router would forgive a trailing slash or decode %2e, and a tile has one name.
    const [path] = request.url.split('?', 1);
    const parts = path.startsWith('/log/') ? parseTilePath(path.slice('/log/'.length)) : null;
    const bytes = parts === null ? null : await app.log.tile(parts);
    if (parts === null || bytes === null) throw notFound(reply, 'No such tile in the record.');
    return reply
      .type('application/octet-stream')
      .header('cache-control', parts.width === FULL_WIDTH ? FULL_CACHE : PARTIAL_CACHE)
      .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });
}

function notFound(reply: FastifyReply, message: string): VecheError {
  // A tile missing now may exist a tick later: the 404 must not be cached.
  reply.header('cache-control', 'no-store');
  return new VecheError('not-found', message);
}
