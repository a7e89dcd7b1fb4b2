import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * MirrorFolder is the folder a mirror is kept in, reached with the paths a site serves (`/log/checkpoint`). Every file
 * is written whole under a temporary name and renamed into place, so that a web server reading the folder, or a crash,
 * never sees half a file: a reader sees the old file or the new one.
 */
export class MirrorFolder {
  readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  /** file is where a site path is kept in the folder. */
  file(path: string): string {
    const segments = path.split('/').filter((s) => s !== '');
    if (segments.some((s) => s === '.' || s === '..')) throw new Error(`not a path inside the mirror: ${path}`);
    return join(this.root, ...segments);
  }

  /** read returns the file at a site path, or null when there is none. */
  read(path: string): Buffer | null {
    try {
      return readFileSync(this.file(path));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return null;
      throw error;
    }
  }

  /** has reports whether a file is kept at a site path. */
  has(path: string): boolean {
    return existsSync(this.file(path));
  }

  /** write replaces the file at a site path atomically (a temporary file in the same folder, renamed over it). */
  write(path: string, bytes: Uint8Array | string): void {
    const target = this.file(path);
    mkdirSync(dirname(target), { recursive: true });
    const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    writeFileSync(temporary, bytes);
    renameSync(temporary, target);
  }

  /** move puts a file written elsewhere in the same file system at a site path, atomically. */
  move(from: string, path: string): void {
    const target = this.file(path);
    mkdirSync(dirname(target), { recursive: true });
    renameSync(from, target);
  }

  /** remove deletes a file or folder at a site path, if there is one. */
  remove(path: string): void {
    rmSync(this.file(path), { recursive: true, force: true });
  }

  /** list names what a folder at a site path holds (empty when there is no such folder). */
  list(path: string): string[] {
    try {
      return readdirSync(this.file(path));
    } catch {
      return [];
    }
  }
}
