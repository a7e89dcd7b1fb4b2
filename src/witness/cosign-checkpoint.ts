import { createHash } from 'node:crypto';
import { formatTreeSize, parseAddCheckpoint, TREE_SIZE_TYPE } from '../record/add-checkpoint.ts';
import { bytesEqual, toHex } from '../record/bytes.ts';
import { parseCheckpoint } from '../record/checkpoint.ts';
import type { Cosigner } from '../record/cosignature.ts';
import { emptyRoot } from '../record/merkle.ts';
import type { NoteVerifier } from '../record/note-keys.ts';
import { openNote, signNote } from '../record/note.ts';
import type { OpenedNote } from '../record/note.ts';
import { verifyConsistency } from '../record/proofs.ts';
import { RecordError } from '../record/record-error.ts';
import type { WitnessStore } from './witness-store.ts';

// SPEC: https://c2sp.org/tlog-witness#add-checkpoint, every rule in the order the spec gives them.

/** Witness is who cosigns: its key name, its cosigners (one per key type), the logs it trusts, and its store. */
export interface Witness {
  name: string;
  cosigners: readonly Cosigner[];
  /** logs maps each log's origin to the keys its checkpoints must be signed with. */
  logs: ReadonlyMap<string, readonly NoteVerifier[]>;
  store: WitnessStore;
  /** warn hears of requests that may prove a log misbehaved (a valid signature on an inconsistent checkpoint). */
  warn?(obj: object, msg: string): void;
}

/** WitnessAnswer is an HTTP answer to add-checkpoint: status, content type and body. */
export interface WitnessAnswer {
  status: 200 | 400 | 403 | 404 | 409 | 422;
  type: string;
  body: string;
}

/**
 * cosignCheckpoint answers one add-checkpoint request. It cosigns only a checkpoint whose log signed it, whose old size
 * is the size this witness last cosigned for that log, and which a consistency proof shows to extend that tree; and it
 * records the new tree (compare-and-swap) before answering, so two requests cannot both move a log from one tree.
 */
export async function cosignCheckpoint(witness: Witness, body: string): Promise<WitnessAnswer> {
  let request;
  let text: string;
  try {
    request = parseAddCheckpoint(body);
    text = noteText(request.checkpoint);
  } catch (error) {
    return refuse(400, (error as Error).message);
  }
  let checkpoint;
  try {
    checkpoint = parseCheckpoint(text);
  } catch (error) {
    return refuse(400, (error as Error).message);
  }
  // SPEC: an unknown origin is 404; no signature by a trusted key, or a failing one, is 403; unknown keys are ignored.
  const verifiers = witness.logs.get(checkpoint.origin);
  if (verifiers === undefined) return refuse(404, `unknown log ${JSON.stringify(checkpoint.origin)}`);
  let opened: OpenedNote;
  try {
    opened = openNote(request.checkpoint, verifiers);
  } catch (error) {
    const why = error instanceof RecordError ? error.code : 'unreadable';
    return refuse(
      why === 'malformed-note' ? 400 : 403,
      `the checkpoint is not signed by a key of ${checkpoint.origin}: ${why}`,
    );
  }
  const { oldSize, proof } = request;
  // SPEC: the old size MUST be at most the checkpoint's size, else 400.
  if (oldSize > checkpoint.size)
    return refuse(400, `old size ${oldSize} is beyond the checkpoint's size ${checkpoint.size}`);
  // SPEC: the old size MUST be the size last cosigned for this origin (0 if none), else 409 with that size.
  const state = await witness.store.latest(checkpoint.origin);
  const current = state?.size ?? 0;
  if (oldSize !== current) return conflict(current);
  const misbehaving = (why: string) => {
    witness.warn?.(
      { origin: checkpoint.origin, oldSize, checkpoint: request.checkpoint },
      `refused a validly signed checkpoint: ${why}`,
    );
    return refuse(422, why);
  };
  // SPEC: a checkpoint of size zero MUST have the empty tree's root; from old size zero the proof MUST be empty.
  if (checkpoint.size === 0 && !bytesEqual(checkpoint.root, emptyRoot()))
    return misbehaving('a tree of size 0 has the empty root');
  if (oldSize === 0 && proof.length > 0) return refuse(422, 'from old size 0 the consistency proof is empty');
  // SPEC: otherwise the proof MUST show the tree cosigned before to be a prefix of this one; at an equal size, the roots
  // MUST be the same. verifyConsistency checks both (an equal size takes an empty proof and equal roots).
  if (oldSize > 0 && !verifyConsistency(oldSize, checkpoint.size, proof, state!.root, checkpoint.root)) {
    return misbehaving(
      `the checkpoint of size ${checkpoint.size} is not proved consistent with the one of size ${oldSize} cosigned before`,
    );
  }
  // Cosign, then record the new tree before answering. Losing the compare-and-swap means another request moved this
  // log first: this one's old size is no longer the latest, which is a 409 like any other.
  const cosignatures = signNote(text, witness.cosigners).slice(text.length + 1);
  const logLines = opened.signatures.map((s) => `\u2014 ${s.name} ${s.base64}\n`).join('');
  const to = { size: checkpoint.size, root: checkpoint.root, checkpoint: `${text}\n${logLines}${cosignatures}` };
  const from = state === null ? null : { size: state.size, root: state.root };
  if (!(await witness.store.advance(checkpoint.origin, from, to))) {
    return conflict((await witness.store.latest(checkpoint.origin))?.size ?? 0);
  }
  return { status: 200, type: 'text/plain; charset=utf-8', body: cosignatures };
}

/** originHash is the hex SHA-256 of a log's origin, as the monitoring URL names it. */
export function originHash(origin: string): string {
  return toHex(createHash('sha256').update(origin, 'utf8').digest());
}

function noteText(note: string): string {
  // SPEC: https://c2sp.org/signed-note: the text ends at the last empty line.
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new RecordError('malformed-note', 'the checkpoint is not a signed note');
  return note.slice(0, split + 1);
}

function conflict(size: number): WitnessAnswer {
  return { status: 409, type: TREE_SIZE_TYPE, body: formatTreeSize(size) };
}

function refuse(status: 400 | 403 | 404 | 422, why: string): WitnessAnswer {
  return { status, type: 'text/plain; charset=utf-8', body: `${why}\n` };
}
