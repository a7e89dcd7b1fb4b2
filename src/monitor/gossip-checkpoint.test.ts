import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { parseAddCheckpoint } from '../record/add-checkpoint.ts';
import { gossipCheckpoint } from './gossip-checkpoint.ts';

// gossipCheckpoint against a witness whose answers the test scripts (c2sp.org/tlog-witness add-checkpoint): what it
// sends, how it resyncs on a 409, and what it makes of each refusal.

type Answer = { status: number; type?: string; body: string };

async function witness(
  answers: Answer[],
): Promise<{ url: string; heard: { old: number; proof: number }[]; close(): Promise<void> }> {
  const heard: { old: number; proof: number }[] = [];
  const server = createServer(async (request, response) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    const parsed = parseAddCheckpoint(body);
    heard.push({ old: parsed.oldSize, proof: parsed.proof.length });
    const answer = answers.shift() ?? { status: 500, body: 'no more answers\n' };
    response.writeHead(answer.status, { 'content-type': answer.type ?? 'text/plain' }).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    heard,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const note = 'veche.test/gossip\n20\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n— veche.test/gossip AAAAAAAA\n';
const proofFrom = async (old: number) => Array.from({ length: old === 0 ? 0 : 3 }, () => new Uint8Array(32));

test('a 409 is followed once from the size the witness holds; a size it already holds, or a larger one, is not sent again', async (t) => {
  const w = await witness([
    { status: 409, type: 'text/x.tlog.size', body: '12\n' },
    { status: 200, body: '— w AAAA\n' },
    { status: 409, type: 'text/x.tlog.size', body: '20\n' },
    { status: 409, type: 'text/x.tlog.size', body: '30\n' },
    { status: 409, type: 'text/x.tlog.size', body: '15\n' },
    { status: 409, type: 'text/x.tlog.size', body: '16\n' },
  ]);
  t.after(() => w.close());
  const resynced = await gossipCheckpoint({ url: w.url, note, size: 20, known: null, proofFrom });
  assert.deepEqual(resynced, { outcome: 'cosigned', size: 20, message: 'it cosigned the checkpoint of 20 entries' });
  assert.deepEqual(w.heard, [
    { old: 0, proof: 0 },
    { old: 12, proof: 3 },
  ]);
  assert.equal(
    (await gossipCheckpoint({ url: w.url, note, size: 20, known: 20, proofFrom })).outcome,
    'current',
    'nothing sent',
  );
  assert.equal(w.heard.length, 2);
  const same = await gossipCheckpoint({ url: w.url, note, size: 20, known: 5, proofFrom });
  assert.deepEqual([same.outcome, same.size], ['current', 20]);
  const ahead = await gossipCheckpoint({ url: w.url, note, size: 20, known: 5, proofFrom });
  assert.deepEqual([ahead.outcome, ahead.size], ['current', 30]);
  assert.match(ahead.message, /holds a checkpoint of 30 entries, larger than the 20 this monitor saw/);
  // A second 409 in a row is a refusal: the witness keeps moving, and the monitor does not chase it.
  const twice = await gossipCheckpoint({ url: w.url, note, size: 20, known: 5, proofFrom });
  assert.equal(twice.outcome, 'refused');
});

test('each refusal is said in words, and a failure to connect is a failure', async (t) => {
  const w = await witness([
    { status: 403, body: 'the checkpoint is not signed by a key of veche.test/gossip\n' },
    { status: 404, body: 'unknown log\n' },
    { status: 422, body: 'the consistency proof does not verify\n' },
    { status: 400, body: 'malformed\n' },
    { status: 503, body: 'busy\n' },
  ]);
  t.after(() => w.close());
  const ask = () => gossipCheckpoint({ url: w.url, note, size: 20, known: 10, proofFrom });
  assert.match(
    (await ask()).message,
    /^it does not trust this log's key .*\(“the checkpoint is not signed by a key of veche\.test\/gossip”\)$/,
  );
  assert.match((await ask()).message, /^it does not witness this log/);
  const proof = await ask();
  assert.deepEqual([proof.outcome, proof.size], ['refused', 10]);
  assert.match(
    proof.message,
    /the consistency proof from 10 entries did not convince it: what it cosigned before may be another history/,
  );
  assert.match((await ask()).message, /^it could not read the request/);
  const busy = await ask();
  assert.deepEqual([busy.outcome, busy.message], ['failed', 'it answered 503 (“busy”)']);
  const nobody = await gossipCheckpoint({
    url: 'http://127.0.0.1:9',
    note,
    size: 20,
    known: 10,
    proofFrom,
    timeoutMs: 2000,
  });
  assert.equal(nobody.outcome, 'failed');
  const noProof = await gossipCheckpoint({
    url: w.url,
    note,
    size: 20,
    known: 10,
    proofFrom: async () => 'tile 0/000 is not served',
  });
  assert.deepEqual(
    [noProof.outcome, noProof.message],
    ['failed', 'no consistency proof from 10: tile 0/000 is not served'],
  );
});
