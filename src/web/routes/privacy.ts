import type { FastifyInstance } from 'fastify';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { WebApp } from '../web-app.ts';
import { viewContext } from '../view-context.ts';
import { privacyPage } from '../views/privacy-page.ts';

const threatModelFile = fileURLToPath(new URL('../../../docs/threat-model.md', import.meta.url));

/** privacyRoutes serve the plain-language safety page and the written threat model it links to. */
export function privacyRoutes(server: FastifyInstance, app: WebApp): void {
  let threatModel: Promise<string> | undefined;
  server.get('/privacy', async (request, reply) => {
    return reply.type('text/html; charset=utf-8').send(privacyPage(viewContext(app, request, reply)).text);
  });
  // The same document the repository holds, so that what the site promises and what the code is held to are one text.
  server.get('/privacy/threat-model.txt', async (_request, reply) => {
    threatModel ??= readFile(threatModelFile, 'utf8');
    return reply
      .type('text/plain; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(await threatModel);
  });
}
