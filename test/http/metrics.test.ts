// Issue 9, item 8: /metrics was public: how many people follow a town hall live, when signing peaks. It is now served
// only with VECHE_METRICS_TOKEN set, and only to a request that carries that token.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp } from './support.ts';
import { bearerMatches } from '../../src/web/routes/operations.ts';
import { readConfig } from '../../src/config.ts';

const token = 'kT3-prometheus_scrape.token~0123456789';

test('without VECHE_METRICS_TOKEN, /metrics is not served at all', async () => {
  const t = await startTestApp();
  try {
    for (const authorization of [undefined, 'Bearer anything-at-all-here-000000', 'Bearer ']) {
      const response = await t.server.inject({ url: '/metrics', headers: authorization ? { authorization } : {} });
      assert.equal(response.statusCode, 404);
      assert.doesNotMatch(response.body, /veche_|process_/);
    }
  } finally {
    await t.stop();
  }
});

test('with VECHE_METRICS_TOKEN, /metrics answers only the bearer of that token', async () => {
  const t = await startTestApp({ VECHE_METRICS_TOKEN: token });
  try {
    for (const authorization of [
      undefined,
      `Bearer ${token.slice(0, -1)}`,
      `Bearer ${token}x`,
      `Basic ${token}`,
      token,
      `Bearer  `,
    ]) {
      const response = await t.server.inject({
        url: '/metrics',
        headers: authorization === undefined ? {} : { authorization },
      });
      assert.equal(response.statusCode, 401, String(authorization));
      assert.equal(response.headers['www-authenticate'], 'Bearer realm="metrics"');
      assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
      assert.doesNotMatch(response.body, /veche_|process_/);
    }
    const scraped = await t.server.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}` } });
    assert.equal(scraped.statusCode, 200);
    assert.match(scraped.body, /^veche_live_streams \d+$/m);
    assert.match(scraped.body, /^veche_packets_in_progress 0$/m);
    assert.equal(scraped.headers['cache-control'], 'no-store');
  } finally {
    await t.stop();
  }
});

test('bearerMatches compares the whole token, and a weak token stops the start', () => {
  assert.equal(bearerMatches(`Bearer ${token}`, token), true);
  assert.equal(bearerMatches(`bearer ${token}`, token), true);
  assert.equal(bearerMatches(`Bearer ${token.toUpperCase()}`, token), false);
  assert.equal(bearerMatches(undefined, token), false);
  assert.equal(bearerMatches('Bearer', token), false);
  assert.throws(() => readConfig({ VECHE_METRICS_TOKEN: 'short' }), /VECHE_METRICS_TOKEN must be 24 to 256/);
  assert.throws(() => readConfig({ VECHE_METRICS_TOKEN: `${'a'.repeat(30)} b` }), /VECHE_METRICS_TOKEN/);
  assert.equal(readConfig({ VECHE_METRICS_TOKEN: token }).metricsToken, token);
});

test('the metrics an operator needs: latency by route, the record, mail, refusals and database errors', async () => {
  const t = await startTestApp({ VECHE_METRICS_TOKEN: token, VECHE_RATE_LIMITS: 'on', VECHE_POW_MAX: '0' });
  try {
    await t.server.inject({ url: '/' });
    // Signing too often from one address is refused on purpose, and counted by its reason.
    for (let i = 0; i < 40; i++) {
      const reply = await t.server.inject({
        url: '/api/petitions/pNoSuchPetition1/signatures',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        payload: '{}',
      });
      if (reply.statusCode === 429) break;
    }
    const body = (await t.server.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}` } })).body;
    assert.match(body, /^veche_http_request_duration_seconds_bucket\{le="0\.1",route="\/",method="GET"\} \d+$/m);
    assert.match(body, /^veche_http_responses_total\{route="\/",status="2xx"\} \d+$/m);
    assert.match(body, /^veche_refused_requests_total\{reason="rate-limited"\} [1-9]\d*$/m);
    assert.match(body, /^veche_record_pending_entries \d+$/m);
    assert.match(body, /^veche_record_sequencing 1$/m);
    assert.match(body, /^veche_record_failing_seconds 0$/m);
    assert.match(body, /^veche_mail_queued \d+$/m);
    assert.match(body, /^veche_mail_sent_total \d+$/m);
    assert.match(body, /^veche_mail_send_failures_total \d+$/m);
    assert.match(body, /^veche_database_errors_total \d+$/m);
    // No label carries a URL with its ids or secrets: routes are patterns.
    assert.doesNotMatch(body, /pNoSuchPetition1/);
  } finally {
    await t.stop();
  }
});

test('VECHE_METRICS_PORT serves /metrics without a token on its own port, on 127.0.0.1 unless told otherwise', async () => {
  const t = await startTestApp({ VECHE_METRICS_PORT: '0' });
  try {
    const port = t.running.metricsPort;
    assert.ok(port !== null && port > 0);
    const scraped = await fetch(`http://127.0.0.1:${port}/metrics`);
    assert.equal(scraped.status, 200);
    assert.match(await scraped.text(), /^veche_live_streams \d+$/m);
    assert.equal((await fetch(`http://127.0.0.1:${port}/`)).status, 404);
    // The site itself still keeps /metrics to the bearer of a token, and without one does not serve it.
    assert.equal((await t.server.inject({ url: '/metrics' })).statusCode, 404);
  } finally {
    await t.stop();
  }
  assert.equal(readConfig({}).metricsPort, undefined);
  assert.equal(readConfig({ VECHE_METRICS_PORT: '9464' }).metricsHost, '127.0.0.1');
  assert.throws(() => readConfig({ VECHE_METRICS_PORT: 'x' }), /VECHE_METRICS_PORT must be a whole number/);
});
