// receipt.js checks a signer's receipt against the public record in her own browser. While the signature waits for
// the next checkpoint it asks every second and reloads the page once the record holds it. Then it fetches the record's
// key (/log/key) and the signature's proof (/api/signatures/<id>/proof), verifies the checkpoint's signature, the
// entry's leaf hash and the inclusion proof to the checkpoint's root, and shows what it verified. The page says the
// same facts without it, as checked by the server.
import {
  checkCosignatures,
  parsePolicy,
  verifyConsistency,
  Failure,
  equal,
  fetchText,
  fill,
  fromBase64,
  importVerifierKey,
  leafHash,
  messagesOf,
  openCheckpoint,
  supported,
  toBase64,
  verifyInclusion,
} from './record-verify.js';

/** @import { PendingReceiptMessages, ReceiptMessages } from '../views/receipt-pages.ts' */
/** @import { WitnessMessages } from '../views/witnesses-section.ts' */
/** @import { EntryProof, SignatureProof, proveConsistency } from '../record-proofs.ts' */
/** @import { BrowserPolicy, CosignatureCheck, OpenCheckpoint, Verifier } from './record-verify.js' */

/** @typedef {Awaited<ReturnType<typeof proveConsistency>>} ConsistencyJson a consistency proof as the API gives it */
/** @typedef {CosignatureCheck & { size: number }} WitnessedCheck the cosignatures on a checkpoint of `size` entries */

const lang = document.documentElement.lang || undefined;
const number = new Intl.NumberFormat(lang);
const plural = new Intl.PluralRules(lang);
const utf8 = new TextEncoder();

const box = document.querySelector('[data-receipt]');
if (box) {
  // receipt-pages.ts renders the status line in both states, and the words of the state it shows.
  const status = /** @type {HTMLElement} */ (box.querySelector('[data-receipt-check]'));
  if (box.getAttribute('data-state') === 'pending')
    waitForRecord(box, /** @type {PendingReceiptMessages} */ (messagesOf(box)), status);
  else check(box, /** @type {ReceiptMessages} */ (messagesOf(box)), status);
}

/**
 * waitForRecord asks for the proof once a second and shows the page again when there is one: by reloading it, or, for
 * a receipt opened by its code (the answer to a POST, which a reload would send again), by sending the code again.
 * It gives up after a minute.
 *
 * @param {Element} box the element with `data-receipt`
 * @param {PendingReceiptMessages} messages
 * @param {HTMLElement} status
 */
async function waitForRecord(box, messages, status) {
  const url = `/api/signatures/${encodeURIComponent(/** @type {string} */ (box.getAttribute('data-receipt')))}/proof`;
  for (let attempt = 0; attempt < 60; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const response = await fetch(url, { cache: 'no-store' }).catch(() => null);
    if (response?.ok) {
      const reopen = /** @type {HTMLFormElement | null} */ (box.querySelector('form[data-reopen]'));
      if (reopen) reopen.submit();
      else location.reload();
      return;
    }
  }
  if (messages.waitingLong) status.append(' ', messages.waitingLong);
}

/**
 * check verifies the proof in the browser and shows the verdict in the page's status line.
 *
 * @param {Element} box the element with `data-receipt`
 * @param {ReceiptMessages} messages
 * @param {HTMLElement} status
 */
async function check(box, messages, status) {
  if (!(await supported())) {
    show(status, messages.unsupported, null);
    return;
  }
  show(status, messages.checking, null);
  try {
    // receipt-pages.ts renders a receipt in the record with both.
    const signature = /** @type {string} */ (box.getAttribute('data-receipt'));
    const petition = /** @type {string} */ (box.getAttribute('data-petition'));
    const [keyText, proofText] = await Promise.all([
      fetchText('/log/key'),
      fetchText(`/api/signatures/${encodeURIComponent(signature)}/proof`),
    ]);
    /** @type {SignatureProof} */
    const proof = JSON.parse(proofText);
    const verifier = await importVerifierKey(keyText);
    const checkpoint = await openCheckpoint(String(proof.checkpoint.note), verifier);
    if (checkpoint.size !== proof.checkpoint.size || proof.checkpoint.root !== toBase64(checkpoint.root)) {
      throw new Failure('checkpoint', 'the proof names another checkpoint');
    }
    const shown = Array.from(box.querySelectorAll('[data-entry]'), (el) => Number(el.getAttribute('data-entry')));
    for (const entry of proof.entries) {
      await verifyEntry(entry, checkpoint, { signature, petition });
    }
    // Every entry the page shows must be among those just verified: leaf indexes and texts never change.
    for (const index of shown) {
      const entry = proof.entries.find((e) => e.leafIndex === index);
      const text = box.querySelector(`[data-entry="${index}"] code.entry`)?.textContent;
      if (!entry || entry.entry !== text) throw new Failure('entry', `entry ${index} is not in the record`);
    }
    update(box, messages, proof, shown);
    show(status, messages.ok, 'good');
    await showWitnesses(status, messages.witnesses, checkpoint, verifier);
  } catch (error) {
    const code = error instanceof Failure ? error.code : error instanceof SyntaxError ? 'network' : 'proof';
    show(status, (messages.failed || '{reason}').replace('{reason}', messages.reasons?.[code] ?? code), 'bad');
    if (!(error instanceof Failure)) console.error(error);
  }
}

/**
 * verifyEntry checks one entry: it is about this signature, hashes to its leaf hash, and is in the checkpoint's tree.
 *
 * @param {EntryProof} entry
 * @param {OpenCheckpoint} checkpoint
 * @param {{ signature: string, petition: string }} expected
 */
async function verifyEntry(entry, checkpoint, expected) {
  /** @type {{ signature?: unknown, petition?: unknown, type?: unknown }} */
  let parsed;
  try {
    parsed = JSON.parse(entry.entry);
  } catch {
    throw new Failure('entry');
  }
  if (parsed.signature !== expected.signature || parsed.petition !== expected.petition || parsed.type !== entry.type) {
    throw new Failure('entry', 'the entry is about another signature');
  }
  const leaf = await leafHash(utf8.encode(entry.entry));
  const claimed = fromBase64(entry.leafHash);
  if (claimed === null || !equal(leaf, claimed)) throw new Failure('entry');
  const path = entry.proof.map((hash) => fromBase64(hash));
  if (
    path.some((hash) => hash === null) ||
    !(await verifyInclusion(
      leaf,
      entry.leafIndex,
      checkpoint.size,
      /** @type {Uint8Array[]} */ (path),
      checkpoint.root,
    ))
  ) {
    throw new Failure('proof');
  }
}

/**
 * update shows the verified checkpoint, proofs and count, which may be newer than those the page was made with.
 *
 * @param {Element} box
 * @param {ReceiptMessages} messages
 * @param {SignatureProof} proof
 * @param {number[]} shown the leaf indexes of the entries the page shows, each one of `proof.entries`
 */
function update(box, messages, proof, shown) {
  /**
   * set writes the text of every element of a field.
   * @param {string} field
   * @param {string} text
   */
  const set = (field, text) => {
    for (const el of box.querySelectorAll(`[data-field="${field}"]`)) el.textContent = text;
  };
  set('size', number.format(proof.checkpoint.size));
  set('root', proof.checkpoint.root);
  set('note', proof.checkpoint.note ?? '');
  const count = proof.petition.signatures;
  const headline = messages.headline?.[plural.select(count)] ?? messages.headline?.other;
  if (headline)
    set(
      'headline',
      fill(headline, { count }, (n) => number.format(n)),
    );
  for (const index of shown) {
    // check() found each entry shown among those verified, and receipt-pages.ts renders its block and list.
    const entry = /** @type {EntryProof} */ (proof.entries.find((e) => e.leafIndex === index));
    const block = /** @type {Element} */ (box.querySelector(`[data-entry="${index}"]`));
    const list = /** @type {Element} */ (block.querySelector('[data-field="proof"]'));
    list.replaceChildren(
      ...entry.proof.map((hash) => {
        const item = document.createElement('li');
        const code = document.createElement('code');
        code.textContent = hash;
        item.append(code);
        return item;
      }),
    );
    const heading = messages.proofHeading?.[plural.select(entry.proof.length)] ?? messages.proofHeading?.other;
    const summary = block.querySelector('[data-field="proof-heading"]');
    if (heading && summary) summary.textContent = fill(heading, { count: entry.proof.length }, (n) => number.format(n));
    if (entry.proof.length > 0) block.querySelector('[data-proof-empty]')?.remove();
  }
}

/**
 * show writes the status line, marked good or bad for a verdict.
 *
 * @param {HTMLElement} status
 * @param {string} text
 * @param {'good' | 'bad' | null} kind
 */
function show(status, text, kind) {
  status.textContent = text;
  status.classList.toggle('good', kind === 'good');
  status.classList.toggle('bad', kind === 'bad');
}

/**
 * showWitnesses says below the verdict how many independent witnesses signed a checkpoint that holds this signature:
 * the one just verified, or a later one the record proves extends it (/log/witnessed-checkpoint). The detail, which
 * witness signed and when, is one click away. Cosignatures come a second or so after a checkpoint: it asks again for
 * up to half a minute before saying that none came yet.
 *
 * @param {HTMLElement} status
 * @param {WitnessMessages | undefined} words
 * @param {OpenCheckpoint} checkpoint
 * @param {Verifier} verifier
 */
async function showWitnesses(status, words, checkpoint, verifier) {
  if (!words) return;
  const policyText = await fetchText('/log/policy').catch(() => null);
  const policy = policyText === null ? null : await parsePolicy(policyText).catch(() => null);
  if (policy === null || policy.witnesses.length === 0) return;
  const out = document.createElement('div');
  out.setAttribute('data-witnessed', 'checking');
  status.after(out);
  for (let attempt = 0; ; attempt++) {
    const found = await witnessedCheck(policy, checkpoint, verifier).catch(() => null);
    if (found?.quorumMet) {
      render(out, words, found, 'yes');
      return;
    }
    if (attempt >= 15) {
      render(out, words, found, 'not-yet');
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

/**
 * witnessedCheck finds the cosignatures on the checkpoint verified, or else on the witnessed one if it extends it.
 *
 * @param {BrowserPolicy} policy
 * @param {OpenCheckpoint} checkpoint
 * @param {Verifier} verifier
 * @returns {Promise<WitnessedCheck>}
 */
async function witnessedCheck(policy, checkpoint, verifier) {
  const own = await checkCosignatures(checkpoint.note, policy);
  if (own.quorumMet) return { ...own, size: checkpoint.size };
  const note = await fetchText('/log/witnessed-checkpoint').catch(() => null);
  if (note === null) return { ...own, size: checkpoint.size };
  const witnessed = await openCheckpoint(note, verifier);
  if (witnessed.size < checkpoint.size) return { ...own, size: checkpoint.size };
  if (witnessed.size > checkpoint.size) {
    // SPEC: RFC 9162 §2.1.4: the witnessed tree holds this signature only if the verified tree is a prefix of it.
    /** @type {Partial<ConsistencyJson>} */
    const answer = JSON.parse(
      await fetchText(`/api/log/proof/consistency?from=${checkpoint.size}&to=${witnessed.size}`),
    );
    const path = (answer.proof ?? []).map((hash) => fromBase64(hash));
    if (path.some((hash) => hash === null)) return { ...own, size: checkpoint.size };
    const proof = /** @type {Uint8Array[]} */ (path);
    if (!(await verifyConsistency(checkpoint.size, witnessed.size, proof, checkpoint.root, witnessed.root))) {
      throw new Failure('proof', 'the witnessed checkpoint does not extend the one verified');
    }
  } else if (!equal(witnessed.root, checkpoint.root)) {
    throw new Failure('checkpoint', 'two roots for one size');
  }
  return { ...(await checkCosignatures(witnessed.note, policy)), size: witnessed.size };
}

/**
 * render says whether enough witnesses signed, with each witness's cosignature one click away.
 *
 * @param {Element} out
 * @param {WitnessMessages} words
 * @param {WitnessedCheck | null} found
 * @param {'yes' | 'not-yet'} state
 */
function render(out, words, found, state) {
  out.setAttribute('data-witnessed', state);
  const line = document.createElement('p');
  if (state === 'yes') {
    const templates = words.by ?? {};
    // A 'yes' comes with the check whose quorum was met.
    const { cosigned } = /** @type {WitnessedCheck} */ (found);
    line.textContent = fill(templates[plural.select(cosigned)] ?? templates.other ?? '', { count: cosigned }, (n) =>
      number.format(n),
    );
  } else {
    line.textContent = words.notYet ?? '';
  }
  const details = document.createElement('details');
  const summary = document.createElement('summary');
  summary.textContent = words.detail ?? '';
  details.append(summary);
  if (found !== null) {
    const size = document.createElement('p');
    size.className = 'small';
    size.textContent = fill(words.size ?? '', { size: found.size }, (n) => number.format(n));
    const list = document.createElement('ul');
    for (const w of found.witnesses) {
      const item = document.createElement('li');
      item.setAttribute('data-witness', w.name);
      item.setAttribute('data-cosigned', w.status);
      const name = document.createElement('code');
      name.textContent = w.name;
      const time = w.timestamp === null ? '' : ` (${new Date(w.timestamp * 1000).toLocaleString(lang)})`;
      item.append(name, ` — ${words[w.status] ?? w.status}${time}`);
      list.append(item);
    }
    details.append(size, list);
  }
  out.replaceChildren(line, details);
}
