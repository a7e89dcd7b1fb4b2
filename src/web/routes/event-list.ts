import type { FastifyInstance } from 'fastify';
import type { WebApp } from '../web-app.ts';
import { viewContext } from '../view-context.ts';
import { eventListPage, type EventListing } from '../views/event-list-page.ts';
import { EventCatalogueReader, type EventCatalogue } from '../../read/event-catalogue-reader.ts';
import { pickEventPage } from '../../domain/event-catalogue.ts';
import { searchWords } from '../../domain/petition-catalogue.ts';
import { InputReader } from '../../domain/input.ts';
import { invalidInput } from '../../domain/errors.ts';

/**
 * readListQuery reads the list's search and page. Other parameters (a link shared with tracking added) are let
 * through, as on the home page; a bad page or search is refused naming the parameter.
 */
function readListQuery(raw: unknown): { query: string; page: number } {
  const input = new InputReader(raw);
  const query = input.text('q', { max: 200 }) ?? '';
  const page = input.integer('page', { min: 1, max: 100_000 }) ?? 1;
  if (input.problems.length > 0) throw invalidInput(input.problems);
  return { query, page };
}

/** eventListRoutes serve /events, the public list of the events their organisers chose to list. */
export function eventListRoutes(server: FastifyInstance, app: WebApp): void {
  const reader = new EventCatalogueReader(app);
  // The page is the same for every visitor without an account: made once per list read (about a second), page and
  // language. It has no form that posts, so it carries no form token.
  const pages = new WeakMap<EventCatalogue, Map<string, string>>();
  server.get('/events', async (request, reply) => {
    const { query, page } = readListQuery(request.query);
    const catalogue = await reader.catalogue();
    const ctx = viewContext(app, request, reply);
    const listing = (): EventListing => ({
      query,
      now: catalogue.now,
      page: pickEventPage(catalogue.sorted, catalogue.keys, searchWords(query), page),
    });
    reply.type('text/html; charset=utf-8');
    if (ctx.account || query) return reply.send(eventListPage(ctx, listing()).text);
    let byKey = pages.get(catalogue);
    if (!byKey) pages.set(catalogue, (byKey = new Map()));
    const key = `${page}:${ctx.lang}`;
    let text = byKey.get(key);
    if (text === undefined) {
      text = eventListPage({ ...ctx, path: '/events' }, listing()).text;
      if (byKey.size < 500) byKey.set(key, text);
    }
    return reply.send(text);
  });
}
