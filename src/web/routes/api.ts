import type { FastifyInstance } from 'fastify';
import type { WebApp } from '../web-app.ts';

/** apiRoutes serve the JSON API under /api (being written). */
export function apiRoutes(server: FastifyInstance, app: WebApp): void {
  server.get('/api/pow/challenge', async (_request, reply) => {
    return reply.header('cache-control', 'no-store').send(await app.proofOfWork.challenge());
  });
}
