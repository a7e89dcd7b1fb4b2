import http from 'node:http';
import https from 'node:https';
import { AuditNetworkError, RecordReader } from './record-reader.ts';

export { AuditNetworkError };

/** SiteClientOptions tune a SiteClient; the defaults suit an audit over the internet. */
export interface SiteClientOptions {
  /** concurrency is how many requests may be in flight at once (8 unless set). */
  concurrency?: number;
  /** attempts is how many times a request is tried before the audit gives up (4 unless set). */
  attempts?: number;
  timeoutMs?: number;
}

const RETRY_STATUS = new Set([429, 500, 502, 503, 504]);

/**
 * SiteClient reads a record over HTTP, from a Veche site or a mirror on any web server: at most `concurrency` requests
 * at once, transient failures (network errors, 429 and 5xx, honouring Retry-After) tried again, a 404 answered as null,
 * and every body capped, because the site under audit is not trusted to send a sane amount.
 */
export class SiteClient extends RecordReader {
  readonly #concurrency: number;
  readonly #attempts: number;
  readonly #timeoutMs: number;
  readonly #agents: { http: http.Agent; https: https.Agent };
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(base: string, options: SiteClientOptions = {}) {
    super(base.replace(/\/+$/, ''));
    this.#concurrency = options.concurrency ?? 8;
    this.#attempts = options.attempts ?? 4;
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    const agent = { keepAlive: true, maxSockets: this.#concurrency };
    this.#agents = { http: new http.Agent(agent), https: new https.Agent(agent) };
  }

  /** close lets go of the kept-alive connections. */
  override close(): void {
    this.#agents.http.destroy();
    this.#agents.https.destroy();
  }

  /** fetch returns the body of base + path, null on 404, or at most maxBytes + 1 bytes of a longer body. */
  protected async fetch(path: string, maxBytes: number): Promise<Uint8Array | null> {
    await this.#turn();
    try {
      for (let attempt = 1; ; attempt++) {
        let wait: number;
        try {
          const answer = await this.#request(new URL(this.base + path), maxBytes, 0);
          if (answer.status === 404) return null;
          if (answer.status >= 200 && answer.status < 300) return answer.body;
          if (!RETRY_STATUS.has(answer.status) || attempt >= this.#attempts) {
            throw new AuditNetworkError(`${this.base}${path} answered ${answer.status}`);
          }
          wait = retryAfter(answer.retryAfter) ?? 250 * 2 ** attempt;
        } catch (error) {
          if (error instanceof AuditNetworkError) throw error;
          if (attempt >= this.#attempts)
            throw new AuditNetworkError(`could not read ${this.base}${path}: ${describe(error)}`);
          wait = 250 * 2 ** attempt;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 10_000)));
      }
    } finally {
      this.#release();
    }
  }

  #request(url: URL, maxBytes: number, redirects: number): Promise<Answer> {
    // node:http with keep-alive rather than fetch: a million-entry audit makes ~8,000 requests, and fetch's web
    // streams cost a third more CPU per request than the audit's own hashing of a bundle.
    const secure = url.protocol === 'https:';
    if (!secure && url.protocol !== 'http:')
      return Promise.reject(new Error(`cannot follow a redirect to ${url.href}`));
    return new Promise((resolve, reject) => {
      const request = (secure ? https : http).get(
        url,
        { agent: secure ? this.#agents.https : this.#agents.http },
        (response) => {
          const status = response.statusCode ?? 0;
          const location = response.headers.location;
          if (status >= 300 && status < 400 && location !== undefined && redirects < 5) {
            response.resume();
            resolve(this.#request(new URL(location, url), maxBytes, redirects + 1));
            return;
          }
          const retryAfterHeader = response.headers['retry-after'] ?? null;
          if (status < 200 || status >= 300) {
            response.resume();
            resolve({ status, body: new Uint8Array(0), retryAfter: retryAfterHeader });
            return;
          }
          // Only what is allowed is kept, and one byte more to show that there was more; the rest is not read.
          const chunks: Buffer[] = [];
          let length = 0;
          let settled = false;
          const finish = (error?: Error) => {
            if (settled) return;
            settled = true;
            if (error !== undefined) return reject(error);
            const body = Buffer.concat(chunks).subarray(0, maxBytes + 1);
            resolve({
              status,
              body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength),
              retryAfter: retryAfterHeader,
            });
          };
          response.on('data', (chunk: Buffer) => {
            chunks.push(chunk);
            length += chunk.length;
            if (length > maxBytes) {
              finish();
              response.destroy();
            }
          });
          response.on('end', () => finish());
          response.on('error', (error) => finish(error));
          response.on('close', () => finish(new Error('the answer was cut short')));
        },
      );
      request.setTimeout(this.#timeoutMs, () =>
        request.destroy(Object.assign(new Error('timed out'), { code: 'timed out' })),
      );
      request.on('error', reject);
    });
  }

  async #turn(): Promise<void> {
    if (this.#running < this.#concurrency) {
      this.#running++;
      return;
    }
    // The one who releases hands its turn straight over, so the count stays right.
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next !== undefined) next();
    else this.#running--;
  }
}

interface Answer {
  status: number;
  body: Uint8Array;
  retryAfter: string | null;
}

function retryAfter(header: string | null): number | null {
  if (header === null || !/^\d{1,4}$/.test(header.trim())) return null;
  return Number(header.trim()) * 1000;
}

function describe(error: unknown): string {
  const e = error as { code?: string; message?: string };
  return e?.code ?? e?.message ?? String(error);
}
