import { open } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { RecordReader } from './record-reader.ts';

/**
 * FolderReader reads a mirror from a folder (a USB stick, a copy on disk) with the paths a site serves: `/log/checkpoint`
 * is `<folder>/log/checkpoint`. A file that is not there reads as null, as a 404 would; every read is capped, because a
 * folder handed over on a stick is no more trusted than a site.
 */
export class FolderReader extends RecordReader {
  readonly #root: string;

  constructor(root: string) {
    super(root.endsWith(sep) && root.length > 1 ? root.slice(0, -1) : root);
    this.#root = this.base;
  }

  protected async fetch(path: string, maxBytes: number): Promise<Uint8Array | null> {
    const [route] = path.split('?', 1);
    const segments = route.split('/').filter((s) => s !== '');
    if (segments.some((s) => s === '.' || s === '..' || s.includes('\\'))) return null;
    let handle;
    try {
      handle = await open(join(this.#root, ...segments), 'r');
    } catch (error) {
      if (isAbsent(error)) return null;
      throw error;
    }
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) return null;
      const buffer = new Uint8Array(Math.min(stat.size, maxBytes + 1));
      let read = 0;
      while (read < buffer.length) {
        const { bytesRead } = await handle.read(buffer, read, buffer.length - read, read);
        if (bytesRead === 0) break;
        read += bytesRead;
      }
      return buffer.subarray(0, read);
    } catch (error) {
      if (isAbsent(error)) return null;
      throw error;
    } finally {
      await handle.close();
    }
  }
}

function isAbsent(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}
