import { Buffer } from 'node:buffer';
import { bytesEqual, encodeBase64 } from '../record/bytes.ts';
import { parseCheckpoint } from '../record/checkpoint.ts';
import { leafHash, treeRoot } from '../record/merkle.ts';
import type { HashReader } from '../record/merkle.ts';
import { consistencyProof, inclusionProof, verifyInclusion } from '../record/proofs.ts';
import { fetchTilesFor } from '../record/sequencer.ts';
import { parseTilePath } from '../record/tile-path.ts';
import type { TileStore } from '../record/tile-store.ts';
import type { PetitionView } from '../read/petition-reader.ts';
import { invalidInput } from '../domain/errors.ts';
import { countInTree, entriesOfSignature, isCheckpointSize } from '../read/record-positions.ts';
import type { PacketCheckpoint } from './exports/delivery-packet.ts';
import type { WebApp } from './web-app.ts';

// Proofs are built from the tiles the site serves at /log/tile/…, read through LogReader, which serves only what a
// committed checkpoint covers: a proof given here is one any client could build from the public record itself.
// SPEC: RFC 9162 §2.1.3 and §2.1.4 (proofs), https://c2sp.org/tlog-checkpoint (the checkpoint note).

/** SignedCheckpoint is the latest checkpoint as published: its signed note, and what the note's text says. */
export interface SignedCheckpoint {
  note: string;
  origin: string;
  size: number;
  root: Uint8Array;
  /** signatureLines are the note's signature lines, `— <key name> <base64>`. */
  signatureLines: string[];
}

/** CheckpointJson is a checkpoint as the API gives it; `note` is null for an older size (see proveInclusion). */
export interface CheckpointJson {
  origin: string;
  size: number;
  root: string;
  note: string | null;
}

/** latestCheckpoint reads the record's latest signed checkpoint, as /log/checkpoint serves it, or null before the first. */
export async function latestCheckpoint(app: WebApp): Promise<SignedCheckpoint | null> {
  const note = await app.log.checkpoint();
  return note === null ? null : readNote(note);
}

/** checkpointJson is a checkpoint for the API, with its signed note. */
export function checkpointJson(checkpoint: SignedCheckpoint): CheckpointJson {
  return {
    origin: checkpoint.origin,
    size: checkpoint.size,
    root: encodeBase64(checkpoint.root),
    note: checkpoint.note,
  };
}

/**
 * proveInclusion is the audit path of leaf `index` in the tree of `size` (the latest checkpoint's when null), which
 * must be a size a checkpoint was signed for. Only the latest checkpoint's note is kept; for an older size the answer
 * gives its root and no note: a client asks for an older size because it holds that checkpoint already.
 */
export async function proveInclusion(app: WebApp, index: number, size: number | null) {
  const latest = await requireCheckpoint(app);
  const treeSize = size ?? latest.size;
  await checkSize(app, latest, treeSize, 'size');
  if (index >= treeSize)
    throw invalidInput([{ field: 'index', problem: 'index-beyond-size', params: { size: treeSize } }]);
  const compute = (reader: HashReader) => ({
    proof: inclusionProof(index, treeSize, reader),
    leaf: reader(0, index),
    root: treeRoot(treeSize, reader),
  });
  const { proof, leaf, root } = compute(await readerFor(app, treeSize, compute));
  if (treeSize === latest.size && !bytesEqual(root, latest.root))
    throw new Error(`the record's tiles do not give the root of the tree of ${treeSize}`);
  const checkpoint =
    treeSize === latest.size
      ? checkpointJson(latest)
      : { origin: latest.origin, size: treeSize, root: encodeBase64(root), note: null };
  return { index, size: treeSize, leafHash: encodeBase64(leaf), proof: proof.map(encodeBase64), checkpoint };
}

/**
 * proveConsistency proves that the tree of `from` entries is a prefix of the tree of `to` (the latest when null), which
 * must be a checkpoint's size; `from` may be any size up to it, as the proof reads only hashes of the larger tree.
 */
export async function proveConsistency(app: WebApp, from: number, to: number | null) {
  const latest = await requireCheckpoint(app);
  const newSize = to ?? latest.size;
  await checkSize(app, latest, newSize, 'to');
  if (from > newSize) throw invalidInput([{ field: 'from', problem: 'from-after-to', params: { to: newSize } }]);
  const read = await readerFor(app, newSize, (reader) => consistencyProof(from, newSize, reader));
  return { from, to: newSize, proof: consistencyProof(from, newSize, read).map(encodeBase64) };
}

/** EntryProof is one entry of a signature in the record: its text, place, leaf hash and inclusion proof. */
export interface EntryProof {
  type: string;
  entry: string;
  leafIndex: number;
  leafHash: string;
  proof: string[];
}

/** SignatureProof is what the record shows of one signature at the latest checkpoint. */
export interface SignatureProof {
  signature: string;
  petition: { id: string; signatures: number };
  checkpoint: CheckpointJson;
  entries: EntryProof[];
}

/**
 * proveSignature returns a signature's entries that the latest checkpoint covers, each with its inclusion proof, and
 * the petition's count in the record at that checkpoint; or null when the checkpoint covers none of its entries,
 * which is also the answer for an id that never existed: see proofRoutes for why the two must look alike.
 */
export async function proveSignature(app: WebApp, signature: string): Promise<SignatureProof | null> {
  if (signature.length > 64) return null;
  const latest = await latestCheckpoint(app);
  if (latest === null) return null;
  const covered = (await entriesOfSignature(app, signature)).filter(
    (e): e is typeof e & { leafIndex: number } => e.leafIndex !== null && e.leafIndex < latest.size,
  );
  if (covered.length === 0) return null;
  const prove = (reader: HashReader) => covered.map((e) => inclusionProof(e.leafIndex, latest.size, reader));
  const proofs = prove(await readerFor(app, latest.size, prove));
  const entries = covered.map((e, i) => {
    const hash = leafHash(Buffer.from(e.body, 'utf8'));
    // A proof this server could not verify itself must never be shown as one: the tiles and the database disagree.
    if (!verifyInclusion(hash, e.leafIndex, latest.size, proofs[i], latest.root)) {
      throw new Error(`the record's tiles do not prove entry ${e.leafIndex} in the tree of ${latest.size}`);
    }
    return {
      type: e.type,
      entry: e.body,
      leafIndex: e.leafIndex,
      leafHash: encodeBase64(hash),
      proof: proofs[i].map(encodeBase64),
    };
  });
  const count = await countInTree(app, covered[0].petitionId, latest.size);
  return {
    signature,
    petition: { id: covered[0].petition, signatures: count.signatures },
    checkpoint: checkpointJson(latest),
    entries,
  };
}

/** RecordCoverage is a petition's count in the record at the latest checkpoint, beside its public count then. */
export interface RecordCoverage {
  checkpoint: SignedCheckpoint;
  /** signatures is the count that the checkpoint's entries give: what an auditor recomputes. */
  signatures: number;
  /** now is the public count read in the same snapshot; it differs by the entries the checkpoint does not cover yet. */
  now: number;
}

// One coverage per petition view: the petition page and the API keep their output per view, and what they show of
// the record must be fixed with it. A view lives about a second, so the coverage shown is at most that old.
const coverages = new WeakMap<PetitionView, Promise<RecordCoverage | null>>();

/** recordCoverage returns the petition's coverage by the latest checkpoint, the same one for the life of a view. */
export function recordCoverage(app: WebApp, view: PetitionView): Promise<RecordCoverage | null> {
  let coverage = coverages.get(view);
  if (coverage === undefined) {
    coverage = readCoverage(app, Number(view.petition.id));
    coverages.set(view, coverage);
    coverage.catch(() => coverages.delete(view));
  }
  return coverage;
}

/** packetCheckpoint is the record's position for a delivery packet: the latest checkpoint and the count it gives. */
export async function packetCheckpoint(
  app: WebApp,
  petition: { id: number; publicId: string },
): Promise<PacketCheckpoint | null> {
  const coverage = await readCoverage(app, Number(petition.id));
  if (coverage === null) return null;
  const { checkpoint } = coverage;
  return {
    origin: checkpoint.origin,
    size: checkpoint.size,
    root: encodeBase64(checkpoint.root),
    signatureLines: checkpoint.signatureLines,
    signatures: coverage.signatures,
    key: app.log.verifierKey,
    site: app.config.publicUrl,
    auditUrl: `${app.config.publicUrl}/p/${petition.publicId}/audit`,
  };
}

async function readCoverage(app: WebApp, petitionId: number): Promise<RecordCoverage | null> {
  const checkpoint = await latestCheckpoint(app);
  if (checkpoint === null) return null;
  const count = await countInTree(app, petitionId, checkpoint.size);
  return { checkpoint, ...count };
}

async function requireCheckpoint(app: WebApp): Promise<SignedCheckpoint> {
  const latest = await latestCheckpoint(app);
  if (latest === null) throw new Error('the record has no checkpoint: the sequencer has not recovered it');
  return latest;
}

/** checkSize refuses a tree size no checkpoint was signed for: its partial tiles were never published. */
async function checkSize(app: WebApp, latest: SignedCheckpoint, size: number, field: string): Promise<void> {
  if (size === latest.size) return;
  if (size > latest.size || !(await isCheckpointSize(app, size))) {
    throw invalidInput([{ field, problem: 'not-a-checkpoint-size', params: { latest: latest.size } }]);
  }
}

/** readerFor fetches, through the public tile routes' reader, the tiles that `compute` reads in the tree of `size`. */
function readerFor(app: WebApp, size: number, compute: (read: HashReader) => unknown): Promise<HashReader> {
  return fetchTilesFor(publishedTiles(app), size, compute);
}

function publishedTiles(app: WebApp): TileStore {
  return {
    async get(path) {
      const parts = parseTilePath(path);
      return parts === null ? null : app.log.tile(parts);
    },
    put() {
      return Promise.reject(new Error('the published record is read-only here'));
    },
  };
}

function readNote(note: string): SignedCheckpoint {
  // SPEC: https://c2sp.org/signed-note#format: the text ends at the last blank line; signature lines follow.
  const split = note.lastIndexOf('\n\n');
  const { origin, size, root } = parseCheckpoint(note.slice(0, split + 1));
  return {
    note,
    origin,
    size,
    root,
    signatureLines: note
      .slice(split + 2)
      .split('\n')
      .filter((line) => line !== ''),
  };
}
