import { test } from 'node:test';
import assert from 'node:assert/strict';
import { solveChallenge, verifySolution } from 'altcha-lib';
import { randomBytes } from 'node:crypto';
import { ProofOfWork } from './proof-of-work.ts';

async function solved(pow: ProofOfWork): Promise<string> {
  const challenge = await pow.challenge();
  const solution = await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber)
    .promise;
  return Buffer.from(
    JSON.stringify({
      algorithm: challenge.algorithm,
      challenge: challenge.challenge,
      number: solution!.number,
      salt: challenge.salt,
      signature: challenge.signature,
    }),
  ).toString('base64');
}

test('a solution made by the ALTCHA solver is accepted once, exactly as altcha-lib would judge it', async () => {
  const key = randomBytes(32);
  const pow = new ProofOfWork(key, 500);
  const payload = await solved(pow);
  assert.equal(await verifySolution(payload, key.toString('base64')), true, 'altcha-lib agrees the solution is good');
  await pow.verify(payload);
  await assert.rejects(pow.verify(payload), { code: 'proof-of-work' }, 'a used solution is refused');
});

test('a wrong number, a forged signature, another key, an expired challenge or garbage is refused', async () => {
  const key = randomBytes(32);
  let now = Date.now();
  const pow = new ProofOfWork(key, 500, () => now);
  const good = JSON.parse(Buffer.from(await solved(pow), 'base64').toString());
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64');
  await assert.rejects(pow.verify(encode({ ...good, number: good.number + 1 })), { code: 'proof-of-work' });
  await assert.rejects(pow.verify(encode({ ...good, signature: 'a'.repeat(64) })), { code: 'proof-of-work' });
  await assert.rejects(new ProofOfWork(randomBytes(32), 500).verify(encode(good)), { code: 'proof-of-work' });
  for (const junk of [undefined, 42, '', 'not base64 json', encode({ algorithm: 'SHA-1' }), 'x'.repeat(3000)]) {
    await assert.rejects(pow.verify(junk), { code: 'proof-of-work' });
  }
  now += 21 * 60_000;
  await assert.rejects(pow.verify(encode(good)), { code: 'proof-of-work' }, 'expired');
});

test('used solutions are remembered across a generation swap, until they expire', async () => {
  let now = Date.now();
  const pow = new ProofOfWork(randomBytes(32), 100, () => now);
  const payload = await solved(pow);
  await pow.verify(payload);
  now += 10 * 60_000;
  await pow.verify(await solved(pow));
  now += 11 * 60_000;
  await assert.rejects(pow.verify(payload), { code: 'proof-of-work' });
});
