import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { EventLive, changeOf, type EventChange, type EventSnapshot, type EventStateSource } from './event-live.ts';
import type { EventReading } from '../../read/event-reading.ts';
import type { QuestionView } from '../../read/question-view.ts';
import { applyChange as applyChangeInBrowser } from '../assets/live-state.js';
import { eventStates, question } from '../../../test/support/event-states.ts';

/** FakeSource is a store of event states that counts its reads, with a change bus like this node's. */
class FakeSource implements EventStateSource {
  events = new Map<string, { status: 'open' | 'closed'; votes: number; pinned: QuestionView | null }>();
  reads = 0;
  readStarts: number[] = [];
  readMs = 1;
  readonly listeners = new Set<(code: string) => void>();

  async read(code: string): Promise<EventReading | null> {
    this.reads++;
    this.readStarts.push(Date.now());
    const e = this.events.get(code);
    // What is read is what the store holds when the read starts; it arrives a little later.
    const reading = e
      ? {
          code,
          status: e.status,
          counts: { asked: 1, published: 1, answered: 0, pending: 0, merged: 0, votes: e.votes, hidden: {} },
          pinned: e.pinned,
          popular: [question('q1', e.votes)],
          recent: [question('q1', e.votes)],
          answered: [],
        }
      : null;
    await sleep(this.readMs);
    return reading;
  }

  onChange(listener: (code: string) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** vote adds votes as another node would (silently) or this node (announcing it). */
  vote(code: string, n: number, announce: boolean) {
    this.events.get(code)!.votes += n;
    if (announce) for (const listener of this.listeners) listener(code);
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
  source.events.set('ABC234', { status: 'open', votes: 10, pinned: null });
  source.events.set('XYZ789', { status: 'open', votes: 0, pinned: null });
  const live = new EventLive(source, { pollMs: 50, minGapMs: 20, ...options });
  return { source, live };
}

test('a thousand viewers of one event share one read per poll and one frame per state', async () => {
  const { source, live } = fixture();
  const frames: string[][] = [];
  const watchings = await Promise.all(
    Array.from({ length: 1000 }, (_, i) => {
      frames[i] = [];
      return live.watch('ABC234', (bytes) => frames[i].push(bytes.toString()));
    }),
  );
  assert.ok(watchings.every((w) => w?.latest.snapshot.counts.votes === 10));
  assert.equal(source.reads, 1, 'viewers arriving together wait for the same first read');
  assert.ok(
    watchings.every((w) => w!.latest === watchings[0]!.latest),
    'one first frame for all',
  );
  assert.equal(watchings[0]!.latest.bytes.toString(), watchings[0]!.latest.text, 'the bytes are the text');
  assert.match(
    watchings[0]!.latest.text,
    /^event: state\ndata: \{"code":"ABC234","status":"open","counts":\{.*"version":\d+\}\n\n$/,
  );

  source.vote('ABC234', 5, false);
  await until(() => frames[999].length === 1, 'a change on another node is heard at a poll');
  assert.ok(
    frames.every((f) => f.length === 1 && f[0] === frames[0][0]),
    'every viewer gets the same frame, once',
  );
  const state = JSON.parse(frames[0][0].split('data: ')[1]) as EventSnapshot;
  assert.equal(state.counts.votes, 15);
  assert.equal(state.popular[0].votes, 15);
  assert.ok(state.version > watchings[0]!.latest.snapshot.version, 'the version grows');
  await sleep(250);
  assert.ok(source.reads <= 8, `about one read per 50 ms poll, not one per viewer: ${source.reads}`);
  assert.ok(
    frames.every((f) => f.length === 1),
    'polls that find nothing new send nothing',
  );
  live.close();
});

test('a change on this node is read at once, and a burst costs at most one read per gap', async () => {
  const { source, live } = fixture({ pollMs: 10_000, minGapMs: 100 });
  const heard: number[] = [];
  const arrived: number[] = [];
  await live.watch('ABC234', (_bytes, { snapshot }) => {
    heard.push(snapshot.counts.votes);
    arrived.push(Date.now());
  });
  await sleep(120);
  const before = source.reads;
  const voted = Date.now();
  source.vote('ABC234', 1, true);
  await until(() => heard.length === 1, 'the first change is heard');
  assert.ok(arrived[0] - voted < 50, `a lone change is read at once: ${arrived[0] - voted} ms`);

  // Votes for half a second, one every 5 ms: reads no closer than 100 ms, and the last state has every vote.
  const start = Date.now();
  for (let i = 0; i < 100; i++) {
    source.vote('ABC234', 1, true);
    await sleep(5);
  }
  await until(() => heard.at(-1) === 111, 'the last state heard includes every vote');
  const starts = source.readStarts.slice(before);
  const reads = starts.length;
  const seconds = (Date.now() - start) / 1000;
  assert.ok(reads / seconds <= 12, `${reads} reads in ${seconds.toFixed(2)} s`);
  for (let i = 1; i < starts.length; i++)
    assert.ok(starts[i] - starts[i - 1] >= 95, `reads ${starts[i] - starts[i - 1]} ms apart`);
  assert.deepEqual(
    heard,
    [...heard].sort((a, b) => a - b),
    'states arrive in order',
  );
  live.close();
});

test('a change that comes while reading is read again after the read', async () => {
  const { source, live } = fixture({ pollMs: 10_000, minGapMs: 10 });
  source.readMs = 40;
  const heard: number[] = [];
  await live.watch('ABC234', (_bytes, { snapshot }) => heard.push(snapshot.counts.votes));
  source.vote('ABC234', 1, true);
  await sleep(20);
  source.vote('ABC234', 1, true); // during the read, which began before it
  await until(() => heard.at(-1) === 12, 'the second change is not lost');
  live.close();
});

test('a pinned question and a closing are sent; a state equal to the last is not', async () => {
  const { source, live } = fixture({ pollMs: 10_000 });
  const heard: EventSnapshot[] = [];
  await live.watch('ABC234', (_bytes, { snapshot }) => heard.push(snapshot));
  source.events.get('ABC234')!.pinned = question('q1', 10);
  source.vote('ABC234', 0, true);
  await until(() => heard.length === 1, 'the pin is heard');
  assert.equal(heard[0].pinned?.id, 'q1');
  source.vote('ABC234', 0, true);
  await sleep(80);
  assert.equal(heard.length, 1, 'nothing changed: nothing sent');
  source.events.get('ABC234')!.status = 'closed';
  source.vote('ABC234', 0, true);
  await until(() => heard.length === 2, 'the closing is heard');
  assert.equal(heard[1].status, 'closed');
  live.close();
});

test('an unknown event gets null and starts nothing; the last viewer leaving stops the polling', async () => {
  const { source, live } = fixture();
  assert.equal(await live.watch('NOPE22', () => {}), null);
  assert.equal(live.watching, 0);
  const first = await live.watch('XYZ789', () => {});
  const second = await live.watch('XYZ789', () => {});
  assert.equal(live.watching, 1);
  assert.equal(live.viewers('XYZ789'), 2);
  first!.stop();
  assert.equal(live.watching, 1, 'one viewer is still there');
  second!.stop();
  assert.equal(live.watching, 0);
  const reads = source.reads;
  source.vote('XYZ789', 1, true);
  await sleep(150);
  assert.equal(source.reads, reads, 'nobody watches: nothing is read, not even after a change');
  live.close();
});

test('current shares the watch, or one short-lived read, forgotten when this node changes the event', async () => {
  const { source, live } = fixture({ cacheMs: 10_000 });
  const [a, b] = await Promise.all([live.current('ABC234'), live.current('ABC234')]);
  assert.equal(source.reads, 1);
  assert.equal(a, b);
  assert.equal(await live.current('NOPE22'), null);
  source.vote('ABC234', 1, false);
  assert.equal((await live.current('ABC234'))!.counts.votes, 10, 'kept for cacheMs');
  source.vote('ABC234', 1, true);
  const after = (await live.current('ABC234'))!;
  assert.equal(after.counts.votes, 12, 'a change here is seen at once');
  assert.ok(after.version > a!.version);
  const watching = await live.watch('ABC234', () => {});
  const reads = source.reads;
  assert.equal(await live.current('ABC234'), watching!.latest.snapshot);
  assert.equal(source.reads, reads, 'a watched event is not read again');
  live.close();
});

test('a failing read is reported and the watch goes on', async () => {
  const errors: unknown[] = [];
  const { source, live } = fixture({ onError: (e: unknown) => errors.push(e) });
  const heard: number[] = [];
  await live.watch('ABC234', (_bytes, { snapshot }) => heard.push(snapshot.counts.votes));
  const read = source.read.bind(source);
  source.read = async () => {
    throw new Error('database gone');
  };
  await until(() => errors.length >= 1, 'the failure is reported');
  source.read = read;
  source.vote('ABC234', 1, false);
  await until(() => heard.length > 0, 'the next poll reads again');
  assert.deepEqual(heard, [11]);
  live.close();
});

test('a viewer that throws does not stop the others', async () => {
  const errors: unknown[] = [];
  const { source, live } = fixture({ onError: (e: unknown) => errors.push(e), pollMs: 10_000 });
  await live.watch('ABC234', () => {
    throw new Error('gone');
  });
  const heard: number[] = [];
  await live.watch('ABC234', (_bytes, { snapshot }) => heard.push(snapshot.counts.votes));
  source.vote('ABC234', 1, true);
  await until(() => heard.length === 1, 'the second viewer hears it');
  assert.equal(errors.length, 1);
  live.close();
});

test('states go out a slice of viewers at a time, each viewer getting the newest when its turn comes', async () => {
  const { source, live } = fixture({ pollMs: 10_000, minGapMs: 0, sliceSize: 10 });
  const order: string[] = [];
  const heard: number[][] = [];
  for (let i = 0; i < 100; i++) {
    heard[i] = [];
    await live.watch('ABC234', (_bytes, { snapshot }) => {
      heard[i].push(snapshot.counts.votes);
      // Writing to a socket takes a little while: a round of a hundred takes longer than a read.
      for (const until = performance.now() + 0.2; performance.now() < until; );
      if (i === 0 && heard[i].length === 1) {
        setImmediate(() => order.push('other work'));
        source.vote('ABC234', 1, true); // a change while the first state is going out
      }
      if (i === 99) order.push(`viewer 99 hears ${snapshot.counts.votes}`);
    });
  }
  source.vote('ABC234', 1, true);
  await until(() => heard.every((h) => h.at(-1) === 12), 'the change made while sending reaches everyone');
  await sleep(20);
  assert.equal(order[0], 'other work', 'other work runs between slices');
  assert.deepEqual(heard[0], [11, 12], 'the first viewers get the first state, then the newer one in the next round');
  assert.deepEqual(heard[99], [12], 'the last viewers are sent the newest state when their turn comes, and only it');
  assert.ok(
    heard.every((h) => h.length <= 2 && h.every((n, j) => j === 0 || n > h[j - 1])),
    'never the same state twice, never an older one',
  );
  live.close();
});

/** applyChange is what a compact viewer does with a change: live-state.js itself, which event.js and screen.js run. */
function applyChange(state: EventSnapshot, change: EventChange): EventSnapshot {
  const next = applyChangeInBrowser(state, change);
  assert.ok(next, `change ${change.base} → ${change.version} applies to the state before it`);
  return next;
}

test('a change carries ids, votes and only the questions a viewer has not seen as they are; applied, it is the next state', () => {
  const states = eventStates;
  const changes = states.slice(1).map((next, i) => changeOf(states[i], next));
  assert.deepEqual(changes[0].questions, [], 'a vote sends no question text');
  assert.deepEqual(changes[0].votes, { qB: 3, qA: 3 });
  assert.deepEqual(changes[0].popular, ['qB', 'qA']);
  assert.deepEqual(
    changes[1].questions.map((q) => q.id),
    ['qC'],
    'a new question is sent whole, once',
  );
  assert.deepEqual(
    changes[2].questions.map((q) => q.id),
    ['qA'],
    'a question whose status changed is sent again',
  );
  assert.ok(JSON.stringify(changes[0]).length < JSON.stringify(states[1]).length / 2);
  let state = states[0];
  for (let i = 0; i < changes.length; i++) {
    state = applyChange(state, changes[i]);
    assert.deepEqual(state, states[i + 1], `change ${i + 1} rebuilds the state`);
  }
});

test('a compact viewer is sent changes, and the whole state again when it missed one', async () => {
  const { source, live } = fixture({ pollMs: 10_000, minGapMs: 0 });
  const compact: string[] = [];
  const whole: string[] = [];
  const first = await live.watch('ABC234', (bytes) => compact.push(bytes.toString()), { compact: true });
  await live.watch('ABC234', (bytes) => whole.push(bytes.toString()));
  source.vote('ABC234', 1, true);
  await until(() => compact.length === 1 && whole.length === 1, 'both hear the vote');
  assert.match(compact[0], /^event: change\ndata: \{"code":"ABC234",.*"base":\d+,"version":\d+\}\n\n$/);
  assert.match(whole[0], /^event: state\n/);
  const change = JSON.parse(compact[0].split('data: ')[1]) as EventChange;
  const state = JSON.parse(whole[0].split('data: ')[1]) as EventSnapshot;
  assert.deepEqual(applyChange(first!.latest.snapshot, change), state, 'the change and the whole state agree');

  live.close();
});

test('a compact viewer passed over for a state is sent the change from the state it has', async () => {
  const { source, live } = fixture({ pollMs: 10_000, minGapMs: 0, sliceSize: 1 });
  const heard: string[][] = [[], [], [], [], [], []];
  let first = 0;
  for (let i = 0; i < heard.length; i++) {
    const watching = await live.watch(
      'ABC234',
      (bytes) => {
        heard[i].push(bytes.toString());
        for (const until = performance.now() + 5; performance.now() < until; ); // a slow socket
        if (i === 0 && heard[0].length === 1) source.vote('ABC234', 1, true); // read while this round goes on
      },
      { compact: true },
    );
    first = watching!.latest.snapshot.version;
  }
  source.vote('ABC234', 1, true);
  await until(() => heard.every((h) => h.at(-1)?.includes('"merged":0,"votes":12')), 'everyone has 12 votes');
  assert.match(
    heard[0].join(''),
    /^event: change\n.*"votes":11.*\n\nevent: change\n.*"votes":12/s,
    'the first viewer hears both, as changes',
  );
  assert.equal(heard[5].length, 1, 'the last viewer was passed over for 11');
  const change = JSON.parse(heard[5][0].split('data: ')[1]) as EventChange;
  assert.match(heard[5][0], /^event: change\n/);
  assert.deepEqual([change.base, change.counts.votes], [first, 12], 'and is sent the change from 10 votes to 12');
  assert.equal(heard[4].at(-1), heard[5][0], 'one frame for all who had 10');
  live.close();
});
