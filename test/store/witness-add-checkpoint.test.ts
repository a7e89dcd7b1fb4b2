import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { cosignatureTimestamp, createCosigner, parseCosignatureKey } from '../../src/record/cosignature.ts';
import { createEd25519Signer, parseVerifierKey } from '../../src/record/note-keys.ts';
import { openNote, signNote } from '../../src/record/note.ts';
import { openWitnessStore, type SqlWitnessStore } from '../../src/store/sql-witness-store.ts';
import type { Witness } from '../../src/witness/cosign-checkpoint.ts';
import { buildWitnessServer } from '../../src/witness/witness-server.ts';
import { createTestSchema, testDatabase, type TestSchema } from '../support/database.ts';
import { TestLog } from '../support/test-log.ts';

// `veche witness` rule by rule (c2sp.org/tlog-witness#add-checkpoint), through its HTTP interface, on the database
// VECHE_TEST_DB names. Every rule the spec gives a status for has a test here, and the one that matters most: a
// witness that cosigned a tree never cosigns a checkpoint that is not an extension of it.

const secret = randomBytes(32);
const ed = createCosigner('witness.test/w1', secret, 'ed25519');
const ml = createCosigner('witness.test/w1', secret, 'ml-dsa-44');
let log: TestLog;
let other: TestLog;
let dataDir: string;
let schema: TestSchema | null;
let store: SqlWitnessStore;
let server: FastifyInstance;
let warnings: object[];

async function open(): Promise<void> {
  store = await openWitnessStore({ dataDir, databaseUrl: schema?.url });
  warnings = [];
  const witness: Witness = {
    name: 'witness.test/w1',
    cosigners: [ed, ml],
    store,
    logs: new Map([
      [log.origin, [parseVerifierKey(log.signer.verifierKey)]],
      [other.origin, [parseVerifierKey(other.signer.verifierKey)]],
    ]),
    warn: (obj) => warnings.push(obj),
  };
  server = buildWitnessServer(witness, () => 'about\n');
}

beforeEach(async () => {
  log = new TestLog('veche.test/log').append(20);
  other = new TestLog('other.test/log').append(3);
  dataDir = mkdtempSync(join(tmpdir(), 'veche-witness-'));
  schema = testDatabase() === 'postgres' ? await createTestSchema() : null;
  await open();
});

afterEach(async () => {
  await server.close();
  await store.close();
  await schema?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function add(body: string) {
  const reply = await server.inject({
    method: 'POST',
    url: '/add-checkpoint',
    payload: body,
    headers: { 'content-type': 'text/plain' },
  });
  return { status: reply.statusCode, type: String(reply.headers['content-type']), body: reply.body };
}

/** cosigned asserts a 200 whose two lines are this witness's valid cosignatures on `checkpoint`, made just now. */
function assertCosigned(reply: { status: number; body: string }, checkpoint: string): void {
  assert.equal(reply.status, 200, reply.body);
  const lines = reply.body.split('\n').filter(Boolean);
  assert.equal(lines.length, 2);
  assert.ok(reply.body.endsWith('\n'));
  for (const key of [ed.vkey, ml.vkey]) {
    const opened = openNote(checkpoint + reply.body, [parseCosignatureKey(key)]);
    assert.equal(opened.signatures.length, 1);
    const time = cosignatureTimestamp(opened.signatures[0].base64)!;
    assert.ok(Math.abs(time - Date.now() / 1000) < 60, `timestamp ${time} is now`);
  }
}

test('first contact: old 0, no proof, and the witness cosigns with both its keys', async () => {
  assertCosigned(await add(log.request(0, 5)), log.checkpoint(5));
  assert.equal((await store.latest(log.origin))!.size, 5);
});

test('a checkpoint of size 0 with the empty root is cosigned from old 0; with another root it is 422', async () => {
  assertCosigned(await add(log.request(0, 0)), log.checkpoint(0));
  const text = `${log.origin}\n0\n${Buffer.alloc(32, 1).toString('base64')}\n`;
  assert.equal((await add(`old 0\n\n${signNote(text, [log.signer])}`)).status, 422);
});

test('it extends a cosigned tree only with a consistency proof, and cosigns the same tree again', async () => {
  assertCosigned(await add(log.request(0, 5)), log.checkpoint(5));
  assertCosigned(await add(log.request(5, 13)), log.checkpoint(13));
  assertCosigned(await add(log.request(13, 13)), log.checkpoint(13));
  assertCosigned(await add(log.request(13, 20)), log.checkpoint(20));
  assert.equal((await store.latest(log.origin))!.size, 20);
});

test('409 with the size last cosigned, as text/x.tlog.size, when old is not that size', async () => {
  await add(log.request(0, 8));
  for (const old of [0, 5, 7, 9]) {
    const reply = await add(log.request(old, 13, { proof: old === 0 ? [] : log.proof(old, 13) }));
    assert.equal(reply.status, 409, `old ${old}`);
    assert.equal(reply.type, 'text/x.tlog.size');
    assert.equal(reply.body, '8\n');
  }
  assert.equal((await store.latest(log.origin))!.size, 8);
});

test('404 for a log it does not witness', async () => {
  const stranger = new TestLog('stranger.test/log').append(2);
  const reply = await add(stranger.request(0, 2));
  assert.equal(reply.status, 404);
});

test("403 unless a trusted key of the origin signed it; other keys' signatures are ignored", async () => {
  const impostor = createEd25519Signer(log.origin, randomBytes(32));
  assert.equal((await add(log.request(0, 5, { checkpoint: log.checkpoint(5, [impostor]) }))).status, 403);
  // A line with the trusted key's name and id whose signature fails: the note is refused, even beside a valid one.
  const valid = log.checkpoint(5);
  const line = valid.split('\n').at(-2)!;
  const [dash, name, base64] = line.split(' ');
  const blob = Buffer.from(base64, 'base64');
  blob[blob.length - 1] ^= 1;
  const broken = `${dash} ${name} ${blob.toString('base64')}`;
  assert.equal((await add(log.request(0, 5, { checkpoint: valid.replace(line, broken) }))).status, 403);
  assert.equal((await add(log.request(0, 5, { checkpoint: `${valid}${broken}\n` }))).status, 403);
  // Another log's key on this origin is a stranger; the log's own signature beside it is enough.
  assertCosigned(
    await add(log.request(0, 5, { checkpoint: log.checkpoint(5, [impostor, log.signer]) })),
    log.checkpoint(5, [impostor, log.signer]),
  );
  assert.equal((await store.latest(log.origin))!.size, 5);
});

test('400 when old is beyond the checkpoint, or the body is not a request', async () => {
  await add(log.request(0, 8));
  assert.equal((await add(log.request(9, 8, { proof: [] }))).status, 400);
  for (const body of [
    '',
    'old 0\n',
    'hello\n\nworld\n',
    `old 00\n\n${log.checkpoint(3)}`,
    `old 0\n\n${log.origin}\n3\n`,
  ]) {
    assert.equal((await add(body)).status, 400, JSON.stringify(body));
  }
  assert.equal((await store.latest(log.origin))!.size, 8);
});

test('422 for a proof that does not verify, a proof from old 0, or another root at the same size', async () => {
  assert.equal((await add(log.request(0, 5, { proof: [randomBytes(32)] }))).status, 422);
  await add(log.request(0, 5));
  const proof = log.proof(5, 13);
  proof[0] = Buffer.from(proof[0]).fill(0);
  assert.equal((await add(log.request(5, 13, { proof }))).status, 422);
  assert.equal((await add(log.request(5, 13, { proof: log.proof(5, 13).slice(1) }))).status, 422);
  const fork = log.fork(4).append(1);
  assert.equal((await add(fork.request(5, 5))).status, 422, 'another tree of the cosigned size');
  assert.equal((await store.latest(log.origin))!.size, 5);
  assert.ok(warnings.length >= 1, 'a validly signed, inconsistent checkpoint is kept in the log as evidence');
});

test('a witness that cosigned size N refuses every checkpoint not consistent with it, and still takes the true one', async () => {
  assertCosigned(await add(log.request(0, 10)), log.checkpoint(10));
  // Forks sharing 0, 3 or 9 entries with the cosigned tree, at sizes above, at and below N, each with the proof its
  // own history gives: the log signed them all, and the witness must cosign none.
  for (const shared of [0, 3, 9]) {
    const fork = log.fork(shared).append(16 - shared);
    assert.equal((await add(fork.request(10, 16))).status, 422, `fork after ${shared}, size 16`);
    assert.equal((await add(fork.request(10, 10))).status, 422, `fork after ${shared}, size 10`);
    assert.equal((await add(fork.request(0, 16))).status, 409, 'from 0 it is told the size it cosigned, and no more');
    // The log's true proof from 10 does not fit the fork's root either.
    assert.equal((await add(fork.request(10, 16, { proof: log.proof(10, 16) }))).status, 422);
  }
  // Going back is refused too: a smaller tree is no extension.
  assert.equal((await add(log.request(10, 7, { proof: [] }))).status, 400);
  assert.equal((await add(log.request(7, 7))).status, 409);
  assert.equal((await store.latest(log.origin))!.size, 10);
  assertCosigned(await add(log.request(10, 16)), log.checkpoint(16));
});

test('concurrent requests from one size: exactly one moves the log, the others get 409 with its size', async () => {
  await add(log.request(0, 4));
  const sizes = [5, 6, 7, 8, 9, 10, 11, 12, 13, 14];
  const replies = await Promise.all(sizes.map((size) => add(log.request(4, size))));
  const won = replies.flatMap((r, i) => (r.status === 200 ? [sizes[i]] : []));
  assert.equal(won.length, 1, JSON.stringify(replies.map((r) => r.status)));
  for (const reply of replies.filter((r) => r.status !== 200)) {
    assert.equal(reply.status, 409);
    assert.equal(reply.body, `${won[0]}\n`);
  }
  assert.equal((await store.latest(log.origin))!.size, won[0]);
});

test('logs are kept apart, the state survives a restart, and the monitoring URL serves the latest cosigned checkpoint', async () => {
  const hash = (origin: string) => createHash('sha256').update(origin).digest('hex');
  assert.equal((await server.inject({ url: `/${hash(log.origin)}/checkpoint` })).statusCode, 404);
  await add(log.request(0, 9));
  assertCosigned(await add(other.request(0, 3)), other.checkpoint(3));
  await server.close();
  await store.close();
  await open();
  assert.equal((await add(log.request(0, 12))).body, '9\n');
  const served = await server.inject({ url: `/${hash(log.origin)}/checkpoint` });
  assert.equal(served.statusCode, 200);
  // The checkpoint the log sent, with the log's verified signature and this witness's two cosignatures.
  const opened = openNote(served.body, [
    parseVerifierKey(log.signer.verifierKey),
    parseCosignatureKey(ed.vkey),
    parseCosignatureKey(ml.vkey),
  ]);
  assert.equal(opened.text, `${log.checkpoint(9).split('\n\n')[0]}\n`);
  assert.equal(opened.signatures.length, 3);
  assert.equal((await server.inject({ url: `/${hash('stranger.test/log')}/checkpoint` })).statusCode, 404);
  assert.equal((await server.inject({ url: '/not-a-hash/checkpoint' })).statusCode, 404);
});

test('a body beyond the limit is refused without a 500', async () => {
  const reply = await server.inject({
    method: 'POST',
    url: '/add-checkpoint',
    payload: 'x'.repeat(600 * 1024),
    headers: { 'content-type': 'text/plain' },
  });
  assert.equal(reply.statusCode, 413);
});
