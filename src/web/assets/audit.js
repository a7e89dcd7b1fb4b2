// audit.js recomputes a petition's count from the public record in the browser. It verifies the latest checkpoint's
// signature against the record's key (/log/key), downloads every entry bundle and hash tile (/log/tile/…), checks that
// each entry hashes into its tile and that the tree of all of them has the checkpoint's root, then counts the
// petition's entries (added − withdrawn − invalidated) below the size at which the site states its number, and
// compares. The tree is hashed a level at a time, each level's digests in parallel: Web Crypto digests off the main
// thread, so tens of thousands of entries take a second or two. The page explains the same checks without it.
import {
  Failure,
  decodeBundle,
  equal,
  fetchBytes,
  fetchText,
  fill,
  importVerifierKey,
  leafHash,
  messagesOf,
  nodeHash,
  openCheckpoint,
  sha256,
  supported,
  tilePath,
} from './record-verify.js';

/** @import { AuditMessages } from '../views/audit-page.ts' */
/** @import { petitionDetail } from '../routes/api.ts' */
/** @import { OpenCheckpoint, Verifier } from './record-verify.js' */

/** @typedef {ReturnType<typeof petitionDetail>} PetitionJson the petition as /api/petitions/<id> gives it */
/** @typedef {'good' | 'bad'} Verdict how a finished check's status line looks */
/** @typedef {(done: number, total: number, step: 'entries' | 'tiles') => void} OnProgress */

const WIDTH = 256; // entries in a full bundle, hashes in a full tile (c2sp.org/tlog-tiles)
const PARALLEL_DOWNLOADS = 6;
const lang = document.documentElement.lang || undefined;
const number = new Intl.NumberFormat(lang);
const seconds = new Intl.NumberFormat(lang, { maximumSignificantDigits: 2 });
const decoder = new TextDecoder('utf-8', { fatal: true });

const section = /** @type {HTMLElement | null} */ (document.querySelector('[data-audit]'));
if (section) setUp(section);

/**
 * setUp shows the check's section and runs the check when asked, if this browser can.
 *
 * @param {HTMLElement} section the element with `data-audit`, which audit-page.ts renders with each part below
 */
async function setUp(section) {
  /** @type {AuditMessages} */
  const messages = messagesOf(section);
  const button = /** @type {HTMLButtonElement} */ (section.querySelector('[data-audit-run]'));
  const progress = /** @type {HTMLProgressElement} */ (section.querySelector('[data-audit-progress]'));
  const status = /** @type {HTMLElement} */ (section.querySelector('[data-audit-status]'));
  section.hidden = false;
  if (!(await supported())) {
    button.hidden = true;
    status.textContent = messages.unsupported;
    return;
  }
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await run(/** @type {string} */ (section.getAttribute('data-audit')), messages, progress, status);
    } finally {
      button.disabled = false;
    }
  });
}

/**
 * run checks the record and the petition's count, showing progress and then the verdict in the status line.
 *
 * @param {string} petition the petition's public id
 * @param {AuditMessages} messages
 * @param {HTMLProgressElement} progress
 * @param {HTMLElement} status
 */
async function run(petition, messages, progress, status) {
  const started = performance.now();
  /**
   * say writes the status line; a verdict (good or bad) is shown as one.
   * @param {string} text
   * @param {Verdict} [kind]
   */
  const say = (text, kind) => {
    status.textContent = text;
    status.classList.toggle('verdict', kind !== undefined);
    status.classList.toggle('good', kind === 'good');
    status.classList.toggle('bad', kind === 'bad');
  };
  progress.hidden = false;
  progress.value = 0;
  try {
    say(messages.stepKey);
    const [keyText, petitionText] = await Promise.all([
      fetchText('/log/key'),
      fetchText(`/api/petitions/${encodeURIComponent(petition)}`),
    ]);
    /** @type {PetitionJson['record']} */
    const site = JSON.parse(petitionText).record;
    if (!site || !Number.isSafeInteger(site.checkpointSize) || !Number.isSafeInteger(site.signatures))
      throw new Failure('checkpoint', 'no count from the site');
    const verifier = await importVerifierKey(keyText);
    const checkpoint = await checkpointCovering(verifier, site.checkpointSize);

    let shown = 0;
    /** @type {OnProgress} */
    const onProgress = (done, total, step) => {
      progress.max = total;
      progress.value = done;
      // A screen reader hears the status line: say how far it is about once a second, not at every bundle.
      if (step === 'tiles') say(messages.stepTiles);
      else if (performance.now() - shown > 1000 || done === total) {
        shown = performance.now();
        say(fill(messages.stepEntries, { done, total }, (n) => number.format(n)));
      }
    };
    const count = await recompute(checkpoint, petition, site.checkpointSize, onProgress);
    progress.value = progress.max;
    const took = (performance.now() - started) / 1000;
    if (count === site.signatures) {
      const values = {
        seconds: seconds.format(took),
        size: number.format(checkpoint.size),
        at: number.format(site.checkpointSize),
        count: number.format(count),
      };
      say(fill(messages.ok, values, String), 'good');
    } else {
      say(
        fill(messages.mismatch, { at: site.checkpointSize, record: count, site: site.signatures }, (n) =>
          number.format(n),
        ),
        'bad',
      );
    }
  } catch (error) {
    const code = error instanceof Failure ? error.code : error instanceof SyntaxError ? 'network' : 'root';
    if (!(error instanceof Failure)) console.error(error);
    say((messages.failed || '{reason}').replace('{reason}', messages.reasons?.[code] ?? code), 'bad');
  }
}

/**
 * checkpointCovering fetches and verifies the latest checkpoint, waiting briefly if it is older than the site's number.
 *
 * @param {Verifier} verifier
 * @param {number} size
 * @returns {Promise<OpenCheckpoint>}
 */
async function checkpointCovering(verifier, size) {
  for (let attempt = 0; ; attempt++) {
    const checkpoint = await openCheckpoint(await fetchText('/log/checkpoint'), verifier);
    if (checkpoint.size >= size) return checkpoint;
    // Several servers may each hold a copy read a moment apart: a newer checkpoint comes within a tick.
    if (attempt >= 10) throw new Failure('older');
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/**
 * recompute downloads every bundle and tile of the checkpoint's tree, checks them against each other and against the
 * root, and returns the petition's count in the entries below `at`. It fails with 'tiles' or 'root' on any difference.
 *
 * @param {OpenCheckpoint} checkpoint
 * @param {string} petition
 * @param {number} at
 * @param {OnProgress} onProgress
 * @returns {Promise<number>}
 */
async function recompute(checkpoint, petition, at, onProgress) {
  const size = checkpoint.size;
  const total = 2 * size;
  const leaves = new Uint8Array(size * 32);
  let count = 0;
  let done = 0;
  let next = 0;
  const bundles = Math.ceil(size / WIDTH);
  const download = async () => {
    for (let n = next++; n < bundles; n = next++) {
      const width = Math.min(WIDTH, size - n * WIDTH);
      // SPEC: https://c2sp.org/tlog-tiles#log-entries: bundle n holds entries [256n, 256n + width).
      const [bundle, tile] = await Promise.all([
        fetchBytes(tilePath('entries', n, width)),
        fetchBytes(tilePath(0, n, width)),
      ]);
      if (tile.length !== width * 32) throw new Failure('tiles', `tile 0/${n} has ${tile.length} bytes`);
      const entries = decodeBundle(bundle, width);
      const hashes = await Promise.all(entries.map((entry) => leafHash(entry)));
      for (let i = 0; i < width; i++) {
        if (!equal(hashes[i], tile.subarray(i * 32, (i + 1) * 32)))
          throw new Failure('tiles', `entry ${n * WIDTH + i}`);
        leaves.set(hashes[i], (n * WIDTH + i) * 32);
        if (n * WIDTH + i < at) count += delta(entries[i], petition);
      }
      done += width;
      onProgress(done, total, 'entries');
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_DOWNLOADS, bundles) }, download));

  onProgress(done, total, 'tiles');
  const levels = [leaves];
  for (let level = leaves; level.length >= 64; ) {
    level = await hashLevel(level);
    levels.push(level);
    done += level.length / 32;
    onProgress(Math.min(done, total), total, 'tiles');
  }
  await checkTiles(levels, size);
  const root = size === 0 ? await sha256(new Uint8Array(0)) : await rootOf(levels, size);
  if (!equal(root, checkpoint.root)) throw new Failure('root');
  return count;
}

/**
 * delta is what one entry adds to the petition's count: +1 added, −1 withdrawn or invalidated, 0 otherwise.
 *
 * @param {Uint8Array} bytes
 * @param {string} petition
 * @returns {number}
 */
function delta(bytes, petition) {
  /** @type {{ type?: unknown, petition?: unknown } | null} */
  let entry;
  try {
    entry = JSON.parse(decoder.decode(bytes));
  } catch {
    throw new Failure('tiles', 'an entry is not JSON');
  }
  if (entry === null || entry.petition !== petition) return 0;
  if (entry.type === 'signature.added') return 1;
  if (entry.type === 'signature.withdrawn' || entry.type === 'signature.invalidated') return -1;
  return 0;
}

/**
 * hashLevel hashes each pair of a level's 32-byte hashes into the level above (an odd last one has no parent yet).
 *
 * @param {Uint8Array} level
 * @returns {Promise<Uint8Array<ArrayBuffer>>}
 */
async function hashLevel(level) {
  const pairs = Math.floor(level.length / 64);
  const above = new Uint8Array(pairs * 32);
  const batch = 4096;
  for (let start = 0; start < pairs; start += batch) {
    const end = Math.min(pairs, start + batch);
    const hashes = await Promise.all(
      Array.from({ length: end - start }, (_, k) => {
        const i = start + k;
        return nodeHash(level.subarray(i * 64, i * 64 + 32), level.subarray(i * 64 + 32, i * 64 + 64));
      }),
    );
    hashes.forEach((hash, k) => above.set(hash, (start + k) * 32));
  }
  return above;
}

/**
 * checkTiles compares the published tiles above level 0 with the hashes computed from the entries.
 *
 * @param {Uint8Array[]} levels
 * @param {number} size
 */
async function checkTiles(levels, size) {
  // SPEC: https://c2sp.org/tlog-tiles#merkle-tree: tile level L holds the hashes of tree level 8·L.
  /** @type {Promise<void>[]} */
  const fetches = [];
  for (let tileLevel = 1; 8 * tileLevel < levels.length; tileLevel++) {
    const hashes = levels[8 * tileLevel];
    const count = Math.floor(size / WIDTH ** tileLevel);
    for (let n = 0; n * WIDTH < count; n++) {
      const width = Math.min(WIDTH, count - n * WIDTH);
      fetches.push(
        fetchBytes(tilePath(tileLevel, n, width)).then((tile) => {
          if (!equal(tile, hashes.subarray(n * WIDTH * 32, (n * WIDTH + width) * 32)))
            throw new Failure('tiles', `tile ${tileLevel}/${n}`);
        }),
      );
    }
  }
  await Promise.all(fetches);
}

/**
 * rootOf folds the perfect subtrees of the tree's binary decomposition, largest first, from the right (RFC 9162 §2.1.1).
 *
 * @param {Uint8Array[]} levels
 * @param {number} size at least 1
 * @returns {Promise<Uint8Array>}
 */
async function rootOf(levels, size) {
  /** @type {Uint8Array | null} */
  let root = null;
  let cursor = size;
  for (let level = 0, width = 1; cursor > 0; level++, width *= 2) {
    if (Math.floor(size / width) % 2 === 0) continue;
    cursor -= width;
    const at = (cursor / width) * 32;
    const hash = levels[level].subarray(at, at + 32);
    root = root === null ? hash : await nodeHash(hash, root);
  }
  // A tree of at least one entry has at least one perfect subtree.
  return /** @type {Uint8Array} */ (root);
}
