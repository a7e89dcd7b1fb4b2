import type { FastifyInstance } from 'fastify';
import type { WebApp } from '../web-app.ts';

/** organiserRoutes serve the organiser's pages under /admin/petitions (being written). */
export function organiserRoutes(_server: FastifyInstance, _app: WebApp): void {
}
