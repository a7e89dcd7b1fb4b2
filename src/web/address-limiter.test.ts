import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AddressLimiter } from './address-limiter.ts';
import { addressKey } from './client-address.ts';

const minutes = (n: number) => n * 60_000;

function clock(start = Date.UTC(2026, 2, 12, 12, 0)) {
  const c = { time: start, now: () => c.time };
  return c;
}

test('a key gets its limit and no more within a window, and is not counted while refused', () => {
  const c = clock();
  const limiter = new AddressLimiter({ windowMs: minutes(10), now: c.now });
  const results = Array.from({ length: 25 }, () => limiter.take('sign:a', 20));
  assert.equal(results.filter(Boolean).length, 20);
  assert.deepEqual(results.slice(20), [false, false, false, false, false]);
  assert.equal(limiter.take('sign:b', 20), true, 'another key has its own count');
});

test('the window slides: a burst at the end of one window still counts at the start of the next', () => {
  const c = clock(Date.UTC(2026, 2, 12, 12, 0));
  const limiter = new AddressLimiter({ windowMs: minutes(10), now: c.now });
  c.time += minutes(9);
  for (let i = 0; i < 20; i++) assert.ok(limiter.take('k', 20));
  c.time += minutes(2); // one minute into the next fixed window: 90 % of the burst still overlaps
  assert.equal(limiter.take('k', 20), true, '20 × 0.9 = 18 used: room for two');
  assert.equal(limiter.take('k', 20), true);
  assert.equal(limiter.take('k', 20), false);
  c.time += minutes(9); // the burst's window has slid past
  assert.equal(limiter.take('k', 20), true);
  c.time += minutes(30);
  for (let i = 0; i < 20; i++) assert.ok(limiter.take('k', 20), 'long after, the whole limit is back');
});

test('an abuser at its limit stays limited after 200,000 other addresses, IPv4 and IPv6, have been seen', () => {
  const c = clock();
  const capacity = 100_000; // the default
  const limiter = new AddressLimiter({ windowMs: minutes(10), now: c.now });
  const abuser = `sign:${addressKey('203.0.113.66')}`;
  for (let i = 0; i < 15; i++) limiter.take(abuser, 15);
  assert.equal(limiter.take(abuser, 15), false);
  let largest = 0;
  for (let i = 0; i < 200_000; i++) {
    const address =
      i % 2 === 0
        ? `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`
        : `2001:db8:${(i >> 16).toString(16)}:${(i & 0xffff).toString(16)}::1`;
    limiter.take(`sign:${addressKey(address)}`, 15);
    if (limiter.size > largest) largest = limiter.size;
  }
  assert.equal(limiter.take(abuser, 15), false, 'the flood did not reset the abuser');
  assert.ok(largest <= capacity, `the limiter held ${largest} keys, more than its capacity ${capacity}`);
  assert.equal(limiter.size, capacity);
});

test('even addresses that each use half their limit cannot push out an abuser before half the capacity has done so', () => {
  const c = clock();
  const limiter = new AddressLimiter({ windowMs: minutes(10), capacity: 1000, now: c.now });
  for (let i = 0; i < 20; i++) limiter.take('abuser', 20);
  for (let i = 0; i < 400; i++) for (let j = 0; j < 10; j++) limiter.take(`busy-${i}`, 20);
  for (let i = 0; i < 5000; i++) limiter.take(`once-${i}`, 20);
  assert.equal(limiter.take('abuser', 20), false);
  assert.ok(limiter.size <= 1000);
});

test('one IPv6 subscriber is one address: a fresh address of the same /64 on every request shares one limit', () => {
  const limiter = new AddressLimiter({ windowMs: minutes(10) });
  const allowed = Array.from({ length: 30 }, (_, i) =>
    limiter.take(`sign:${addressKey(`2001:db8:5:6::${(i + 1).toString(16)}`)}`, 20),
  );
  assert.equal(allowed.filter(Boolean).length, 20);
});
