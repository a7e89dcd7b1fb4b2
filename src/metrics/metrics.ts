import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

// The process's Prometheus metrics, by Prometheus's naming conventions (unit suffixes, _total for counters). No label
// ever holds anything about a person: routes are patterns (never a URL with its tokens), reasons are fixed codes.
// Gauges that read the running app when scraped are added where the app is known (src/web/routes/operations.ts).

/** registry holds every metric this process serves at /metrics. */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

/** responses counts responses by route pattern and status class. */
export const responses = new Counter({
  name: 'veche_http_responses_total',
  help: 'HTTP responses by route pattern and status class',
  labelNames: ['route', 'status'],
  registers: [registry],
});

/** requestSeconds is how long requests take, from the first byte read to the last byte written, by route pattern. */
export const requestSeconds = new Histogram({
  name: 'veche_http_request_duration_seconds',
  help: 'Time to answer a request, by route pattern and method (live streams are counted when they end)',
  labelNames: ['route', 'method'],
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});

/** refusals counts requests turned away on purpose: rate limits, a full node, the record's pushback. */
export const refusals = new Counter({
  name: 'veche_refused_requests_total',
  help: 'Requests refused on purpose, by reason (rate-limited, too-many-streams, log-pushback, export-busy)',
  labelNames: ['reason'],
  registers: [registry],
});

/** databaseErrors counts requests that failed on a database error (a 500 whose cause is the database). */
export const databaseErrors = new Counter({
  name: 'veche_database_errors_total',
  help: 'Requests that failed because the database answered with an error or not at all',
  registers: [registry],
});

/** mailSent counts mail handed to the SMTP server or written to the outbox, and mailFailures the attempts that failed. */
export const mailSent = new Counter({
  name: 'veche_mail_sent_total',
  help: 'Emails handed to the SMTP server (or written to the outbox)',
  registers: [registry],
});
export const mailFailures = new Counter({
  name: 'veche_mail_send_failures_total',
  help: 'Attempts to send an email that failed (each is tried again later)',
  registers: [registry],
});

/** isDatabaseError tells an error from PostgreSQL (a SQLSTATE code), SQLite, or a lost connection to either. */
export function isDatabaseError(error: unknown): boolean {
  const e = error as { code?: unknown; errcode?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : typeof e.errcode === 'string' ? e.errcode : '';
  if (/^[0-9A-Z]{5}$/.test(code) || code.startsWith('SQLITE_') || code === 'ERR_SQLITE_ERROR') return true;
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(code)) return true;
  return (
    typeof e.message === 'string' &&
    /Connection terminated|database is locked|timeout exceeded when trying to connect/i.test(e.message)
  );
}
