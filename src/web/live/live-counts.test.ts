import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { LiveCounts, type CountSource, type LiveCount } from './live-counts.ts';

/** FakeSource is a store of counts that counts how often it is read, with a change bus like this node's. */
class FakeSource implements CountSource {
  petitions = new Map<string, { rowId: number; status: 'open' | 'closed'; signatures: number }>();
  finds = 0;
  counts = 0;
  readonly listeners = new Set<(id: string) => void>();

  async find(publicId: string) {
    this.finds++;
    await sleep(1);
    const p = this.petitions.get(publicId);
    return p ? { rowId: p.rowId, status: p.status } : null;
  }

  async count(rowId: number) {
    this.counts++;
    await sleep(1);
    return [...this.petitions.values()].find((p) => p.rowId === rowId)?.signatures ?? 0;
  }

  onChange(listener: (id: string) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** sign adds signatures as another node would (silently) or this node (announcing it). */
  sign(publicId: string, n: number, announce: boolean) {
    this.petitions.get(publicId)!.signatures += n;
    if (announce) for (const listener of this.listeners) listener(publicId);
  }
}

/** until waits for a condition, failing after two seconds. */
async function until(condition: () => boolean, what: string) {
  for (const start = Date.now(); !condition(); await sleep(5)) {
    if (Date.now() - start > 2000) assert.fail(`timed out waiting: ${what}`);
  }
}

function fixture(options = {}) {
  const source = new FakeSource();
  source.petitions.set('pA', { rowId: 1, status: 'open', signatures: 10 });
  source.petitions.set('pB', { rowId: 2, status: 'open', signatures: 0 });
  const live = new LiveCounts(source, { pollMs: 50, minGapMs: 10, ...options });
  return { source, live };
}

test('a thousand viewers of one petition share one read per poll, and each hears every new count', async () => {
  const { source, live } = fixture();
  const heard: LiveCount[][] = [];
  const watchings = await Promise.all(
    Array.from({ length: 1000 }, (_, i) => {
      heard[i] = [];
      return live.watch('pA', (count) => heard[i].push(count));
    }),
  );
  assert.ok(watchings.every((w) => w?.latest.signatures === 10));
  assert.equal(source.finds, 1, 'viewers arriving together wait for the same first read');
  assert.equal(source.counts, 1);

  source.sign('pA', 5, false);
  await until(() => heard[999].length === 1, 'a change on another node is heard at a poll');
  assert.ok(
    heard.every((h) => h.length === 1 && h[0].signatures === 15),
    'every viewer hears it once',
  );
  await sleep(250);
  assert.ok(source.counts <= 8, `about one read per 50 ms poll, not one per viewer: ${source.counts}`);
  live.close();
});

test('a change on this node is read at once, and a burst of changes costs a few reads, not one each', async () => {
  const { source, live } = fixture({ pollMs: 10_000 });
  const heard: number[] = [];
  await live.watch('pA', (count) => heard.push(count.signatures));
  const before = source.counts;
  for (let i = 0; i < 100; i++) source.sign('pA', 1, true);
  await until(() => heard.at(-1) === 110, 'the last count heard includes every signature');
  assert.ok(source.counts - before <= 3, `reads for 100 changes: ${source.counts - before}`);
  live.close();
});

test('the status is read again after a change, and a closed petition is told to its viewers', async () => {
  const { source, live } = fixture({ pollMs: 10_000 });
  const heard: LiveCount[] = [];
  await live.watch('pA', (count) => heard.push(count));
  source.petitions.get('pA')!.status = 'closed';
  source.sign('pA', 0, true);
  await until(() => heard.length > 0, 'the closing is heard');
  assert.deepEqual(heard, [{ signatures: 10, status: 'closed' }]);
  live.close();
});

test('an unknown petition gets null and starts nothing; the last viewer leaving stops the polling', async () => {
  const { source, live } = fixture();
  assert.equal(await live.watch('nope', () => {}), null);
  assert.equal(live.watching, 0);
  const first = await live.watch('pB', () => {});
  const second = await live.watch('pB', () => {});
  assert.equal(live.watching, 1);
  first!.stop();
  assert.equal(live.watching, 1, 'one viewer is still there');
  second!.stop();
  assert.equal(live.watching, 0);
  const reads = source.counts;
  await sleep(120);
  assert.equal(source.counts, reads, 'nobody watches: nothing is read');
  live.close();
});

test('a failing read is reported and the watch goes on', async () => {
  const errors: unknown[] = [];
  const { source, live } = fixture({ onError: (e: unknown) => errors.push(e) });
  const heard: number[] = [];
  await live.watch('pA', (count) => heard.push(count.signatures));
  const count = source.count.bind(source);
  source.count = async () => {
    throw new Error('database gone');
  };
  await until(() => errors.length >= 1, 'the failure is reported');
  source.count = count;
  source.sign('pA', 1, false);
  await until(() => heard.length > 0, 'the next poll reads again');
  assert.deepEqual(heard, [11]);
  live.close();
});
