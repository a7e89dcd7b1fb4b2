import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { createAdmin, startTestApp, type TestApp } from '../../../test/http/support.ts';
import { petitionFields } from '../../../test/support/petitions.ts';
import { publishPetition } from '../../actions/publish-petition.ts';
import { savePetitionDraft } from '../../actions/save-petition-draft.ts';
import { signPetition } from '../../actions/sign-petition.ts';
import { decodeBundle } from '../../record/bundle.ts';
import { openCheckpoint } from '../../record/checkpoint.ts';
import { leafHash, treeRoot } from '../../record/merkle.ts';
import { parseVerifierKey } from '../../record/note-keys.ts';
import { tilePath } from '../../record/tile-path.ts';
import { tileHashReader, tilesToWrite } from '../../record/tiles.ts';
import { createCosigner } from '../../record/cosignature.ts';
import { parsePolicy } from '../../record/witness-policy.ts';

let t: TestApp;

test.beforeEach(async () => {
  t = await startTestApp({ VECHE_LOG_ORIGIN: 'veche.test/log', VECHE_POW_MAX: '0', VECHE_RATE_LIMITS: 'off' });
});
test.afterEach(() => t.stop());

/** signed opens a petition, signs it `count` times and sequences everything: the record then has count + 1 entries. */
async function signed(count: number): Promise<string> {
  const admin = await createAdmin(t.app);
  const petition = await savePetitionDraft(t.app, admin, petitionFields());
  await publishPetition(t.app, admin, petition);
  await signMore(petition, count);
  return petition;
}

async function signMore(petition: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await signPetition(t.app, petition, { name: `Signer ${i}` }, 'en');
  await t.running.sequencer.tick();
}

async function get(url: string) {
  const reply = await t.server.inject({ url });
  return {
    status: reply.statusCode,
    type: reply.headers['content-type'],
    cache: reply.headers['cache-control'],
    body: reply.body,
    raw: reply.rawPayload,
  };
}

test('a client that knows only the key verifies the checkpoint, and the tiles it fetches give the root', async () => {
  await signed(300);
  const key = await get('/log/key');
  assert.equal(key.status, 200);
  assert.match(key.body, /^veche\.test\/log\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
  const served = await get('/log/checkpoint');
  assert.equal(served.status, 200);
  assert.equal(served.type, 'text/plain; charset=utf-8');
  assert.equal(served.cache, 'no-cache');
  const checkpoint = openCheckpoint(served.body, [parseVerifierKey(key.body)], 'veche.test/log');
  assert.equal(checkpoint.size, 301);

  const fetched = new Map<string, Uint8Array>();
  for (const tile of tilesToWrite(0, 301)) {
    const reply = await get(`/log/${tilePath(tile.level, tile.n, tile.width)}`);
    assert.equal(reply.status, 200, tilePath(tile.level, tile.n, tile.width));
    assert.equal(reply.type, 'application/octet-stream');
    assert.equal(reply.cache, tile.width === 256 ? 'public, max-age=31536000, immutable' : 'public, max-age=60');
    fetched.set(tilePath(tile.level, tile.n, tile.width), new Uint8Array(reply.raw));
  }
  assert.deepEqual([...fetched.keys()], ['tile/0/000', 'tile/0/001.p/45', 'tile/1/000.p/1']);
  assert.deepEqual(
    treeRoot(
      301,
      tileHashReader(301, (tile) => fetched.get(tilePath(tile.level, tile.n, tile.width))!),
    ),
    checkpoint.root,
  );
  const bundle = await get('/log/tile/entries/001.p/45');
  assert.equal(bundle.status, 200);
  const entries = decodeBundle(new Uint8Array(bundle.raw), 45);
  assert.deepEqual(leafHash(entries[44]), fetched.get('tile/0/001.p/45')!.subarray(44 * 32));
  assert.match(
    new TextDecoder().decode(entries[0]),
    /^\{"confirmed":false,"petition":"p\w+","signature":"s\w+","type":"signature.added","v":1\}$|"petition.opened"/,
  );
});

test('tiles outside the tree, or named in any but the one canonical way, are not found and not cached', async () => {
  const petition = await signed(300);
  for (const path of [
    'tile/0/002',
    'tile/0/001.p/46',
    'tile/0/001.p/44',
    'tile/entries/001',
    'tile/1/000',
    'tile/2/000.p/1',
    'tile/0/x000/001',
    'tile/0/001.p/045',
    'tile/0/001.p/256',
    'tile/0/1',
    'tile/00/000',
    'tile/64/000',
    'tile/0/000/',
    'tile/entries/%2e%2e/x',
    'tile/0/%30%30%30',
    'tile/checkpoint',
    'tile/data/000',
  ]) {
    const reply = await get(`/log/${path}`);
    assert.equal(reply.status, 404, path);
    assert.equal(reply.cache, 'no-store', path);
  }
  assert.equal((await get('/log/tile/entries/../../secrets.json')).status, 404);
  await signMore(petition, 10);
  // The server reads the committed tree again within a fraction of a second; a client learns the size from it.
  while (!(await get('/log/checkpoint')).body.includes('\n311\n')) await sleep(20);
  assert.equal(
    (await get('/log/tile/0/001.p/45')).status,
    200,
    'the partial tile of an older checkpoint is still served',
  );
  assert.equal((await get('/log/tile/0/001.p/55')).status, 200);
  assert.equal((await get('/log/tile/entries/001.p/45')).status, 200);
});

test("the page about the record shows the latest checkpoint and the key that signs it, in the visitor's language", async () => {
  await signed(3);
  const checkpoint = (await get('/log/checkpoint')).body;
  const key = (await get('/log/key')).body;
  const page = await t.server.inject({ url: '/record', headers: { 'accept-language': 'uk' } });
  assert.equal(page.statusCode, 200);
  assert.match(page.headers['content-type'] as string, /^text\/html/);
  assert.ok(page.body.includes(key.trim()), 'the verifier key is on the page');
  assert.ok(page.body.includes(checkpoint.split('\n')[2]), 'the checkpoint root is on the page');
  assert.match(page.body, /Публічний реєстр/);
  assert.ok(
    page.body.includes(`node veche-audit.mjs ${t.app.config.publicUrl} --key &#39;${key.trim()}&#39;`),
    'the command, with the key pinned',
  );
  assert.match(page.body, /<a href="\/audit\/veche-audit\.mjs" download>/, 'where to download the auditor');
  assert.doesNotMatch(page.body, /npx veche/, 'no command that needs this repository');
});

test('the record page publishes, plain words first, the log key, each witness with its key and address, the policy to download and the command that pins it', async () => {
  const witnesses = ['a.witness.test', 'b.witness.test'].map((name, i) =>
    createCosigner(name, Buffer.alloc(32, i + 1), 'ed25519'),
  );
  const site = await startTestApp({
    VECHE_LOG_ORIGIN: 'veche.test/log',
    VECHE_WITNESSES: witnesses.map((w, i) => `${w.vkey} https://w${i}.example/witness`).join('; '),
  });
  try {
    const page = await site.server.inject({ url: '/record', headers: { 'accept-language': 'en' } });
    assert.equal(page.statusCode, 200);
    const body = page.body;
    const plain = body.indexOf('Independent witnesses check that this site shows everyone the same record.');
    assert.ok(plain > 0 && plain < body.indexOf('data-witness-key'), 'the plain words come before the keys');
    for (const [i, w] of witnesses.entries()) {
      assert.match(body, new RegExp(`data-witness="${w.name}" data-signed="false"`));
      assert.ok(body.includes(`<code class="hash" data-witness-key>${w.vkey}</code>`), `${w.name}'s key`);
      assert.ok(body.includes(`https://w${i}.example/witness`), `${w.name}'s address`);
    }
    assert.match(body, /<a href="\/log\/policy" download="veche\.test_log-policy\.txt" data-policy-download>/);
    assert.ok(body.includes(`node veche-audit.mjs ${site.app.config.publicUrl} --policy veche.test_log-policy.txt`));
    const policy = (await site.server.inject({ url: '/log/policy' })).body;
    const parsed = parsePolicy(policy);
    assert.equal(parsed.logs[0].vkey, site.app.log.verifierKey);
    assert.deepEqual(
      parsed.witnesses.map((w) => [w.vkey, w.url]),
      witnesses.map((w, i) => [w.vkey, `https://w${i}.example/witness`]),
    );
    assert.ok(body.includes(policy.split('\n').find((l) => l.startsWith('group'))!), 'the policy text itself');
  } finally {
    await site.stop();
  }
});
