import { Buffer } from 'node:buffer';
import type { FastifyInstance } from 'fastify';
import { VecheError } from '../../domain/errors.ts';
import { AUDITOR_PATH, auditorFile } from '../auditor-file.ts';
import type { WebApp } from '../web-app.ts';

/** auditorRoutes serve the single-file auditor for download: GET /audit/veche-audit.mjs. */
export function auditorRoutes(server: FastifyInstance, _app: WebApp): void {
  server.get(AUDITOR_PATH, async (_request, reply) => {
    const file = auditorFile();
    if (file === null) throw new VecheError('not-found', 'This site offers no auditor file: build it with node scripts/build-auditor.ts.');
    // A download, never a script of this site: the CSP's script-src 'self' must not make it runnable in a page.
    return reply.type('text/javascript; charset=utf-8')
      .header('content-disposition', 'attachment; filename="veche-audit.mjs"')
      .header('cache-control', 'public, max-age=3600')
      // RFC 9530: the file's SHA-256, for a client that checks what it downloaded.
      .header('repr-digest', `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`)
      .send(Buffer.from(file.bytes));
  });
}
