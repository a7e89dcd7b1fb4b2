import { encodeBase64 } from '../record/bytes.ts';
import type { Checkpoint } from '../record/checkpoint.ts';
import { RecordError } from '../record/record-error.ts';
import { parsePolicy } from '../record/witness-policy.ts';
import type { WitnessPolicy } from '../record/witness-policy.ts';
import { AuditUsageError } from './audit-state.ts';
import { checkCosignatures, describeQuorum } from './check-cosignatures.ts';
import type { Cosigner } from './check-cosignatures.ts';
import type { Findings } from './findings.ts';
import type { RecordReader } from './record-reader.ts';

// The witnesses' part of an audit (c2sp.org/tlog-witness, c2sp.org/tlog-policy): which witnesses cosigned the
// checkpoint checked, and whether the policy's quorum is met. A policy the person saved earlier (--policy) is pinned:
// a site under pressure can serve another policy at /log/policy (fewer witnesses, its own), but cannot make the
// witnesses of a saved one cosign a history they were not shown. Without --policy the site's own is read, and the
// report says that it is only as good as the site.

/** PolicyInUse is the witness policy an audit holds the record to, and where it came from. */
export interface PolicyInUse {
  policy: WitnessPolicy;
  text: string;
  /** source is 'option' for a policy given with --policy (pinned), 'site' for the one the site serves at /log/policy. */
  source: 'option' | 'site';
  /** path is the file given with --policy. */
  path: string | null;
}

/** WitnessingReport is the witnesses' part of an audit report, as `veche audit --json` prints it. */
export interface WitnessingReport {
  /** source is where the policy came from: 'option' (--policy, pinned), 'site' (/log/policy), 'none' (the site serves none). */
  source: 'option' | 'site' | 'none';
  path: string | null;
  /** policy is the policy's text, as read. */
  policy: string | null;
  /** quorum says in words what the policy asks: "2 of witness.a, witness.b". */
  quorum: string;
  /** checkpoint is the checkpoint whose cosignatures were checked; null if none could be. */
  checkpoint: {
    size: number;
    root: string;
    source: '/log/checkpoint' | '/log/witnessed-checkpoint';
    note: string;
  } | null;
  witnesses: Cosigner[];
  cosigned: number;
  quorumMet: boolean;
}

const MAX_POLICY = 64 * 1024;
const MAX_CHECKPOINT = 64 * 1024;

/**
 * readPolicy is the policy given with --policy (throwing AuditUsageError if it is malformed), else the site's
 * /log/policy (a malformed one is a discrepancy), else null when the site serves none (an older site, or a mirror of one).
 */
export async function readPolicy(
  client: RecordReader,
  option: { text: string; path: string } | undefined,
  findings: Findings,
): Promise<PolicyInUse | null> {
  if (option !== undefined) {
    try {
      return { policy: parsePolicy(option.text), text: option.text, source: 'option', path: option.path };
    } catch (error) {
      if (!(error instanceof RecordError)) throw error;
      throw new AuditUsageError(`${option.path}: ${error.message}`);
    }
  }
  const text = await client.text('/log/policy', MAX_POLICY);
  if (text === null) return null;
  try {
    return { policy: parsePolicy(text), text, source: 'site', path: null };
  } catch (error) {
    if (!(error instanceof RecordError)) throw error;
    findings.discrepancy({
      code: 'malformed-policy',
      message: `the witness policy the site serves at /log/policy cannot be read: ${error.message}`,
      path: '/log/policy',
    });
    return null;
  }
}

/** policyKey is the verifier key a policy gives for a log's origin, or null if it names no log of that origin. */
export function policyKey(policy: WitnessPolicy, origin: string): string | null {
  return policy.logs.find((log) => log.verifier.name === origin)?.vkey ?? null;
}

/** readWitnessedNote reads /log/witnessed-checkpoint when the policy needs witnesses; null when there is none. */
export async function readWitnessedNote(client: RecordReader, used: PolicyInUse | null): Promise<string | null> {
  if (used === null || used.policy.quorum === 'none') return null;
  return client.text('/log/witnessed-checkpoint', MAX_CHECKPOINT);
}

/** WitnessingInput is what the audit verified, for checkWitnessing to judge the cosignatures by. */
export interface WitnessingInput {
  used: PolicyInUse | null;
  /** key is the log's verifier key the audit trusts; origin, its checkpoints' origin. */
  key: string;
  origin: string;
  /** checkpoint is /log/checkpoint, its log signature and tree verified. */
  checkpoint: Checkpoint & { note: string };
  /** witnessed is /log/witnessed-checkpoint, its log signature verified and its consistency with checkpoint proved; or null. */
  witnessed: (Checkpoint & { note: string }) | null;
  /** runtime names the runtime that cannot check ML-DSA-44, for the note that says so. */
  runtime: string;
  findings: Findings;
}

/**
 * checkWitnessing reports which of the policy's witnesses cosigned the newest checkpoint that carries them (the one
 * verified, or else the witnessed one, which the audit proved it extends), and records what fails: a cosignature
 * that does not verify, a quorum not met, a policy that names another log.
 */
export function checkWitnessing(input: WitnessingInput): WitnessingReport {
  const { used, findings } = input;
  if (used === null) {
    findings.note({
      code: 'no-witness-policy',
      message:
        'the site serves no witness policy (/log/policy): no witness vouches that everyone is shown this same record',
    });
    return {
      source: 'none',
      path: null,
      policy: null,
      quorum: 'none',
      checkpoint: null,
      witnesses: [],
      cosigned: 0,
      quorumMet: true,
    };
  }
  const { policy } = used;
  const named = policyKey(policy, input.origin);
  if (named === null || named !== input.key) {
    const which = used.source === 'option' ? `the policy in ${used.path}` : 'the policy the site serves';
    const message =
      named === null
        ? `${which} names no log of origin ${input.origin}: it is the policy of another record`
        : `${which} gives the key ${named} for ${input.origin}, but the key trusted is ${input.key}`;
    findings.discrepancy({ code: 'policy-log-mismatch', message });
  }
  // A site that names no witness gets no word about whose policy it is: the report says there are none.
  if (used.source === 'site' && policy.witnesses.length > 0) {
    findings.note({
      code: 'site-policy',
      message:
        'the witnesses were checked against the policy the site itself serves at /log/policy: a site under pressure could serve another. ' +
        "Save it, compare the witnesses' keys with those they publish, and give it with --policy from then on",
    });
  }
  // The newest checkpoint when it meets the quorum; else the newest that did, which the audit proved it extends.
  const newest = checkCosignatures(input.checkpoint.note, policy);
  const witnessedCheck = input.witnessed === null ? null : checkCosignatures(input.witnessed.note, policy);
  const useWitnessed = !newest.quorumMet && witnessedCheck !== null && input.witnessed !== null;
  const chosen = useWitnessed ? input.witnessed! : input.checkpoint;
  const check = useWitnessed ? witnessedCheck! : newest;
  const source = useWitnessed ? '/log/witnessed-checkpoint' : '/log/checkpoint';
  for (const witness of check.witnesses) {
    if (witness.status === 'invalid') {
      findings.discrepancy({
        code: 'bad-cosignature',
        path: source,
        message: `the cosignature of ${witness.name} on the checkpoint of ${chosen.size} entries does not verify with its key ${witness.key}: it is forged, or the policy holds another key`,
      });
    } else if (witness.status === 'unchecked') {
      findings.note({
        code: 'witness-unchecked',
        message: `cannot check ML-DSA-44 on this Node (${input.runtime}): the cosignature of ${witness.name} counts as not verified; Node 24 or newer checks it`,
      });
    }
  }
  if (!check.quorumMet) {
    const who =
      check.cosigned === 0
        ? 'no witness of the policy'
        : `only ${check.witnesses
            .filter((w) => w.status === 'verified')
            .map((w) => w.name)
            .join(', ')}`;
    findings.discrepancy({
      code: 'quorum-not-met',
      path: source,
      message:
        `the witness policy asks for ${describeQuorum(policy)}, but ${who} cosigned the checkpoint checked: nothing shows that ` +
        'other people are shown this same record',
    });
  }
  return {
    source: used.source,
    path: used.path,
    policy: used.text,
    quorum: describeQuorum(policy),
    checkpoint: { size: chosen.size, root: encodeBase64(chosen.root), source, note: chosen.note },
    witnesses: check.witnesses,
    cosigned: check.cosigned,
    quorumMet: check.quorumMet,
  };
}
