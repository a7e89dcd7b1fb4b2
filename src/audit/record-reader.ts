import { mirrorApiPath } from './mirror-layout.ts';
import type { MirrorManifest } from './mirror-layout.ts';

/** AuditNetworkError means the record could not be read (refused, timed out, kept failing): the audit exits with 2. */
export class AuditNetworkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditNetworkError';
  }
}

/**
 * RecordReader reads a record where it is kept: a Veche site, a mirror served over HTTP, or a mirror in a folder. The
 * audit, the mirror and the monitor read every one of them through this class with the site's paths (`/log/…`,
 * `/api/…`); a mirror holds the site's API answers elsewhere (mirror-layout.ts), so for a mirror `/api/` paths are
 * read from its snapshot. A subclass only says how to fetch one path.
 */
export abstract class RecordReader {
  /** base is where the record is, as a person would write it: the site's or mirror's URL, or the folder. */
  readonly base: string;
  /** bytes is how many body bytes were read so far. */
  bytes = 0;
  /** requests is how many reads were answered so far. */
  requests = 0;
  /** mirror is the manifest of a mirror (veche-mirror.json), or null for a live site. */
  mirror: MirrorManifest | null = null;

  constructor(base: string) {
    this.base = base;
  }

  /** fetch returns the bytes at `path` under the base, null when there is none, or at most maxBytes + 1 bytes. */
  protected abstract fetch(path: string, maxBytes: number): Promise<Uint8Array | null>;

  /** close lets go of what the reader holds open. */
  close(): void {}

  /** get returns the body of base + path (an `/api/` path of a mirror from its snapshot), or null when there is none. */
  async get(path: string, maxBytes: number): Promise<Uint8Array | null> {
    let where = path;
    if (this.mirror !== null && path.startsWith('/api/')) {
      const mapped = mirrorApiPath(this.mirror, path);
      if (mapped === null) return null;
      where = mapped;
    }
    const body = await this.fetch(where, maxBytes);
    this.requests++;
    if (body !== null) this.bytes += body.length;
    return body;
  }

  /** text returns a UTF-8 body, or null when there is none. */
  async text(path: string, maxBytes: number): Promise<string | null> {
    const body = await this.get(path, maxBytes);
    return body === null ? null : new TextDecoder().decode(body);
  }

  /** json returns a parsed JSON body, null when there is none, or throws AuditNetworkError if it is not JSON. */
  async json(path: string, maxBytes: number): Promise<unknown> {
    const text = await this.text(path, maxBytes);
    if (text === null) return null;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new AuditNetworkError(`${this.base}${path} did not answer JSON`);
    }
  }
}
