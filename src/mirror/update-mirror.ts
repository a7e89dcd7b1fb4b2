import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkConsistency, openSigned, readCheckpointNote } from '../audit/audit-record.ts';
import { AuditUsageError } from '../audit/audit-state.ts';
import { readSite } from '../audit/compare-with-site.ts';
import { Findings } from '../audit/findings.ts';
import { MIRROR_MANIFEST, mirrorApiPath, readMirrorManifest } from '../audit/mirror-layout.ts';
import type { MirrorManifest } from '../audit/mirror-layout.ts';
import { openRecord } from '../audit/open-record.ts';
import { AuditNetworkError } from '../audit/record-reader.ts';
import type { RecordReader } from '../audit/record-reader.ts';
import { verifyTree } from '../audit/verify-tree.ts';
import { toHex } from '../record/bytes.ts';
import type { Checkpoint } from '../record/checkpoint.ts';
import type { HashReader } from '../record/merkle.ts';
import { parseVerifierKey } from '../record/note-keys.ts';
import type { NoteVerifier } from '../record/note-keys.ts';
import { consistencyProof } from '../record/proofs.ts';
import { RecordError } from '../record/record-error.ts';
import { pruneMirror } from './prune-mirror.ts';
import { mirrorIndexPage } from './mirror-index-page.ts';
import { MirrorFolder } from './mirror-folder.ts';
import { RecordingReader } from './recording-reader.ts';

/** MirrorOptions say which record to copy, into which folder, and with which key. */
export interface MirrorOptions {
  /** location is the site's address, or another mirror's address or folder. */
  location: string;
  folder: string;
  /** key pins the log's verifier key; without it, the one the mirror holds, or on its first update the source's. */
  key?: string;
  concurrency?: number;
  /**
   * settleMs is how long after reading a site's API the mirror reads the checkpoint it will serve, so that a withdrawal
   * the site counted before that read is in the record the mirror serves (2 s unless set; a mirror's source needs none).
   */
  settleMs?: number;
  /** auditor is the single-file auditor to offer beside the record (veche-audit.mjs), or null. */
  auditor?: Uint8Array | null;
  onProgress?(verified: number, total: number): void;
}

/** MirrorUpdate is what one update did: copied a larger checkpoint, found nothing new, or refused the source. */
export interface MirrorUpdate {
  outcome: 'created' | 'updated' | 'unchanged' | 'refused';
  origin: string;
  key: string;
  /** previous is the size of the checkpoint the mirror held before, or null for a new mirror. */
  previous: number | null;
  /** size is the size of the checkpoint the mirror serves now. */
  size: number;
  /** after is the size of the checkpoint the copy of the site's API was read after, or null if unchanged or refused. */
  after: number | null;
  /** problem says why the source was refused; the mirror then keeps what it held. */
  problem: string | null;
  /** evidence lists the files, under the folder, that keep the signed checkpoints that contradict each other. */
  evidence: string[];
  requests: number;
  bytes: number;
}

const MAX_KEY = 4096;
const MAX_POLICY = 64 * 1024;
const MAX_CHECKPOINT = 64 * 1024;

/**
 * updateMirror brings a mirror up to date with its source: it verifies the source's checkpoint against the pinned key,
 * every new tile and bundle against it, and its consistency with the checkpoint the mirror holds, copies them, then
 * the site's API answers an audit reads, and only then switches the mirror to the new checkpoint. A checkpoint that is
 * smaller than the one held, not consistent with it, or not signed by the key is refused, and the mirror keeps what it
 * had. A network failure throws AuditNetworkError; a bad option or a broken folder, AuditUsageError.
 */
export async function updateMirror(options: MirrorOptions): Promise<MirrorUpdate> {
  mkdirSync(options.folder, { recursive: true });
  const folder = new MirrorFolder(options.folder);
  const source = await openRecord(options.location, { concurrency: options.concurrency });
  try {
    return await update(source, folder, options);
  } finally {
    source.close();
  }
}

async function update(source: RecordReader, folder: MirrorFolder, options: MirrorOptions): Promise<MirrorUpdate> {
  // 1. What the mirror holds, and the key: --key, else the one held, else the source's, trusted on first use.
  const heldKey = folder.read('/log/key')?.toString('utf8').trim() || null;
  const heldNote = folder.read('/log/checkpoint')?.toString('utf8') ?? null;
  const heldManifest = readHeldManifest(folder);
  const servedKey = (await source.text('/log/key', MAX_KEY))?.trim() || null;
  if (options.key !== undefined && heldKey !== null && options.key !== heldKey) {
    throw new AuditUsageError(`${folder.root} holds the record of the key ${heldKey}, but --key gives ${options.key}`);
  }
  const key = options.key ?? heldKey ?? servedKey;
  if (key === null) throw new AuditNetworkError(`${source.base} serves no key at /log/key; give it with --key`);
  let verifier: NoteVerifier;
  try {
    verifier = parseVerifierKey(key);
  } catch (error) {
    if (!(error instanceof RecordError)) throw error;
    throw new AuditUsageError(`the key ${key} is malformed: ${error.message}`);
  }
  // The witness policy and the newest checkpoint that met it, read before the checkpoint, which is then never smaller.
  const policy = await source.text('/log/policy', MAX_POLICY);
  const witnessedNote = await source.text('/log/witnessed-checkpoint', MAX_CHECKPOINT);
  const firstNote = await readCheckpointNote(source);
  const fetchedAt = Date.now();
  const heldFindings = new Findings();
  const held = heldNote === null ? null : openSigned(heldNote, verifier, verifier.name, heldFindings);
  if (heldNote !== null && held === null) {
    throw new AuditUsageError(
      `${folder.file('/log/checkpoint')} does not verify with the key ${key}: ${heldFindings.discrepancies[0]?.message}`,
    );
  }
  const origin = held?.origin ?? firstLine(firstNote);
  const result: MirrorUpdate = {
    outcome: 'unchanged',
    origin,
    key,
    previous: held?.size ?? null,
    size: held?.size ?? 0,
    after: null,
    problem: null,
    evidence: [],
    requests: 0,
    bytes: 0,
  };
  const finish = (change: Partial<MirrorUpdate>): MirrorUpdate => ({
    ...result,
    ...change,
    requests: source.requests,
    bytes: source.bytes,
  });
  const refuse = (problem: string, contradicting: (Checkpoint & { note: string })[] = []) => {
    const evidence = contradicting.map((c) => {
      const path = `/evidence/checkpoint-${c.size}-${toHex(c.root).slice(0, 16)}`;
      folder.write(path, c.note);
      return path;
    });
    return finish({ outcome: 'refused', problem, evidence });
  };
  if (servedKey !== null && servedKey !== key)
    return refuse(`the source serves the key ${servedKey}, but the mirror holds the record of ${key}`);

  // 2. The source's checkpoint: signed by the key, for the origin held, and never smaller than or beside the one held.
  const findings = new Findings();
  const first = openSigned(firstNote, verifier, origin, findings);
  if (first === null) return refuse(findings.discrepancies[0].message);
  const judged = judge(held, first);
  if (judged !== 'grown' && judged !== 'same') return refuse(judged, held === null ? [] : [held, first]);

  // 3. The new tiles and bundles, verified against the checkpoint and for consistency with the one held, into a folder
  //    beside the mirror's. A crash here leaves that folder behind (removed by the next update); the mirror is unchanged.
  for (const name of folder.list('/')) if (name.startsWith('.incoming-')) folder.remove(`/${name}`);
  const batches: Staged[] = [];
  const events = new Set(heldManifest?.events ?? []);
  try {
    if (judged === 'grown') {
      batches.push(await stage(source, folder, held, first, findings, events, options));
      if (findings.treeFailed)
        return refuse(treeProblem(findings), held !== null && forked(findings) ? [held, first] : []);
    }

    // 4. The site's API, as an audit reads it, at least a second after the checkpoint (the site keeps its answers that
    //    long). A mirror's source is read as it is: its copy was read after the checkpoint its manifest names. Read again
    //    even when the record has not grown: the site's counts may have (they run ahead of the record).
    if (source.mirror === null) await sleep(fetchedAt + 1100 - Date.now());
    const snapshot = `api/${first.size}-${randomBytes(4).toString('hex')}`;
    const recorder = new RecordingReader(source, (path, body) => {
      const file = path.startsWith('/api/') ? mirrorApiPath({ snapshot }, path) : null;
      if (file !== null) folder.write(file, body);
    });
    await readSite(recorder, new Findings(), [...events]);
    const after = source.mirror === null ? first.size : Math.min(source.mirror.after, first.size);

    // 5. The checkpoint the mirror will serve: one read a moment after the API, so that what the site had taken out of
    //    its counts before it was read is in the record too (the audit allows for it, as it does while a site settles).
    let served = first;
    const settleMs = source.mirror === null ? (options.settleMs ?? 2000) : 0;
    if (settleMs > 0) {
      await sleep(settleMs);
      const later = openSigned(await readCheckpointNote(source), verifier, origin, findings);
      if (later === null) return refuse(findings.discrepancies[0].message);
      const again = judge(first, later);
      if (again === 'grown') {
        batches.push(await stage(source, folder, first, later, findings, events, options));
        if (findings.treeFailed) return refuse(treeProblem(findings), forked(findings) ? [first, later] : []);
        served = later;
      } else if (again !== 'same') {
        return refuse(again, [first, later]);
      }
    }

    // 6. Publish: the files first (nothing the mirror serves names them yet), then the checkpoint, then the manifest
    //    naming the new copy of the API. A crash between two steps leaves a mirror that verifies: a reader holding the
    //    old manifest gets the old copy, read after a checkpoint no larger than the one it verifies.
    for (const batch of batches) publish(folder, batch);
    writeBeside(folder, origin, key, options.auditor ?? null, policy !== null || folder.has('/log/policy'));
    copyWitnessing(folder, { policy, witnessed: witnessedNote, verifier, origin, served });
    folder.write('/log/checkpoint', served.note);
    const manifest: MirrorManifest = { version: 1, origin, snapshot, after, events: [...events].sort() };
    folder.write(MIRROR_MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);

    // 7. What no reader needs any more: copies of the API but the last two, partial tiles that a full tile replaced.
    pruneMirror(folder, {
      held: held?.size ?? null,
      served: served.size,
      snapshots: [snapshot, heldManifest?.snapshot ?? snapshot],
    });
    const outcome = held === null ? 'created' : served.size === held.size ? 'unchanged' : 'updated';
    return finish({ outcome, size: served.size, after });
  } finally {
    for (const batch of batches) rmSync(batch.dir, { recursive: true, force: true });
  }
}

/** Staged is a folder of verified tiles and bundles, waiting to be moved into the mirror. */
interface Staged {
  dir: string;
  paths: string[];
}

async function stage(
  source: RecordReader,
  folder: MirrorFolder,
  from: (Checkpoint & { note: string }) | null,
  to: Checkpoint & { note: string },
  findings: Findings,
  events: Set<string>,
  options: MirrorOptions,
): Promise<Staged> {
  // Inside the mirror's folder (so a rename moves each file), named with a dot, which web servers commonly hide.
  const dir = mkdtempSync(join(folder.root, '.incoming-'));
  const staged: Staged = { dir, paths: [] };
  const size = from?.size ?? 0;
  const decoder = new TextDecoder();
  const tree = await verifyTree({
    client: source,
    tree: to,
    from: size,
    findings,
    window: options.concurrency,
    later: size > 0 ? [(read: HashReader) => consistencyProof(size, to.size, read)] : [],
    onEntry: (entry) => {
      const text = decoder.decode(entry);
      if (!text.includes('"type":"event.opened"')) return;
      try {
        const code = (JSON.parse(text) as { event?: unknown }).event;
        if (typeof code === 'string' && /^[A-Z0-9]{4,12}$/.test(code)) events.add(code);
      } catch {
        /* the audit reports a malformed entry; the mirror copies it as it is */
      }
    },
    onFetched: (path, bytes) => {
      const file = join(dir, ...path.split('/').filter((s) => s !== ''));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, bytes);
      staged.paths.push(path);
    },
    onProgress: (done) => options.onProgress?.(done, to.size - size),
  });
  if (from !== null) checkConsistency(from, to, tree, findings);
  return staged;
}

function publish(folder: MirrorFolder, staged: Staged): void {
  // A tile or bundle is immutable: one the mirror has is the same as the one verified (the trees are consistent).
  for (const path of staged.paths) {
    if (!folder.has(path)) folder.move(join(staged.dir, ...path.split('/').filter((s) => s !== '')), path);
  }
}

/** judge compares a new checkpoint with the one held: 'same', 'grown', or why it must be refused. */
function judge(held: Checkpoint | null, next: Checkpoint): 'same' | 'grown' | string {
  if (held === null) return 'grown';
  const same = toHex(held.root) === toHex(next.root);
  if (next.size === held.size) {
    return same
      ? 'same'
      : `the source serves a checkpoint of ${next.size} entries with another root than the one held: the log shows two different histories`;
  }
  if (next.size < held.size)
    return `the source serves a checkpoint of ${next.size} entries, but the mirror holds one of ${held.size}: a log never shrinks`;
  return 'grown';
}

function forked(findings: Findings): boolean {
  return findings.counts.has('inconsistent-checkpoint');
}

function treeProblem(findings: Findings): string {
  const first = findings.discrepancies
    .slice(0, 3)
    .map((d) => d.message)
    .join('; ');
  return `the source's record does not verify (${findings.discrepancyCount} problems): ${first}`;
}

function writeBeside(
  folder: MirrorFolder,
  origin: string,
  key: string,
  auditor: Uint8Array | null,
  hasPolicy: boolean,
): void {
  if (folder.read('/log/key')?.toString('utf8') !== `${key}\n`) folder.write('/log/key', `${key}\n`);
  const page = mirrorIndexPage(origin, key, auditor !== null, hasPolicy);
  if (folder.read('/index.html')?.toString('utf8') !== page) folder.write('/index.html', page);
  if (auditor !== null && !Buffer.from(auditor).equals(folder.read('/veche-audit.mjs') ?? Buffer.alloc(0)))
    folder.write('/veche-audit.mjs', auditor);
}

/**
 * copyWitnessing keeps the source's witness policy and witnessed checkpoint beside the record, so that an audit of the
 * mirror reports the same cosigners as one of the site. The witnessed checkpoint is kept only if the log's key signed
 * it and it is no larger than the checkpoint served (an audit proves the one a prefix of the other); what the source no
 * longer serves is left as it was.
 */
function copyWitnessing(
  folder: MirrorFolder,
  from: { policy: string | null; witnessed: string | null; verifier: NoteVerifier; origin: string; served: Checkpoint },
): void {
  if (from.policy !== null && folder.read('/log/policy')?.toString('utf8') !== from.policy)
    folder.write('/log/policy', from.policy);
  if (from.witnessed === null) return;
  const witnessed = openSigned(from.witnessed, from.verifier, from.origin, new Findings(), '/log/witnessed-checkpoint');
  if (witnessed !== null && witnessed.size <= from.served.size)
    folder.write('/log/witnessed-checkpoint', from.witnessed);
}

function readHeldManifest(folder: MirrorFolder): MirrorManifest | null {
  const bytes = folder.read(MIRROR_MANIFEST);
  if (bytes === null) return null;
  let manifest: MirrorManifest | string;
  try {
    manifest = readMirrorManifest(JSON.parse(bytes.toString('utf8')));
  } catch {
    manifest = 'it is not JSON';
  }
  if (typeof manifest === 'string') throw new AuditUsageError(`${folder.file(MIRROR_MANIFEST)}: ${manifest}`);
  return manifest;
}

function firstLine(note: string): string {
  return note.slice(0, Math.max(0, note.indexOf('\n')));
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
