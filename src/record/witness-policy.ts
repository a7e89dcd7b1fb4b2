import { Buffer } from 'node:buffer';
import { parseCheckpoint } from './checkpoint.ts';
import type { Checkpoint } from './checkpoint.ts';
import { parseCosignatureKey } from './cosignature.ts';
import type { CosignatureVerifier } from './cosignature.ts';
import { parseVerifierKey, splitVerifierKey } from './note-keys.ts';
import type { NoteVerifier } from './note-keys.ts';
import { openNote } from './note.ts';
import { RecordError } from './record-error.ts';

// SPEC: https://c2sp.org/tlog-policy: `log <vkey> [<url>]`, `witness <name> <vkey> [<url>]`,
// `group <name> all|any|<k> <name>...`, exactly one `quorum <name>`, where `none` needs no cosignature. Names are
// defined before use and are members of one group at most once each; log keys are Ed25519 signed-note keys (0x01),
// witness keys cosignature keys (0x04 or 0x06, see cosignature.ts).

/** PolicyLog is a log a policy accepts checkpoints from. */
export interface PolicyLog {
  vkey: string;
  verifier: NoteVerifier;
  url?: string;
}

/** PolicyWitness is a named witness of a policy, with the key its cosignatures verify with. */
export interface PolicyWitness {
  name: string;
  vkey: string;
  verifier: CosignatureVerifier;
  url?: string;
}

/** PolicyGroup is satisfied when at least `threshold` of its members (witnesses or groups) are. */
export interface PolicyGroup {
  name: string;
  threshold: number;
  members: string[];
}

/** WitnessPolicy says which logs' checkpoints to accept and which cosignatures they need (`quorum`, or 'none'). */
export interface WitnessPolicy {
  logs: PolicyLog[];
  witnesses: PolicyWitness[];
  groups: PolicyGroup[];
  quorum: string;
}

/** WitnessedCheckpoint is a checkpoint that met a policy: who signed it, and the witnesses whose cosignatures held. */
export interface WitnessedCheckpoint extends Checkpoint {
  log: PolicyLog;
  witnesses: string[];
}

const NAME = /^[^\s#][^\s]*$/;
// SPEC: the only control characters allowed are tab and newline.
const FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f]/;

/** parsePolicy reads a policy file strictly, or throws RecordError 'malformed-policy' naming the line. */
export function parsePolicy(text: string): WitnessPolicy {
  const policy: WitnessPolicy = { logs: [], witnesses: [], groups: [], quorum: '' };
  const defined = new Set<string>();
  const publicKeys = new Set<string>();
  let quorumLine = 0;
  text.split('\n').forEach((raw, i) => {
    const at = `line ${i + 1}`;
    if (FORBIDDEN.test(raw)) throw malformed(`${at}: a control character other than tab`);
    const words = raw.split(/[ \t]+/).filter((w) => w !== '');
    if (words.length === 0 || words[0].startsWith('#')) return;
    const [keyword, ...args] = words;
    const fresh = (name: string): string => {
      if (!NAME.test(name) || name === 'none' || defined.has(name))
        throw malformed(`${at}: ${JSON.stringify(name)} is not a new name`);
      defined.add(name);
      return name;
    };
    const unique = (vkey: string): void => {
      // SPEC: two vkeys wrapping the same public key are duplicates, whatever their names and key ids.
      const { key } = splitVerifierKey(vkey);
      const id = Buffer.from(key).toString('base64');
      if (publicKeys.has(id)) throw malformed(`${at}: the same public key twice`);
      publicKeys.add(id);
    };
    if (keyword === 'log' && (args.length === 1 || args.length === 2)) {
      unique(args[0]);
      policy.logs.push({
        vkey: args[0],
        verifier: keyOr(() => parseVerifierKey(args[0]), at),
        ...(args[1] ? { url: args[1] } : {}),
      });
    } else if (keyword === 'witness' && (args.length === 2 || args.length === 3)) {
      const name = fresh(args[0]);
      unique(args[1]);
      const verifier = keyOr(() => parseCosignatureKey(args[1]), at);
      policy.witnesses.push({ name, vkey: args[1], verifier, ...(args[2] ? { url: args[2] } : {}) });
    } else if (keyword === 'group' && args.length >= 3) {
      const [name, k, ...members] = args;
      if (members.some((m) => !defined.has(m)) || new Set(members).size !== members.length) {
        throw malformed(`${at}: a group's members are names defined before it, each once`);
      }
      const threshold = k === 'all' ? members.length : k === 'any' ? 1 : /^[1-9][0-9]*$/.test(k) ? Number(k) : 0;
      if (threshold < 1 || threshold > members.length)
        throw malformed(`${at}: the threshold is all, any or 1 to ${members.length}`);
      policy.groups.push({ name: fresh(name), threshold, members });
    } else if (keyword === 'quorum' && args.length === 1) {
      if (quorumLine !== 0) throw malformed(`${at}: a second quorum line (the first is line ${quorumLine})`);
      if (args[0] !== 'none' && !defined.has(args[0]))
        throw malformed(`${at}: the quorum names ${args[0]}, defined nowhere before`);
      policy.quorum = args[0];
      quorumLine = i + 1;
    } else {
      throw malformed(`${at}: not a log, witness, group or quorum line`);
    }
  });
  if (quorumLine === 0) throw malformed('no quorum line');
  return policy;
}

/** formatPolicy writes a policy in the tlog-policy syntax, with `comment` lines first; parsePolicy reads it back. */
export function formatPolicy(policy: WitnessPolicy, comment: readonly string[] = []): string {
  const lines = comment.map((line) => `# ${line}`.trimEnd());
  for (const log of policy.logs) lines.push(['log', log.vkey, log.url].filter(Boolean).join(' '));
  for (const witness of policy.witnesses)
    lines.push(['witness', witness.name, witness.vkey, witness.url].filter(Boolean).join(' '));
  for (const group of policy.groups)
    lines.push(['group', group.name, String(group.threshold), ...group.members].join(' '));
  lines.push(`quorum ${policy.quorum}`);
  return `${lines.join('\n')}\n`;
}

/** quorumMet reports whether cosignatures by the named witnesses satisfy the policy's quorum. */
export function quorumMet(policy: WitnessPolicy, cosigned: ReadonlySet<string>): boolean {
  if (policy.quorum === 'none') return true;
  const groups = new Map(policy.groups.map((g) => [g.name, g]));
  const satisfied = (name: string): boolean => {
    const group = groups.get(name);
    if (group === undefined) return cosigned.has(name);
    return group.members.filter(satisfied).length >= group.threshold;
  };
  return satisfied(policy.quorum);
}

/**
 * verifyWitnessedCheckpoint opens a checkpoint note as the policy says: signed by one of its logs (whose key name is
 * the checkpoint's origin) and cosigned by witnesses meeting its quorum. It throws RecordError: openNote's codes for a
 * bad note or a failing signature of a known key, 'origin-mismatch', or 'policy-unsatisfied' naming who did cosign.
 */
export function verifyWitnessedCheckpoint(note: string | Uint8Array, policy: WitnessPolicy): WitnessedCheckpoint {
  const verifiers = [...policy.logs.map((l) => l.verifier), ...policy.witnesses.map((w) => w.verifier)];
  const opened = openNote(note, verifiers);
  const checkpoint = parseCheckpoint(opened.text);
  const signedBy = (v: NoteVerifier) => opened.signatures.some((s) => s.name === v.name && s.keyId === v.keyId);
  const log = policy.logs.find((l) => signedBy(l.verifier));
  if (log === undefined) throw new RecordError('unverified-note', 'no log of the policy signed this checkpoint');
  if (log.verifier.name !== checkpoint.origin) {
    throw new RecordError(
      'origin-mismatch',
      `checkpoint of ${JSON.stringify(checkpoint.origin)} signed by the key of ${log.verifier.name}`,
    );
  }
  const witnesses = policy.witnesses.filter((w) => signedBy(w.verifier)).map((w) => w.name);
  if (!quorumMet(policy, new Set(witnesses))) {
    const who = witnesses.length === 0 ? 'no witness of the policy' : `only ${witnesses.join(', ')}`;
    throw new RecordError('policy-unsatisfied', `the policy's quorum ${policy.quorum} is not met: ${who} cosigned`);
  }
  return { ...checkpoint, log, witnesses };
}

function keyOr<T>(read: () => T, at: string): T {
  try {
    return read();
  } catch (error) {
    throw malformed(`${at}: ${(error as Error).message}`);
  }
}

function malformed(why: string): RecordError {
  return new RecordError('malformed-policy', `malformed policy: ${why}`);
}
