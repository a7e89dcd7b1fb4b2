import assert from 'node:assert/strict';
import { decodeBundle } from '../../src/record/bundle.ts';
import { openCheckpoint } from '../../src/record/checkpoint.ts';
import type { Checkpoint } from '../../src/record/checkpoint.ts';
import { emptyRoot, HASH_SIZE, leafHash, treeRoot } from '../../src/record/merkle.ts';
import type { HashReader } from '../../src/record/merkle.ts';
import { parseVerifierKey } from '../../src/record/note-keys.ts';
import type { NoteVerifier } from '../../src/record/note-keys.ts';
import { consistencyProof, verifyConsistency } from '../../src/record/proofs.ts';
import { entriesPath, FULL_WIDTH, tilePath } from '../../src/record/tile-path.ts';
import { tileHashReader, tilesToWrite } from '../../src/record/tiles.ts';

/** HttpRecord is a server's public record as a client that trusts only its /log/key reads it over HTTP. */
export interface HttpRecord {
  verifier: NoteVerifier;
  origin: string;
  checkpoint: Checkpoint;
  /** entries are the texts of every bundle's entries, in leaf order. */
  entries: string[];
  /** read serves the tree's subtree hashes from the fetched tiles, for proofs. */
  read: HashReader;
}

/**
 * readRecordOverHttp fetches /log/key and /log/checkpoint, verifies the checkpoint's signature and origin, fetches
 * every tile and bundle of its tree under /log/tile/, and checks that the tiles give its root and that every entry
 * hashes to its level-0 tile. Every check is an assertion.
 */
export async function readRecordOverHttp(base: string, origin: string): Promise<HttpRecord> {
  const verifier = parseVerifierKey(await text(`${base}/log/key`));
  const checkpoint = openCheckpoint(await text(`${base}/log/checkpoint`), [verifier], origin);
  const size = checkpoint.size;
  const tiles = new Map<string, Uint8Array>();
  for (const tile of tilesToWrite(0, size)) {
    const path = tilePath(tile.level, tile.n, tile.width);
    tiles.set(path, await bytes(`${base}/log/${path}`));
  }
  const read = tileHashReader(size, (tile) => tiles.get(tilePath(tile.level, tile.n, tile.width))!);
  assert.deepEqual(
    treeRoot(size, read),
    checkpoint.root,
    `the served tiles give the checkpoint's root at size ${size}`,
  );
  const entries: string[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let n = 0; n * FULL_WIDTH < size; n++) {
    const width = Math.min(FULL_WIDTH, size - n * FULL_WIDTH);
    const tile = tiles.get(tilePath(0, n, width))!;
    decodeBundle(await bytes(`${base}/log/${entriesPath(n, width)}`), width).forEach((entry, i) => {
      const at = n * FULL_WIDTH + i;
      assert.deepEqual(
        leafHash(entry),
        tile.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE),
        `entry ${at} hashes to its tile`,
      );
      entries.push(decoder.decode(entry));
    });
  }
  return { verifier, origin, checkpoint, entries, read };
}

/**
 * assertConsistentWith verifies an earlier checkpoint note with the record's key and checks, with a consistency proof
 * built from the record's tiles and verified against both roots, that its tree is a prefix of the record's.
 */
export function assertConsistentWith(record: HttpRecord, note: string): void {
  const earlier = openCheckpoint(note, [record.verifier], record.origin);
  const later = record.checkpoint;
  assert.ok(
    earlier.size <= later.size,
    `a checkpoint of ${earlier.size} entries was served before one of ${later.size}`,
  );
  if (earlier.size === 0) {
    assert.deepEqual(earlier.root, emptyRoot(), 'the empty checkpoint has the empty root');
    return;
  }
  const proof = consistencyProof(earlier.size, later.size, record.read);
  assert.ok(
    verifyConsistency(earlier.size, later.size, proof, earlier.root, later.root),
    `the checkpoint of ${earlier.size} entries is consistent with the one of ${later.size}`,
  );
}

/** RecordedSignature is what the record says about one signature id. */
export interface RecordedSignature {
  petition: string;
  added: number;
}

/** signaturesIn counts, for each signature id, its `signature.added` entries in the record, and names its petition. */
export function signaturesIn(record: HttpRecord): Map<string, RecordedSignature> {
  const found = new Map<string, RecordedSignature>();
  for (const text of record.entries) {
    const entry = JSON.parse(text) as { type: string; petition: string; signature?: string };
    if (entry.type !== 'signature.added' || entry.signature === undefined) continue;
    const seen = found.get(entry.signature);
    if (seen) seen.added++;
    else found.set(entry.signature, { petition: entry.petition, added: 1 });
  }
  return found;
}

async function text(url: string): Promise<string> {
  const response = await fetch(url);
  assert.equal(response.status, 200, `GET ${url}`);
  return response.text();
}

async function bytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  assert.equal(response.status, 200, `GET ${url} is served`);
  return new Uint8Array(await response.arrayBuffer());
}
