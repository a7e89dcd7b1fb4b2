import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { changeOf, type EventSnapshot } from '../live/event-live.ts';
import { LiveStream, type LiveStreamHandlers } from './live-stream.js';

/** FakeEventSource stands in for the browser's EventSource: the test plays the server and the browser's retries. */
class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static made: FakeEventSource[] = [];
  readyState = FakeEventSource.CONNECTING;
  readonly listeners = new Map<string, ((event: { type: string; data?: string }) => void)[]>();

  readonly url: string;

  constructor(url: string) {
    this.url = url;
    FakeEventSource.made.push(this);
  }

  addEventListener(type: string, listener: (event: { type: string; data?: string }) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.readyState = FakeEventSource.CLOSED;
  }

  /** emit dispatches an event, as a stream's frame (`event: <type>`, `data: <data>`) or the browser's own. */
  emit(type: string, data?: unknown): void {
    if (type === 'open') this.readyState = FakeEventSource.OPEN;
    const text = typeof data === 'string' || data === undefined ? data : JSON.stringify(data);
    for (const listener of this.listeners.get(type) ?? []) listener({ type, data: text });
  }
}

const question = (id: string, votes: number) => ({
  id,
  text: `Question ${id}?`,
  sha256: 'ab'.repeat(32),
  author: null,
  votes,
  status: 'published' as const,
  hiddenReason: null,
  group: 1,
  askedMinute: 1,
  answeredMinute: null,
});
const counts = { asked: 2, published: 2, answered: 0, pending: 0, merged: 0, votes: 3, hidden: {} };
const snapshot = (version: number, votes: number): EventSnapshot => ({
  code: 'ABC234',
  status: 'open',
  counts: { ...counts, votes },
  pinned: null,
  popular: [question('qA', votes), question('qB', 0)],
  recent: [question('qB', 0), question('qA', votes)],
  answered: [],
  version,
});
const [s1, s2, s3] = [snapshot(1, 1), snapshot(2, 2), snapshot(3, 3)];

/** listen makes a stream whose handlers write down what they hear. */
function listen() {
  const heard: string[] = [];
  const states: EventSnapshot[] = [];
  const on: LiveStreamHandlers = {
    state: (whole) => states.push(whole),
    missed: () => heard.push('missed'),
    heard: () => heard.push('heard'),
    open: () => heard.push('open'),
    error: (refused) => heard.push(refused ? 'refused' : 'error'),
  };
  return { stream: new LiveStream('ABC234', on), heard, states, source: () => FakeEventSource.made.at(-1)! };
}

const realEventSource = globalThis.EventSource;
beforeEach(() => {
  FakeEventSource.made = [];
  globalThis.EventSource = FakeEventSource as unknown as typeof EventSource;
});
afterEach(() => {
  globalThis.EventSource = realEventSource;
});

test('the stream asks for changes, begins with a whole state and rebuilds each next one from a change', () => {
  const { stream, heard, states, source } = listen();
  stream.connect();
  stream.connect();
  assert.equal(FakeEventSource.made.length, 1, 'one stream at a time');
  assert.equal(source().url, '/e/ABC234/live?changes=1');
  source().emit('open');
  assert.equal(stream.open, true);
  source().emit('state', s1);
  source().emit('change', changeOf(s1, s2));
  source().emit('change', changeOf(s2, s3));
  assert.deepEqual(states, [s1, s2, s3]);
  assert.deepEqual(heard, ['open', 'heard', 'heard', 'heard']);
});

test('a change from a state the page missed is not shown: the page hears that it must resynchronise', () => {
  const { stream, heard, states, source } = listen();
  stream.connect();
  source().emit('state', s1);
  source().emit('change', changeOf(s2, s3));
  assert.deepEqual(states, [s1]);
  assert.deepEqual(heard, ['heard', 'heard', 'missed']);
});

test('what is not JSON, or not a state, is passed over', () => {
  const { stream, heard, states, source } = listen();
  stream.connect();
  source().emit('state', 'not json');
  source().emit('state', '"a string"');
  source().emit('state', { version: 'one' });
  assert.deepEqual(states, []);
  assert.deepEqual(heard, ['heard', 'heard'], 'JSON is heard (the screen then knows the stream lives), but not shown');
});

test('the browser retrying is no refusal; a refused stream is let go, and the next one begins afresh', () => {
  const { stream, heard, states, source } = listen();
  stream.connect();
  source().emit('state', s1);
  source().emit('error');
  assert.equal(stream.connected, true, 'the browser retries by itself');
  source().readyState = FakeEventSource.CLOSED;
  source().emit('error');
  assert.equal(stream.connected, false);
  assert.deepEqual(heard, ['heard', 'error', 'refused']);
  stream.connect();
  assert.equal(FakeEventSource.made.length, 2);
  source().emit('change', changeOf(s1, s2));
  assert.deepEqual(heard.at(-1), 'missed', 'a new stream must begin with a whole state');
  source().emit('state', s3);
  assert.deepEqual(states, [s1, s3]);
});

test('close ends the stream', () => {
  const { stream, source } = listen();
  stream.connect();
  const first = source();
  stream.close();
  assert.equal(first.readyState, FakeEventSource.CLOSED);
  assert.equal(stream.connected, false);
  assert.equal(stream.open, false);
});
