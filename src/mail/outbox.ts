import { mkdirSync, writeFileSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Config } from '../config.ts';

// The outbox stands in for a mail server on a setup without SMTP_URL: one .eml file per email, which the admin reads
// at /admin/outbox and passes on by hand. Each file holds an address in the clear, so the outbox keeps it only while
// it is of use: a confirmation link until it is used, replaced, or expires; anything else for an hour. The file's
// name says which it is, when it was written and which signature it is about, so that it can be found and deleted
// without being opened:  20260312T120000123Z-link-s42-1f2e3d4c.eml  or  20260312T120000123Z-note-1f2e3d4c.eml

/** OutboxKind is what an outbox email is: a confirmation `link`, or a `note` that confirms nothing. */
export type OutboxKind = 'link' | 'note';

/** outboxKeeps is how long the outbox keeps each kind at most, in ms: a link no longer than it works, a note an hour. */
export const outboxKeeps: Record<OutboxKind, number> = { link: 7 * 24 * 3600_000, note: 3600_000 };

/** OutboxLabel is what the outbox needs to know of an email to forget it in time. */
export interface OutboxLabel {
  kind: OutboxKind;
  /** signature is the row id of the signature a link confirms (never its public id). */
  signature: number | null;
}

/** OutboxFile is one email of the outbox, as its name describes it. */
export interface OutboxFile extends OutboxLabel {
  name: string;
  writtenAt: number;
}

const named = /^(\d{8}T\d{9}Z)-(link|note)(?:-s(\d{1,15}))?-[0-9a-f]{8}\.eml$/;
// Files written before the outbox kept labels: 2026-03-12T12-00-00-000Z-1f2e3d4c.eml, kept as long as a link.
const unlabelled = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-[0-9a-f]{8}\.eml$/;

/** outboxEnabled tells whether emails go to the local outbox (no SMTP configured). */
export function outboxEnabled(config: Pick<Config, 'smtpUrl'>): boolean {
  return !config.smtpUrl;
}

/** outboxDir is where the outbox keeps one .eml file per email. */
export function outboxDir(config: Pick<Config, 'dataDir'>): string {
  return join(config.dataDir, 'outbox');
}

/**
 * writeOutbox stores one email and returns its file name. A newer link for a signature replaces the older ones: a
 * second signing gave it a new token, and the old link no longer works.
 */
export function writeOutbox(config: Pick<Config, 'dataDir'>, message: Buffer, label: OutboxLabel, at: number): string {
  const dir = outboxDir(config);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stamp = new Date(at).toISOString().replace(/[-:.]/g, '');
  const about = label.kind === 'link' && label.signature !== null ? `-s${label.signature}` : '';
  const name = `${stamp}-${label.kind}${about}-${randomBytes(4).toString('hex')}.eml`;
  // Written under a temporary name and renamed, so a reader never sees half an email.
  writeFileSync(join(dir, `.${name}`), message, { mode: 0o600 });
  renameSync(join(dir, `.${name}`), join(dir, name));
  if (label.kind === 'link' && label.signature !== null) {
    for (const file of listOutbox(config)) {
      if (file.name !== name && file.kind === 'link' && file.signature === label.signature)
        removeOutbox(config, file.name);
    }
  }
  return name;
}

/** listOutbox returns the outbox's emails, newest first. */
export function listOutbox(config: Pick<Config, 'dataDir'>): OutboxFile[] {
  let names: string[];
  try {
    names = readdirSync(outboxDir(config));
  } catch {
    return [];
  }
  const files: OutboxFile[] = [];
  for (const name of names) {
    const file = describe(config, name);
    if (file) files.push(file);
  }
  return files.sort((a, b) => b.writtenAt - a.writtenAt || (a.name < b.name ? 1 : -1));
}

/** readOutbox returns one email's source, or null if the name is not an outbox file. */
export function readOutbox(config: Pick<Config, 'dataDir'>, name: string): string | null {
  if (!named.test(name) && !unlabelled.test(name)) return null;
  try {
    return readFileSync(join(outboxDir(config), name), 'utf8');
  } catch {
    return null;
  }
}

/** forgetSignatureMail deletes every outbox email about one signature and returns how many there were. */
export function forgetSignatureMail(config: Pick<Config, 'dataDir'>, signature: number): number {
  let removed = 0;
  for (const file of listOutbox(config)) {
    if (file.signature === signature && removeOutbox(config, file.name)) removed++;
  }
  return removed;
}

/**
 * sweepOutbox deletes what the outbox must no longer keep and returns how many emails it deleted: notes after an
 * hour, links after a week, and links whose signature `waiting` does not list (confirmed, or expired and deleted,
 * perhaps by another node or before a crash). `waiting` gets the signatures the links are about.
 */
export async function sweepOutbox(
  config: Pick<Config, 'dataDir'>,
  now: number,
  waiting: (signatures: number[]) => Promise<Set<number>>,
): Promise<number> {
  let removed = removeHalfWritten(config, now);
  const files = listOutbox(config);
  const keep: OutboxFile[] = [];
  for (const file of files) {
    if (now - file.writtenAt > outboxKeeps[file.kind]) {
      if (removeOutbox(config, file.name)) removed++;
    } else if (file.kind === 'link' && file.signature !== null) {
      keep.push(file);
    }
  }
  if (keep.length === 0) return removed;
  const still = await waiting([...new Set(keep.map((f) => f.signature!))]);
  for (const file of keep) {
    if (!still.has(file.signature!) && removeOutbox(config, file.name)) removed++;
  }
  return removed;
}

function describe(config: Pick<Config, 'dataDir'>, name: string): OutboxFile | null {
  const match = named.exec(name);
  if (match) {
    const s = match[1];
    const writtenAt = Date.UTC(
      +s.slice(0, 4),
      +s.slice(4, 6) - 1,
      +s.slice(6, 8),
      +s.slice(9, 11),
      +s.slice(11, 13),
      +s.slice(13, 15),
      +s.slice(15, 18),
    );
    return { name, writtenAt, kind: match[2] as OutboxKind, signature: match[3] ? Number(match[3]) : null };
  }
  const old = unlabelled.exec(name);
  if (old) {
    const writtenAt = Date.parse(`${old[1]}T${old[2]}:${old[3]}:${old[4]}.${old[5]}Z`);
    return {
      name,
      writtenAt: Number.isNaN(writtenAt) ? modifiedAt(config, name) : writtenAt,
      kind: 'link',
      signature: null,
    };
  }
  return null;
}

/** removeHalfWritten deletes temporary files a crash left between writing and renaming (written over a minute ago). */
function removeHalfWritten(config: Pick<Config, 'dataDir'>, now: number): number {
  let names: string[];
  try {
    names = readdirSync(outboxDir(config));
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const file = name.startsWith('.') ? describe(config, name.slice(1)) : null;
    if (file && now - file.writtenAt > 60_000 && removeOutbox(config, name)) removed++;
  }
  return removed;
}

function modifiedAt(config: Pick<Config, 'dataDir'>, name: string): number {
  try {
    return statSync(join(outboxDir(config), name)).mtimeMs;
  } catch {
    return 0;
  }
}

function removeOutbox(config: Pick<Config, 'dataDir'>, name: string): boolean {
  try {
    rmSync(join(outboxDir(config), name));
    return true;
  } catch {
    return false;
  }
}
