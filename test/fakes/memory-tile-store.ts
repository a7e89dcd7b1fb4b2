import type { TileStore } from '../../src/record/tile-store.ts';

/** MemoryTileStore is a TileStore in a Map, whose contents a test can read and damage. */
export class MemoryTileStore implements TileStore {
  readonly blobs = new Map<string, Uint8Array>();

  /** get returns a copy, as a real store would, so that a caller cannot change what is stored. */
  async get(path: string): Promise<Uint8Array | null> {
    const data = this.blobs.get(path);
    return data === undefined ? null : data.slice();
  }

  /** put keeps a copy of the bytes. */
  async put(path: string, data: Uint8Array): Promise<void> {
    this.blobs.set(path, data.slice());
  }

  /** readSync returns a stored blob or fails, for the synchronous readers of the record library. */
  readSync(path: string): Uint8Array {
    const data = this.blobs.get(path);
    if (data === undefined) throw new Error(`no ${path} in the tile store`);
    return data;
  }
}
