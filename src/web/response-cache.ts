import type { IncomingMessage, ServerResponse } from 'node:http';
import { hash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pickLanguage, type Language } from '../i18n/i18n.ts';
import { normaliseJoinCode } from '../domain/join-code.ts';

/** Kept is one response kept for every visitor without an account: its bytes, headers and ETag, until when. */
interface Kept {
  key: string;
  body: Buffer;
  headers: Record<string, string | number | string[]>;
  notModified: Record<string, string>;
  etag: string;
  until: number;
  tag: string | null;
  route: string;
}

/** ResponseCacheOptions: the clock (the app's, so tests can move it), the longest a response is kept, the memory. */
export interface ResponseCacheOptions {
  now: () => number;
  /** lifetimeMs caps how long a response is kept, whatever its max-age says (default 1 s). */
  lifetimeMs?: number;
  /** maxBytes caps the bodies kept; the oldest go first (default 32 MiB). */
  maxBytes?: number;
  /** onHit is told of every answer given from the cache (for /metrics), with the route pattern and status. */
  onHit?: (route: string, status: number) => void;
}

const began = Symbol('veche.responseCacheBegan');
type Marked = IncomingMessage & { [began]?: number };

/**
 * ResponseCache answers the public pages, JSON and tiles from bytes kept in memory, before Fastify reads the request:
 * what a reverse proxy's micro-cache does, in the process. Only requests that carry nothing personal are answered or
 * kept (a GET with no cookie but the language one, no Authorization), and only responses the app itself marked
 * `public` with a max-age and sent without a cookie (see `keepHook`). A response is kept for its max-age, at most
 * `lifetimeMs`, and one about a petition or an event is dropped as soon as this node hears that it changed
 * (`changed`), so a signature, a correction, a close or a vote shows on the next request. Keys are the URL, the
 * language the page would be in, and whether the browser sent fetch metadata (without it, a page with a form sets a
 * form cookie and is never kept).
 */
export class ResponseCache {
  private readonly kept = new Map<string, Kept>();
  private readonly byTag = new Map<string, Set<string>>();
  /** changedAt is, per tag, the number of the change last heard; a response begun before it is not kept. */
  private readonly changedAt = new Map<string, number>();
  private readonly languages = new Map<string, Language>();
  private readonly options: Required<Omit<ResponseCacheOptions, 'onHit'>> & Pick<ResponseCacheOptions, 'onHit'>;
  private changes = 0;
  private forgottenAt = 0;
  private bytes = 0;
  /** hits counts the answers given from the cache. */
  hits = 0;

  constructor(options: ResponseCacheOptions) {
    this.options = { lifetimeMs: 1000, maxBytes: 32 * 2 ** 20, ...options };
  }

  /** serve answers a request from a kept response (a 304 if the browser has it) and returns true, or returns false. */
  serve(request: IncomingMessage, response: ServerResponse): boolean {
    const key = this.keyOf(request);
    if (key === null) return false;
    const entry = this.kept.get(key);
    if (entry === undefined || this.options.now() >= entry.until) {
      if (entry !== undefined) this.drop(entry);
      (request as Marked)[began] = this.changes;
      return false;
    }
    this.hits++;
    const asked = request.headers['if-none-match'];
    if (asked !== undefined && matches(asked, entry.etag)) {
      response.writeHead(304, entry.notModified).end();
      this.options.onHit?.(entry.route, 304);
    } else {
      response.writeHead(200, entry.headers).end(entry.body);
      this.options.onHit?.(entry.route, 200);
    }
    return true;
  }

  /** changed drops what is kept about a petition (public id) or an event (code), and keeps nothing begun before. */
  changed(tag: string): void {
    this.changes++;
    this.changedAt.set(tag, this.changes);
    if (this.changedAt.size > 10_000) {
      this.changedAt.clear();
      this.forgottenAt = this.changes;
    }
    const keys = this.byTag.get(tag);
    if (keys) for (const key of keys) this.drop(this.kept.get(key)!);
  }

  /** clear drops everything kept. */
  clear(): void {
    for (const entry of [...this.kept.values()]) this.drop(entry);
  }

  /**
   * keepHook is the last onSend hook of every route (server.ts adds it to each): it gives a public 200 an ETag,
   * answers 304 when the browser has it, keeps it when the request was one the cache may answer, and makes sure that
   * no response that sets a cookie is ever marked public.
   */
  readonly keepHook = async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const policy = String(reply.getHeader('cache-control') ?? '');
    if (reply.hasHeader('set-cookie')) {
      // A cookie is one visitor's: no shared cache may keep it, whatever the route said.
      if (/\bpublic\b/i.test(policy)) reply.header('cache-control', 'private, no-cache');
      return payload;
    }
    const maxAge = sharedMaxAge(policy);
    if (request.method !== 'GET' || reply.statusCode !== 200 || maxAge === 0) return payload;
    const body = typeof payload === 'string' ? Buffer.from(payload) : Buffer.isBuffer(payload) ? payload : null;
    if (body === null) return payload;
    let etag = reply.getHeader('etag');
    if (typeof etag !== 'string') reply.header('etag', (etag = `"${hash('sha1', body, 'base64url')}"`));
    this.keep(request, reply, body, etag, Math.min(maxAge * 1000, this.options.lifetimeMs));
    const asked = request.headers['if-none-match'];
    if (asked !== undefined && matches(asked, etag)) {
      reply.code(304);
      return '';
    }
    return body;
  };

  private keep(request: FastifyRequest, reply: FastifyReply, body: Buffer, etag: string, lifetime: number): void {
    // Only a request that went past `serve` (not `inject`), carried nothing personal, and began after the last change.
    const start = (request.raw as Marked)[began];
    const key = this.keyOf(request.raw);
    if (start === undefined || key === null || this.forgottenAt > start) return;
    const tag = tagOf(request.params);
    if (tag !== null && (this.changedAt.get(tag) ?? 0) > start) return;
    const old = this.kept.get(key);
    if (old) this.drop(old);
    const headers = { ...reply.getHeaders(), 'content-length': body.length } as Kept['headers'];
    const notModified: Record<string, string> = { etag };
    for (const name of ['cache-control', 'vary', 'content-security-policy'])
      if (typeof headers[name] === 'string') notModified[name] = headers[name] as string;
    const route = request.routeOptions.url ?? 'unknown';
    const entry = { key, body, headers, notModified, etag, until: this.options.now() + lifetime, tag, route };
    this.kept.set(key, entry);
    this.bytes += body.length;
    if (tag !== null) {
      let keys = this.byTag.get(tag);
      if (!keys) this.byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    for (const oldest of this.kept.values()) {
      if (this.bytes <= this.options.maxBytes) break;
      this.drop(oldest);
    }
  }

  private drop(entry: Kept): void {
    if (this.kept.get(entry.key) !== entry) return;
    this.kept.delete(entry.key);
    this.bytes -= entry.body.length;
    if (entry.tag === null) return;
    const keys = this.byTag.get(entry.tag);
    keys?.delete(entry.key);
    if (keys?.size === 0) this.byTag.delete(entry.tag);
  }

  /** keyOf is a request's key, or null for a request the cache must neither answer nor keep the answer of. */
  private keyOf(request: IncomingMessage): string | null {
    if (request.method !== 'GET') return null;
    const headers = request.headers;
    if (headers.authorization !== undefined || headers.range !== undefined) return null;
    const remembered = languageCookie(headers.cookie);
    if (remembered === null) return null;
    // The language as server.ts picks it: `?lang=` (even one we do not have) before the cookie, then Accept-Language.
    const chosen = languageInUrl(request.url ?? '') ?? remembered;
    const accepted = headers['accept-language'] ?? '';
    const asked = `${chosen ?? ''}\n${accepted}`;
    let lang = this.languages.get(asked);
    if (lang === undefined) {
      lang = pickLanguage(chosen, accepted);
      if (this.languages.size > 1000) this.languages.clear();
      this.languages.set(asked, lang);
    }
    return `${lang} ${headers['sec-fetch-site'] === undefined ? '-' : '+'} ${request.url}`;
  }
}

/**
 * languageCookie reads a Cookie header that may be shared: none (undefined), or only the language cookie (its value).
 * Any other cookie (a session, a voter's token, a form cookie) makes the request personal: null.
 */
export function languageCookie(header: string | undefined): string | undefined | null {
  if (header === undefined) return undefined;
  let chosen: string | undefined;
  for (const pair of header.split(';')) {
    const trimmed = pair.trim();
    if (trimmed === '') continue;
    if (!trimmed.startsWith('veche_lang=')) return null;
    chosen = trimmed.slice('veche_lang='.length);
  }
  return chosen;
}

/** languageInUrl is the one `lang` parameter of a URL's query, as Fastify reads it for server.ts, or undefined. */
function languageInUrl(url: string): string | undefined {
  const at = url.indexOf('?');
  if (at === -1 || !url.includes('lang=', at)) return undefined;
  const values = new URLSearchParams(url.slice(at + 1)).getAll('lang');
  return values.length === 1 ? values[0] : undefined;
}

/** sharedMaxAge is how many seconds a shared cache may keep a response by its Cache-Control: 0 unless it is public. */
function sharedMaxAge(policy: string): number {
  if (!/\bpublic\b/i.test(policy) || /\b(no-store|no-cache|private)\b/i.test(policy)) return 0;
  const age = /\b(?:s-maxage|max-age)=(\d+)/i.exec(policy);
  return age ? Number(age[1]) : 0;
}

/** matches tells whether an If-None-Match header names the ETag (weak comparison, RFC 9110 §13.1.2). */
function matches(header: string, etag: string): boolean {
  if (header === etag || header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/** tagOf is what a route's answer is about: a petition's public id or an event's code, by the route's parameters. */
function tagOf(params: unknown): string | null {
  const p = params as Record<string, unknown> | undefined;
  if (typeof p?.code === 'string') return normaliseJoinCode(p.code) ?? p.code;
  if (typeof p?.id === 'string') return p.id;
  return null;
}
