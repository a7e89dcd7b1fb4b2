import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PasswordQueue } from './password-queue.ts';
import { VecheError } from '../domain/errors.ts';

/** Job is a stand-in for one password hash: it counts how many run at once and ends when the test says so. */
function jobs() {
  let running = 0;
  let peak = 0;
  const finish: (() => void)[] = [];
  const job = () =>
    new Promise<string>((done) => {
      running++;
      peak = Math.max(peak, running);
      finish.push(() => {
        running--;
        done('hashed');
      });
    });
  return { job, finish, running: () => running, peak: () => peak };
}

const settle = () => new Promise((done) => setImmediate(done));

test('twenty hashes sent at once: one runs, eight wait, eleven are refused at once with rate-limited', async () => {
  const queue = new PasswordQueue({ running: 1, waiting: 8 });
  const work = jobs();
  const results = Array.from({ length: 20 }, () =>
    queue.run(work.job).then(
      (value) => value,
      (error: unknown) => error,
    ),
  );
  await settle();
  assert.equal(work.running(), 1, 'one hash runs');
  assert.deepEqual(queue.stats(), { running: 1, waiting: 8, refused: 11 });
  assert.equal(queue.hasRoom(), false);

  for (let i = 0; i < 9; i++) {
    assert.equal(work.finish.length, i + 1, `hash ${i + 1} started only after the one before ended`);
    work.finish[i]();
    await settle();
    assert.ok(work.running() <= 1);
  }
  const settled = await Promise.all(results);
  assert.equal(work.peak(), 1, 'never more than one at a time');
  assert.equal(settled.filter((r) => r === 'hashed').length, 9);
  const refused = settled.filter((r) => r instanceof VecheError);
  assert.equal(refused.length, 11);
  assert.ok(refused.every((e) => (e as VecheError).code === 'rate-limited'));
  assert.deepEqual(queue.stats(), { running: 0, waiting: 0, refused: 11 });
  assert.equal(queue.hasRoom(), true);
});

test('a hash that fails frees its place for the next', async () => {
  const queue = new PasswordQueue({ running: 1, waiting: 1 });
  const failing = queue.run(() => Promise.reject(new Error('scrypt failed')));
  const next = queue.run(() => Promise.resolve('next ran'));
  await assert.rejects(failing, /scrypt failed/);
  assert.equal(await next, 'next ran');
  assert.deepEqual(queue.stats(), { running: 0, waiting: 0, refused: 0 });
});
