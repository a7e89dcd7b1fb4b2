import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { VecheError } from '../../domain/errors.ts';
import { AUDITOR_PATH, auditorFile } from '../auditor-file.ts';
import type { WebApp } from '../web-app.ts';
import { securityHeaders } from '../security.ts';
import { viewContext } from '../view-context.ts';
import { recordAuditPage } from '../views/record-audit-page.ts';

/**
 * auditorRoutes serve the whole-record audit in the browser (GET /audit, its worker /audit/worker.js) and the
 * single-file auditor for download (GET /audit/veche-audit.mjs).
 */
export function auditorRoutes(server: FastifyInstance, app: WebApp): void {
  // A worker's fetches obey the policy its own script is served with: it too may read a mirror on another origin.
  const policy = securityHeaders(app.https)['content-security-policy'].replace(
    "connect-src 'self'",
    "connect-src 'self' https: http:",
  );
  const worker = readFileSync(join(import.meta.dirname, '..', 'assets', 'record-audit-worker.js'));
  server.get('/audit/worker.js', async (_request, reply) => {
    return reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .header('content-security-policy', policy)
      .send(worker);
  });

  server.get('/audit', async (request, reply) => {
    const checkpoint = await app.log.checkpoint();
    const page = recordAuditPage(
      viewContext(app, request, reply),
      checkpoint === null ? null : Number(checkpoint.split('\n')[1]),
    );
    // This page alone may read a mirror on another origin that the person names (which must allow it with CORS).
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('content-security-policy', policy)
      .send(page.text);
  });

  server.get(AUDITOR_PATH, async (_request, reply) => {
    const file = auditorFile();
    if (file === null)
      throw new VecheError(
        'not-found',
        'This site offers no auditor file: build it with node scripts/build-auditor.ts.',
      );
    // A download, never a script of this site: the CSP's script-src 'self' must not make it runnable in a page.
    return (
      reply
        .type('text/javascript; charset=utf-8')
        .header('content-disposition', 'attachment; filename="veche-audit.mjs"')
        .header('cache-control', 'public, max-age=3600')
        // RFC 9530: the file's SHA-256, for a client that checks what it downloaded.
        .header('repr-digest', `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`)
        .send(Buffer.from(file.bytes))
    );
  });
}
