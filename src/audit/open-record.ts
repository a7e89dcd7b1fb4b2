import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AuditUsageError } from './audit-state.ts';
import { FolderReader } from './folder-reader.ts';
import { MIRROR_MANIFEST, readMirrorManifest } from './mirror-layout.ts';
import { AuditNetworkError, type RecordReader } from './record-reader.ts';
import { SiteClient } from './site-client.ts';

/** RecordLocation is where a record is: a site or mirror at an http(s) URL, or a mirror in a folder. */
export type RecordLocation = { kind: 'url'; url: string } | { kind: 'folder'; path: string };

/**
 * readLocation reads what a person typed: an http(s) URL (a site, or a mirror on a web server), a file: URL or a path
 * (a mirror in a folder). It throws AuditUsageError for anything else.
 */
export function readLocation(text: string): RecordLocation {
  if (/^https?:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new AuditUsageError(`not a URL: ${text}`);
    }
    if (url.search !== '' || url.hash !== '') throw new AuditUsageError('give the address without a query or fragment');
    return { kind: 'url', url: url.href.replace(/\/+$/, '') };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text) && !/^file:/i.test(text))
    throw new AuditUsageError(`not an http(s) URL, a file: URL or a folder: ${text}`);
  let path: string;
  try {
    path = /^file:/i.test(text) ? fileURLToPath(text) : resolve(text);
  } catch {
    throw new AuditUsageError(`not a file: URL of a folder: ${text}`);
  }
  return { kind: 'folder', path };
}

/**
 * openRecord opens a reader on the record at `location` and reads its mirror manifest (veche-mirror.json), if it is a
 * mirror; without one a URL is a live site, and a folder is refused. The caller closes the reader.
 */
export async function openRecord(location: string, options: { concurrency?: number } = {}): Promise<RecordReader> {
  const where = readLocation(location);
  let reader: RecordReader;
  if (where.kind === 'folder') {
    let isFolder = false;
    try {
      isFolder = statSync(where.path).isDirectory();
    } catch {
      /* reported below */
    }
    if (!isFolder) {
      const hint = /^[\w-]+(\.[\w-]+)+(:\d+)?(\/|$)/.test(location)
        ? ` (for a site, write its address with https://)`
        : '';
      throw new AuditUsageError(`${where.path} is not a folder${hint}`);
    }
    reader = new FolderReader(where.path);
  } else {
    reader = new SiteClient(where.url, { concurrency: options.concurrency });
  }
  try {
    reader.mirror = await readManifest(reader, where.kind === 'folder');
    return reader;
  } catch (error) {
    reader.close();
    throw error;
  }
}

async function readManifest(reader: RecordReader, required: boolean) {
  const body = await reader.get(MIRROR_MANIFEST, 1024 * 1024);
  if (body === null) {
    if (required)
      throw new AuditUsageError(
        `${reader.base} holds no Veche mirror (no ${MIRROR_MANIFEST.slice(1)}): give a mirror's folder or a site's URL`,
      );
    return null;
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(body));
  } catch {
    // A site (or its proxy) may answer any path with a page of its own: then it is no mirror, and is read as a site.
    if (required) throw new AuditNetworkError(`${reader.base}${MIRROR_MANIFEST} is not JSON`);
    return null;
  }
  const manifest = readMirrorManifest(value);
  if (typeof manifest === 'string') throw new AuditNetworkError(`${reader.base}${MIRROR_MANIFEST}: ${manifest}`);
  return manifest;
}
