import { partialTiles, tileCounts } from '../record/tiles.ts';
import { FULL_WIDTH, entriesPath, parseTilePath, tilePath } from '../record/tile-path.ts';
import type { MirrorFolder } from './mirror-folder.ts';

/** PruneSizes say what a mirror still serves: the checkpoint it held before this update, the one it serves now. */
export interface PruneSizes {
  held: number | null;
  served: number;
  /** snapshots are the copies of the API to keep (`api/<n>`): the new one, and the one the old manifest named. */
  snapshots: string[];
}

/**
 * pruneMirror deletes what no reader needs any more. Copies of the site's API but the ones named. And partial tiles
 * and bundles once their full tile is there (SPEC: c2sp.org/tlog-tiles#partial-tiles: a log MAY delete a partial tile
 * once the full tile is available), except those of the checkpoint held before, which a reader that began before this
 * update may still be reading.
 */
export function pruneMirror(folder: MirrorFolder, sizes: PruneSizes): void {
  for (const name of folder.list('/api')) {
    if (!sizes.snapshots.includes(`api/${name}`)) folder.remove(`/api/${name}`);
  }
  const keep = new Set<string>();
  for (const size of [sizes.held, sizes.served]) {
    if (size === null || size === 0) continue;
    for (const tile of partialTiles(size)) {
      keep.add(`/log/${tilePath(tile.level, tile.n, tile.width)}`);
      if (tile.level === 0) keep.add(`/log/${entriesPath(tile.n, tile.width)}`);
    }
  }
  // Partial tiles lie at the positions where the held and the served checkpoints have theirs, or just before (the
  // checkpoints before them, in the same folder of up to a thousand tiles).
  const folders = new Set<string>();
  for (const size of [sizes.held, sizes.served]) {
    if (size === null || size === 0) continue;
    for (let level = 0; Math.floor(size / FULL_WIDTH ** level) > 0; level++) {
      const n = tileCounts(size, level).full;
      for (const path of level === 0 ? [tilePath(0, n), entriesPath(n)] : [tilePath(level, n)]) {
        folders.add(`/log/${path.slice(0, path.lastIndexOf('/'))}`);
      }
    }
  }
  for (const parent of folders) {
    for (const name of folder.list(parent)) {
      if (!name.endsWith('.p')) continue;
      const full = parseTilePath(`${parent.slice('/log/'.length)}/${name.slice(0, -2)}`);
      if (full === null) continue;
      const level = full.level === 'entries' ? 0 : full.level;
      if (full.n >= tileCounts(sizes.served, level).full) continue; // no full tile yet: every partial stays
      const widths = folder.list(`${parent}/${name}`);
      const left = widths.filter((w) => keep.has(`${parent}/${name}/${w}`));
      for (const width of widths) if (!left.includes(width)) folder.remove(`${parent}/${name}/${width}`);
      if (left.length === 0) folder.remove(`${parent}/${name}`);
    }
  }
}
