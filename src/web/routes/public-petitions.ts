import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';
import { randomBytes } from 'node:crypto';
import type { PetitionView } from '../../read/petition-reader.ts';
import type { WebApp } from '../web-app.ts';
import { viewContext } from '../view-context.ts';
import { homePage } from '../views/home-page.ts';
import { petitionPage } from '../views/petition-page.ts';
import { versionsPage } from '../views/petition-versions-page.ts';
import { VecheError } from '../../domain/errors.ts';
import { recordCoverage } from '../record-proofs.ts';
import type { Catalogue } from '../../read/petition-reader.ts';
import { catalogueOrders, pickPage, searchWords, type CatalogueOrder } from '../../domain/petition-catalogue.ts';
import { InputReader } from '../../domain/input.ts';
import { invalidInput } from '../../domain/errors.ts';

const qrCache = new Map<string, string>();

// A petition page is the same for every visitor without an account but for the form token, so it is rendered once
// per view (the reader keeps a view for about a second) and language, and the token is put into a copy.
const pages = new WeakMap<PetitionView, Map<string, string>>();
const tokenSlot = `csrf-slot-${randomBytes(12).toString('base64url')}`;
const homePages = new WeakMap<Catalogue, Map<string, string>>();
// A versions page diffs up to MAX_CORRECTIONS texts: made once per view and language for visitors without an account.
const versionPages = new WeakMap<PetitionView, Map<string, string>>();

/**
 * readListQuery reads the home page's tab, search and page. Other parameters (a link shared with tracking added) are
 * let through; a bad tab, page or search is refused naming the parameter.
 */
function readListQuery(raw: unknown): { order: CatalogueOrder; query: string; page: number } {
  const input = new InputReader(raw);
  const order = input.choice('order', catalogueOrders, { fallback: 'popular' })!;
  const query = input.text('q', { max: 200 }) ?? '';
  const page = input.integer('page', { min: 1, max: 100_000 }) ?? 1;
  if (input.problems.length > 0) throw invalidInput(input.problems);
  return { order, query, page };
}

/** qrSvg returns the QR code of a URL as SVG markup (made once per URL). */
export async function qrSvg(url: string): Promise<string> {
  let svg = qrCache.get(url);
  if (!svg) {
    svg = (await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })).replace(
      '<svg ',
      '<svg role="img" aria-label="QR" ',
    );
    if (qrCache.size > 5000) qrCache.clear();
    qrCache.set(url, svg);
  }
  return svg;
}

/** publicPetitionRoutes serve the home page and each petition's page. */
export function publicPetitionRoutes(server: FastifyInstance, app: WebApp): void {
  server.get('/', async (request, reply) => {
    const { order, query, page } = readListQuery(request.query);
    const catalogue = await app.reader.catalogue();
    const ctx = viewContext(app, request, reply);
    const listing = () => ({
      order,
      query,
      page: pickPage(catalogue.sorted[order], catalogue.keys, searchWords(query), page),
    });
    if (ctx.account || query) return reply.type('text/html; charset=utf-8').send(homePage(ctx, listing()).text);
    // The same for every visitor without an account, as a petition page is: made once per catalogue, tab, page, language.
    let byKey = homePages.get(catalogue);
    if (!byKey) homePages.set(catalogue, (byKey = new Map()));
    const key = `${order}:${page}:${ctx.lang}`;
    let text = byKey.get(key);
    if (text === undefined) {
      text = homePage({ ...ctx, path: '/', csrf: tokenSlot }, listing()).text;
      if (byKey.size < 500) byKey.set(key, text);
    }
    return reply.type('text/html; charset=utf-8').send(text.replaceAll(tokenSlot, ctx.csrf));
  });

  server.get<{ Params: { id: string } }>('/p/:id', async (request, reply) => {
    const view = await app.reader.view(request.params.id);
    if (!view) throw new VecheError('not-found', 'No such petition.');
    const ctx = viewContext(app, request, reply);
    const qr = await qrSvg(`${app.config.publicUrl}/p/${view.petition.publicId}`);
    // The record's coverage is fixed per view (see recordCoverage), so the page kept per view stays true to it.
    const record = await recordCoverage(app, view);
    if (ctx.account)
      return reply.type('text/html; charset=utf-8').send(petitionPage(ctx, view, qr, undefined, record).text);
    let byLanguage = pages.get(view);
    if (!byLanguage) pages.set(view, (byLanguage = new Map()));
    let page = byLanguage.get(ctx.lang);
    if (page === undefined) {
      page = petitionPage(
        { ...ctx, path: `/p/${view.petition.publicId}`, csrf: tokenSlot },
        view,
        qr,
        undefined,
        record,
      ).text;
      byLanguage.set(ctx.lang, page);
    }
    return reply.type('text/html; charset=utf-8').send(page.replaceAll(tokenSlot, ctx.csrf));
  });

  server.get<{ Params: { id: string } }>('/p/:id/versions', async (request, reply) => {
    const view = await app.reader.view(request.params.id);
    if (!view) throw new VecheError('not-found', 'No such petition.');
    const ctx = viewContext(app, request, reply);
    if (ctx.account)
      return reply.type('text/html; charset=utf-8').send(versionsPage(ctx, view.petition, view.versions).text);
    let byLanguage = versionPages.get(view);
    if (!byLanguage) versionPages.set(view, (byLanguage = new Map()));
    let page = byLanguage.get(ctx.lang);
    if (page === undefined) {
      page = versionsPage({ ...ctx, csrf: tokenSlot }, view.petition, view.versions).text;
      byLanguage.set(ctx.lang, page);
    }
    return reply.type('text/html; charset=utf-8').send(page.replaceAll(tokenSlot, ctx.csrf));
  });

  server.get<{ Params: { id: string } }>('/p/:id/qr.svg', async (request, reply) => {
    const view = await app.reader.view(request.params.id);
    if (!view) throw new VecheError('not-found', 'No such petition.');
    return reply
      .type('image/svg+xml')
      .header('cache-control', 'public, max-age=86400')
      .send(await qrSvg(`${app.config.publicUrl}/p/${view.petition.publicId}`));
  });
}
