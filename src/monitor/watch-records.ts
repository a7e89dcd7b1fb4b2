import { relative } from 'node:path';
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
import { proveConsistency } from './prove-consistency.ts';

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
}

/** WatchOptions say where the monitor keeps what it saw, and which keys it trusts. */
export interface WatchOptions {
  folder: string;
  /** keys are verifier keys given by the person; each pins the log its name is the origin of. */
  keys?: string[];
  concurrency?: number;
}

/**
 * watchRecords looks once at every source (a site, a mirror's URL or folder), verifies each checkpoint against its
 * log's pinned key and keeps it, and checks every new checkpoint against all it kept of that log, from any source:
 * the same size with another root, or a checkpoint not consistent with the largest one kept, is a split view; a
 * source serving a smaller checkpoint than it served before has gone back. Consistency is transitive, and every
 * checkpoint kept is consistent with the largest, so one proof against the largest checks a new one against them all.
 */
export async function watchRecords(locations: string[], options: WatchOptions): Promise<WatchRound> {
  const round: WatchRound = { alarms: [], notes: [], unreachable: 0, seen: [] };
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
  return round;
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
  for (const location of largest.sources) {
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
