import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { decodeBase64 } from '../record/bytes.ts';

/**
 * AuditState is what an auditor's machine remembers of a log between audits: the origin and key it trusts, and the
 * last checkpoint it verified, as signed, so that a later checkpoint must be consistent with it. Two signed
 * checkpoints that are not consistent prove that the log forked; keep the file.
 */
export interface AuditState {
  version: 1;
  origin: string;
  key: string;
  /** checkpoint is the signed note of the last verified checkpoint; size and root repeat what it says. */
  checkpoint: string;
  size: number;
  root: string;
}

/** AuditUsageError is a mistake in how the audit was asked for (an option, a state file): it exits with 2. */
export class AuditUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditUsageError';
  }
}

/**
 * defaultStatePath is $XDG_CONFIG_HOME/veche-audit/<origin>.json (~/.config unless set): one file for each record,
 * named after its origin (the first line of its checkpoints), so that the site and every mirror of it are held to the
 * same key and the same history.
 */
export function defaultStatePath(origin: string, env: NodeJS.ProcessEnv = process.env): string {
  const config = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  let name = origin
    .replace(/\/+$/, '')
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .replace(/^\./, '_');
  if (name.length > 100) name = `${name.slice(0, 90)}-${createHash('sha256').update(origin).digest('hex').slice(0, 8)}`;
  return join(config, 'veche-audit', `${name || '_'}.json`);
}

/** readState returns the state saved at `path`, null if there is none, or throws AuditUsageError if it is unreadable. */
export function readState(path: string): AuditState | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new AuditUsageError(`cannot read the state file ${path}: ${(error as Error).message}`);
  }
  let state: Partial<AuditState>;
  try {
    state = JSON.parse(text) as Partial<AuditState>;
  } catch {
    throw new AuditUsageError(
      `the state file ${path} is not JSON; move it away to start again (and lose the pinned key)`,
    );
  }
  const valid =
    state !== null &&
    typeof state === 'object' &&
    state.version === 1 &&
    typeof state.origin === 'string' &&
    typeof state.key === 'string' &&
    typeof state.checkpoint === 'string' &&
    Number.isSafeInteger(state.size) &&
    typeof state.root === 'string' &&
    decodeBase64(state.root)?.length === 32;
  if (!valid) throw new AuditUsageError(`the state file ${path} is not a veche audit state (version 1)`);
  return state as AuditState;
}

/** writeState saves the state atomically (a new file renamed over the old), readable by its owner only. */
export function writeState(path: string, state: AuditState): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, path);
}
