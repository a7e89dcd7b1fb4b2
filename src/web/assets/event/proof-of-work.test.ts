import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { ProofOfWork } from '../../proof-of-work.ts';
import { solveChallenge } from './proof-of-work.js';

test("the browser's answer to the server's challenge is accepted by the server, once", async () => {
  const pow = new ProofOfWork(randomBytes(32), 2500);
  const payload = await solveChallenge(await pow.challenge());
  assert.ok(payload, 'a number up to maxnumber is found');
  await pow.verify(payload);
  await assert.rejects(pow.verify(payload), { code: 'proof-of-work' });
});

test('a challenge no number up to maxnumber answers, or one without maxnumber, gives nothing', async () => {
  const challenge = await new ProofOfWork(randomBytes(32), 50).challenge();
  assert.equal(await solveChallenge({ ...challenge, challenge: '0'.repeat(64) }), null);
  assert.equal(await solveChallenge({ ...challenge, maxnumber: undefined }), null);
});
