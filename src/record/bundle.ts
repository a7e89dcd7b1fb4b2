import { RecordError } from './record-error.ts';
import { FULL_WIDTH } from './tile-path.ts';

// SPEC: https://c2sp.org/tlog-tiles#log-entries: an entry bundle is a sequence of big-endian uint16
// length-prefixed entries; a full bundle has 256, a partial one 1 to 255, and empty bundles are never served.

/** MAX_ENTRY_SIZE is the largest entry a bundle can hold, in bytes. */
export const MAX_ENTRY_SIZE = 65_535;

/** encodeBundle lays 1 to 256 entries end to end, each after its big-endian uint16 length. */
export function encodeBundle(entries: readonly Uint8Array[]): Uint8Array {
  if (entries.length < 1 || entries.length > FULL_WIDTH) {
    throw new RangeError(`a bundle holds 1 to ${FULL_WIDTH} entries, not ${entries.length}`);
  }
  let length = 0;
  for (const [i, entry] of entries.entries()) {
    if (entry.length > MAX_ENTRY_SIZE) {
      const why = `entry ${i} has ${entry.length} bytes; a log entry has at most ${MAX_ENTRY_SIZE}`;
      throw new RecordError('entry-too-large', why);
    }
    length += 2 + entry.length;
  }
  const bundle = new Uint8Array(length);
  let at = 0;
  for (const entry of entries) {
    bundle[at] = entry.length >>> 8;
    bundle[at + 1] = entry.length & 0xff;
    bundle.set(entry, at + 2);
    at += 2 + entry.length;
  }
  return bundle;
}

/** decodeBundle splits a bundle into its entries, views into `bundle`, or throws RecordError 'malformed-bundle'. */
export function decodeBundle(bundle: Uint8Array, width?: number): Uint8Array[] {
  // Refused: a truncated entry, more than 256 entries, an empty bundle, and, when `width` is given, any other count.
  if (width !== undefined && (!Number.isInteger(width) || width < 1 || width > FULL_WIDTH)) {
    throw new RangeError(`bad bundle width ${width}`);
  }
  const entries: Uint8Array[] = [];
  let at = 0;
  while (at < bundle.length) {
    if (entries.length === FULL_WIDTH) throw new RecordError('malformed-bundle', `more than ${FULL_WIDTH} entries`);
    if (at + 2 > bundle.length) throw new RecordError('malformed-bundle', `truncated length at byte ${at}`);
    const length = (bundle[at] << 8) | bundle[at + 1];
    const end = at + 2 + length;
    if (end > bundle.length) throw new RecordError('malformed-bundle', `entry ${entries.length} truncated`);
    entries.push(bundle.subarray(at + 2, end));
    at = end;
  }
  if (entries.length === 0) throw new RecordError('malformed-bundle', 'empty bundle');
  if (width !== undefined && entries.length !== width) {
    throw new RecordError('malformed-bundle', `${entries.length} entries, want ${width}`);
  }
  return entries;
}
