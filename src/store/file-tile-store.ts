import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { CHECKPOINT_PATH } from '../record/tile-store.ts';
import type { TileStore } from '../record/tile-store.ts';
import { parseTilePath } from '../record/tile-path.ts';

/**
 * FileTileStore keeps the record's tiles, bundles and checkpoint as files under one folder (<VECHE_DATA>/log), laid
 * out as their URLs are, so that a web server could serve the folder as it is. Each put writes a temporary file,
 * fsyncs it, renames it over the old one and fsyncs the folder: a reader sees the old file or the new, and a
 * resolved put survives a power cut.
 */
export class FileTileStore implements TileStore {
  readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  /** get returns the file's bytes, or null if there is none. */
  async get(path: string): Promise<Uint8Array | null> {
    try {
      const bytes = await readFile(this.#file(path));
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  /** put replaces the file atomically and durably. */
  async put(path: string, data: Uint8Array): Promise<void> {
    const file = this.#file(path);
    const folder = dirname(file);
    const created = await mkdir(folder, { recursive: true });
    const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      const handle = await open(temporary, 'wx', 0o644);
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    // The rename is durable once the folder holding it is synced, and a new folder once the one holding it is.
    await syncFolder(folder);
    if (created !== undefined) {
      // Folders from `created` down to `folder` are new: each one's entry is in the folder above it.
      for (let up = dirname(folder); ; up = dirname(up)) {
        await syncFolder(up);
        if (up === dirname(created) || up === dirname(up)) break;
      }
    }
  }

  #file(path: string): string {
    // Only the names the record uses: nothing can reach outside the folder, or collide with a temporary file.
    if (path !== CHECKPOINT_PATH && parseTilePath(path) === null) throw new RangeError(`not a record path: ${path}`);
    const file = join(this.root, path);
    if (relative(this.root, file).split(sep).includes('..')) throw new RangeError(`not a record path: ${path}`);
    return file;
  }
}

async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
