import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { encodeBundle } from '../../src/record/bundle.ts';
import { signCheckpoint } from '../../src/record/checkpoint.ts';
import { growTiles } from '../../src/record/grow-tiles.ts';
import { leafHash } from '../../src/record/merkle.ts';
import { createEd25519Signer } from '../../src/record/note-keys.ts';
import { entriesPath, tilePath } from '../../src/record/tile-path.ts';

/** TiledRecord is a record written as a site serves it, into a folder: its verifier key and each checkpoint signed. */
export interface TiledRecord {
  key: string;
  /** checkpoints are the signed notes, one after each batch, in order. */
  checkpoints: string[];
}

/**
 * writeTiledRecord writes a log of `batches` of entries into `folder` (log/key, log/tile/…, log/checkpoint for the
 * last batch), signed for `origin` with the Ed25519 seed: two calls with the same origin and seed and different
 * entries make a forked record, as a seized server's operators could.
 */
export function writeTiledRecord(folder: string, origin: string, seed: Uint8Array, batches: string[][]): TiledRecord {
  const signer = createEd25519Signer(origin, seed);
  const tiles = new Map<string, Uint8Array>();
  const entries: Uint8Array[] = [];
  const write = (path: string, data: Uint8Array | string) => {
    const file = join(folder, 'log', ...path.split('/'));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, data);
  };
  const checkpoints: string[] = [];
  for (const batch of batches) {
    const fresh = batch.map((text) => new TextEncoder().encode(text));
    const growth = growTiles(entries.length, fresh.map(leafHash), (t) => tiles.get(tilePath(t.level, t.n, t.width))!);
    entries.push(...fresh);
    for (const { tile, data } of growth.tiles) {
      tiles.set(tilePath(tile.level, tile.n, tile.width), data);
      write(tilePath(tile.level, tile.n, tile.width), data);
      if (tile.level === 0)
        write(entriesPath(tile.n, tile.width), encodeBundle(entries.slice(tile.n * 256, tile.n * 256 + tile.width)));
    }
    const note = signCheckpoint({ origin, size: growth.size, root: growth.root, extensions: [] }, [signer]);
    checkpoints.push(note);
    write('checkpoint', note);
  }
  write('key', `${signer.verifierKey}\n`);
  return { key: signer.verifierKey, checkpoints };
}

/** signatureEntries are `count` well-formed signature.added entries of one petition, their ids made from `tag`. */
export function signatureEntries(tag: string, count: number, from = 0): string[] {
  return Array.from(
    { length: count },
    (_, i) =>
      `{"confirmed":false,"petition":"pFork${tag}","signature":"s${tag}${from + i}","type":"signature.added","v":1}`,
  );
}
