import { Buffer } from 'node:buffer';
import { decodeBase64 } from '../record/bytes.ts';
import { cosignatureTimestamp } from '../record/cosignature.ts';
import { quorumMet } from '../record/witness-policy.ts';
import type { PolicyWitness, WitnessPolicy } from '../record/witness-policy.ts';

// SPEC: https://c2sp.org/tlog-policy (which witnesses, and how many, a checkpoint needs) and
// https://c2sp.org/tlog-cosignature (each witness's line). Each witness's lines are checked one by one rather than by
// opening the note with every key at once: a person is told which witness cosigned, which did not, whose line fails,
// and whose line this Node cannot check (ML-DSA-44 before Node 24), instead of one verdict for the whole note.

/** CosignerStatus is what became of one witness's cosignature on a checkpoint. */
export type CosignerStatus = 'verified' | 'absent' | 'invalid' | 'unchecked';

/** Cosigner is one witness of a policy and its cosignature on the checkpoint checked. */
export interface Cosigner {
  name: string;
  key: string;
  algorithm: 'ed25519' | 'ml-dsa-44';
  url: string | null;
  status: CosignerStatus;
  /** timestamp is the POSIX second the witness says it cosigned, when its line verified. */
  timestamp: number | null;
}

/** CosignatureCheck is what a policy makes of a checkpoint's cosignatures: each witness, and whether the quorum is met. */
export interface CosignatureCheck {
  witnesses: Cosigner[];
  /** cosigned counts the witnesses whose cosignature verified. */
  cosigned: number;
  quorumMet: boolean;
}

/**
 * checkCosignatures checks the cosignature lines of a signed checkpoint note against each witness of the policy (its
 * log signature is checked elsewhere): a line of a witness's key that verifies counts, one that does not is 'invalid',
 * a key this Node cannot check is 'unchecked' and does not count toward the quorum.
 */
export function checkCosignatures(note: string, policy: WitnessPolicy): CosignatureCheck {
  const { text, lines } = splitNote(note);
  const message = Buffer.from(text, 'utf8');
  const witnesses = policy.witnesses.map((witness): Cosigner => {
    // SPEC: the line carries the key's name (from its vkey), which a policy may name otherwise (`witness X1 <vkey>`).
    const mine = lines.filter((line) => line.name === witness.verifier.name && line.keyId === witness.verifier.keyId);
    const base = {
      name: witness.name,
      key: witness.vkey,
      algorithm: witness.verifier.algorithm,
      url: witness.url ?? null,
      timestamp: null,
    };
    if (mine.length === 0) return { ...base, status: 'absent' };
    if (!checkable(witness)) return { ...base, status: 'unchecked' };
    // SPEC: c2sp.org/signed-note: a failing signature of a known key fails, even beside a valid one.
    const valid = mine.every((line) => witness.verifier.verify(message, line.blob.subarray(4)));
    return valid
      ? { ...base, status: 'verified', timestamp: cosignatureTimestamp(mine[0].base64) }
      : { ...base, status: 'invalid' };
  });
  const verified = new Set(witnesses.filter((w) => w.status === 'verified').map((w) => w.name));
  return { witnesses, cosigned: verified.size, quorumMet: quorumMet(policy, verified) };
}

/** describeQuorum says a policy's quorum in plain words: "2 of witness.a, witness.b, witness.c". */
export function describeQuorum(policy: WitnessPolicy): string {
  if (policy.quorum === 'none') return 'none: no witness needs to cosign';
  const groups = new Map(policy.groups.map((g) => [g.name, g]));
  const say = (name: string, nested: boolean): string => {
    const group = groups.get(name);
    if (group === undefined) return name;
    const k =
      group.threshold === group.members.length && group.members.length > 1
        ? 'all'
        : group.threshold === 1 && group.members.length > 1
          ? 'any'
          : String(group.threshold);
    const words = `${k} of ${group.members.map((m) => say(m, true)).join(', ')}`;
    return nested ? `(${words})` : words;
  };
  return say(policy.quorum, false);
}

/** checkable reports whether this Node can verify a witness's cosignatures (ML-DSA-44 needs Node 24's OpenSSL). */
export function checkable(witness: Pick<PolicyWitness, 'verifier'>): boolean {
  return (witness.verifier as { checkable?: boolean }).checkable !== false;
}

interface SignatureLine {
  name: string;
  keyId: number;
  base64: string;
  blob: Uint8Array;
}

function splitNote(note: string): { text: string; lines: SignatureLine[] } {
  // SPEC: c2sp.org/signed-note: the text ends at the last blank line; each line after is `— <name> <base64>`.
  const split = note.lastIndexOf('\n\n');
  if (split < 0) return { text: note, lines: [] };
  const lines = note
    .slice(split + 2)
    .split('\n')
    .flatMap((line): SignatureLine[] => {
      if (!line.startsWith('\u2014 ')) return [];
      const [name, base64] = line.slice(2).split(' ');
      const blob = base64 === undefined ? null : decodeBase64(base64);
      if (blob === null || blob.length < 5) return [];
      return [{ name, keyId: new DataView(blob.buffer, blob.byteOffset).getUint32(0), base64, blob }];
    });
  return { text: note.slice(0, split + 1), lines };
}
