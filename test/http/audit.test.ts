import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig } from '../../src/config.ts';
import { startApp, type RunningApp } from '../../src/start-app.ts';
import { insertAccount } from '../../src/store/accounts.ts';
import { closePetition } from '../../src/actions/close-petition.ts';
import { correctPetition } from '../../src/actions/correct-petition.ts';
import { publishPetition } from '../../src/actions/publish-petition.ts';
import { recordResponse } from '../../src/actions/record-response.ts';
import { savePetitionDraft } from '../../src/actions/save-petition-draft.ts';
import { signPetition } from '../../src/actions/sign-petition.ts';
import { withdrawSignature } from '../../src/actions/withdraw-signature.ts';
import { invalidateSignatures } from '../../src/actions/invalidate-signatures.ts';
import { regionsOf } from '../../src/domain/regions.ts';
import type { Actor } from '../../src/actions/context.ts';
import { decodeBundle, encodeBundle } from '../../src/record/bundle.ts';
import { HASH_SIZE, leafHash, packedRoot } from '../../src/record/merkle.ts';
import { runAudit } from '../../src/cli/audit.ts';
import type { AuditReport } from '../../src/audit/audit-record.ts';

// `veche audit` against a whole Veche listening on a port, reached through a small proxy that can tamper with any
// answer, as a hostile or broken host would. Every tampering must make the audit exit 1 and name what is wrong.

const origin = 'veche.test/audit';
const keyA = randomBytes(32).toString('base64');
const folders: string[] = [];
const apps: RunningApp[] = [];
const [kyiv, lviv] = regionsOf(['UA'], 'en').map((r) => r.code);

/** Site is a running Veche with a record: two petitions, signatures, withdrawals, an invalidation, a response. */
interface Site {
  running: RunningApp;
  url: string;
  organiser: Actor;
  petitions: { a: string; b: string };
  receipts: { signature: string; secret: string }[];
}

async function startSite(logKey: string, signatures: number): Promise<Site> {
  const dir = mkdtempSync(join(tmpdir(), 'veche-audit-'));
  folders.push(dir);
  const running = await startApp(
    readConfig({
      VECHE_DATA: dir,
      PORT: '0',
      LOG_LEVEL: 'silent',
      VECHE_POW_MAX: '0',
      VECHE_RATE_LIMITS: 'off',
      VECHE_LOG_ORIGIN: origin,
      VECHE_LOG_KEY: logKey,
    }),
    { listen: true, jobs: false },
  );
  apps.push(running);
  const app = running.app;
  const organiser: Actor = {
    id: await insertAccount(app.store.db, {
      login: 'maria',
      displayName: 'Maria',
      role: 'organiser',
      passwordHash: 'none',
      createdAt: Date.now(),
    }),
    role: 'organiser',
  };
  const open = async (title: string, change: Record<string, unknown> = {}) => {
    const id = await savePetitionDraft(app, organiser, {
      title,
      addressee: 'The Minister of Defence',
      language: 'en',
      confirmation: 'none',
      goal: '5000',
      nameRule: 'optional',
      body: 'We, the wives and mothers of mobilised soldiers, ask for a fixed term of service and rotation home.',
      ...change,
    });
    await publishPetition(app, organiser, id);
    return id;
  };
  const a = await open('Bring our men home after a year of service');
  const b = await open('Publish every question sent to the direct line', {
    regionRule: 'optional',
    regionCountries: ['UA'],
  });
  const receipts: Site['receipts'] = [];
  const signings: Promise<unknown>[] = [];
  for (let i = 0; i < signatures; i++) {
    signings.push(
      signPetition(app, a, { name: `Signer ${i}` }, 'en').then((r) => {
        if (r.kind === 'counted') receipts.push({ signature: r.signature, secret: r.receiptSecret });
      }),
    );
  }
  for (let i = 0; i < 20; i++)
    signings.push(signPetition(app, b, { name: '', region: i % 2 === 0 ? kyiv : lviv }, 'en'));
  await Promise.all(signings);
  for (const receipt of receipts.splice(0, 2)) await withdrawSignature(app, receipt.signature, receipt.secret);
  const minute = Math.floor(Date.now() / 60_000);
  await invalidateSignatures(app, organiser, b, {
    from: String(minute - 5),
    to: String(minute + 5),
    region: kyiv,
    reason: 'automated',
  });
  await closePetition(app, organiser, b);
  await recordResponse(app, organiser, b, { response: 'We have received your letter and will answer within a month.' });
  await sequenceAll(running);
  const port = (running.server.server.address() as AddressInfo).port;
  return { running, url: `http://127.0.0.1:${port}`, organiser, petitions: { a, b }, receipts };
}

async function sequenceAll(running: RunningApp): Promise<void> {
  while (((await running.sequencer.tick())?.sequenced ?? 0) > 0) {
    /* until the queue is empty */
  }
}

/** Proxy forwards every request to a site, letting a test change the bytes of any answer on the way. */
interface Proxy {
  url: string;
  tamper: Map<string, (body: Buffer) => Buffer>;
  /** onRequest runs before a request is forwarded, to change the site at that moment. */
  onRequest: ((path: string) => Promise<void>) | null;
  close(): Promise<void>;
}

async function startProxy(upstream: string): Promise<Proxy> {
  const proxy: Proxy = { url: '', tamper: new Map(), onRequest: null, close: async () => {} };
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '/';
    void (async () => {
      await proxy.onRequest?.(path);
      const answer = await fetch(upstream + path);
      let body: Buffer = Buffer.from(await answer.arrayBuffer());
      const change = proxy.tamper.get(path);
      if (change !== undefined && answer.ok) body = change(body);
      response.writeHead(answer.status, {
        'content-type': answer.headers.get('content-type') ?? 'application/octet-stream',
      });
      response.end(body);
    })().catch((error) => {
      response.writeHead(502);
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () => new Promise((resolve) => server.close(() => resolve()));
  return proxy;
}

/** audit runs `veche audit <url> --json` with a state file and returns the exit status, the report and stderr. */
async function audit(
  url: string,
  state: string,
  ...more: string[]
): Promise<{ status: number; report: AuditReport | null; stderr: string; codes: string[] }> {
  let stdout = '';
  let stderr = '';
  // The site keeps its public answers for up to a second (src/web/response-cache.ts), as a cache in front would: any
  // settling at all makes the audit read the site more than a second after the checkpoint, as it does by default.
  const status = await runAudit([url, '--state', state, '--json', '--settle', '1', ...more], {
    stdout: {
      write: (text: string, done: () => void) => {
        stdout += text;
        done();
      },
    },
    stderr: { write: (text: string) => (stderr += text) },
    env: {},
  });
  const report = stdout === '' ? null : (JSON.parse(stdout) as AuditReport);
  return { status, report, stderr, codes: [...new Set(report?.discrepancies.map((d) => d.code) ?? [])].sort() };
}

const stateFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'veche-audit-state-'));
  folders.push(dir);
  return join(dir, 'state.json');
};

let site: Site;
let proxy: Proxy;

before(async () => {
  site = await startSite(keyA, 300);
  proxy = await startProxy(site.url);
});

after(async () => {
  await proxy?.close();
  for (const running of apps) await running.stop();
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

test('a clean record passes: every count follows from the record, and the key is trusted on first use', async () => {
  const state = stateFile();
  const first = await audit(proxy.url, state);
  assert.equal(first.status, 0, JSON.stringify(first.report?.discrepancies));
  const report = first.report!;
  assert.equal(report.keySource, 'first-use');
  assert.equal(report.checkpoint!.size, 2 + 320 + 2 + 10 + 1 + 1);
  assert.deepEqual(report.entries, {
    'petition.opened': 2,
    'petition.closed': 1,
    'petition.responded': 1,
    'signature.added': 320,
    'signature.withdrawn': 2,
    'signature.invalidated': 10,
  });
  const rows = Object.fromEntries(report.petitions.map((p) => [p.id, p]));
  assert.deepEqual(
    [
      rows[site.petitions.a].record,
      rows[site.petitions.a].site,
      rows[site.petitions.a].status,
      rows[site.petitions.a].withdrawn,
    ],
    [298, 298, 'open', 2],
  );
  assert.deepEqual(
    [
      rows[site.petitions.b].record,
      rows[site.petitions.b].site,
      rows[site.petitions.b].status,
      rows[site.petitions.b].invalidated,
      rows[site.petitions.b].responses,
    ],
    [10, 10, 'closed', 10, 1],
  );
  assert.deepEqual(
    report.invalidations.map((i) => [i.petition, i.reason, i.signatures]),
    [[site.petitions.b, 'automated', 10]],
  );
  assert.deepEqual(
    report.notes.map((n) => n.code),
    ['trusted-on-first-use'],
  );
  const saved = JSON.parse(readFileSync(state, 'utf8'));
  assert.equal(saved.key, site.running.app.log.verifierKey);
  assert.equal(saved.size, report.checkpoint!.size);

  // The record grows; the next audit proves the new checkpoint consistent with the saved one.
  for (let i = 0; i < 40; i++) await signPetition(site.running.app, site.petitions.a, { name: '' }, 'en');
  await sequenceAll(site.running);
  while ((await sizeOf(site.url)) < 376) await new Promise((resolve) => setTimeout(resolve, 50)); // the site reads its tree anew every 200 ms
  const second = await audit(proxy.url, state);
  assert.equal(second.status, 0, JSON.stringify(second.report?.discrepancies));
  assert.equal(second.report!.keySource, 'state');
  assert.deepEqual([second.report!.previous!.size, second.report!.checkpoint!.size], [336, 376]);
  assert.equal(second.report!.petitions.find((p) => p.id === site.petitions.a)!.record, 338);

  // The readable report says the same.
  let text = '';
  assert.equal(
    await runAudit([proxy.url, '--state', state, '--settle', '1'], {
      stdout: {
        write: (t: string, done: () => void) => {
          text += t;
          done();
        },
      },
      stderr: { write: () => true },
      env: {},
    }),
    0,
  );
  assert.match(text, new RegExp(`${site.petitions.a}\\s+open\\s+340\\s+0\\s+2\\s+0\\s+338\\s+338\\s+=`));
  assert.match(text, /Discrepancies: none/);
});

test('an entry changed in its bundle no longer hashes to its tile', async (t) => {
  t.after(() => proxy.tamper.clear());
  proxy.tamper.set('/log/tile/entries/000', (body) => {
    const entries = decodeBundle(new Uint8Array(body)).map((e) => e.slice());
    const forged = forgeSignature(entries);
    return Buffer.from(encodeBundle(entries.map((e, i) => (i === forged.index ? forged.entry : e))));
  });
  const result = await audit(proxy.url, stateFile());
  assert.equal(result.status, 1);
  assert.deepEqual(result.codes, ['leaf-hash-mismatch']);
  assert.match(
    result.report!.discrepancies[0].message,
    /^entry \d+ in tile\/entries\/000 does not hash to its leaf in tile\/0\/000$/,
  );
});

test('a bundle forged together with its tile is caught by the tile above, and forged up to the top by the root', async (t) => {
  t.after(() => proxy.tamper.clear());
  proxy.tamper.set('/log/tile/entries/000', (body) => {
    const entries: Uint8Array[] = decodeBundle(new Uint8Array(body)).map((e) => e.slice());
    const forged = forgeSignature(entries);
    entries[forged.index] = forged.entry;
    return Buffer.from(encodeBundle(entries));
  });
  // The tile holds the forged entry's leaf hash, so that bundle and tile agree.
  const bundle = new Uint8Array(await (await fetch(`${site.url}/log/tile/entries/000`)).arrayBuffer());
  const entries = decodeBundle(bundle).map((e) => e.slice());
  const forged = forgeSignature(entries);
  const tile = new Uint8Array(await (await fetch(`${site.url}/log/tile/0/000`)).arrayBuffer());
  tile.set(leafHash(forged.entry), forged.index * HASH_SIZE);
  proxy.tamper.set('/log/tile/0/000', () => Buffer.from(tile));

  const caught = await audit(proxy.url, stateFile());
  assert.equal(caught.status, 1);
  assert.deepEqual(caught.codes, ['tile-hash-mismatch']);
  assert.equal(caught.report!.discrepancies[0].message, 'tile/0/000 does not hash to hash 0 of tile/1/000.p/1');

  const top = new Uint8Array(await (await fetch(`${site.url}/log/tile/1/000.p/1`)).arrayBuffer());
  top.set(packedRoot(tile), 0);
  proxy.tamper.set('/log/tile/1/000.p/1', () => Buffer.from(top));
  const atTheTop = await audit(proxy.url, stateFile());
  assert.equal(atTheTop.status, 1);
  assert.deepEqual(atTheTop.codes, ['root-mismatch']);
  assert.equal(atTheTop.report!.stateSaved, false, 'a record that does not verify is not remembered');
});

test('a tile that is not served, or malformed, is named', async (t) => {
  t.after(() => proxy.tamper.clear());
  const partial = `tile/0/001.p/${(await sizeOf(site.url)) - 256}`;
  proxy.tamper.set(`/log/${partial}`, (body) => body.subarray(0, body.length - 1));
  const result = await audit(proxy.url, stateFile());
  assert.equal(result.status, 1);
  assert.deepEqual(result.codes, ['malformed-tile']);
  assert.ok(result.report!.discrepancies[0].message.startsWith(`${partial}: `));
});

test('a checkpoint signed by another key than the one pinned fails, and says what to do', async () => {
  const state = stateFile();
  assert.equal((await audit(site.url, state)).status, 0);
  const other = await startSite(randomBytes(32).toString('base64'), 10);
  const result = await audit(other.url, state);
  assert.equal(result.status, 1);
  assert.deepEqual(result.codes, ['bad-checkpoint-signature', 'key-changed']);
  const changed = result.report!.discrepancies.find((d) => d.code === 'key-changed')!;
  assert.match(
    changed.message,
    /the site serves the key veche\.test\/audit\+[0-9a-f]{8}\+\S+ at \/log\/key, but the key trusted is/,
  );
  assert.match(changed.message, new RegExp(`then delete ${state.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`));
  assert.equal(JSON.parse(readFileSync(state, 'utf8')).key, site.running.app.log.verifierKey, 'the pinned key is kept');

  // --key pins a key too: the site's checkpoint must be signed by it.
  const pinned = await audit(site.url, stateFile(), '--key', other.running.app.log.verifierKey);
  assert.equal(pinned.status, 1);
  assert.deepEqual(pinned.codes, ['bad-checkpoint-signature', 'key-changed']);
});

test('a checkpoint that is not consistent with the one saved proves a fork, and a smaller one a rollback', async () => {
  // Same key, same origin, another history: what a log shows one auditor and not another.
  const state = stateFile();
  assert.equal((await audit(site.url, state)).status, 0);
  const saved = readFileSync(state, 'utf8');
  const fork = await startSite(keyA, 400);
  const forked = await audit(fork.url, state);
  assert.equal(forked.status, 1);
  assert.deepEqual(forked.codes, ['inconsistent-checkpoint']);
  assert.match(forked.report!.discrepancies[0].message, /not consistent with the one of 376 verified before/);
  assert.equal(readFileSync(state, 'utf8'), saved, 'the state keeps the checkpoint it had');

  const small = await startSite(keyA, 5);
  const rolledBack = await audit(small.url, state);
  assert.equal(rolledBack.status, 1);
  assert.deepEqual(rolledBack.codes, ['checkpoint-rolled-back']);
});

test('a site count lower than the record holds is a discrepancy; a higher one is not yet sequenced', async (t) => {
  t.after(() => proxy.tamper.clear());
  const lower = (body: Buffer) => {
    const list = JSON.parse(body.toString('utf8')) as { id: string; signatures: number }[];
    for (const p of list) if (p.id === site.petitions.a) p.signatures -= 1;
    return Buffer.from(JSON.stringify(list));
  };
  proxy.tamper.set('/api/petitions', lower);
  const result = await audit(proxy.url, stateFile());
  assert.equal(result.status, 1);
  assert.deepEqual(result.codes, ['api-count-lower']);
  assert.equal(
    result.report!.discrepancies[0].message,
    `petition ${site.petitions.a}: the site shows 337 signatures online, the record holds 338`,
  );

  const higher = (body: Buffer) => Buffer.from(body.toString('utf8').replace('"signatures":338', '"signatures":400'));
  proxy.tamper.set('/api/petitions', higher);
  const ahead = await audit(proxy.url, stateFile());
  assert.equal(ahead.status, 0, JSON.stringify(ahead.report?.discrepancies));
  assert.match(
    ahead.report!.notes.map((n) => n.message).join('\n'),
    new RegExp(`petition ${site.petitions.a}: the site shows 400 signatures online, 62 more than the record holds yet`),
  );
});

test('a withdrawal the record has not sequenced yet lowers the site count: the audit waits for the record', async (t) => {
  t.after(() => {
    proxy.onRequest = null;
  });
  proxy.onRequest = async (path) => {
    if (path !== '/api/petitions') return;
    proxy.onRequest = null;
    // Withdrawn between the checkpoint and the site's list; the sequencer takes it a moment later.
    const receipt = site.receipts.pop()!;
    await withdrawSignature(site.running.app, receipt.signature, receipt.secret);
    setTimeout(() => void sequenceAll(site.running), 300);
  };
  const result = await audit(proxy.url, stateFile(), '--settle', '5');
  assert.equal(result.status, 0, JSON.stringify(result.report?.discrepancies));
  assert.ok(result.report!.notes.some((n) => n.code === 'record-grew'));
  assert.equal(result.report!.petitions.find((p) => p.id === site.petitions.a)!.record, 337);
});

test('a petition text changed on the site, or a petition hidden from it, is named', async (t) => {
  t.after(() => proxy.tamper.clear());
  proxy.tamper.set(`/api/petitions/${site.petitions.a}`, (body) =>
    Buffer.from(body.toString('utf8').replace('rotation home', 'rotation, some day')),
  );
  proxy.tamper.set('/api/petitions', (body) =>
    Buffer.from(
      JSON.stringify((JSON.parse(body.toString('utf8')) as { id: string }[]).filter((p) => p.id !== site.petitions.b)),
    ),
  );
  const result = await audit(proxy.url, stateFile());
  assert.equal(result.status, 1);
  assert.deepEqual(result.codes, ['api-petition-missing', 'api-text-mismatch']);
});

test('usage mistakes and an unreachable site exit with 2', async () => {
  assert.equal((await audit('not a url', stateFile())).status, 2);
  assert.equal((await audit(site.url, stateFile(), '--key', 'nonsense')).status, 2);
  const closed = await startProxy(site.url);
  await closed.close();
  const unreachable = await audit(closed.url, stateFile());
  assert.equal(unreachable.status, 2);
  assert.match(
    unreachable.stderr,
    /^veche audit: could not read http:\/\/127\.0\.0\.1:\d+\/(veche-mirror\.json|log\/key|log\/checkpoint): ECONNREFUSED/,
  );
  const corrupt = stateFile();
  writeFileSync(corrupt, '{');
  assert.match((await audit(site.url, corrupt)).stderr, /is not JSON; move it away/);
});

// Last, since it grows the record that the tests above count: a correction the record chains passes; an earlier
// version rewritten or hidden on the site, or the current text swapped for another, is named.
test('a corrected petition passes; an earlier version rewritten or hidden on the site does not', async (t) => {
  t.after(() => proxy.tamper.clear());
  const before = await sizeOf(site.url);
  await correctPetition(site.running.app, site.organiser, site.petitions.a, {
    title: 'Bring our men home after a year of service',
    addressee: 'The Minister of Defence',
    body: 'We, the wives and mothers of mobilised soldiers, ask for a fixed term of service and a rotation home.',
    reason: 'typo',
  });
  await sequenceAll(site.running);
  while ((await sizeOf(site.url)) <= before) await new Promise((resolve) => setTimeout(resolve, 50));
  const clean = await audit(proxy.url, stateFile());
  assert.equal(clean.status, 0, JSON.stringify(clean.report?.discrepancies));
  assert.equal(clean.report!.entries['petition.corrected'], 1);

  const detail = `/api/petitions/${site.petitions.a}`;
  proxy.tamper.set(detail, (body) =>
    Buffer.from(body.toString('utf8').replace('service and rotation home', 'service, some day')),
  );
  const rewritten = await audit(proxy.url, stateFile());
  assert.equal(rewritten.status, 1);
  assert.deepEqual(rewritten.codes, ['api-text-mismatch']);
  assert.match(rewritten.report!.discrepancies[0].message, /version 1 on the site is not version 1/);

  proxy.tamper.set(detail, (body) => {
    const shown = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    return Buffer.from(JSON.stringify({ ...shown, versions: [] }));
  });
  assert.deepEqual((await audit(proxy.url, stateFile())).codes, ['api-version-missing']);
});

/** sizeOf reads the size of a site's latest checkpoint. */
async function sizeOf(url: string): Promise<number> {
  return Number((await (await fetch(`${url}/log/checkpoint`)).text()).split('\n')[1]);
}

/** forgeSignature changes the last character of the first signature.added entry's signature id: same length. */
function forgeSignature(entries: Uint8Array[]): { index: number; entry: Uint8Array } {
  // A signature nothing later withdraws or invalidates (its receipt is still held), so that the forgery shows as a
  // leaf that no longer hashes and nothing else: forging one that is withdrawn later would also leave a withdrawal
  // of a signature never added, and which signature comes first depends on how the signings interleaved.
  const kept = new Set(site.receipts.map((r) => r.signature));
  const index = entries.findIndex((e) => {
    const text = new TextDecoder().decode(e);
    const id = /"signature":"(s[1-9A-HJ-NP-Za-km-z]+)"/.exec(text)?.[1];
    return text.includes('"type":"signature.added"') && id !== undefined && kept.has(id);
  });
  assert.ok(index >= 0, 'the bundle holds a signature that stays counted');
  const text = new TextDecoder().decode(entries[index]);
  const forged = text.replace(
    /("signature":"s[1-9A-HJ-NP-Za-km-z]+)([1-9A-HJ-NP-Za-km-z])"/,
    (_, head: string, last: string) => `${head}${last === 'z' ? 'y' : 'z'}"`,
  );
  assert.notEqual(forged, text);
  return { index, entry: new TextEncoder().encode(forged) };
}
