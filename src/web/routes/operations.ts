import type { FastifyInstance } from 'fastify';
import { hash, timingSafeEqual } from 'node:crypto';
import { Gauge } from 'prom-client';
import { registry, requestSeconds, responses } from '../../metrics/metrics.ts';
import { assertDatabaseAnswers } from '../../read/database-health.ts';
import { queuedMailCount } from '../../read/queued-mail-count.ts';
import type { WebApp } from '../web-app.ts';
import { viewContext } from '../view-context.ts';
import { requireAccount } from './accounts.ts';
import { listOutbox, readOutbox, outboxEnabled } from '../../mail/mailer.ts';
import { outboxPage, outboxMessagePage } from '../views/outbox-pages.ts';
import { VecheError } from '../../domain/errors.ts';
import { streamsOf } from '../live/event-stream.ts';
import { packetsBeingMade } from '../exports/build-packet.ts';
import { problemOf } from '../problem.ts';
import { translator } from '../../i18n/i18n.ts';

/** The apps of this process (one, but tests start several), for the gauges that read them when scraped. */
const apps = new Set<WebApp>();

const ROBOTS = [
  'User-agent: *',
  'Disallow: /receipt',
  'Disallow: /confirm/',
  'Disallow: /unsubscribe/',
  'Disallow: /login',
  'Disallow: /admin',
  'Disallow: /organiser',
  'Disallow: /moderate',
  'Disallow: /api/',
  'Disallow: /log/',
  '',
].join('\n');
new Gauge({
  name: 'veche_live_streams',
  help: 'Server-Sent Events streams open now (event pages, big screens, petition counts)',
  registers: [registry],
  collect() {
    this.set([...apps].reduce((sum, app) => sum + streamsOf(app).size, 0));
  },
});
new Gauge({
  name: 'veche_live_streams_limit',
  help: 'How many streams this node keeps open at most (VECHE_MAX_LIVE_STREAMS)',
  registers: [registry],
  collect() {
    this.set([...apps].reduce((sum, app) => sum + app.config.maxLiveStreams, 0));
  },
});

new Gauge({
  name: 'veche_packets_in_progress',
  help: 'Delivery packets (PDF) being made now, each in a worker thread',
  registers: [registry],
  collect() {
    this.set(packetsBeingMade());
  },
});

new Gauge({
  name: 'veche_record_pending_entries',
  help: 'Entries waiting to be sequenced into the public record, as last counted',
  registers: [registry],
  collect() {
    this.set([...apps].reduce((sum, app) => sum + app.recordHealth().pending, 0));
  },
});
new Gauge({
  name: 'veche_record_sequencing',
  help: '1 while this node holds the turn to sequence the public record',
  registers: [registry],
  collect() {
    this.set([...apps].filter((app) => app.recordHealth().state === 'sequencing').length);
  },
});
new Gauge({
  name: 'veche_record_failing_seconds',
  help: 'How long this node has failed to sequence the record (0 while it works or stands by)',
  registers: [registry],
  collect() {
    const since = [...apps].map((app) => app.recordHealth().failingSince).filter((at) => at !== null);
    this.set(since.length === 0 ? 0 : (Date.now() - Math.min(...since)) / 1000);
  },
});
new Gauge({
  name: 'veche_mail_queued',
  help: 'Emails waiting to be sent (each with its address encrypted)',
  registers: [registry],
  async collect() {
    let queued = 0;
    for (const app of apps) queued += await queuedMailCount(app).catch(() => 0);
    this.set(queued);
  },
});

/**
 * bearerMatches tells whether an Authorization header carries `token`, comparing hashes in constant time so that
 * neither the token's characters nor its length can be learnt from how long the answer takes.
 */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const sent = /^Bearer +(\S+)$/i.exec(header ?? '')?.[1] ?? '';
  return timingSafeEqual(hash('sha256', sent, 'buffer'), hash('sha256', token, 'buffer'));
}

/** recordHealthOf is the record's health as /healthz shows it: times as seconds, no message that could hold a path. */
function recordHealthOf(app: WebApp) {
  const health = app.recordHealth();
  return {
    state: health.state,
    pending: health.pending,
    ...(health.failingSince === null
      ? {}
      : { failingForSeconds: Math.round((Date.now() - health.failingSince) / 1000), problem: health.problem }),
  };
}

/** operationsRoutes: health, Prometheus metrics (with VECHE_METRICS_TOKEN), and the admin's view of the local outbox. */
export function operationsRoutes(server: FastifyInstance, app: WebApp): void {
  apps.add(app);
  server.addHook('onClose', async () => {
    apps.delete(app);
  });
  server.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unknown';
    responses.inc({ route, status: `${Math.floor(reply.statusCode / 100)}xx` });
    requestSeconds.observe({ route, method: request.method }, reply.elapsedTime / 1000);
  });
  // Search engines may index petitions, events and the record's pages, which organisers want found; never a receipt,
  // a confirmation link, an account page or the API (each is also noindex or no-store on its own).
  server.get('/robots.txt', async (_request, reply) =>
    reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=86400').send(ROBOTS),
  );
  // /healthz is readiness: 200 while the database answers, so a balancer keeps sending people here. Whether this node
  // keeps the public record is told beside it, and by /healthz/record, which a monitor can alert on.
  server.get('/healthz', async (_request, reply) => {
    await assertDatabaseAnswers(app);
    return reply.header('cache-control', 'no-store').send({ status: 'ok', record: recordHealthOf(app) });
  });
  server.get('/healthz/record', async (_request, reply) => {
    const record = recordHealthOf(app);
    return reply
      .code(record.state === 'failing' ? 503 : 200)
      .header('cache-control', 'no-store')
      .send(record);
  });
  // Metrics tell how busy the site is and when: only for the operator's Prometheus, with the token it was given.
  const metricsToken = app.config.metricsToken;
  server.get('/metrics', async (request, reply) => {
    if (metricsToken === undefined) throw new VecheError('not-found', 'No such page.');
    if (!bearerMatches(request.headers.authorization, metricsToken)) {
      const problem = problemOf(
        'unauthenticated',
        401,
        translator(request.lang),
        'Send the metrics token as `Authorization: Bearer <token>`.',
      );
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="metrics"')
        .header('cache-control', 'no-store')
        .type('application/problem+json; charset=utf-8')
        .send(problem);
    }
    return reply
      .type(registry.contentType)
      .header('cache-control', 'no-store')
      .send(await registry.metrics());
  });

  server.get('/admin/outbox', async (request, reply) => {
    const account = requireAccount(request);
    if (account.role !== 'admin' || !outboxEnabled(app.config))
      throw new VecheError('forbidden', 'Only an admin can read the outbox.');
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(outboxPage(viewContext(app, request, reply), listOutbox(app.config).slice(0, 500)).text);
  });
  server.get<{ Params: { name: string } }>('/admin/outbox/:name', async (request, reply) => {
    const account = requireAccount(request);
    if (account.role !== 'admin' || !outboxEnabled(app.config))
      throw new VecheError('forbidden', 'Only an admin can read the outbox.');
    const source = readOutbox(app.config, request.params.name);
    if (source === null) throw new VecheError('not-found', 'No such email.');
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(outboxMessagePage(viewContext(app, request, reply), request.params.name, source).text);
  });
}
