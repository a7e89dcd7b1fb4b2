import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** AuditorFile is the single-file auditor the site offers (dist/veche-audit.mjs), and its SHA-256 in hex. */
export interface AuditorFile {
  bytes: Buffer;
  sha256: string;
}

let cached: AuditorFile | null | undefined;

/**
 * auditorFile reads dist/veche-audit.mjs once, as committed in the repository (built by scripts/build-auditor.ts), or
 * returns null when this copy of Veche has none: the pages then give the command without the download.
 */
export function auditorFile(): AuditorFile | null {
  if (cached !== undefined) return cached;
  try {
    const bytes = readFileSync(join(import.meta.dirname, '..', '..', 'dist', 'veche-audit.mjs'));
    cached = { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
  } catch {
    cached = null;
  }
  return cached;
}

/** AUDITOR_PATH is where the site serves the auditor. */
export const AUDITOR_PATH = '/audit/veche-audit.mjs';
