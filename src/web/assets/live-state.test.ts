// live-state.test.ts checks the browser's live-state.js (what event.js and screen.js run) against the server's own
// changes (changeOf in src/web/live/event-live.ts): a change the server makes, sent as JSON and applied to the state
// before it, rebuilds the server's next state, for any states fast-check makes (with a fixed seed).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { changeOf, type EventChange, type EventSnapshot } from '../live/event-live.ts';
import { applyChange, isState, type QuestionView } from './live-state.js';
import { eventStates } from '../../../test/support/event-states.ts';

const seed = 20261207;

/** sent is a change as the browser reads it: through JSON, as the stream carries it. */
function sent(change: EventChange): EventChange {
  return JSON.parse(JSON.stringify(change));
}

const states = eventStates;

test('each change the server makes rebuilds its next state: a vote, a new question pinned, one answered as the event closes', () => {
  let state = states[0];
  for (let i = 1; i < states.length; i++) {
    const next = applyChange(state, sent(changeOf(states[i - 1], states[i])));
    assert.deepEqual(next, states[i], `change ${i} rebuilds state ${i + 1}`);
    state = next!;
  }
});

test('a change from the state a viewer was last sent, states ago, rebuilds the newest', () => {
  assert.deepEqual(applyChange(states[0], sent(changeOf(states[0], states[3]))), states[3]);
});

test('a change that does not apply to the state held is refused, so that the page asks for the whole state again', () => {
  const change = sent(changeOf(states[1], states[2]));
  assert.equal(applyChange(states[0], change), null, 'a state was missed: the change is from another version');
  assert.equal(applyChange(null, change), null, 'no state held yet');
  const unknown = { ...change, popular: [...change.popular, 'qZ'] };
  assert.equal(applyChange(states[1], unknown), null, 'a question the page never saw, and the change does not bring');
  const pinnedUnknown = { ...change, pinned: 'qZ' };
  assert.equal(applyChange(states[1], pinnedUnknown), null, 'a pinned question the page never saw');
  assert.equal(applyChange(states[1], null), null);
});

test('isState takes a whole state, and nothing that lacks its version or counters', () => {
  assert.equal(isState(states[0]), true);
  assert.equal(isState({ version: 1, counts: {} }), true);
  for (const bad of [
    null,
    undefined,
    'state',
    7,
    [],
    {},
    { version: 1 },
    { counts: {} },
    { version: '1', counts: {} },
    { version: 1, counts: 3 },
  ]) {
    assert.equal(isState(bad), false, JSON.stringify(bad));
  }
});

// ---- Properties: any run of states a server could read.

const ids = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6'];

/** questionAs is one question as one read shows it: what changes between reads is drawn from a few values. */
const questionAs = (id: string): fc.Arbitrary<QuestionView> =>
  fc.record({
    id: fc.constant(id),
    text: fc.constantFrom('Roads?', 'Schools?', 'Когда починят школу?', null),
    sha256: fc.constant(id.repeat(16)),
    author: fc.constantFrom(null, 'Anna', 'Борис'),
    votes: fc.nat({ max: 40 }),
    status: fc.constantFrom('published', 'answered', 'hidden'),
    hiddenReason: fc.constantFrom(null, 'spam', 'personal-data'),
    group: fc.nat({ max: 3 }),
    askedMinute: fc.constantFrom(100, 200),
    answeredMinute: fc.constantFrom(null, 300),
  });

/**
 * reading is an event's state at one read: each question shown one way (as one read gives it), in any of the lists,
 * in any order, pinned or not; `kept` says which questions look as they did at the read before, but for their votes
 * (most changes are votes).
 */
const reading = fc.record({
  questions: fc.tuple(...ids.map(questionAs)),
  kept: fc.array(fc.boolean(), { minLength: ids.length, maxLength: ids.length }),
  pinned: fc.option(fc.constantFrom(...ids), { nil: null }),
  popular: fc.shuffledSubarray(ids),
  recent: fc.shuffledSubarray(ids),
  answered: fc.shuffledSubarray(ids),
  status: fc.constantFrom('open' as const, 'closed' as const),
  counts: fc.record({
    asked: fc.nat({ max: 9 }),
    published: fc.nat({ max: 9 }),
    answered: fc.nat({ max: 9 }),
    pending: fc.nat({ max: 9 }),
    merged: fc.nat({ max: 9 }),
    votes: fc.nat({ max: 99 }),
    hidden: fc.dictionary(fc.constantFrom('spam', 'abuse', 'personal-data'), fc.nat({ max: 9 })),
  }),
  gap: fc.integer({ min: 1, max: 5000 }),
});

/** run is a run of states, each with a version greater than the one before (the server's stamp). */
const run = fc.array(reading, { minLength: 2, maxLength: 8 }).map((readings) => {
  let version = 1_765_000_000_000;
  let before: QuestionView[] = [];
  return readings.map((r): EventSnapshot => {
    const questions = r.questions.map((q, k) => (r.kept[k] && before[k] ? { ...before[k], votes: q.votes } : q));
    before = questions;
    const byId = new Map(questions.map((q) => [q.id, q]));
    const pick = (list: string[]) => list.map((id) => byId.get(id)!);
    const state = {
      code: 'ABC234',
      status: r.status,
      counts: r.counts,
      pinned: r.pinned === null ? null : byId.get(r.pinned)!,
      popular: pick(r.popular),
      recent: pick(r.recent),
      answered: pick(r.answered),
      version: (version += r.gap),
    };
    // Through JSON, as the stream carries a whole state to the browser.
    return JSON.parse(JSON.stringify(state));
  });
});

test("property: applying each change the server makes to the state before it always yields the server's next state", () => {
  fc.assert(
    fc.property(run, (snapshots) => {
      let state: EventSnapshot | null = snapshots[0];
      for (let i = 1; i < snapshots.length; i++) {
        state = applyChange(state, sent(changeOf(snapshots[i - 1], snapshots[i])));
        assert.deepEqual(state, snapshots[i]);
      }
    }),
    { seed, numRuns: 300 },
  );
});

test('property: a change from any earlier state a viewer holds yields the newest state; from any other, nothing', () => {
  fc.assert(
    fc.property(run, fc.nat(), fc.nat(), (snapshots, x, y) => {
      const from = x % (snapshots.length - 1);
      const to = from + 1 + (y % (snapshots.length - 1 - from));
      const change = sent(changeOf(snapshots[from], snapshots[to]));
      assert.deepEqual(applyChange(snapshots[from], change), snapshots[to]);
      for (const [i, other] of snapshots.entries()) {
        if (i !== from)
          assert.equal(applyChange(other, change), null, 'a viewer holding another version resynchronises');
      }
    }),
    { seed, numRuns: 300 },
  );
});
