import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * noStore is a route's options making every answer it gives, error pages included, `Cache-Control: no-store`: pages
 * that show a confirmation link's petition, a receipt or a withdrawal must stay out of caches and a phone's disk.
 */
export const noStore = {
  onSend: async (_request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    reply.header('cache-control', 'no-store');
    return payload;
  },
};
