import { attachmentRoutes } from './routes/attachments.ts';
import { databaseErrors, isDatabaseError, refusals, responses } from '../metrics/metrics.ts';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import formbody from '@fastify/formbody';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { VecheError } from '../domain/errors.ts';
import { pickLanguage, translator } from '../i18n/i18n.ts';
import { cookieNames, securityHeaders, checkCsrf } from './security.ts';
import { problemOf, statusOf } from './problem.ts';
import { sessionAccount } from '../actions/session-account.ts';
import { viewContext } from './view-context.ts';
import { proxyTrustOf } from './client-address.ts';
import { RouteParams } from './route-params.ts';
import { bodyLimitOf, bodyLimits } from './body-limits.ts';
import { errorPage } from './views/error-page.ts';
import { languageCookie, ResponseCache } from './response-cache.ts';
import type { WebApp } from './web-app.ts';
import { publicPetitionRoutes } from './routes/public-petitions.ts';
import { signingRoutes } from './routes/signing.ts';
import { accountRoutes } from './routes/accounts.ts';
import { organiserRoutes } from './routes/organiser.ts';
import { organiserCorrectionRoutes } from './routes/organiser-corrections.ts';
import { organiserPaperRoutes } from './routes/organiser-paper.ts';
import { apiRoutes } from './routes/api.ts';
import { operationsRoutes } from './routes/operations.ts';
import { logRoutes } from './routes/log.ts';
import { auditorRoutes } from './routes/auditor.ts';
import { proofRoutes } from './routes/proofs.ts';
import { publicEventsRoutes } from './routes/public-events.ts';
import { eventLiveRoutes } from './routes/event-live.ts';
import { organiserEventsRoutes } from './routes/organiser-events.ts';
import { moderationRoutes } from './routes/moderation.ts';
import { privacyRoutes } from './routes/privacy.ts';
import { eventListRoutes } from './routes/event-list.ts';
import { aboutRoutes } from './routes/about.ts';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** ServedRoute is one method and path pattern a server answers, as Fastify registered it (`/p/:id`, `/assets/*`). */
export interface ServedRoute {
  method: string;
  path: string;
}

const registered = new WeakMap<FastifyInstance, ServedRoute[]>();
const caches = new WeakMap<FastifyInstance, ResponseCache>();

/** responseCacheOf is the cache in front of a server built by buildServer (tests read its hits and call `changed`). */
export function responseCacheOf(server: FastifyInstance): ResponseCache {
  return caches.get(server)!;
}

/** servedRoutes lists every method and path a server built by buildServer answers, HEAD included, in registration order. */
export function servedRoutes(server: FastifyInstance): readonly ServedRoute[] {
  return registered.get(server) ?? [];
}

/** buildServer wires the HTTP layer: plugins, security headers, language, sessions, errors and every route. */
export async function buildServer(app: WebApp, options: { logger?: FastifyBaseLogger } = {}): Promise<FastifyInstance> {
  const headers = securityHeaders(app.https);
  const publicOrigin = new URL(app.config.publicUrl).origin;
  // The public pages, JSON and tiles that a crowd asks for are answered from kept bytes before Fastify reads the
  // request (response-cache.ts); everything else, and every request that carries anything personal, goes on to it.
  const cache = new ResponseCache({
    now: () => app.now(),
    onHit: (route, status) => responses.inc({ route, status: `${Math.floor(status / 100)}xx` }),
  });
  const http = {
    headersTimeout: Math.min(app.config.requestTimeoutMs, 10_000),
    connectionsCheckingInterval: Math.min(5000, Math.max(100, Math.floor(app.config.requestTimeoutMs / 4))),
  };
  const server = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    // Never log a request by itself: its URL may hold a secret and its socket an IP address. See onResponse below.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: bodyLimits.longText,
    // A client that sends its request slowly (a byte every few seconds) holds a socket and memory: it gets the
    // request timeout (408) and is cut off. Node checks the timeouts every `connectionsCheckingInterval`, 30 s unless
    // told; a stream that is open is a response, which these timeouts do not cover.
    requestTimeout: app.config.requestTimeoutMs,
    // Fastify's own server, as it would make it from these options, with the cache in front.
    serverFactory: (handler) => {
      const front = createServer(http, (request, response) => {
        if (!cache.serve(request, response)) handler(request, response);
      });
      front.requestTimeout = app.config.requestTimeoutMs;
      front.keepAliveTimeout = 72_000;
      return front;
    },
    trustProxy: proxyTrustOf(app.config.trustProxy),
    genReqId: () => randomUUID(),
    routerOptions: { maxParamLength: 200, ignoreTrailingSlash: true },
    frameworkErrors: (error, request, reply) => sendRouterError(app, headers, error, request, reply),
  });
  const names = cookieNames(app.https);
  // Before any plugin or route, so that every route (the static plugins' too) is listed: tests cover them all. Every
  // route added from here on has its parameters' shapes learnt; a request's are checked before any query.
  const routes: ServedRoute[] = [];
  registered.set(server, routes);
  caches.set(server, cache);
  const stopHearing = app.events.onChange((id) => cache.changed(id));
  server.addHook('onClose', async () => stopHearing());
  const params = new RouteParams();
  server.addHook('onRoute', (route) => {
    params.learn(route);
    // Last of the route's onSend hooks (the global ones run before a route's own): it sees the final headers.
    route.onSend = [...(route.onSend ? [route.onSend].flat() : []), cache.keepHook];
    for (const method of [route.method].flat()) {
      routes.push({ method, path: route.url });
      if (method !== 'GET' && method !== 'HEAD' && route.bodyLimit === undefined)
        route.bodyLimit = bodyLimitOf(method, route.url);
    }
  });

  await server.register(cookie);
  await server.register(formbody, { bodyLimit: bodyLimits.longText, parser: parseForm });
  // Only what pages load: the unit tests beside the browser's modules (*.test.ts) are not served.
  await server.register(fastifyStatic, {
    root: join(here, 'assets'),
    prefix: '/assets/',
    maxAge: '1h',
    index: false,
    allowedPath: (path) => /\.(js|css|svg)$/.test(path),
  });
  const altchaDir = dirname(require.resolve('altcha/external'));
  await server.register(fastifyStatic, {
    root: altchaDir,
    prefix: '/assets/altcha/',
    decorateReply: false,
    maxAge: '1d',
    index: false,
    allowedPath: (path) => /^\/(altcha\.js|worker\.js|altcha\.css)$/.test(path),
  });

  server.decorateRequest('lang', 'en');
  server.decorateRequest('account', null);
  server.addHook('onRequest', async (request, reply) => {
    reply.headers(headers);
    const query = request.query as Record<string, unknown>;
    const chosen = typeof query?.lang === 'string' ? query.lang : undefined;
    request.lang = pickLanguage(chosen ?? request.cookies[names.language], request.headers['accept-language']);
    if (chosen && chosen === request.lang)
      reply.setCookie(names.language, chosen, { path: '/', sameSite: 'lax', maxAge: 365 * 86400, secure: app.https });
    params.check(request);
    const session = request.cookies[names.session];
    if (session) request.account = await sessionAccount(app, session);
  });
  // A page that a visitor without cookies gets, and that sets none, is the same for every such visitor: a cache in
  // front (a CDN, the proxy) may keep it for a second and serve it while it fetches the next, so a crowd arriving at
  // once costs one render a second. Pages that are personal say no-store themselves; they are left as they are.
  server.addHook('onSend', async (request, reply, payload) => {
    // Without ?lang, the words of a page or a problem follow the browser's languages and the language cookie: a cache
    // in front must keep one copy per language. Tiles, assets and data are the same in every language, and say nothing.
    const type = String(reply.getHeader('content-type') ?? '');
    const chosen = typeof (request.query as Record<string, unknown> | undefined)?.lang === 'string';
    if (!chosen && (type.startsWith('text/html') || type.startsWith('application/problem+json')))
      reply.header('vary', 'Accept-Language, Cookie');
    if (
      request.method === 'GET' &&
      reply.statusCode === 200 &&
      !reply.hasHeader('cache-control') &&
      !reply.hasHeader('set-cookie') &&
      type.startsWith('text/html') &&
      languageCookie(request.headers.cookie) !== null
    )
      reply.header('cache-control', 'public, max-age=1, stale-while-revalidate=10');
    return payload;
  });
  server.addHook('preHandler', async (request) => {
    const capability = request.routeOptions.config?.capabilityUrl;
    if (request.method === 'POST' && !request.url.startsWith('/api/'))
      checkCsrf(request, app.secrets.cookieKey, app.https, publicOrigin, capability === true);
  });
  server.addHook('onResponse', async (request, reply) => {
    // The route's pattern, not its URL: tokens and receipt secrets live in URLs. No IP address is ever logged.
    // A 503 is the server saying "later" on purpose (pushback, a full node): worth a warning, not an error.
    const fields = { reqId: request.id, route: request.routeOptions.url, status: reply.statusCode };
    if (reply.statusCode === 503) request.log.warn(fields, 'request deferred');
    else if (reply.statusCode >= 500) request.log.error(fields, 'request failed');
  });

  server.setErrorHandler((error: FastifyError | VecheError, request, reply) => sendError(app, error, request, reply));
  server.setNotFoundHandler((request, reply) =>
    sendError(app, new VecheError('not-found', 'No such page.'), request, reply),
  );

  await server.register(async (scope) => {
    publicPetitionRoutes(scope, app);
    signingRoutes(scope, app);
    accountRoutes(scope, app);
    organiserRoutes(scope, app);
    organiserCorrectionRoutes(scope, app);
    organiserPaperRoutes(scope, app);
    apiRoutes(scope, app);
    operationsRoutes(scope, app);
    logRoutes(scope, app);
    auditorRoutes(scope, app);
    proofRoutes(scope, app);
    publicEventsRoutes(scope, app);
    eventLiveRoutes(scope, app);
    organiserEventsRoutes(scope, app);
    moderationRoutes(scope, app);
    privacyRoutes(scope, app);
    eventListRoutes(scope, app);
    aboutRoutes(scope, app);
    attachmentRoutes(scope, app);
  });
  return server;
}

/**
 * parseForm reads an urlencoded body as browsers write it (WHATWG): a %-escape that is not UTF-8 becomes U+FFFD, which
 * InputReader refuses as `bad-encoding`, where @fastify/formbody's default parser kept "%FF" as literal text.
 */
function parseForm(body: string): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = Object.create(null);
  for (const [name, value] of new URLSearchParams(body)) {
    const before = fields[name];
    if (before === undefined) fields[name] = value;
    else if (Array.isArray(before)) before.push(value);
    else fields[name] = [before, value];
  }
  return fields;
}

/**
 * sendRouterError answers a URL the router could not read (a %-escape that is not UTF-8, a parameter over 200
 * characters). No hook has run for it: no cookie is read or set, and the page is in English.
 */
function sendRouterError(
  app: WebApp,
  headers: Record<string, string>,
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const status = error.statusCode ?? 400;
  const t = translator('en');
  reply.headers(headers).code(status);
  if (request.url.startsWith('/api/'))
    return reply
      .type('application/problem+json; charset=utf-8')
      .send(problemOf('bad-request', status, t, error.message));
  const ctx = {
    lang: 'en' as const,
    t,
    path: '/',
    query: '',
    csrf: '',
    account: null,
    publicUrl: app.config.publicUrl,
    verifierKey: app.log.verifierKey,
    proofOfWork: false,
  };
  return reply.type('text/html; charset=utf-8').send(errorPage(ctx, 'bad-request', status, [], request.id).text);
}

/** refusedOnPurpose are the codes of requests turned away by design, which /metrics counts by reason. */
const refusedOnPurpose = new Set(['rate-limited', 'too-many-streams', 'log-pushback', 'export-busy']);

/** sendError answers an error: problem+json on the API, a translated page elsewhere; a 500 shows only an id. */
function sendError(app: WebApp, error: FastifyError | VecheError, request: FastifyRequest, reply: FastifyReply) {
  const t = translator(request.lang ?? 'en');
  let status: number;
  let code: string;
  let detail: string | undefined;
  let fields: VecheError['fields'] = [];
  if (error instanceof VecheError) {
    status = statusOf[error.code];
    code = error.code;
    detail = error.message;
    fields = error.fields;
    if (refusedOnPurpose.has(error.code)) refusals.inc({ reason: error.code });
    if (error.code === 'log-pushback' || error.code === 'rate-limited') reply.header('retry-after', '5');
    if (error.code === 'export-busy') reply.header('retry-after', '60');
    // A full node: viewers come back later (the pages fetch the state meanwhile), spread out, not all at once.
    if (error.code === 'too-many-streams') reply.header('retry-after', String(20 + Math.floor(Math.random() * 20)));
  } else if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    status = error.statusCode;
    code = status === 413 ? 'too-large' : 'bad-request';
    detail = error.message;
    // Which limit it was, so that a person knows how much to cut (body-limits.ts).
    if (status === 413)
      fields = [
        {
          field: 'body',
          problem: 'body-too-large',
          params: { max: Math.floor((request.routeOptions.bodyLimit ?? bodyLimits.longText) / 1024) },
        },
      ];
  } else {
    status = 500;
    code = 'internal';
    if (isDatabaseError(error)) databaseErrors.inc();
    request.log.error({ reqId: request.id, err: error }, 'unexpected error');
  }
  // A stream's reader (an EventSource asks for text/event-stream) is a program too: it gets the problem document.
  const accept = request.headers.accept ?? '';
  const api =
    request.url.startsWith('/api/') || accept.startsWith('application/json') || accept.includes('text/event-stream');
  if (!api && code === 'unauthenticated') return reply.redirect('/login', 303);
  reply.code(status);
  if (api) {
    const problem = problemOf(code, status, t, status === 500 ? `Request id ${request.id}` : detail, fields);
    return reply.type('application/problem+json; charset=utf-8').send(problem);
  }
  const ctx = viewContext(app, request, reply);
  return reply.type('text/html; charset=utf-8').send(errorPage(ctx, code, status, fields, request.id).text);
}
