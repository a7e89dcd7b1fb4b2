import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { openSigned, readCheckpointNote } from '../audit/audit-record.ts';
import { Findings } from '../audit/findings.ts';
import { openRecord } from '../audit/open-record.ts';
import type { RecordReader } from '../audit/record-reader.ts';
import { decodeBase64, encodeBase64, toHex } from '../record/bytes.ts';
import type { Checkpoint } from '../record/checkpoint.ts';
import { parseVerifierKey } from '../record/note-keys.ts';
import { RecordError } from '../record/record-error.ts';
import { keepFile, originFolder, readWatch, writeWatch } from './monitor-state.ts';
import type { RecordWatch, SeenCheckpoint } from './monitor-state.ts';
import { proveConsistency, readConsistencyProof } from './prove-consistency.ts';
import { gossipCheckpoint } from './gossip-checkpoint.ts';
import type { Gossip } from './gossip-checkpoint.ts';
import { WitnessReader } from './witness-reader.ts';
import { parsePolicy } from '../record/witness-policy.ts';

/** Alarm is what a monitor must shout about: two histories of one log, a source going back, a forged checkpoint. */
export interface Alarm {
  kind: 'split-view' | 'rollback' | 'bad-signature';
  origin: string;
  message: string;
  /** evidence lists the files that keep the signed checkpoints behind the alarm. */
  evidence: string[];
}

/** WatchRound is what one look at every source found. */
export interface WatchRound {
  alarms: Alarm[];
  /** notes are what is worth telling but no alarm: a first key trusted, a source unreachable, a proof not possible. */
  notes: string[];
  /** unreachable counts the sources that could not be read. */
  unreachable: number;
  /** seen is, for each source read, the origin and size of its checkpoint. */
  seen: { location: string; origin: string; size: number }[];
  /** gossip is what each witness given with --gossip made of the newest checkpoint of each log. */
  gossip: (Gossip & { url: string; origin: string })[];
}

/** WatchOptions say where the monitor keeps what it saw, and which keys it trusts. */
export interface WatchOptions {
  folder: string;
  /** keys are verifier keys given by the person; each pins the log its name is the origin of. */
  keys?: string[];
  concurrency?: number;
  /** policy is a witness policy the person saved (c2sp.org/tlog-policy): its witnesses are asked, not the site's. */
  policy?: string;
  /** witnesses false leaves the policy's witnesses unasked (asked by default, where they serve checkpoints). */
  witnesses?: boolean;
  /** gossip lists witnesses' submission prefixes to hand each new consistent checkpoint to (c2sp.org/tlog-witness). */
  gossip?: string[];
}

/**
 * watchRecords looks once at every source (a site, a mirror's URL or folder), verifies each checkpoint against its
 * log's pinned key and keeps it, and checks every new checkpoint against all it kept of that log, from any source:
 * the same size with another root, or a checkpoint not consistent with the largest one kept, is a split view; a
 * source serving a smaller checkpoint than it served before has gone back. Consistency is transitive, and every
 * checkpoint kept is consistent with the largest, so one proof against the largest checks a new one against them all.
 */
export async function watchRecords(locations: string[], options: WatchOptions): Promise<WatchRound> {
  const round: WatchRound = { alarms: [], notes: [], unreachable: 0, seen: [], gossip: [] };
  for (const location of locations) {
    let reader: RecordReader | null = null;
    try {
      reader = await openRecord(location, { concurrency: options.concurrency });
      await look(reader, location, options, round);
    } catch (error) {
      const message = (error as Error).message;
      round.unreachable++;
      round.notes.push(`${location} could not be read: ${message}`);
    } finally {
      reader?.close();
    }
  }
  // The witnesses of each log: what they cosigned must be one history with what the sources serve.
  const origins = [...new Map(round.seen.map((s) => [s.origin, s.location])).entries()];
  if (options.witnesses !== false) {
    for (const [origin, location] of origins) await askWitnesses(origin, location, options, round);
  }
  if (round.alarms.length === 0 && (options.gossip?.length ?? 0) > 0) {
    for (const [origin] of origins) await gossip(origin, options, round);
  }
  return round;
}

/**
 * askWitnesses reads the latest checkpoint each witness of the log's policy cosigned (c2sp.org/tlog-witness
 * monitoring) and checks it as a source of its own: a cosigned checkpoint that is not one history with what the
 * sources serve is a split view the witnesses were shown, caught without the monitor ever seeing the other history.
 */
async function askWitnesses(origin: string, location: string, options: WatchOptions, round: WatchRound): Promise<void> {
  let record: RecordReader | null = null;
  try {
    record = await openRecord(location, { concurrency: options.concurrency });
    const text = options.policy ?? (await record.text('/log/policy', 64 * 1024));
    if (text === null) return; // an older site, or a mirror of one: no policy, no witnesses to ask
    let witnesses: { name: string; url?: string }[];
    try {
      const policy = parsePolicy(text);
      if (!policy.logs.some((log) => log.verifier.name === origin)) return; // a pinned policy of another log
      witnesses = policy.witnesses.map((w) => ({ name: w.verifier.name, url: w.url }));
    } catch (error) {
      round.notes.push(`the witness policy of ${origin} cannot be read: ${(error as Error).message}`);
      return;
    }
    for (const witness of witnesses) {
      if (witness.url === undefined) continue;
      const reader = new WitnessReader(witness.name, witness.url, origin, record);
      const where = `witness ${witness.name}`;
      try {
        if ((await reader.get('/log/checkpoint', 64 * 1024)) === null) {
          round.notes.push(`${where} serves no checkpoint of ${origin} (it cosigned none yet, or does not serve them)`);
          continue;
        }
        await look(reader, where, options, round);
      } catch (error) {
        round.notes.push(`${where} could not be read: ${(error as Error).message}`);
      }
    }
  } catch (error) {
    round.notes.push(`the witnesses of ${origin} could not be asked: ${(error as Error).message}`);
  } finally {
    record?.close();
  }
}

/**
 * gossip hands the largest checkpoint kept of a log (consistent with every other kept) to each witness given with
 * --gossip, with the consistency proof from the size the witness was last known to hold.
 */
async function gossip(origin: string, options: WatchOptions, round: WatchRound): Promise<void> {
  const watch = readWatch(options.folder, origin);
  const largest = watch?.checkpoints.reduce<SeenCheckpoint | null>(
    (a, c) => (a === null || c.size > a.size ? c : a),
    null,
  );
  if (watch === null || largest === null || largest === undefined || largest.size === 0) return;
  const note = readFileSync(join(options.folder, largest.file), 'utf8');
  const source = largest.sources.find((s) => !isWitness(s));
  let reader: RecordReader | null = null;
  try {
    for (const url of options.gossip ?? []) {
      const known = watch.gossip?.[url] ?? null;
      const result = await gossipCheckpoint({
        url,
        note,
        size: largest.size,
        known,
        proofFrom: async (old) => {
          if (old === 0) return [];
          if (source === undefined) return 'no site or mirror that served it to read the tiles from';
          reader ??= await openRecord(source, { concurrency: options.concurrency });
          return readConsistencyProof(reader, largest.size, old, largest.size);
        },
      });
      if (result.size !== null) watch.gossip = { ...watch.gossip, [url]: result.size };
      round.gossip.push({ ...result, url, origin });
    }
  } finally {
    (reader as RecordReader | null)?.close();
  }
  writeWatch(options.folder, watch);
}

function isWitness(location: string): boolean {
  return location.startsWith('witness ');
}

async function look(reader: RecordReader, location: string, options: WatchOptions, round: WatchRound): Promise<void> {
  const note = await readCheckpointNote(reader);
  const origin = note.slice(0, Math.max(0, note.indexOf('\n')));
  const watch: RecordWatch = readWatch(options.folder, origin) ?? (await firstLook(reader, origin, options, round));
  const findings = new Findings();
  let checkpoint: (Checkpoint & { note: string }) | null;
  try {
    checkpoint = openSigned(note, parseVerifierKey(watch.key), origin, findings);
  } catch (error) {
    if (!(error instanceof RecordError)) throw error;
    checkpoint = null;
    findings.discrepancy({ code: 'malformed-key', message: error.message });
  }
  if (checkpoint === null) {
    const kept = keepFile(options.folder, origin, `evidence/unsigned-${Date.now()}.txt`, `${location}\n\n${note}`);
    round.alarms.push({
      kind: 'bad-signature',
      origin,
      evidence: [kept],
      message: `${location} serves a checkpoint of ${origin} that the log's key did not sign (${findings.discrepancies[0]?.message})`,
    });
    return;
  }
  round.seen.push({ location, origin, size: checkpoint.size });
  const root = encodeBase64(checkpoint.root);
  const last = watch.lastSize[location];
  if (last !== undefined && checkpoint.size < last) {
    round.alarms.push({
      kind: 'rollback',
      origin,
      evidence: [keep(options.folder, watch, checkpoint, location).file],
      message: `${location} went back from a checkpoint of ${last} entries to one of ${checkpoint.size}: a log never shrinks`,
    });
  }
  watch.lastSize[location] = Math.max(last ?? 0, checkpoint.size);
  const known = watch.checkpoints.find((c) => c.size === checkpoint.size && c.root === root);
  if (known !== undefined) {
    if (!known.sources.includes(location)) known.sources.push(location);
    writeWatch(options.folder, watch);
    return;
  }
  const verdict = await checkAgainstKept(reader, checkpoint, watch, options);
  if (verdict.outcome === 'unproven') {
    round.notes.push(
      `the checkpoint of ${checkpoint.size} entries from ${location} could not be checked yet: ${verdict.reason}`,
    );
  } else {
    const seen = keep(options.folder, watch, checkpoint, location);
    if (verdict.outcome === 'forked') {
      const other = verdict.against;
      const evidence = [seen.file, other.file].map((f) => `${options.folder}/${f}`);
      round.alarms.push({
        kind: 'split-view',
        origin,
        evidence,
        message:
          `the checkpoint of ${checkpoint.size} entries served by ${location} and the one of ${other.size} served by ${other.sources.join(', ')} ` +
          `show two different histories of ${origin} (${verdict.reason}). Both are signed by the log's key: together they prove it`,
      });
    }
  }
  writeWatch(options.folder, watch);
}

async function firstLook(
  reader: RecordReader,
  origin: string,
  options: WatchOptions,
  round: WatchRound,
): Promise<RecordWatch> {
  let key = options.keys?.find((k) => k.slice(0, k.indexOf('+')) === origin);
  if (key === undefined) {
    key = (await reader.text('/log/key', 4096))?.trim();
    if (!key) throw new Error(`${reader.base} serves no key at /log/key; give it with --key`);
    round.notes.push(
      `trusted the key ${reader.base} serves for ${origin}, on first use: ${key}. Compare it with one published elsewhere`,
    );
  }
  return { version: 1, origin, key, checkpoints: [], lastSize: {} };
}

type Verdict =
  | { outcome: 'consistent' }
  | { outcome: 'unproven'; reason: string }
  | { outcome: 'forked'; reason: string; against: SeenCheckpoint };

async function checkAgainstKept(
  reader: RecordReader,
  checkpoint: Checkpoint,
  watch: RecordWatch,
  options: WatchOptions,
): Promise<Verdict> {
  const twin = watch.checkpoints.find((c) => c.size === checkpoint.size);
  if (twin !== undefined) return { outcome: 'forked', reason: 'the same size with another root', against: twin };
  const largest = watch.checkpoints.reduce<SeenCheckpoint | null>(
    (a, c) => (a === null || c.size > a.size ? c : a),
    null,
  );
  if (largest === null) return { outcome: 'consistent' };
  const kept = { size: largest.size, root: decodeBase64(largest.root)! };
  if (checkpoint.size > largest.size) {
    const proved = await proveConsistency(reader, checkpoint.size, kept, checkpoint);
    return proved.outcome === 'forked' ? { ...proved, against: largest } : proved;
  }
  // A smaller checkpoint (a mirror behind the site): proved with the tiles of a source that served the largest.
  let reason = 'no source that served it could be read';
  for (const location of largest.sources.filter((s) => !isWitness(s))) {
    let other: RecordReader | null = null;
    try {
      other = await openRecord(location, { concurrency: options.concurrency });
      const proved = await proveConsistency(other, largest.size, checkpoint, kept);
      if (proved.outcome !== 'unproven') return proved.outcome === 'forked' ? { ...proved, against: largest } : proved;
      reason = proved.reason;
    } catch (error) {
      reason = (error as Error).message;
    } finally {
      other?.close();
    }
  }
  return { outcome: 'unproven', reason };
}

function keep(
  folder: string,
  watch: RecordWatch,
  checkpoint: Checkpoint & { note: string },
  location: string,
): SeenCheckpoint {
  const root = encodeBase64(checkpoint.root);
  let seen = watch.checkpoints.find((c) => c.size === checkpoint.size && c.root === root);
  if (seen === undefined) {
    const file = `checkpoints/${checkpoint.size}-${toHex(checkpoint.root).slice(0, 16)}.txt`;
    keepFile(folder, watch.origin, file, checkpoint.note);
    // Relative to the monitor's folder, so that the evidence reads the same wherever the folder is moved.
    seen = {
      size: checkpoint.size,
      root,
      file: relative(folder, `${originFolder(folder, watch.origin)}/${file}`),
      sources: [],
    };
    watch.checkpoints.push(seen);
  }
  if (!seen.sources.includes(location)) seen.sources.push(location);
  return seen;
}
