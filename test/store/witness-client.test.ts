import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { publishPetition } from '../../src/actions/publish-petition.ts';
import { savePetitionDraft } from '../../src/actions/save-petition-draft.ts';
import { signPetition } from '../../src/actions/sign-petition.ts';
import { openCheckpoint, parseCheckpoint } from '../../src/record/checkpoint.ts';
import { parseCosignatureKey } from '../../src/record/cosignature.ts';
import { LogReader } from '../../src/record/log-reader.ts';
import { parseVerifierKey } from '../../src/record/note-keys.ts';
import { openNote } from '../../src/record/note.ts';
import { verifyConsistency } from '../../src/record/proofs.ts';
import { parsePolicy, verifyWitnessedCheckpoint } from '../../src/record/witness-policy.ts';
import { SqlCosignatureStore } from '../../src/store/sql-cosignature-store.ts';
import { openRecordStorage } from '../../src/store/record-storage.ts';
import type { Actor } from '../../src/actions/context.ts';
import { createAdmin, startTestApp, type TestApp } from '../http/support.ts';
import { petitionFields } from '../support/petitions.ts';
import { FakeWitness } from '../fakes/fake-witness.ts';

// The log's side of c2sp.org/tlog-witness against a witness whose every answer the test picks: each status the spec
// defines, a time-out, a wrong cosignature. Whatever a witness does, the sequencer signs and /log/checkpoint serves
// every checkpoint at once; a cosignature is served with exactly the tree it cosigned. On VECHE_TEST_DB's database.

const origin = 'veche.test/witnessed';
const interval = 60;
let t: TestApp;
let fake: FakeWitness;
let admin: Actor;
let petition: string;
let logged: { level: number; msg: string; [key: string]: unknown }[];

afterEach(async () => {
  await t?.stop();
  await fake?.close();
});

async function start(options: { key?: 'ed25519' | 'ml-dsa-44'; timeoutMs?: number } = {}): Promise<void> {
  fake = await new FakeWitness('fake.test/w').listen();
  logged = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logged.push(JSON.parse(String(chunk)));
      done();
    },
  });
  t = await startTestApp(
    {
      VECHE_LOG_ORIGIN: origin,
      VECHE_POW_MAX: '0',
      VECHE_RATE_LIMITS: 'off',
      LOG_LEVEL: 'info',
      VECHE_WITNESSES: `${fake.cosigners[options.key ?? 'ed25519'].vkey} ${fake.url}/`,
      VECHE_WITNESS_INTERVAL_MS: String(interval),
      VECHE_WITNESS_TIMEOUT_MS: String(options.timeoutMs ?? 2000),
    },
    { logDestination: destination },
  );
  admin = await createAdmin(t.app);
  petition = await savePetitionDraft(t.app, admin, petitionFields());
  await publishPetition(t.app, admin, petition);
}

/** grow signs `count` times and sequences them: a new checkpoint. */
async function grow(count = 3): Promise<number> {
  for (let i = 0; i < count; i++) await signPetition(t.app, petition, { name: `Signer ${i}` }, 'en');
  const result = await t.running.sequencer.tick();
  return result!.size;
}

/** round waits out the interval and runs one round of asking the witness. */
async function round(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, interval + 5));
  await t.running.cosigning!.round();
}

async function served(): Promise<string> {
  // A fresh reader over the same store, as another node (or this one after a restart) would read it.
  const storage = openRecordStorage(t.app.store, {
    databaseUrl: t.app.config.databaseUrl,
    dataDir: t.app.config.dataDir,
  });
  const witnesses = t.app.witnessPolicy.policy.witnesses.map((w) => w.verifier.vkey);
  const reader = new LogReader(storage.ledger, storage.tiles, t.app.log.verifierKey, 0, {
    store: new SqlCosignatureStore(t.app.store.db),
    witnesses,
  });
  return (await reader.checkpoint())!;
}

function cosignedBy(note: string, vkey: string): boolean {
  try {
    return openNote(note, [parseCosignatureKey(vkey)]).signatures.length === 1;
  } catch {
    return false;
  }
}

test('the first request says old 0; each later one brings a proof from the size it cosigned; each cosignature is served with its tree only', async () => {
  await start();
  const vkey = fake.cosigners.ed25519.vkey;
  const first = await grow();
  await round();
  assert.equal(fake.heard.length, 1);
  assert.equal(fake.heard[0].request.oldSize, 0);
  assert.deepEqual(fake.heard[0].request.proof, []);
  assert.equal(fake.heard[0].size, first);
  const one = await served();
  assert.equal(cosignedBy(one, vkey), true);
  // The ML-DSA-44 line it also sent is not the configured key's: it is not kept.
  assert.equal(one.split('\n').filter((l) => l.startsWith('\u2014 fake.test/w ')).length, 1);
  openCheckpoint(one, [parseVerifierKey(t.app.log.verifierKey)], origin);

  // A new checkpoint is served at once, without the cosignature of the old one.
  const second = await grow();
  const two = await served();
  assert.equal(parseCheckpoint(`${two.split('\n\n')[0]}\n`).size, second);
  assert.equal(cosignedBy(two, vkey), false);
  await round();
  const asked = fake.heard[1];
  assert.equal(asked.request.oldSize, first);
  const firstRoot = parseCheckpoint(`${one.split('\n\n')[0]}\n`).root;
  const secondRoot = parseCheckpoint(`${two.split('\n\n')[0]}\n`).root;
  assert.equal(verifyConsistency(first, second, asked.request.proof, firstRoot, secondRoot), true);
  assert.equal(cosignedBy(await served(), vkey), true);
  // Nothing new: the witness is not asked again.
  await round();
  assert.equal(fake.heard.length, 2);
  // The app's own reader serves it too, and the policy accepts it.
  await new Promise((resolve) => setTimeout(resolve, 250));
  const policy = parsePolicy((await t.server.inject({ url: '/log/policy' })).body);
  const witnessed = (await t.server.inject({ url: '/log/witnessed-checkpoint' })).body;
  assert.deepEqual(verifyWitnessedCheckpoint(witnessed, policy).witnesses, ['fake.test/w']);
  assert.equal(
    verifyWitnessedCheckpoint((await t.server.inject({ url: '/log/checkpoint' })).body, policy).size,
    second,
  );
});

test("409: the log takes the witness's size from the body and asks again with a proof from it", async () => {
  await start();
  const first = await grow();
  const second = await grow();
  fake.next.push({ kind: 'status', status: 409, type: 'text/x.tlog.size', body: `${first}\n` });
  await round();
  assert.equal(cosignedBy(await served(), fake.cosigners.ed25519.vkey), false);
  await round();
  assert.equal(fake.heard[1].request.oldSize, first);
  assert.equal(fake.heard[1].size, second);
  assert.ok(fake.heard[1].request.proof.length > 0);
  assert.equal(cosignedBy(await served(), fake.cosigners.ed25519.vkey), true);
});

test("a 409 with a size beyond the log's is reported as a split view or an old backup, and never followed", async () => {
  await start();
  const size = await grow();
  fake.next.push({ kind: 'status', status: 409, type: 'text/x.tlog.size', body: `${size + 100}\n` });
  await round();
  assert.ok(
    logged.some((l) => l.level === 50 && /larger tree of this log/.test(l.msg)),
    JSON.stringify(logged.map((l) => l.msg)),
  );
  await round();
  assert.equal(fake.heard.length, 1, 'left alone for the longest back-off');
  assert.equal(cosignedBy(await served(), fake.cosigners.ed25519.vkey), false);
});

/** ownCollector is a collector over the app's record whose clock the test moves, so that back-offs are exact. */
async function ownCollector(clock: { now: number }) {
  const { CosignatureCollector } = await import('../../src/witnessing/cosignature-collector.ts');
  const storage = openRecordStorage(t.app.store, {
    databaseUrl: t.app.config.databaseUrl,
    dataDir: t.app.config.dataDir,
  });
  return new CosignatureCollector({
    policy: t.app.witnessPolicy.policy,
    ledger: storage.ledger,
    tiles: storage.tiles,
    store: new SqlCosignatureStore(t.app.store.db),
    sequencing: () => true,
    intervalMs: interval,
    timeoutMs: 2000,
    log: { info() {}, warn() {}, error() {} },
    now: () => clock.now,
  });
}

for (const answer of [
  { name: '400', status: 400 },
  { name: '403', status: 403 },
  { name: '404', status: 404 },
  { name: '422', status: 422 },
  { name: '500', status: 500 },
  { name: '409 without a size', status: 409 },
  { name: 'a 200 that is no cosignature', status: 200, body: 'hello\n' },
  { name: 'a 200 signed by another key', status: 200, body: 'other' },
]) {
  test(`${answer.name}: the checkpoint is served at once without a cosignature, the record goes on, and the witness is asked again only after a back-off`, async () => {
    await start();
    let body = answer.body ?? 'no\n';
    if (body === 'other') {
      const stranger = new FakeWitness('fake.test/w');
      const note = (await t.app.log.checkpoint())!;
      const text = note.slice(0, note.lastIndexOf('\n\n') + 1);
      const { signNote } = await import('../../src/record/note.ts');
      body = signNote(text, [stranger.cosigners.ed25519]).slice(text.length + 1);
    }
    fake.otherwise = { kind: 'status', status: answer.status, body };
    const clock = { now: 1_000_000 };
    const collector = await ownCollector(clock);
    const size = await grow();
    await collector.round();
    assert.equal(fake.heard.length, 1);
    const note = await served();
    assert.equal(parseCheckpoint(`${note.split('\n\n')[0]}\n`).size, size);
    assert.equal(note.split('\n').filter((l) => l.startsWith('\u2014 ')).length, 1, "the log's signature only");
    const later = await grow();
    assert.equal(parseCheckpoint(`${(await served()).split('\n\n')[0]}\n`).size, later);
    // A first failure leaves the witness alone for two intervals: past one, it is not asked; past two, it is, for
    // the newest checkpoint.
    clock.now += interval;
    await collector.round();
    assert.equal(fake.heard.length, 1, 'not asked again before the back-off ends');
    fake.otherwise = { kind: 'cosign' };
    clock.now += interval;
    await collector.round();
    assert.equal(fake.heard.length, 2);
    assert.equal(fake.heard[1].size, later);
    assert.equal(cosignedBy(await served(), fake.cosigners.ed25519.vkey), true);
    await collector.stop();
  });
}

test('a witness that never answers: the request times out, and meanwhile the sequencer signs and the site serves', async () => {
  await start({ timeoutMs: 1500 });
  fake.next.push({ kind: 'hang' });
  const first = await grow();
  await new Promise((resolve) => setTimeout(resolve, interval + 5));
  const started = Date.now();
  let answered = false;
  const asking = t.running.cosigning!.round().then(() => {
    answered = true;
  });
  const second = await grow();
  assert.ok(second > first);
  assert.equal(parseCheckpoint(`${(await served()).split('\n\n')[0]}\n`).size, second);
  assert.equal(answered, false, 'signing and serving did not wait for the witness');
  await asking;
  assert.ok(Date.now() - started >= 1490, 'the request was given its time');
  assert.ok(
    logged.some(
      (l) => l.level === 40 && /did not cosign/.test(l.msg) && /no answer within 1500 ms/.test(String(l.answer)),
    ),
  );
  assert.equal(cosignedBy(await served(), fake.cosigners.ed25519.vkey), false);
});

test('one request in flight, one per interval at most, and always the newest checkpoint (those between are never sent)', async () => {
  await start();
  fake.delayMs = 150;
  const sizes: number[] = [];
  const started = Date.now();
  const rounds: Promise<void>[] = [];
  for (let i = 0; i < 12; i++) {
    sizes.push(await grow(1));
    rounds.push(t.running.cosigning!.round());
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  await Promise.all(rounds);
  const elapsed = Date.now() - started;
  assert.equal(fake.maxInFlight, 1);
  assert.ok(fake.heard.length <= Math.ceil(elapsed / interval), `${fake.heard.length} requests in ${elapsed} ms`);
  assert.ok(fake.heard.length < sizes.length, 'checkpoints between two requests are skipped');
  // Requests leave at least an interval apart; they arrive so too, give or take the network's jitter.
  for (let i = 1; i < fake.heard.length; i++) assert.ok(fake.heard[i].at - fake.heard[i - 1].at >= interval / 2);
  // Each request carried the newest checkpoint when it was sent.
  for (const heard of fake.heard) assert.ok(sizes.includes(heard.size));
});

test('a witness given by its ML-DSA-44 key: its ML-DSA-44 cosignature is checked and served', async () => {
  await start({ key: 'ml-dsa-44' });
  await grow();
  await round();
  const note = await served();
  assert.equal(cosignedBy(note, fake.cosigners['ml-dsa-44'].vkey), true);
  assert.equal(cosignedBy(note, fake.cosigners.ed25519.vkey), false);
  const policy = parsePolicy((await t.server.inject({ url: '/log/policy' })).body);
  assert.equal(policy.witnesses[0].verifier.algorithm, 'ml-dsa-44');
});

test('a node that does not sequence never asks a witness (in a cluster only the sequencing node does)', async () => {
  await start();
  await grow();
  await round();
  assert.equal(fake.heard.length, 1);
  await grow();
  const { CosignatureCollector } = await import('../../src/witnessing/cosignature-collector.ts');
  const storage = openRecordStorage(t.app.store, {
    databaseUrl: t.app.config.databaseUrl,
    dataDir: t.app.config.dataDir,
  });
  const otherNode = new CosignatureCollector({
    policy: t.app.witnessPolicy.policy,
    ledger: storage.ledger,
    tiles: storage.tiles,
    store: new SqlCosignatureStore(t.app.store.db),
    sequencing: () => false,
    intervalMs: interval,
    timeoutMs: 1000,
    log: { info() {}, warn() {}, error() {} },
  });
  await new Promise((resolve) => setTimeout(resolve, interval + 5));
  await otherNode.round();
  await otherNode.stop();
  assert.equal(fake.heard.length, 1);
});
