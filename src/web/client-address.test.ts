import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addressGroup, addressKey, proxyTrustOf } from './client-address.ts';

test('addressGroup keeps an IPv4 address whole and an IPv6 address to its /64', () => {
  assert.equal(addressGroup('203.0.113.7'), '203.0.113.7');
  assert.equal(addressGroup('::ffff:203.0.113.7'), '203.0.113.7');
  assert.equal(addressGroup('2001:db8:1:2:aaaa:bbbb:cccc:dddd'), '2001:db8:1:2::/64');
  assert.equal(addressGroup('2001:0db8:0001:0002::1'), '2001:db8:1:2::/64');
  assert.equal(addressGroup('2001:db8::1'), '2001:db8:0:0::/64');
  assert.equal(addressGroup('2001:db8:1:2::'), '2001:db8:1:2::/64');
  assert.equal(addressGroup('::1'), '0:0:0:0::/64');
  assert.equal(addressGroup('fe80::1%eth0'), 'fe80:0:0:0::/64');
  assert.equal(addressGroup('2001:DB8:1:2::5'), addressGroup('2001:db8:1:2:ffff::9'));
  assert.notEqual(addressGroup('2001:db8:1:2::5'), addressGroup('2001:db8:1:3::5'));
});

test('addressKey is the same for one subscriber, different for another, and never holds the address', () => {
  assert.equal(addressKey('2001:db8:1:2::5'), addressKey('2001:db8:1:2:1234::1'));
  assert.notEqual(addressKey('203.0.113.7'), addressKey('203.0.113.8'));
  assert.ok(!addressKey('203.0.113.7').includes('203'));
  assert.match(addressKey('203.0.113.7'), /^[A-Za-z0-9_-]{22}$/);
});

test('proxyTrustOf believes exactly the configured hops, never the ones a client adds before them', () => {
  assert.equal(proxyTrustOf(false), false);
  assert.deepEqual(proxyTrustOf({ proxies: ['10.0.0.0/8'] }), ['10.0.0.0/8']);
  const oneHop = proxyTrustOf({ hops: 1 }) as (address: string, hop: number) => boolean;
  assert.equal(oneHop('127.0.0.1', 0), true, 'the socket is the proxy');
  assert.equal(oneHop('198.51.100.1', 1), false, 'what the proxy saw is the client, not to be looked past');
});
