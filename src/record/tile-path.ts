// SPEC: https://c2sp.org/tlog-tiles#merkle-tree and #log-entries: tile/<L>/<N>[.p/<W>] and tile/entries/<N>[.p/<W>].

/** FULL_WIDTH is the number of hashes in a full tile, and of entries in a full bundle. */
export const FULL_WIDTH = 256;

/** MAX_TILE_LEVEL is the highest tile level a path may name. */
export const MAX_TILE_LEVEL = 63;

/** TilePathParts is what a tile or entry bundle path names; `width` is 256 for a full tile. */
export interface TilePathParts {
  level: number | 'entries';
  n: number;
  width: number;
}

/** encodeTileIndex writes N in zero-padded groups of three digits, all but the last prefixed x: x001/x234/067. */
export function encodeTileIndex(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`bad tile index ${n}`);
  let rest = Math.floor(n / 1000);
  let path = threeDigits(n % 1000);
  while (rest > 0) {
    path = `x${threeDigits(rest % 1000)}/${path}`;
    rest = Math.floor(rest / 1000);
  }
  return path;
}

/** tilePath is the path of the tile at `level`, number `n`, with `width` hashes (256, the default, for full). */
export function tilePath(level: number, n: number, width: number = FULL_WIDTH): string {
  if (!Number.isInteger(level) || level < 0 || level > MAX_TILE_LEVEL) throw new RangeError(`bad tile level ${level}`);
  return `tile/${level}/${encodeTileIndex(n)}${widthSuffix(width)}`;
}

/** entriesPath is the path of entry bundle `n` with `width` entries (256, the default, for full). */
export function entriesPath(n: number, width: number = FULL_WIDTH): string {
  return `tile/entries/${encodeTileIndex(n)}${widthSuffix(width)}`;
}

const TILE_PATH = /^tile\/(entries|0|[1-9][0-9]?)\/((?:x[0-9]{3}\/)*)([0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/;

/** parseTilePath reads a tile or entry bundle path (no prefix) written exactly as tilePath would, or returns null. */
export function parseTilePath(path: string): TilePathParts | null {
  // Refused: leading zeros, a leading x000 group, a level over 63, a width outside 1–255, anything around the path.
  const match = TILE_PATH.exec(path);
  if (match === null) return null;
  const [, levelText, groups, last, widthText] = match;
  const level = levelText === 'entries' ? 'entries' : Number(levelText);
  if (level !== 'entries' && level > MAX_TILE_LEVEL) return null;
  const width = widthText === undefined ? FULL_WIDTH : Number(widthText);
  if (widthText !== undefined && width >= FULL_WIDTH) return null; // .p/256 would be a second name for the full tile
  let n = 0;
  for (const group of groups.split('/')) {
    if (group !== '') n = n * 1000 + Number(group.slice(1));
  }
  n = n * 1000 + Number(last);
  if (!Number.isSafeInteger(n)) return null;
  // A leading x000 group would give a second spelling of the same tile; only the canonical one is accepted.
  if (encodeTileIndex(n) !== `${groups}${last}`) return null;
  return { level, n, width };
}

function widthSuffix(width: number): string {
  if (!Number.isInteger(width) || width < 1 || width > FULL_WIDTH) throw new RangeError(`bad tile width ${width}`);
  return width === FULL_WIDTH ? '' : `.p/${width}`;
}

function threeDigits(n: number): string {
  return String(n).padStart(3, '0');
}
