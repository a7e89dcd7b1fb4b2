import { parseVerifierKey } from '../record/note-keys.ts';
import { formatPolicy } from '../record/witness-policy.ts';
import type { PolicyWitness, WitnessPolicy } from '../record/witness-policy.ts';
import { parseCosignatureKey } from '../record/cosignature.ts';

/** ConfiguredWitness is one entry of VECHE_WITNESSES: the witness's verifier key and its submission prefix. */
export interface ConfiguredWitness {
  vkey: string;
  url: string;
}

/** LogPolicy is the record's witness policy (c2sp.org/tlog-policy), and its text as /log/policy serves it. */
export interface LogPolicy {
  policy: WitnessPolicy;
  text: string;
}

/**
 * logPolicy is the policy a verifier of this record should hold: this log (with its tlog-tiles prefix), each witness
 * named by its key name, and a quorum of `threshold` of them ('none' without witnesses).
 */
export function logPolicy(
  logKey: string,
  logUrl: string,
  witnesses: readonly ConfiguredWitness[],
  threshold: number,
): LogPolicy {
  const named: PolicyWitness[] = witnesses.map(({ vkey, url }) => {
    const verifier = parseCosignatureKey(vkey);
    return { name: verifier.name, vkey: verifier.vkey, verifier, url };
  });
  const group = named.some((w) => w.name === 'witnesses') ? 'witnesses-group' : 'witnesses';
  const policy: WitnessPolicy = {
    logs: [{ vkey: logKey, verifier: parseVerifierKey(logKey), url: logUrl }],
    witnesses: named,
    groups: named.length > 1 ? [{ name: group, threshold, members: named.map((w) => w.name) }] : [],
    quorum: named.length === 0 ? 'none' : named.length === 1 ? named[0].name : group,
  };
  const comment = [
    `The witness policy of the public record ${policy.logs[0].verifier.name} (c2sp.org/tlog-policy).`,
    named.length === 0
      ? "No witness cosigns this record yet: a checkpoint needs only the log's signature."
      : `A checkpoint counts when the log signed it and ${threshold} of these ${named.length} witnesses cosigned it.`,
    `Checkpoints: ${logUrl}/checkpoint (the newest), ${logUrl}/witnessed-checkpoint (the newest that met the quorum).`,
  ];
  return { policy, text: formatPolicy(policy, comment) };
}
