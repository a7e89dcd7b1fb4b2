import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';
import type { WebApp } from '../web-app.ts';
import { viewContext } from '../view-context.ts';
import { homePage } from '../views/home-page.ts';
import { petitionPage } from '../views/petition-page.ts';
import { VecheError } from '../../domain/errors.ts';

const qrCache = new Map<string, string>();

/** qrSvg returns the QR code of a URL as SVG markup (made once per URL). */
export async function qrSvg(url: string): Promise<string> {
  let svg = qrCache.get(url);
  if (!svg) {
    svg = (await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }))
      .replace('<svg ', '<svg role="img" aria-label="QR" ');
    if (qrCache.size > 5000) qrCache.clear();
    qrCache.set(url, svg);
  }
  return svg;
}

/** publicPetitionRoutes serve the home page and each petition's page. */
export function publicPetitionRoutes(server: FastifyInstance, app: WebApp): void {
  server.get('/', async (request, reply) => {
    const order = (request.query as Record<string, string>).order;
    const items = await app.reader.list();
    const ctx = viewContext(app, request, reply);
    return reply.type('text/html; charset=utf-8').send(homePage(ctx, items, order === 'new' || order === 'closed' ? order : 'popular').text);
  });

  server.get<{ Params: { id: string } }>('/p/:id', async (request, reply) => {
    const view = await app.reader.view(request.params.id);
    if (!view) throw new VecheError('not-found', 'No such petition.');
    const ctx = viewContext(app, request, reply);
    const qr = await qrSvg(`${app.config.publicUrl}/p/${view.petition.public_id}`);
    return reply.type('text/html; charset=utf-8').send(petitionPage(ctx, view, qr).text);
  });

  server.get<{ Params: { id: string } }>('/p/:id/qr.svg', async (request, reply) => {
    const view = await app.reader.view(request.params.id);
    if (!view) throw new VecheError('not-found', 'No such petition.');
    return reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400')
      .send(await qrSvg(`${app.config.publicUrl}/p/${view.petition.public_id}`));
  });
}
