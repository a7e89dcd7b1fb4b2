import type { TileStore } from '../../src/record/tile-store.ts';
import { InjectedFailure } from '../support/failing-store.ts';

/** FailingTileStoreOptions say which put fails first, and whether it fails before writing or after. */
export interface FailingTileStoreOptions {
  /** failAfter is how many puts succeed; every later one fails. */
  failAfter: number;
  /** persisted: the failing puts write their bytes and then throw, as a crash right after the write would. */
  persisted?: boolean;
  /** only counts and fails only the puts whose path it accepts (all, unless given). */
  only?: (path: string) => boolean;
}

/** FailingTileStore is a TileStore over another one that fails, from the nth put on, as a full disk or a crash would. */
export class FailingTileStore implements TileStore {
  readonly inner: TileStore;
  readonly options: FailingTileStoreOptions;
  /** puts lists the paths of the puts that succeeded. */
  readonly puts: string[] = [];
  #counted = 0;

  constructor(inner: TileStore, options: FailingTileStoreOptions) {
    this.inner = inner;
    this.options = options;
  }

  /** get reads through. */
  get(path: string): Promise<Uint8Array | null> {
    return this.inner.get(path);
  }

  /** put succeeds for the first failAfter puts, then throws InjectedFailure (after writing, when persisted). */
  async put(path: string, data: Uint8Array): Promise<void> {
    const counted = this.options.only?.(path) ?? true;
    if (counted && this.#counted++ >= this.options.failAfter) {
      if (this.options.persisted) await this.inner.put(path, data);
      throw new InjectedFailure(`injected failure putting ${path}`);
    }
    await this.inner.put(path, data);
    this.puts.push(path);
  }
}
