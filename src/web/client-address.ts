import { createHmac, createSecretKey, randomBytes } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import type { TrustProxy } from '../config.ts';

/** ProxyTrust is what Fastify's `trustProxy` option takes: whether to believe the address at hop `i` from us. */
export type ProxyTrust = false | string[] | ((address: string, hop: number) => boolean);

/**
 * proxyTrustOf turns VECHE_TRUST_PROXY into Fastify's `trustProxy`. A hop count becomes a function that believes
 * exactly that many hops from the socket and no more (Fastify itself reads a bare number as "trust nobody"), so the
 * client's own X-Forwarded-For entries, which come before the proxies' ones, are never taken as its address.
 */
export function proxyTrustOf(trust: TrustProxy): ProxyTrust {
  if (trust === false) return false;
  if ('proxies' in trust) return trust.proxies;
  const hops = trust.hops;
  return (_address, hop) => hop < hops;
}

/**
 * addressGroup is the part of an address that one subscriber holds: the whole IPv4 address, or the /64 network of an
 * IPv6 address (a home or phone is usually given a whole /64, so counting each of its addresses apart would let one
 * person be 2^64 people). An IPv4 address written as IPv6 (`::ffff:192.0.2.1`) is the IPv4 address.
 */
export function addressGroup(ip: string): string {
  const address = ip.split('%', 1)[0];
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1];
  if (isIPv4(address) || !isIPv6(address)) return address;
  return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
}

function expandIPv6(address: string): string[] {
  const [head, tail] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  // An embedded IPv4 tail (::1.2.3.4) is two groups; only the first four groups matter here, so it may stay as one.
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array(Math.max(missing, 0)).fill('0'), ...right].map((group) => group.replace(/^0+(?=.)/, ''));
}

// The key lives only in this process's memory and changes at every start: a counter's key cannot be turned back into
// an address, not even by someone who seizes the server and its disk. Made once (performance-facts.md).
const ephemeralKey = createSecretKey(randomBytes(32));

/** addressKey is the keyed hash of a client's address group (see addressGroup): what limits count by, never the address. */
export function addressKey(ip: string | undefined): string {
  // A socket already closed has no address: all such requests share one key, which is safe for limits.
  return createHmac('sha256', ephemeralKey)
    .update(addressGroup(ip ?? ''))
    .digest('base64url')
    .slice(0, 22);
}
