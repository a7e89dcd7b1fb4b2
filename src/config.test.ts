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

test('every setting with a wrong value stops the start with a message that names it and what it takes', () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ DATABASE_URL: 'garbage' }, /^DATABASE_URL must be a PostgreSQL URL .* it is not a URL: "garbage"/],
    [
      { DATABASE_URL: 'mysql://root:secret@db/veche' },
      /^DATABASE_URL must be .* it is a mysql: URL: "mysql:\/\/root:\*\*\*@db\/veche"/,
    ],
    [{ DATABASE_URL: 'postgres:///veche' }, /^DATABASE_URL .* a URL without a host/],
    [{ SMTP_URL: 'garbage' }, /^SMTP_URL must be smtp:\/\/.* not "garbage"/],
    [{ SMTP_URL: 'http://user:pw@mail.example' }, /^SMTP_URL must be .* not "http:\/\/user:\*\*\*@mail.example\/"/],
    [{ VECHE_RATE_LIMITS: '0' }, /^VECHE_RATE_LIMITS must be one of on, off, not "0"/],
    [{ LOG_LEVEL: 'verbose' }, /^LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/],
    [{ MAIL_FROM: 'Veche' }, /^MAIL_FROM must be an address/],
    [{ HOST: 'not a host' }, /^HOST must be an address to listen on/],
    [{ VECHE_PUBLIC_URL: 'ftp://veche.example' }, /^VECHE_PUBLIC_URL must be the site's http\(s\) address/],
    [{ VECHE_TRUST_PROXY: 'maybe' }, /^VECHE_TRUST_PROXY must be/],
    [{ PORT: 'eighty' }, /^PORT must be a whole number from 0 to 65535, not "eighty"/],
  ];
  for (const [env, message] of cases) {
    assert.throws(
      () => readConfig(env),
      (error: Error) => message.test(error.message),
      JSON.stringify(env),
    );
  }
});

test('a password in a wrong DATABASE_URL or SMTP_URL is never printed', () => {
  for (const env of [
    { DATABASE_URL: 'mysql://root:hunter2secret@db/veche' },
    { SMTP_URL: 'ftp://u:hunter2secret@m' },
  ]) {
    assert.throws(
      () => readConfig(env),
      (error: Error) => !error.message.includes('hunter2secret'),
    );
  }
});

test('good values of the checked settings are taken as given', () => {
  const config = readConfig({
    DATABASE_URL: 'postgresql://veche:pw@127.0.0.1:5432/veche',
    SMTP_URL: 'smtps://user:pw@mail.example:465',
    VECHE_RATE_LIMITS: 'OFF',
    LOG_LEVEL: 'warn',
    MAIL_FROM: 'Veche <no-reply@veche.example>',
    HOST: '::',
  });
  assert.equal(config.databaseUrl, 'postgresql://veche:pw@127.0.0.1:5432/veche');
  assert.equal(config.smtpUrl, 'smtps://user:pw@mail.example:465');
  assert.equal(config.rateLimits, false);
  assert.equal(config.logLevel, 'warn');
  assert.equal(config.mailFrom, 'Veche <no-reply@veche.example>');
  assert.equal(config.host, '::');
  assert.equal(readConfig({ HOST: '0.0.0.0', MAIL_FROM: 'no-reply@veche.example' }).host, '0.0.0.0');
});
