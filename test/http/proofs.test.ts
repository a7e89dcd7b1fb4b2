import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import { sql } from 'kysely';
import { Browser, createAdmin, startTestApp, type TestApp } from './support.ts';
import { petitionFields } from '../support/petitions.ts';
import { publishPetition } from '../../src/actions/publish-petition.ts';
import { savePetitionDraft } from '../../src/actions/save-petition-draft.ts';
import { signPetition } from '../../src/actions/sign-petition.ts';
import { withdrawSignature } from '../../src/actions/withdraw-signature.ts';
import { addUpTallies } from '../../src/store/tallies.ts';
import { countInRecord } from '../../src/store/record-positions.ts';
import { findPetition } from '../../src/store/petitions.ts';
import { decodeBase64, encodeBase64 } from '../../src/record/bytes.ts';
import { decodeBundle } from '../../src/record/bundle.ts';
import { openCheckpoint, type Checkpoint } from '../../src/record/checkpoint.ts';
import { leafHash } from '../../src/record/merkle.ts';
import { parseVerifierKey, type NoteVerifier } from '../../src/record/note-keys.ts';
import { verifyConsistency, verifyInclusion } from '../../src/record/proofs.ts';
import { entriesPath, FULL_WIDTH } from '../../src/record/tile-path.ts';
import { translator } from '../../src/i18n/i18n.ts';
import { packetCheckpoint } from '../../src/web/record-proofs.ts';
import { deliveryPacket } from '../../src/web/exports/delivery-packet.ts';
import { escapeHtml } from '../../src/web/views/html.ts';
import type { Actor } from '../../src/actions/context.ts';

const origin = 'veche.test/log';
const en = translator('en');
let t: TestApp;
let verifier: NoteVerifier;
let admin: Actor;

beforeEach(async () => {
  t = await startTestApp({ VECHE_LOG_ORIGIN: origin, VECHE_POW_MAX: '0', VECHE_RATE_LIMITS: 'off' });
  verifier = parseVerifierKey((await get('/log/key')).body);
  admin = await createAdmin(t.app);
});
afterEach(() => t.stop());

async function get(url: string) {
  const reply = await t.server.inject({ url });
  return {
    status: reply.statusCode,
    type: String(reply.headers['content-type']),
    cache: reply.headers['cache-control'],
    body: reply.body,
    raw: reply.rawPayload,
  };
}

async function getJson(url: string) {
  const reply = await get(url);
  return { ...reply, json: JSON.parse(reply.body) };
}

/** openPetition publishes a petition (no email confirmation unless asked) and returns its public id. */
async function openPetition(change: Record<string, unknown> = {}): Promise<string> {
  const petition = await savePetitionDraft(t.app, admin, petitionFields(change));
  await publishPetition(t.app, admin, petition);
  return petition;
}

/** sign signs a petition `count` times without confirmation and returns the receipts. */
async function sign(petition: string, count: number) {
  const receipts: { signature: string; receiptSecret: string }[] = [];
  for (let i = 0; i < count; i++) {
    const result = await signPetition(t.app, petition, { name: `Signer ${i}` }, 'en');
    assert.equal(result.kind, 'counted');
    receipts.push(result as { signature: string; receiptSecret: string });
  }
  return receipts;
}

/** sequence runs one tick of the sequencer and waits until /log/checkpoint serves the new tree (LogReader reads it again within 200 ms). */
async function sequence(): Promise<Checkpoint & { note: string }> {
  const result = await t.running.sequencer.tick();
  assert.ok(result, 'this node sequences');
  for (;;) {
    const note = (await get('/log/checkpoint')).body;
    const checkpoint = openCheckpoint(note, [verifier], origin);
    if (checkpoint.size === result.size) return { ...checkpoint, note };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** entryAt reads the entry at a leaf index from the published bundle, as any client would. */
async function entryAt(index: number): Promise<Uint8Array> {
  const checkpoint = openCheckpoint((await get('/log/checkpoint')).body, [verifier], origin);
  const n = Math.floor(index / FULL_WIDTH);
  const width = Math.min(FULL_WIDTH, checkpoint.size - n * FULL_WIDTH);
  const bundle = await get(`/log/${entriesPath(n, width)}`);
  assert.equal(bundle.status, 200);
  return decodeBundle(new Uint8Array(bundle.raw), width)[index % FULL_WIDTH];
}

/** countInPublishedRecord recomputes a petition's count from the published bundles below `size`, as an auditor does. */
async function countInPublishedRecord(petition: string, size: number): Promise<number> {
  let count = 0;
  for (let index = 0; index < size; index++) {
    const entry = JSON.parse(new TextDecoder().decode(await entryAt(index))) as { type: string; petition?: string };
    if (entry.petition !== petition) continue;
    if (entry.type === 'signature.added') count++;
    if (entry.type === 'signature.withdrawn' || entry.type === 'signature.invalidated') count--;
  }
  return count;
}

const bytes = (base64: string) => {
  const decoded = decodeBase64(base64);
  assert.ok(decoded, `${base64} is base64`);
  return decoded;
};

test('inclusion and consistency proofs verify with the record library against the signed checkpoints', async () => {
  const petition = await openPetition();
  await sign(petition, 300);
  const older = await sequence();
  assert.equal(older.size, 301);
  await sign(petition, 10);
  const latest = await sequence();
  assert.equal(latest.size, 311);

  for (const index of [0, 1, 255, 256, 300, 305, 310]) {
    const { status, cache, json } = await getJson(`/api/log/proof/inclusion?index=${index}`);
    assert.equal(status, 200, `index ${index}`);
    assert.equal(cache, 'no-cache');
    assert.equal(json.index, index);
    assert.equal(json.size, 311);
    const checkpoint = openCheckpoint(json.checkpoint.note, [verifier], origin);
    assert.deepEqual(
      { size: checkpoint.size, root: encodeBase64(checkpoint.root), origin: checkpoint.origin },
      { size: json.checkpoint.size, root: json.checkpoint.root, origin: json.checkpoint.origin },
    );
    const leaf = leafHash(await entryAt(index));
    assert.equal(json.leafHash, encodeBase64(leaf));
    assert.ok(
      verifyInclusion(leaf, index, 311, json.proof.map(bytes), checkpoint.root),
      `the proof of ${index} leads to the signed root`,
    );
  }

  // Against an older checkpoint the client holds: no note (only the latest is kept), and the root it already has.
  const old = await getJson('/api/log/proof/inclusion?index=42&size=301');
  assert.equal(old.status, 200);
  assert.equal(old.cache, 'public, max-age=300');
  assert.deepEqual(old.json.checkpoint, { origin, size: 301, root: encodeBase64(older.root), note: null });
  assert.ok(verifyInclusion(leafHash(await entryAt(42)), 42, 301, old.json.proof.map(bytes), older.root));

  const consistency = await getJson('/api/log/proof/consistency?from=301');
  assert.equal(consistency.status, 200);
  assert.deepEqual({ from: consistency.json.from, to: consistency.json.to }, { from: 301, to: 311 });
  assert.ok(verifyConsistency(301, 311, consistency.json.proof.map(bytes), older.root, latest.root));
  // Any older size, not only a checkpoint's: the proof reads only hashes of the newer tree.
  const fromSeven = await getJson('/api/log/proof/consistency?from=7&to=301');
  assert.equal(fromSeven.status, 200);
  assert.ok(fromSeven.json.proof.length > 0);
  assert.deepEqual((await getJson('/api/log/proof/consistency?from=311&to=311')).json, {
    from: 311,
    to: 311,
    proof: [],
  });
});

test('bad proof parameters get a 422 problem naming the parameter, in the language asked for', async () => {
  const petition = await openPetition();
  await sign(petition, 300);
  await sequence();
  await sign(petition, 10);
  await sequence();
  const cases: [string, string, string][] = [
    ['/api/log/proof/inclusion', 'index', 'required'],
    ['/api/log/proof/inclusion?index=abc', 'index', 'not-a-number'],
    ['/api/log/proof/inclusion?index=1.5', 'index', 'not-a-number'],
    ['/api/log/proof/inclusion?index=-1', 'index', 'out-of-range'],
    ['/api/log/proof/inclusion?index=1&index=2', 'index', 'not-a-number'],
    ['/api/log/proof/inclusion?index=311', 'index', 'index-beyond-size'],
    ['/api/log/proof/inclusion?index=250&size=300', 'size', 'not-a-checkpoint-size'],
    ['/api/log/proof/inclusion?index=1&size=312', 'size', 'not-a-checkpoint-size'],
    ['/api/log/proof/inclusion?index=1&size=0', 'size', 'out-of-range'],
    ['/api/log/proof/inclusion?index=1&proof=yes', 'proof', 'unknown-field'],
    ['/api/log/proof/inclusion?index=99999999999999999999', 'index', 'not-a-number'],
    ['/api/log/proof/consistency', 'from', 'required'],
    ['/api/log/proof/consistency?from=0', 'from', 'out-of-range'],
    ['/api/log/proof/consistency?from=312', 'from', 'from-after-to'],
    ['/api/log/proof/consistency?from=5&to=302', 'to', 'not-a-checkpoint-size'],
    ['/api/log/proof/consistency?from=5&to=x', 'to', 'not-a-number'],
  ];
  for (const [url, field, problem] of cases) {
    const reply = await getJson(url);
    assert.equal(reply.status, 422, url);
    assert.equal(reply.type, 'application/problem+json; charset=utf-8', url);
    assert.equal(reply.json.code, 'invalid-input', url);
    assert.deepEqual(
      reply.json.errors.map((e: { field: string; problem: string }) => [e.field, e.problem]),
      [[field, problem]],
      url,
    );
  }
  const beyond = await getJson('/api/log/proof/inclusion?index=400');
  assert.equal(beyond.json.errors[0].detail, 'There is no entry at this index: the tree has 311 entries.');
  const russian = await getJson('/api/log/proof/inclusion?index=1&size=5&lang=ru');
  assert.equal(
    russian.json.errors[0].detail,
    'Для дерева такого размера контрольная точка не подписывалась; размер последней — 311.',
  );
});

test("a signature's proof: while waiting it answers exactly as an unknown id, then its entries verify, withdrawal included", async () => {
  const petition = await openPetition();
  await sign(petition, 4);
  await sequence();
  const [mine] = await sign(petition, 1);

  // Queued but not yet covered by a checkpoint, unknown, or unconfirmed: one and the same answer.
  const confirming = await openPetition({ confirmation: 'email', title: 'A petition that confirms by email' });
  assert.equal(
    (await signPetition(t.app, confirming, { name: 'Olga', email: 'olga@example.org' }, 'en')).kind,
    'check-email',
  );
  const unconfirmed = await t.app.store.db
    .selectFrom('signatures')
    .select('public_id')
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  const answers = await Promise.all(
    [mine.signature, 'sNoSuchSignature1', unconfirmed.public_id].map((id) => get(`/api/signatures/${id}/proof`)),
  );
  for (const answer of answers) {
    assert.equal(answer.status, 404);
    assert.equal(answer.cache, 'no-store');
    assert.deepEqual(
      { ...answer, raw: null },
      { ...answers[0], raw: null },
      'a waiting signature is indistinguishable from an unknown id',
    );
  }

  const checkpoint = await sequence();
  const first = await getJson(`/api/signatures/${mine.signature}/proof`);
  assert.equal(first.status, 200);
  assert.equal(first.json.signature, mine.signature);
  assert.equal(first.json.petition.id, petition);
  assert.equal(first.json.checkpoint.note, checkpoint.note);
  assert.equal(first.json.entries.length, 1);
  const [added] = first.json.entries;
  assert.equal(added.type, 'signature.added');
  assert.deepEqual(JSON.parse(added.entry), {
    confirmed: false,
    petition,
    signature: mine.signature,
    type: 'signature.added',
    v: 1,
  });
  assert.deepEqual(
    await entryAt(added.leafIndex),
    new TextEncoder().encode(added.entry),
    "the entry is the record's, byte for byte",
  );
  assert.ok(
    verifyInclusion(
      leafHash(new TextEncoder().encode(added.entry)),
      added.leafIndex,
      checkpoint.size,
      added.proof.map(bytes),
      checkpoint.root,
    ),
  );
  assert.equal(first.json.petition.signatures, 5);
  assert.equal(first.json.petition.signatures, await countInPublishedRecord(petition, checkpoint.size));

  await withdrawSignature(t.app, mine.signature, mine.receiptSecret);
  assert.equal(
    (await getJson(`/api/signatures/${mine.signature}/proof`)).json.entries.length,
    1,
    'the withdrawal is not public before a checkpoint covers it',
  );
  const after = await sequence();
  const second = await getJson(`/api/signatures/${mine.signature}/proof`);
  assert.deepEqual(
    second.json.entries.map((e: { type: string }) => e.type),
    ['signature.added', 'signature.withdrawn'],
  );
  for (const entry of second.json.entries) {
    assert.ok(
      verifyInclusion(
        leafHash(new TextEncoder().encode(entry.entry)),
        entry.leafIndex,
        after.size,
        entry.proof.map(bytes),
        after.root,
      ),
      entry.type,
    );
  }
  assert.equal(second.json.petition.signatures, 4);
});

test('the receipt page says "within seconds" until the record holds the signature, then shows its place and proof', async () => {
  const petition = await openPetition();
  const [mine] = await sign(petition, 1);
  const browser = new Browser(t.server);
  const waiting = await browser.get(`/receipt/${mine.signature}/${mine.receiptSecret}`);
  assert.equal(waiting.status, 200);
  assert.match(waiting.body, /data-state="pending"/);
  assert.ok(waiting.body.includes(escapeHtml(en('record.pending'))));
  assert.match(waiting.body, /<script type="module" src="\/assets\/receipt\.js"><\/script>/);

  const checkpoint = await sequence();
  const proof = (await getJson(`/api/signatures/${mine.signature}/proof`)).json;
  const page = (await browser.get(`/receipt/${mine.signature}/${mine.receiptSecret}`)).body;
  assert.match(page, /data-state="in-record"/);
  assert.ok(
    page.includes(escapeHtml(en('record.in-record', { count: 1 }))),
    'it says so in plain words, with the count',
  );
  assert.ok(page.includes(escapeHtml(en('record.server-checked'))));
  const [entry] = proof.entries;
  assert.ok(page.includes(`<dd>${entry.leafIndex}</dd>`), 'the leaf index');
  assert.ok(page.includes(escapeHtml(entry.entry)), 'the entry, exactly');
  assert.ok(page.includes(`data-field="root">${encodeBase64(checkpoint.root)}<`), 'the root');
  assert.ok(page.includes(`data-field="origin">${origin}<`), 'the origin');
  assert.ok(page.includes(escapeHtml(checkpoint.note)), 'the signed note');
  for (const hash of entry.proof) assert.ok(page.includes(`<li><code>${hash}</code></li>`), `proof hash ${hash}`);
  assert.ok(page.includes(`href="/api/signatures/${mine.signature}/proof"`), 'a link to the JSON');
  assert.ok(page.includes(`href="/p/${petition}/audit"`), 'a link to the audit page');
});

test("counts from the record: the page and the API state the checkpoint's count, which the record gives, and the API count is not lower", async () => {
  const petition = await openPetition({ goal: '100' });
  const receipts = await sign(petition, 5);
  const checkpoint = await sequence();
  await addUpTallies(t.app.store.db);
  await sign(petition, 3);

  const detail = (await getJson(`/api/petitions/${petition}`)).json;
  assert.equal(detail.signatures, 8);
  assert.deepEqual(detail.record, { checkpointSize: checkpoint.size, signatures: 5 });
  assert.equal(
    detail.record.signatures,
    await countInPublishedRecord(petition, checkpoint.size),
    'an auditor recomputes the same number',
  );
  const page = (await get(`/p/${petition}`)).body;
  assert.ok(
    page.includes(escapeHtml(en('record.coverage', { covered: 5, total: 8, size: checkpoint.size }))),
    'the page says how many the checkpoint covers',
  );
  assert.ok(page.includes(`href="/p/${petition}/audit"`));

  // At every step of signing and sequencing the API's count is at least the record's; equal once all is sequenced.
  for (let round = 0; round < 4; round++) {
    await sign(petition, round);
    const before = (await getJson(`/api/petitions/${petition}`)).json;
    assert.ok(
      before.signatures >= before.record.signatures,
      `round ${round}: ${before.signatures} ≥ ${before.record.signatures}`,
    );
    const after = await sequence();
    t.app.events.changed(petition); // another view, as a second later
    const now = (await getJson(`/api/petitions/${petition}`)).json;
    assert.deepEqual(now.record, { checkpointSize: after.size, signatures: now.signatures });
  }

  // The one moment the record's count is above the site's: a withdrawal made and not yet in a checkpoint. The site
  // stops counting at once; the record shows it within a tick. The page says so instead of "6 of the 5".
  const total = (await getJson(`/api/petitions/${petition}`)).json.signatures;
  await withdrawSignature(t.app, receipts[0].signature, receipts[0].receiptSecret);
  const withdrawn = (await getJson(`/api/petitions/${petition}`)).json;
  assert.deepEqual([withdrawn.signatures, withdrawn.record.signatures], [total - 1, total]);
  assert.ok(
    (await get(`/p/${petition}`)).body.includes(
      escapeHtml(en('record.coverage-ahead', { covered: total, size: withdrawn.record.checkpointSize })),
    ),
  );
  await sequence();
  t.app.events.changed(petition);
  const settled = (await getJson(`/api/petitions/${petition}`)).json;
  assert.equal(settled.record.signatures, settled.signatures);
});

test('the count at a checkpoint read through the tallies equals the sum over the entries below its size', async () => {
  const petition = await openPetition();
  const receipts = await sign(petition, 20);
  const first = await sequence();
  await addUpTallies(t.app.store.db);
  await withdrawSignature(t.app, receipts[3].signature, receipts[3].receiptSecret);
  await sign(petition, 7);
  const second = await sequence();
  await sign(petition, 2);
  const row = await t.app.store.db
    .selectFrom('petitions')
    .select('id')
    .where('public_id', '=', petition)
    .executeTakeFirstOrThrow();
  for (const size of [first.size, second.size]) {
    const direct = await sql<{
      n: number | null;
    }>`select sum(delta) as n from record_entries where petition_id = ${row.id} and leaf_index < ${size}`.execute(
      t.app.store.db,
    );
    const counted = await countInRecord(t.app.store.db, Number(row.id), size);
    assert.equal(counted.signatures, Number(direct.rows[0].n), `at size ${size}`);
    assert.equal(counted.now, 20 - 1 + 7 + 2);
  }
});

test("the audit page shows the site's number, the checkpoint, the key and the command, and its scripts are served", async () => {
  const petition = await openPetition();
  await sign(petition, 3);
  const checkpoint = await sequence();
  const page = await get(`/p/${petition}/audit`);
  assert.equal(page.status, 200);
  assert.ok(page.body.includes(escapeHtml(en('record.audit-site-count', { count: 3, size: checkpoint.size }))));
  assert.ok(page.body.includes(escapeHtml(checkpoint.note)), 'the signed checkpoint');
  assert.ok(page.body.includes((await get('/log/key')).body), 'the key');
  const key = (await get('/log/key')).body.trim();
  assert.ok(
    page.body.includes(escapeHtml(`node veche-audit.mjs ${t.app.config.publicUrl} --key '${key}'`)),
    'the command, with the key pinned',
  );
  assert.match(
    page.body,
    /<a href="\/audit\/veche-audit\.mjs" download>veche-audit\.mjs<\/a>/,
    'where to download the auditor',
  );
  assert.match(page.body, /<code class="hash">[0-9a-f]{64}<\/code>/, 'its SHA-256');
  assert.doesNotMatch(page.body, /npx veche/, 'no command that needs this repository');
  assert.match(page.body, /<script type="module" src="\/assets\/audit\.js"><\/script>/);
  assert.equal((await get('/p/pNoSuchPetition/audit')).status, 404);
  for (const asset of ['audit.js', 'receipt.js', 'record-verify.js']) {
    const script = await get(`/assets/${asset}`);
    assert.equal(script.status, 200, asset);
    assert.match(script.type, /javascript/, asset);
  }
  assert.equal((await get('/assets/record.css')).status, 200);
});

test('the delivery packet prints the latest signed checkpoint, the count in it, and how to verify', async () => {
  const petition = await openPetition();
  await sign(petition, 6);
  const checkpoint = await sequence();
  const row = (await findPetition(t.app.store.db, petition))!;
  const position = await packetCheckpoint(t.app, row);
  assert.ok(position);
  assert.deepEqual(
    { ...position, key: '' },
    {
      origin,
      size: checkpoint.size,
      root: encodeBase64(checkpoint.root),
      signatureLines: [checkpoint.note.split('\n\n')[1].trimEnd()],
      signatures: 6,
      key: '',
      site: t.app.config.publicUrl,
      auditUrl: `${t.app.config.publicUrl}/p/${petition}/audit`,
    },
  );
  const pdf = await deliveryPacket(
    {
      petition: row,
      signatures: 6,
      byRegion: [],
      invalidations: [],
      record: { queued: 7, sequenced: 7, checkpoint: position },
      url: `${t.app.config.publicUrl}/p/${petition}`,
      madeAt: Date.now(),
      t: en,
      lang: 'en',
    },
    null,
  );
  const text = pdfText(pdf);
  assert.ok(text.includes(encodeBase64(checkpoint.root)), 'the root hash');
  // The command is longer than the column, so it wraps: compare without the line breaks.
  const flat = text.replace(/\s/g, '');
  assert.ok(
    flat.includes(`nodeveche-audit.mjs${t.app.config.publicUrl}--key'${position.key}'`),
    'the command, with the key pinned',
  );
  assert.ok(flat.includes(`${t.app.config.publicUrl}/audit/veche-audit.mjs`), 'where to download the auditor');
  assert.ok(!flat.includes('npxveche'), 'no command that needs this repository');
  assert.ok(text.includes(`(size ${checkpoint.size}) this petition counts 6 signatures`), 'the count in the record');
  // The signature is longer than the column, so it wraps: compare without the line breaks.
  assert.ok(
    text.replace(/\s/g, '').includes(position.signatureLines[0].split(' ')[2]),
    'the signature, as the note has it',
  );
  assert.ok(text.includes(position.auditUrl), 'the audit page');
});

/** pdfText pulls the text pdfkit drew with a standard font out of a PDF: its hex strings, in order, inflated. */
function pdfText(pdf: Buffer): string {
  let text = '';
  const source = pdf.toString('latin1');
  for (const match of source.matchAll(/stream\r?\n/g)) {
    const start = match.index + match[0].length;
    const end = source.indexOf('endstream', start);
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue;
    }
    for (const line of content.split('\n')) {
      const pieces = [...line.matchAll(/<([0-9a-fA-F]+)>/g)].map((m) => Buffer.from(m[1], 'hex').toString('latin1'));
      if (pieces.length > 0) text += `${pieces.join('')} `;
    }
  }
  return text.replace(/\s+/g, ' ');
}
