import { decodeBase64, encodeBase64, toHex } from '../record/bytes.ts';
import { openCheckpoint } from '../record/checkpoint.ts';
import type { Checkpoint } from '../record/checkpoint.ts';
import type { EntryType } from '../record/entry.ts';
import { parseVerifierKey } from '../record/note-keys.ts';
import type { HashReader } from '../record/merkle.ts';
import type { NoteVerifier } from '../record/note-keys.ts';
import { consistencyProof, verifyConsistency } from '../record/proofs.ts';
import { RecordError } from '../record/record-error.ts';
import { AuditUsageError, defaultStatePath, readState, writeState } from './audit-state.ts';
import type { AuditState } from './audit-state.ts';
import { compareEvents } from './compare-events.ts';
import { checkAttachmentFiles } from './check-attachment-files.ts';
import type { EventComparison } from './compare-events.ts';
import { compareWithSite, lowerThanRecord, readSite } from './compare-with-site.ts';
import type { PetitionComparison } from './compare-with-site.ts';
import { Findings } from './findings.ts';
import type { DiscrepancyCode, Finding, NoteCode } from './findings.ts';
import { openRecord } from './open-record.ts';
import { AuditNetworkError } from './record-reader.ts';
import type { RecordReader } from './record-reader.ts';
import { RecordTally } from './record-tally.ts';
import type { InvalidationTally } from './record-tally.ts';
import { verifyTree } from './verify-tree.ts';
import { checkWitnessing, policyKey, readPolicy, readWitnessedNote } from './audit-witnesses.ts';
import type { WitnessingReport } from './audit-witnesses.ts';
import type { VerifiedTree } from './verify-tree.ts';

/** AuditOptions say which record to audit, which key to trust, and where the audit's memory lives. */
export interface AuditOptions {
  /**
   * location is a site's public address (the record under <url>/log/, the API under <url>/api/), a mirror's URL, or a
   * mirror's folder (a path or a file: URL): all are read the same way (open-record.ts).
   */
  location: string;
  /** key is the verifier key to trust; without it, the policy's, the state file's, or on first use the one the site serves. */
  key?: string;
  /**
   * policy is a witness policy (c2sp.org/tlog-policy) the person saved earlier, and the file it came from: the record's
   * checkpoints must be signed by its log's key and cosigned by its quorum of witnesses. Without it, the site's own.
   */
  policy?: { text: string; path: string };
  /** statePath is where the pinned key and last checkpoint are kept; by default one file per origin (audit-state.ts). */
  statePath?: string;
  /** env gives XDG_CONFIG_HOME and HOME for the default state path (process.env unless set). */
  env?: NodeJS.ProcessEnv;
  /** concurrency is how many requests may be in flight at once (8 unless set). */
  concurrency?: number;
  /** settleMs is how long to wait for the record to catch up with a site count lower than it (5 s unless set). */
  settleMs?: number;
  onProgress?(verified: number, total: number): void;
}

/** AuditReport is everything an audit found, as `veche audit --json` prints it. */
export interface AuditReport {
  ok: boolean;
  /** url is where the record was read: a site's or mirror's URL, or a mirror's folder. */
  url: string;
  /** mirror is true when it was a mirror, whose copy of the site's API was read after the checkpoint of size `after`. */
  mirror: { after: number } | null;
  origin: string | null;
  key: string;
  keySource: 'option' | 'policy' | 'state' | 'first-use';
  statePath: string;
  stateSaved: boolean;
  /** checkpoint is the last checkpoint verified (the record may grow during an audit); null if none could be. */
  checkpoint: { size: number; root: string; note: string } | null;
  /** witnesses says which witnesses cosigned the checkpoint checked, and whether the policy's quorum is met. */
  witnesses: WitnessingReport | null;
  /** previous is the checkpoint saved by the last audit, which this one must be consistent with. */
  previous: { size: number; root: string; note: string } | null;
  verified: {
    entries: number;
    bundles: number;
    tiles: number;
    requests: number;
    bytes: number;
    seconds: number;
    entriesPerSecond: number;
  };
  /** entries counts the entries of each type; the types of events, questions and votes only if the record has any. */
  entries: Partial<Record<EntryType, number>>;
  petitions: PetitionComparison[];
  invalidations: InvalidationTally[];
  /** events are the events the record names, with their counts by the record and on the site. */
  events: EventComparison[];
  discrepancyCount: number;
  /** counts is how many findings of each code there were; the lists below hold the first few of each. */
  counts: Record<string, number>;
  discrepancies: Finding<DiscrepancyCode>[];
  notes: Finding<NoteCode>[];
}

const MAX_KEY = 4096;
const MAX_CHECKPOINT = 64 * 1024;

/**
 * auditRecord verifies a Veche site's public record from its signed checkpoint down to every entry, recomputes every
 * count, compares them with the site's API, checks consistency with the checkpoint saved last time and saves the new
 * one. Discrepancies are in the report; a network failure throws AuditNetworkError, a bad option AuditUsageError.
 */
export async function auditRecord(options: AuditOptions): Promise<AuditReport> {
  const client = await openRecord(options.location, { concurrency: options.concurrency });
  try {
    return await audit(client, options);
  } finally {
    client.close();
  }
}

async function audit(client: RecordReader, options: AuditOptions): Promise<AuditReport> {
  const started = performance.now();
  const findings = new Findings();
  // The policy and the witnessed checkpoint are read before the newest checkpoint, which is then never the smaller.
  const [servedKey, used] = await Promise.all([
    client.text('/log/key', MAX_KEY),
    readPolicy(client, options.policy, findings),
  ]);
  const witnessedNote = await readWitnessedNote(client, used);
  const note = await readCheckpointNote(client);
  const fetchedAt = Date.now();
  const statePath = options.statePath ?? defaultStatePath(note.slice(0, Math.max(0, note.indexOf('\n'))), options.env);
  // A site's API is read after the checkpoint, below; a mirror's was read after the checkpoint its manifest names.
  let markAt = client.mirror?.after ?? 0;
  const state = readState(statePath);

  // 1. The key: --key, else the one the policy given names, else the one saved, else the one served now, trusted on
  //    first use.
  const fromPolicy = used?.source === 'option' ? policyKey(used.policy, firstLine(note)) : null;
  if (options.key !== undefined && fromPolicy !== null && options.key !== fromPolicy) {
    throw new AuditUsageError(`--key gives ${options.key}, but the policy in ${used!.path} gives ${fromPolicy}`);
  }
  const given =
    options.key !== undefined
      ? { key: options.key, label: '--key', source: 'option' as const }
      : fromPolicy !== null
        ? { key: fromPolicy, label: `the policy in ${used!.path}`, source: 'policy' as const }
        : undefined;
  const { key, keySource } = pinKey(given, state, servedKey?.trim() ?? null, statePath, findings);
  let witnesses: WitnessingReport | null = null;
  const verified = { entries: 0, bundles: 0, tiles: 0, requests: 0, bytes: 0, seconds: 0, entriesPerSecond: 0 };
  const tally = new RecordTally(findings);
  const report = (
    checkpoint: (Checkpoint & { note: string }) | null,
    origin: string | null,
    stateSaved = false,
    petitions: PetitionComparison[] = [],
    events: EventComparison[] = [],
  ): AuditReport => ({
    ok: findings.discrepancyCount === 0,
    url: client.base,
    mirror: client.mirror && { after: markAt },
    origin,
    key,
    keySource,
    statePath,
    stateSaved,
    checkpoint: checkpoint && { size: checkpoint.size, root: encodeBase64(checkpoint.root), note: checkpoint.note },
    witnesses,
    previous: state && { size: state.size, root: state.root, note: state.checkpoint },
    verified: { ...verified, requests: client.requests, bytes: client.bytes },
    entries: entryCounts(tally.byType),
    petitions,
    invalidations: [...tally.invalidations.values()],
    events,
    discrepancyCount: findings.discrepancyCount,
    counts: Object.fromEntries(findings.counts),
    discrepancies: findings.discrepancies,
    notes: findings.notes,
  });
  let verifier: NoteVerifier;
  try {
    verifier = parseVerifierKey(key);
  } catch (error) {
    if (!(error instanceof RecordError)) throw error;
    if (keySource !== 'first-use')
      throw new AuditUsageError(`${given?.label ?? statePath} holds a malformed key: ${error.message}`);
    findings.discrepancy({
      code: 'malformed-key',
      message: `the site serves a malformed key at /log/key: ${error.message}`,
    });
    return report(null, null);
  }

  // 2. The checkpoint: signed by that key, for the origin saved last time (on first use, the one it names).
  const origin = state?.origin ?? firstLine(note);
  const checkpoint = openSigned(note, verifier, origin, findings);
  if (checkpoint === null) return report(null, origin);
  if (keySource === 'first-use') {
    const message = `trusted the key the site serves, on first use: ${key}. Compare it with one published elsewhere; later audits refuse any other`;
    findings.note({ code: 'trusted-on-first-use', message });
  }
  const previous = state && { size: state.size, root: decodeBase64(state.root)! }; // readState checked it
  if (previous !== null && previous.size > checkpoint.size) {
    const message = `the site serves a checkpoint of ${checkpoint.size} entries, but one of ${previous.size} was verified before: a log never shrinks`;
    findings.discrepancy({ code: 'checkpoint-rolled-back', message });
  }

  // 3. Every tile and entry of the tree, and the consistency with the saved checkpoint. The tally is marked where the
  //    site's API was read: for a site, at this checkpoint; for a mirror, where its manifest says (never beyond it).
  const total = checkpoint.size;
  markAt = client.mirror === null ? total : Math.min(markAt, total);
  let marked = false;
  const mark = () => {
    if (!marked) tally.mark();
    marked = true;
  };
  if (markAt === 0) mark();
  const later =
    previous !== null && previous.size > 0 && previous.size < total
      ? [(read: HashReader) => consistencyProof(previous.size, total, read)]
      : [];
  // The newest checkpoint that met the quorum, signed by the same key, must be a prefix of the one verified.
  let witnessed =
    witnessedNote === null ? null : openSigned(witnessedNote, verifier, origin, findings, '/log/witnessed-checkpoint');
  if (witnessed !== null && witnessed.size > total) {
    findings.discrepancy({
      code: 'checkpoint-rolled-back',
      message: `the site's witnessed checkpoint has ${witnessed.size} entries, its newest (read after it) only ${total}: a log never shrinks`,
    });
    witnessed = null;
  }
  const witnessedSize = witnessed?.size ?? 0;
  if (witnessedSize > 0 && witnessedSize < total)
    later.push((read: HashReader) => consistencyProof(witnessedSize, total, read));
  const tree = await verifyTree({
    client,
    tree: checkpoint,
    from: 0,
    findings,
    later,
    window: options.concurrency,
    onEntry: (entry, index) => {
      tally.add(entry, index);
      if (index + 1 >= markAt) mark();
    },
    onProgress: (done) => options.onProgress?.(done, total),
  });
  verified.seconds = Math.round(performance.now() - started) / 1000;
  verified.entries = total;
  verified.bundles = tree.bundles;
  verified.tiles = tree.tiles;
  verified.entriesPerSecond = Math.round(total / Math.max(verified.seconds, 1e-3));
  if (previous !== null) checkConsistency(previous, checkpoint, tree, findings);
  if (witnessed !== null && !checkConsistency(witnessed, checkpoint, tree, findings, 'the witnessed checkpoint'))
    witnessed = null;
  witnesses = checkWitnessing({
    used,
    key,
    origin,
    checkpoint,
    witnessed,
    runtime: `Node ${process.versions.node}`,
    findings,
  });
  mark();

  // 4. The site's counts, and each event the record opened with its lists of questions. Its answers are kept for up
  //    to a second, so it is read at least that long after the checkpoint; while it is behind what the record allows,
  //    newer checkpoints are verified as they come. A mirror's copy of them was read once, so there is nothing to wait for.
  const settleMs = client.mirror !== null ? 0 : (options.settleMs ?? 5000);
  if (settleMs > 0) await sleep(fetchedAt + 1100 - Date.now());
  // The events the record had opened where the site was read (a mirror's copy holds no event opened after).
  const opened = [...tally.events.events.values()].filter((e) => e.opened >= 0 && e.opened < tally.markedAt);
  const site = await readSite(
    client,
    findings,
    opened.map((e) => e.code),
  );
  let current: Checkpoint & { note: string } = checkpoint;
  for (const deadline = Date.now() + settleMs; lowerThanRecord(tally, site).length > 0 && Date.now() < deadline; ) {
    await sleep(500);
    const newer = openSigned(await readCheckpointNote(client), verifier, origin, findings);
    if (newer === null) break;
    if (newer.size < current.size) {
      findings.discrepancy({
        code: 'checkpoint-rolled-back',
        message: `the site went back from a checkpoint of ${current.size} entries to one of ${newer.size}`,
      });
      break;
    }
    if (newer.size === current.size) continue;
    const from = current;
    const grown = await verifyTree({
      client,
      tree: newer,
      from: from.size,
      findings,
      window: options.concurrency,
      later: [(read) => consistencyProof(from.size, newer.size, read)],
      onEntry: (entry, index) => tally.add(entry, index),
    });
    checkConsistency(from, newer, grown, findings);
    findings.note({
      code: 'record-grew',
      message: `the record grew from ${from.size} to ${newer.size} entries during the audit; verified to ${newer.size}`,
    });
    current = newer;
  }
  tally.finish();
  const petitions = compareWithSite(tally, site, findings);
  const events = compareEvents(tally.events, site.events, findings);
  // Every published photo's and video's files, downloaded and hashed against the record (a site only, not a mirror).
  await checkAttachmentFiles(client, tally.attachments, findings);

  // 5. Remember the key and the newest checkpoint, if every signature, tile and proof held.
  let saved = false;
  if (!findings.treeFailed) {
    writeState(statePath, {
      version: 1,
      origin,
      key,
      checkpoint: current.note,
      size: current.size,
      root: encodeBase64(current.root),
    });
    saved = true;
  }
  return report(current, origin, saved, petitions, events);
}

/**
 * entryCounts leaves out the types of events, questions and votes when the record has none, and those of attachments,
 * corrections and paper batches likewise, so that the report of a site that only runs petitions reads as it did before these existed.
 */
function entryCounts(byType: Record<EntryType, number>): Partial<Record<EntryType, number>> {
  const families = [/^(event|question|vote)\./, /^attachment\./, /^petition\.corrected$/, /^signatures\.paper_/];
  const unused = families.filter((family) => !Object.entries(byType).some(([type, n]) => family.test(type) && n > 0));
  return Object.fromEntries(Object.entries(byType).filter(([type]) => !unused.some((family) => family.test(type))));
}

function pinKey(
  given: { key: string; label: string; source: 'option' | 'policy' } | undefined,
  state: AuditState | null,
  served: string | null,
  statePath: string,
  findings: Findings,
): { key: string; keySource: AuditReport['keySource'] } {
  const changed = (message: string) =>
    findings.discrepancy({
      code: 'key-changed',
      message: `${message}. A log never changes its key: if this one really did, confirm the new key with the site's people by another channel, then delete ${statePath}`,
    });
  let key: string;
  let keySource: AuditReport['keySource'];
  if (given !== undefined) {
    key = given.key;
    keySource = given.source;
    if (state !== null && state.key !== key) changed(`${given.label} gives ${key}, but ${statePath} pins ${state.key}`);
  } else if (state !== null) {
    key = state.key;
    keySource = 'state';
  } else {
    if (served === null) throw new AuditNetworkError('the site serves no key at /log/key; give it with --key');
    key = served;
    keySource = 'first-use';
  }
  if (served !== null && served !== key)
    changed(`the site serves the key ${served} at /log/key, but the key trusted is ${key}`);
  return { key, keySource };
}

/** readCheckpointNote reads /log/checkpoint, or throws AuditNetworkError if there is none. */
export async function readCheckpointNote(client: RecordReader): Promise<string> {
  const note = await client.text('/log/checkpoint', MAX_CHECKPOINT);
  if (note === null)
    throw new AuditNetworkError(
      `${client.base}/log/checkpoint is not found: is this a Veche site or mirror, and has its record begun?`,
    );
  return note;
}

/** openSigned opens a checkpoint note signed by the verifier for the origin, or reports why not in findings and returns null. */
export function openSigned(
  note: string,
  verifier: NoteVerifier,
  origin: string,
  findings: Findings,
  path = '/log/checkpoint',
): (Checkpoint & { note: string }) | null {
  try {
    return { ...openCheckpoint(note, [verifier], origin), note };
  } catch (error) {
    if (!(error instanceof RecordError)) throw error;
    const code: DiscrepancyCode =
      error.code === 'origin-mismatch'
        ? 'origin-changed'
        : error.code === 'invalid-signature' || error.code === 'unverified-note'
          ? 'bad-checkpoint-signature'
          : 'malformed-checkpoint';
    findings.discrepancy({ code, message: `the checkpoint at ${path}: ${error.message}` });
    return null;
  }
}

/**
 * checkConsistency reports inconsistent-checkpoint unless the verified tree extends the earlier checkpoint (by
 * default the one verified before; `earlier` names another), and returns false only when it proved that it does not.
 */
export function checkConsistency(
  previous: { size: number; root: Uint8Array },
  checkpoint: Checkpoint,
  tree: VerifiedTree,
  findings: Findings,
  earlier?: string,
): boolean {
  // SPEC: RFC 9162 §2.1.4: the proof comes from the tiles just verified against the new root; it must also give the
  // old root, or the log showed two different histories.
  if (previous.size === 0 || previous.size > checkpoint.size) return true;
  let consistent: boolean;
  if (previous.size === checkpoint.size) {
    consistent = toHex(previous.root) === toHex(checkpoint.root);
  } else {
    try {
      consistent = verifyConsistency(
        previous.size,
        checkpoint.size,
        consistencyProof(previous.size, checkpoint.size, tree.read),
        previous.root,
        checkpoint.root,
      );
    } catch {
      return true; // a tile the proof needs is missing or malformed, a discrepancy already
    }
  }
  if (!consistent) {
    const message =
      `the checkpoint of ${checkpoint.size} entries is not consistent with ${earlier === undefined ? `the one of ${previous.size} verified before` : `${earlier}, of ${previous.size}`}: ` +
      `the log has shown two different histories. Keep both signed checkpoints (in this report${earlier === undefined ? ' and the state file' : ''}): together they prove it`;
    findings.discrepancy({ code: 'inconsistent-checkpoint', message });
  }
  return consistent;
}

function firstLine(note: string): string {
  return note.slice(0, Math.max(0, note.indexOf('\n')));
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
