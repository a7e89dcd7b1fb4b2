// record-audit-worker.js audits a whole record in the browser, off the page's thread: the checkpoint's signature
// against the key, every entry bundle against its level-0 tile, every published tile above against the hashes
// recomputed from the entries, the root against the checkpoint, then every petition's count and every event's
// questions and votes against what the site (or a mirror's copy of it) shows. Memory stays bounded: a bundle is hashed
// and forgotten; what is kept is one 32-byte hash per 256 entries, and a few numbers per petition and event.
// SPEC: https://c2sp.org/tlog-tiles, https://c2sp.org/tlog-checkpoint, RFC 9162 §2.1.
// It is served at /audit/worker.js, whose Content-Security-Policy lets it read a mirror on another origin; from there
// '../assets/record-verify.js' is /assets/record-verify.js, and tsc finds the same file beside this one.
import {
  checkCosignatures,
  parsePolicy,
  Failure,
  decodeBundle,
  equal,
  fetchText,
  importVerifierKey,
  leafHash,
  nodeHash,
  openCheckpoint,
  sha256,
  tilePath,
} from '../assets/record-verify.js';

/** @import { MirrorManifest } from '../../audit/mirror-layout.ts' */
/** @import { petitionSummary } from '../routes/api.ts' */
/** @import { eventJson } from '../views/event-json.ts' */
/** @import { FailureCode } from '../views/record-parts.ts' */
/** @import { BrowserPolicy, OpenCheckpoint } from './record-verify.js' */

/**
 * AuditRequest is what record-audit.js asks: the site or mirror to audit, the record's key as the page has it, and
 * the witness policy pasted (empty for none).
 * @typedef {object} AuditRequest
 * @property {string} base
 * @property {string} key
 * @property {string} policy
 */

/**
 * AuditAnswer is what the worker tells record-audit.js: how far it is, then the report, or why it failed.
 * @typedef {{ kind: 'progress', done: number, total: number }
 *   | { kind: 'done', report: AuditReport }
 *   | { kind: 'failed', code: FailureCode, detail: string }} AuditAnswer
 */

/** @typedef {Awaited<ReturnType<typeof audit>>} AuditReport the whole record's audit, as the page shows it */
/** @typedef {ReturnType<typeof petitionSummary>} PetitionSummary a petition as /api/petitions lists it */
/** @typedef {ReturnType<typeof eventJson>} EventJson an event as /api/events/<code> shows it */
/** @typedef {{ petitions: Map<string, PetitionSummary>, events: Map<string, EventJson | null> }} SiteCounts */

/**
 * PetitionTally is what the record says of one petition: whether it opened and closed, and its signatures added and
 * removed, in all and before the size the site was read at (removals after it too).
 * @typedef {object} PetitionTally
 * @property {string} id
 * @property {boolean} opened
 * @property {boolean} closed
 * @property {number} added
 * @property {number} addedBefore
 * @property {number} removed
 * @property {number} removedBefore
 * @property {number} removedAfter
 */

/**
 * EventTally is what the record says of one event: whether it opened, its questions and votes, in all and before the
 * size the site was read at, and the votes withdrawn after it.
 * @typedef {object} EventTally
 * @property {string} code
 * @property {boolean} opened
 * @property {number} asked
 * @property {number} askedBefore
 * @property {number} votes
 * @property {number} votesBefore
 * @property {number} withdrawnAfter
 */

/**
 * WorkerScope is this dedicated worker's global scope, as far as it uses it. tsconfig.json's lib is the page's
 * ("dom"), whose `self` is a Window; "webworker" cannot be checked beside "dom" in one program.
 * @typedef {object} WorkerScope
 * @property {((message: MessageEvent<AuditRequest>) => void) | null} onmessage
 * @property {(answer: AuditAnswer) => void} postMessage
 */

const scope = /** @type {WorkerScope} */ (/** @type {unknown} */ (self));

const WIDTH = 256;
const PARALLEL = 6;
const decoder = new TextDecoder('utf-8', { fatal: true });

/** @param {MessageEvent<AuditRequest>} message */
scope.onmessage = async (message) => {
  const { base, key, policy } = message.data;
  try {
    scope.postMessage({ kind: 'done', report: await audit(base.replace(/\/+$/, ''), key, policy || null) });
  } catch (error) {
    if (!(error instanceof Failure)) console.error(error);
    scope.postMessage({
      kind: 'failed',
      code: error instanceof Failure ? error.code : 'network',
      detail: String(/** @type {{ message?: unknown }} */ (error).message ?? error),
    });
  }
};

/**
 * bytesAt fetches a URL as bytes: null for a 404 (not served), a 'network' failure for any other error.
 *
 * @param {string} url
 * @returns {Promise<Uint8Array | null>}
 */
async function bytesAt(url) {
  const response = await fetch(url).catch(() => null);
  if (!response) throw new Failure('network', url);
  if (response.status === 404) return null;
  if (!response.ok) throw new Failure('network', url);
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * textAt fetches a URL as text, or null for a 404.
 *
 * @param {string} url
 * @returns {Promise<string | null>}
 */
async function textAt(url) {
  const bytes = await bytesAt(url);
  return bytes === null ? null : new TextDecoder().decode(bytes);
}

/**
 * jsonAt fetches a URL as JSON, or null for a 404. What it says is the site's word: the caller checks what it uses.
 *
 * @param {string} url
 * @returns {Promise<unknown>}
 */
async function jsonAt(url) {
  const bytes = await bytesAt(url);
  if (bytes === null) return null;
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new Failure('network', `${url} is not JSON`);
  }
}

/**
 * apiUrl is where the site's API answer is: on the site, or in a mirror's copy (see src/audit/mirror-layout.ts).
 *
 * @param {string} base
 * @param {Pick<MirrorManifest, 'snapshot'> | null} mirror
 * @param {string} path
 * @returns {string}
 */
function apiUrl(base, mirror, path) {
  if (mirror === null) return base + path;
  const [route, query] = path.split('?');
  const segments = route.slice('/api/'.length).split('/').map(decodeURIComponent);
  if (query !== undefined) segments.push([...new URLSearchParams(query).values()].join('-'));
  return `${base}/${mirror.snapshot}/${segments.join('/')}.json`;
}

/**
 * audit checks the whole record at `base` and compares its counts with the site's.
 *
 * @param {string} base the site or mirror, without a trailing slash
 * @param {string} keyText the record's key as the page has it
 * @param {string | null} pastedPolicy a witness policy pasted, whose log key is then the one trusted
 */
async function audit(base, keyText, pastedPolicy) {
  const started = performance.now();
  // The mirror's word, as the site's: only `after` is checked before it is used.
  const mirror = /** @type {MirrorManifest | null} */ (await jsonAt(`${base}/veche-mirror.json`).catch(() => null));
  // The witness policy: the one pasted (pinned; its log key is the key trusted), else the one the site serves. The
  // witnessed checkpoint is read before the newest, which is then never the smaller.
  /** @type {string[]} */
  const problems = [];
  const served = pastedPolicy === null ? await textAt(`${base}/log/policy`) : null;
  const policy =
    pastedPolicy !== null ? await parsePolicy(pastedPolicy) : served === null ? null : await parsePolicy(served);
  const witnessedNote =
    policy !== null && policy.quorum !== 'none' ? await textAt(`${base}/log/witnessed-checkpoint`) : null;
  const note = await fetchText(`${base}/log/checkpoint`);
  const origin = note.slice(0, Math.max(0, note.indexOf('\n')));
  const policyKey = policy?.logs.find((vkey) => vkey.slice(0, vkey.indexOf('+')) === origin) ?? null;
  if (pastedPolicy !== null && policyKey === null) throw new Failure('policy-log', origin);
  if (pastedPolicy === null && policy !== null && policyKey !== keyText.trim()) {
    problems.push(`the witness policy the site serves names another key for ${origin} than the one it signs with`);
  }
  // A pasted policy without the record's key has failed above.
  const verifier = await importVerifierKey(pastedPolicy !== null ? /** @type {string} */ (policyKey) : keyText);
  const checkpoint = await openCheckpoint(note, verifier);
  const size = checkpoint.size;
  let witnessed = witnessedNote === null ? null : await openCheckpoint(witnessedNote, verifier);
  if (witnessed !== null && witnessed.size > size) {
    problems.push(
      `the site's witnessed checkpoint has ${witnessed.size} entries, its newest only ${size}: a log never shrinks`,
    );
    witnessed = null;
  }
  // The leaves of the tile where the witnessed tree ends, to compute its root from the verified tiles.
  const keepTile = witnessed === null || witnessed.size % WIDTH === 0 ? -1 : Math.floor(witnessed.size / WIDTH);
  /** @type {Uint8Array[]} */
  let kept = [];
  // The site's counts are compared with the record where they were read: a mirror says where; a site, at this checkpoint.
  const after = mirror !== null && Number.isSafeInteger(mirror.after) ? Math.min(mirror.after, size) : size;
  const tally = new Tally(after);
  const level8 = new Uint8Array(Math.floor(size / WIDTH) * 32);
  /** @type {Uint8Array[]} */
  let partial = [];
  let done = 0;
  let next = 0;
  const bundles = Math.ceil(size / WIDTH);
  const worker = async () => {
    for (let n = next++; n < bundles; n = next++) {
      const width = Math.min(WIDTH, size - n * WIDTH);
      const [bundle, tile] = await Promise.all([
        bytesAt(base + tilePath('entries', n, width)),
        bytesAt(base + tilePath(0, n, width)),
      ]);
      if (bundle === null || tile === null) throw new Failure('tiles', `bundle or tile ${n} is not served`);
      if (tile.length !== width * 32) throw new Failure('tiles', `tile 0/${n} has ${tile.length} bytes`);
      const entries = decodeBundle(bundle, width);
      const leaves = await Promise.all(entries.map((entry) => leafHash(entry)));
      for (let i = 0; i < width; i++) {
        if (!equal(leaves[i], tile.subarray(i * 32, (i + 1) * 32)))
          throw new Failure('tiles', `entry ${n * WIDTH + i}`);
        tally.add(entries[i], n * WIDTH + i);
      }
      if (width === WIDTH) level8.set(await packedRoot(leaves), n * 32);
      else partial = leaves;
      if (n === keepTile) kept = leaves;
      done += width;
      scope.postMessage({ kind: 'progress', done, total: size });
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, bundles) }, worker));
  await checkUpperTiles(base, size, level8);
  const root = size === 0 ? await sha256(new Uint8Array(0)) : await rootOf(level8, partial, size);
  if (!equal(root, checkpoint.root)) throw new Failure('root');
  if (witnessed !== null && witnessed.size > 0) {
    // SPEC: RFC 9162 §2.1.4: the witnessed tree must be a prefix of the one verified; its root, from the same tiles.
    const prefix = witnessed.size === size ? root : await rootOf(level8, kept, witnessed.size);
    if (!equal(prefix, witnessed.root)) {
      problems.push(
        `the witnessed checkpoint of ${witnessed.size} entries is not a prefix of the record: the log has shown two histories`,
      );
      witnessed = null;
    }
  }
  const witnesses =
    policy === null ? null : await judgeWitnesses(policy, checkpoint, witnessed, pastedPolicy !== null, problems);

  const site = await readSite(base, mirror, tally);
  const compared = compare(tally, site);
  return {
    size,
    seconds: (performance.now() - started) / 1000,
    mirror: mirror !== null,
    ...compared,
    witnesses,
    problems: [...problems, ...compared.problems],
  };
}

/**
 * judgeWitnesses says which witnesses cosigned the newest checkpoint that carries them (the one verified if it meets
 * the quorum, else the witnessed one just proved a prefix of it), and adds a problem for a cosignature that fails or
 * a quorum not met.
 *
 * @param {BrowserPolicy} policy
 * @param {OpenCheckpoint} checkpoint
 * @param {OpenCheckpoint | null} witnessed
 * @param {boolean} pinned the policy was pasted, not the site's
 * @param {string[]} problems
 */
async function judgeWitnesses(policy, checkpoint, witnessed, pinned, problems) {
  const newest = await checkCosignatures(checkpoint.note, policy);
  const useWitnessed = !newest.quorumMet && witnessed !== null;
  const check = useWitnessed ? await checkCosignatures(witnessed.note, policy) : newest;
  const size = useWitnessed ? witnessed.size : checkpoint.size;
  for (const w of check.witnesses) {
    if (w.status === 'invalid')
      problems.push(`the cosignature of ${w.name} on the checkpoint of ${size} entries does not verify`);
  }
  if (!check.quorumMet)
    problems.push(
      `the witness policy's quorum is not met: ${check.cosigned} of ${check.witnesses.length} witnesses cosigned`,
    );
  return { pinned, size, total: check.witnesses.length, ...check };
}

/**
 * packedRoot is the Merkle root of 2^k hashes, a level at a time.
 *
 * @param {Uint8Array[]} hashes
 * @returns {Promise<Uint8Array>}
 */
async function packedRoot(hashes) {
  let level = hashes;
  while (level.length > 1) {
    /** @type {Promise<Uint8Array>[]} */
    const above = [];
    for (let i = 0; i < level.length; i += 2) above.push(nodeHash(level[i], level[i + 1]));
    level = await Promise.all(above);
  }
  return level[0];
}

/**
 * levelAbove turns the hashes of tree level 8·L (packed) into those of level 8·(L+1): a root for each full 256.
 *
 * @param {Uint8Array} packed
 * @returns {Promise<Uint8Array<ArrayBuffer>>}
 */
async function levelAbove(packed) {
  const count = Math.floor(packed.length / 32 / WIDTH);
  const above = new Uint8Array(count * 32);
  for (let i = 0; i < count; i++) {
    const group = Array.from({ length: WIDTH }, (_, j) =>
      packed.subarray((i * WIDTH + j) * 32, (i * WIDTH + j + 1) * 32),
    );
    above.set(await packedRoot(group), i * 32);
  }
  return above;
}

/**
 * checkUpperTiles compares every published tile above level 0 with the hashes recomputed from the entries.
 *
 * @param {string} base
 * @param {number} _size
 * @param {Uint8Array<ArrayBuffer>} level8 the roots of the full level-0 tiles, packed
 */
async function checkUpperTiles(base, _size, level8) {
  // SPEC: tile level L holds the hashes of tree level 8·L, full tiles and the partial one, end to end.
  let hashes = level8;
  for (let level = 1; hashes.length > 0; level++) {
    const count = hashes.length / 32;
    /** @type {Promise<void>[]} */
    const fetches = [];
    for (let n = 0; n * WIDTH < count; n++) {
      const width = Math.min(WIDTH, count - n * WIDTH);
      const expected = hashes.subarray(n * WIDTH * 32, (n * WIDTH + width) * 32);
      fetches.push(
        bytesAt(base + tilePath(level, n, width)).then((tile) => {
          if (tile === null || !equal(tile, expected)) throw new Failure('tiles', `tile ${level}/${n}`);
        }),
      );
    }
    await Promise.all(fetches);
    hashes = await levelAbove(hashes);
  }
}

/**
 * rootOf is RFC 9162's MTH of the tree, from the roots of its full level-0 tiles and the leaves of the partial one.
 *
 * @param {Uint8Array} level8
 * @param {Uint8Array[]} partial
 * @param {number} size
 * @returns {Promise<Uint8Array>}
 */
async function rootOf(level8, partial, size) {
  /**
   * hashOf is the hash of the subtree of `n` entries from `start`.
   * @param {number} start
   * @param {number} n
   * @returns {Promise<Uint8Array>}
   */
  const hashOf = async (start, n) => {
    if (n === WIDTH && start % WIDTH === 0) return level8.subarray((start / WIDTH) * 32, (start / WIDTH + 1) * 32);
    if (n === 1) return partial[start % WIDTH];
    let k = 1;
    while (k * 2 < n) k *= 2;
    return nodeHash(await hashOf(start, k), await hashOf(start + k, n - k));
  };
  return hashOf(0, size);
}

/** Tally counts what the record says of each petition and event, before and after the size the site was read at. */
class Tally {
  /** @param {number} after the size the site was read at */
  constructor(after) {
    this.after = after;
    /** @type {Map<string, PetitionTally>} */
    this.petitions = new Map();
    /** @type {Map<string, EventTally>} */
    this.events = new Map();
    this.entries = 0;
  }

  /**
   * add counts one entry of the record.
   *
   * @param {Uint8Array} bytes
   * @param {number} index its leaf index
   */
  add(bytes, index) {
    this.entries++;
    /** @type {{ type?: unknown, petition?: unknown, event?: unknown }} */
    let entry;
    try {
      entry = JSON.parse(decoder.decode(bytes));
    } catch {
      throw new Failure('tiles', `entry ${index} is not JSON`);
    }
    const before = index < this.after;
    const type = typeof entry?.type === 'string' ? entry.type : '';
    // petition.corrected and petition.responded change no count: they are read and passed over here; `veche audit`
    // checks the chain of corrections and the texts the site shows against it.
    if (typeof entry.petition === 'string' && /^(petition|signature)\./.test(type)) {
      const p = this.#petition(entry.petition);
      if (type === 'petition.opened') p.opened = true;
      if (type === 'petition.closed' && before) p.closed = true;
      if (type === 'signature.added') {
        p.added++;
        if (before) p.addedBefore++;
      }
      if (type === 'signature.withdrawn' || type === 'signature.invalidated') {
        p.removed++;
        if (before) p.removedBefore++;
        else p.removedAfter++;
      }
    } else if (typeof entry.event === 'string' && /^(event|question|vote)\./.test(type)) {
      const e = this.#event(entry.event);
      if (type === 'event.opened' && before) e.opened = true;
      if (type === 'question.added') {
        e.asked++;
        if (before) e.askedBefore++;
      }
      if (type === 'vote.added') {
        e.votes++;
        if (before) e.votesBefore++;
      }
      if (type === 'vote.withdrawn') {
        e.votes--;
        if (before) e.votesBefore--;
        else e.withdrawnAfter++;
      }
    }
  }

  /**
   * @param {string} id
   * @returns {PetitionTally}
   */
  #petition(id) {
    let p = this.petitions.get(id);
    if (!p)
      this.petitions.set(
        id,
        (p = {
          id,
          opened: false,
          closed: false,
          added: 0,
          addedBefore: 0,
          removed: 0,
          removedBefore: 0,
          removedAfter: 0,
        }),
      );
    return p;
  }

  /**
   * @param {string} code
   * @returns {EventTally}
   */
  #event(code) {
    let e = this.events.get(code);
    if (!e)
      this.events.set(
        code,
        (e = { code, opened: false, asked: 0, askedBefore: 0, votes: 0, votesBefore: 0, withdrawnAfter: 0 }),
      );
    return e;
  }
}

/**
 * readSite reads the site's (or the mirror's copy of its) petitions, and each event the record opened.
 *
 * @param {string} base
 * @param {MirrorManifest | null} mirror
 * @param {Tally} tally
 * @returns {Promise<SiteCounts>}
 */
async function readSite(base, mirror, tally) {
  const list = await jsonAt(apiUrl(base, mirror, '/api/petitions'));
  if (!Array.isArray(list)) throw new Failure('network', 'GET /api/petitions is not a list');
  /** @type {Map<string, PetitionSummary>} */
  const petitions = new Map(list.filter((p) => p && typeof p.id === 'string').map((p) => [p.id, p]));
  /** @type {Map<string, EventJson | null>} */
  const events = new Map();
  await Promise.all(
    [...tally.events.values()]
      .filter((e) => e.opened)
      .map(async (e) => {
        events.set(
          e.code,
          /** @type {EventJson | null} */ (
            await jsonAt(apiUrl(base, mirror, `/api/events/${encodeURIComponent(e.code)}`))
          ),
        );
      }),
  );
  return { petitions, events };
}

/**
 * compare puts each count of the record beside the site's. The site counts a change at once, the record a second
 * later: the site may show more than the record (not yet sequenced), and fewer only by what the record took out after
 * the site was read; anything lower than that is a problem, as `veche audit` judges it (docs/record.md).
 *
 * @param {Tally} tally
 * @param {SiteCounts} site
 */
function compare(tally, site) {
  /** @type {string[]} */
  const problems = [];
  const petitions = [...tally.petitions.values()]
    .map((p) => {
      const shown = site.petitions.get(p.id);
      const record = p.added - p.removed;
      const floor = p.addedBefore - p.removedBefore - p.removedAfter;
      /** @type {'ok' | 'bad'} */
      let verdict = 'ok';
      if (!p.opened) (verdict = 'bad'), problems.push(`petition ${p.id} was never opened`);
      else if (!shown) (verdict = 'bad'), problems.push(`the site does not list petition ${p.id}`);
      // Online signatures only: paper batches are passed over here (`veche audit` recounts them); a site older than
      // them shows no `online`, and its `signatures` are all online.
      else if ((shown.online ?? shown.signatures) < floor)
        (verdict = 'bad'),
          problems.push(`petition ${p.id}: the site shows ${shown.online ?? shown.signatures}, the record ${record}`);
      else if (p.closed && shown.status === 'open')
        (verdict = 'bad'), problems.push(`petition ${p.id}: the record closed it, the site shows it open`);
      return { id: p.id, record, site: shown ? (shown.online ?? shown.signatures) : null, verdict };
    })
    .sort((a, b) => b.record - a.record);
  const events = [...tally.events.values()]
    .filter((e) => e.opened)
    .map((e) => {
      const shown = site.events.get(e.code);
      const counts = shown?.counts;
      /** @type {'ok' | 'bad'} */
      let verdict = 'ok';
      if (!counts) (verdict = 'bad'), problems.push(`the site does not show event ${e.code}`);
      else if (counts.asked < e.askedBefore || counts.votes < e.votesBefore - e.withdrawnAfter) {
        verdict = 'bad';
        problems.push(
          `event ${e.code}: the site shows ${counts.asked} questions and ${counts.votes} votes, the record ${e.asked} and ${e.votes}`,
        );
      }
      return {
        code: e.code,
        asked: e.asked,
        siteAsked: counts?.asked ?? null,
        votes: e.votes,
        siteVotes: counts?.votes ?? null,
        verdict,
      };
    });
  return { entries: tally.entries, petitions, events, problems };
}
