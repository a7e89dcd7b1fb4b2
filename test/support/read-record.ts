import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeBundle } from '../../src/record/bundle.ts';
import { openCheckpoint } from '../../src/record/checkpoint.ts';
import type { Checkpoint } from '../../src/record/checkpoint.ts';
import { HASH_SIZE, leafHash, treeRoot } from '../../src/record/merkle.ts';
import type { HashReader } from '../../src/record/merkle.ts';
import { createEd25519Signer, parseVerifierKey } from '../../src/record/note-keys.ts';
import type { LogIdentity } from '../../src/record/sequencer.ts';
import { entriesPath, FULL_WIDTH, tilePath } from '../../src/record/tile-path.ts';
import { tileHashReader, tilesToWrite } from '../../src/record/tiles.ts';
import { CHECKPOINT_PATH } from '../../src/record/tile-store.ts';
import type { TileStore } from '../../src/record/tile-store.ts';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { createTestSchema, testDatabase } from './database.ts';

/** testIdentity is a log identity with a fixed key, for origin `veche.test/record` unless another is given. */
export function testIdentity(origin = 'veche.test/record', seedByte = 7): LogIdentity {
  return { origin, signer: createEd25519Signer(origin, new Uint8Array(32).fill(seedByte)) };
}

/** PublishedRecord is a record as a client that trusts only the verifier key reads it from a tile store. */
export interface PublishedRecord {
  note: string;
  checkpoint: Checkpoint;
  /** entries are the entries of every bundle, in leaf order, as bytes and as text. */
  entries: Uint8Array[];
  texts: string[];
  /** read serves the tree's subtree hashes from the published tiles, for proofs. */
  read: HashReader;
}

/**
 * readPublishedRecord fetches the published checkpoint, verifies its signature and origin, fetches every tile and
 * bundle of its tree, checks that the tiles give its root and that each bundle hashes to its level-0 tile, and
 * returns what it read. Every check is an assertion.
 */
export async function readPublishedRecord(tiles: TileStore, identity: LogIdentity): Promise<PublishedRecord> {
  const noteBytes = await tiles.get(CHECKPOINT_PATH);
  assert.ok(noteBytes !== null, 'a checkpoint is published');
  const note = new TextDecoder().decode(noteBytes);
  const checkpoint = openCheckpoint(note, [parseVerifierKey(identity.signer.verifierKey)], identity.origin);
  const size = checkpoint.size;
  const fetched = new Map<string, Uint8Array>();
  for (const tile of tilesToWrite(0, size)) {
    const path = tilePath(tile.level, tile.n, tile.width);
    const data = await tiles.get(path);
    assert.ok(data !== null, `tile ${path} of a tree of ${size} is published`);
    fetched.set(path, data);
  }
  const read = tileHashReader(size, (tile) => fetched.get(tilePath(tile.level, tile.n, tile.width))!);
  assert.deepEqual(treeRoot(size, read), checkpoint.root, `the tiles give the checkpoint's root at size ${size}`);
  const entries: Uint8Array[] = [];
  for (let n = 0; n * FULL_WIDTH < size; n++) {
    const width = Math.min(FULL_WIDTH, size - n * FULL_WIDTH);
    const bundle = await tiles.get(entriesPath(n, width));
    assert.ok(bundle !== null, `bundle ${entriesPath(n, width)} is published`);
    const tile = fetched.get(tilePath(0, n, width))!;
    decodeBundle(bundle, width).forEach((entry, i) => {
      assert.deepEqual(
        leafHash(entry),
        tile.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE),
        `entry ${n * FULL_WIDTH + i} hashes to its tile`,
      );
      entries.push(entry.slice());
    });
  }
  return { note, checkpoint, entries, texts: entries.map((e) => new TextDecoder().decode(e)), read };
}

/** RecordTestStore is a migrated store with what the record needs in production: a data folder and the database URL. */
export type RecordTestStore = Store & { dataDir: string; databaseUrl: string | undefined; drop(): Promise<void> };

/**
 * openRecordTestStore opens a fresh store on the backend VECHE_TEST_DB names, as openTestStore does, and also gives
 * its data folder and (on PostgreSQL) its URL, which the file tile store and the sequencer's lease need.
 */
export async function openRecordTestStore(): Promise<RecordTestStore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'veche-record-'));
  const forgetFolder = async () => rmSync(dataDir, { recursive: true, force: true });
  if (testDatabase() === 'sqlite') {
    const store = await openStore({ dataDir });
    return withDrop(store, dataDir, undefined, forgetFolder);
  }
  const schema = await createTestSchema();
  const store = await openStore({ databaseUrl: schema.url, dataDir }).catch(async (error) => {
    await schema.drop();
    throw error;
  });
  return withDrop(store, dataDir, schema.url, async () => {
    await schema.drop();
    await forgetFolder();
  });
}

function withDrop(
  store: Store,
  dataDir: string,
  databaseUrl: string | undefined,
  forget: () => Promise<void>,
): RecordTestStore {
  let dropped = false;
  return Object.assign(store, {
    dataDir,
    databaseUrl,
    async drop() {
      if (dropped) return;
      dropped = true;
      try {
        await store.close();
      } finally {
        await forget();
      }
    },
  });
}
