import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readConfig, trustProxy } from './config.ts';

test('VECHE_TRUST_PROXY: off by default; true is one proxy in front; a count is that many hops', () => {
  for (const off of [undefined, '', 'off', 'false', '0', 'FALSE']) assert.equal(trustProxy(off), false, String(off));
  assert.deepEqual(trustProxy('true'), { hops: 1 });
  assert.deepEqual(trustProxy('1'), { hops: 1 });
  assert.deepEqual(trustProxy('2'), { hops: 2 });
  assert.equal(readConfig({}).trustProxy, false);
  assert.deepEqual(readConfig({ VECHE_TRUST_PROXY: 'true' }).trustProxy, { hops: 1 });
});

test('VECHE_TRUST_PROXY: a list of proxy addresses and networks', () => {
  assert.deepEqual(trustProxy('10.0.0.5'), { proxies: ['10.0.0.5'] });
  assert.deepEqual(trustProxy('10.0.0.0/8, fd00::/8,loopback,2001:db8::1'), {
    proxies: ['10.0.0.0/8', 'fd00::/8', 'loopback', '2001:db8::1'],
  });
});

test('VECHE_TRUST_PROXY: anything else stops the start with a message naming the variable and what it takes', () => {
  for (const bad of [
    'yes please',
    '11',
    '10.0.0.0/33',
    'fd00::/129',
    '10.0.0.300',
    'proxy.example',
    '10.0.0.1,',
    '*',
    '10.0.0.0/8/1',
    '-1',
  ]) {
    assert.throws(
      () => readConfig({ VECHE_TRUST_PROXY: bad }),
      (error: Error) => {
        assert.match(
          error.message,
          /^VECHE_TRUST_PROXY must be off .*true \(one proxy: 1 hop\).*number of proxy hops.*list of proxy addresses/,
        );
        return true;
      },
      bad,
    );
  }
});

test('VECHE_REQUEST_TIMEOUT_MS: 30 s by default, a whole number of milliseconds from 500', () => {
  assert.equal(readConfig({}).requestTimeoutMs, 30_000);
  assert.equal(readConfig({ VECHE_REQUEST_TIMEOUT_MS: '1000' }).requestTimeoutMs, 1000);
  assert.throws(
    () => readConfig({ VECHE_REQUEST_TIMEOUT_MS: '10' }),
    /VECHE_REQUEST_TIMEOUT_MS must be a whole number from 500/,
  );
});
