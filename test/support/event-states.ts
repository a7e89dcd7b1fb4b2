// test/support/event-states.ts: an event's live states one after another (a vote, a new question pinned, one answered
// as the event closes), which the server's changes (src/web/live/event-live.test.ts) and the browser's live-state.js
// (src/web/assets/live-state.test.ts) are both checked against.
import type { EventSnapshot } from '../../src/web/live/event-live.ts';
import type { QuestionView } from '../../src/read/question-view.ts';

/** question is a published question as a list shows it. */
export function question(id: string, votes: number, text: string | null = `Question ${id}?`): QuestionView {
  return {
    id,
    text,
    sha256: 'ab'.repeat(32),
    author: null,
    votes,
    status: 'published',
    hiddenReason: null,
    group: 1,
    askedMinute: 1,
    answeredMinute: null,
  };
}

const counts = (votes: number) => ({ asked: 3, published: 2, answered: 0, pending: 0, merged: 0, votes, hidden: {} });
const [a, b, c] = [question('qA', 3, 'Roads?'), question('qB', 1, 'Schools?'), question('qC', 0, 'Buses?')];
/** eventStates are an event's live states one after another. */
export const eventStates: EventSnapshot[] = [
  {
    code: 'ABC234',
    status: 'open',
    counts: counts(4),
    pinned: null,
    popular: [a, b],
    recent: [b, a],
    answered: [],
    version: 1,
  },
  // a vote: only numbers and order change
  {
    code: 'ABC234',
    status: 'open',
    counts: counts(6),
    pinned: null,
    popular: [
      { ...b, votes: 3 },
      { ...a, votes: 3 },
    ],
    recent: [
      { ...b, votes: 3 },
      { ...a, votes: 3 },
    ],
    answered: [],
    version: 2,
  },
  // a new question, and one pinned
  {
    code: 'ABC234',
    status: 'open',
    counts: counts(6),
    pinned: { ...a, votes: 3 },
    popular: [{ ...b, votes: 3 }, { ...a, votes: 3 }, c],
    recent: [c, { ...b, votes: 3 }, { ...a, votes: 3 }],
    answered: [],
    version: 3,
  },
  // answered: it leaves the lists of published questions and changes status; the event closes
  {
    code: 'ABC234',
    status: 'closed',
    counts: counts(6),
    pinned: null,
    popular: [{ ...b, votes: 3 }, c],
    recent: [c, { ...b, votes: 3 }],
    answered: [{ ...a, votes: 3, status: 'answered', answeredMinute: 9 }],
    version: 4,
  },
];
