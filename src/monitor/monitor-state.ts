import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { defaultStatePath } from '../audit/audit-state.ts';
import { AuditUsageError } from '../audit/audit-state.ts';

/** SeenCheckpoint is one checkpoint a monitor verified, and who served it. */
export interface SeenCheckpoint {
  size: number;
  /** root is the base64 root, as the checkpoint writes it. */
  root: string;
  /** file is where its signed note is kept, relative to the origin's folder. */
  file: string;
  /** sources are the sites and mirrors that served it. */
  sources: string[];
}

/** RecordWatch is what a monitor remembers of one log: its key, every checkpoint seen, each source's last size. */
export interface RecordWatch {
  version: 1;
  origin: string;
  key: string;
  checkpoints: SeenCheckpoint[];
  /** lastSize is the size of the checkpoint each source served last: a source never goes back. */
  lastSize: Record<string, number>;
  /** gossip is, for each witness given with --gossip (its URL), the size it was last known to hold of this log. */
  gossip?: Record<string, number>;
}

/** defaultMonitorFolder is $XDG_STATE_HOME/veche-monitor (~/.local/state unless set). */
export function defaultMonitorFolder(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_STATE_HOME || join(env.HOME || homedir(), '.local', 'state'), 'veche-monitor');
}

/** originFolder is the folder, under the monitor's, that holds one log's state, checkpoints and evidence. */
export function originFolder(folder: string, origin: string): string {
  // The same file name as the auditor's state file for this origin, without its extension.
  return join(
    folder,
    defaultStatePath(origin, { XDG_CONFIG_HOME: '/' }).slice('/veche-audit/'.length, -'.json'.length),
  );
}

/** readWatch returns what the monitor remembers of a log, or null if it never saw it. */
export function readWatch(folder: string, origin: string): RecordWatch | null {
  let text: string;
  try {
    text = readFileSync(join(originFolder(folder, origin), 'state.json'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new AuditUsageError(`cannot read the monitor's state for ${origin}: ${(error as Error).message}`);
  }
  const watch = JSON.parse(text) as RecordWatch;
  if (watch?.version !== 1 || watch.origin !== origin || !Array.isArray(watch.checkpoints)) {
    throw new AuditUsageError(
      `${join(originFolder(folder, origin), 'state.json')} is not a monitor's state for ${origin}`,
    );
  }
  return watch;
}

/** writeWatch saves what the monitor remembers of a log, atomically. */
export function writeWatch(folder: string, watch: RecordWatch): void {
  writeAtomically(join(originFolder(folder, watch.origin), 'state.json'), `${JSON.stringify(watch, null, 2)}\n`);
}

/** keepFile writes a file under a log's folder (a checkpoint, evidence) atomically and returns its full path. */
export function keepFile(folder: string, origin: string, name: string, text: string): string {
  const path = join(originFolder(folder, origin), name);
  writeAtomically(path, text);
  return path;
}

function writeAtomically(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}
