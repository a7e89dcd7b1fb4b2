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
