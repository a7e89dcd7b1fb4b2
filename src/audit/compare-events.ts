import { eventTextHash, questionTextHash } from '../record/entry-hashes.ts';
import { questionStatus } from './event-tally.ts';
import type { EventCounts, EventTally, QuestionMark, RecordedEvent, RecordedQuestion } from './event-tally.ts';
import type { DiscrepancyCode, Finding, Findings, NoteCode } from './findings.ts';
import type { RecordReader } from './record-reader.ts';

// Each event the record opened is compared with GET /api/events/<code> and its question lists. The API lists no
// events, so an event the site makes up is not seen here; one it hides answers 404, and that is a discrepancy. As for
// petitions, the site may be ahead of the record by what is not yet sequenced, in either direction: a question's
// votes read after checkpoint C may be as low as its votes at C less the votes folded into it that the record
// withdraws after C, and a question hidden at C may be listed as published if the record restores it after C. A
// status the record says can never come back (merged, or answered: neither is ever published again) is no such slack.

/** QUESTION_LISTS are the lists of GET /api/events/<code>/questions?list=… that the audit reads. */
export const QUESTION_LISTS = ['popular', 'recent', 'answered', 'hidden'] as const;

/** QuestionListName is one of QUESTION_LISTS. */
export type QuestionListName = (typeof QUESTION_LISTS)[number];

/**
 * SiteEvent is an event as GET /api/events/<code> shows it (src/web/views/event-json.ts): the fields the audit reads,
 * all but counts optional.
 */
export interface SiteEvent {
  counts: EventCounts;
  status: string | null;
  moderation: string | null;
  text: { title: string; addressee: string; description: string } | null;
}

/** SiteQuestion is a question as GET /api/events/<code>/questions lists it (its `questions`): the fields the audit reads. */
export interface SiteQuestion {
  id: string;
  text: string | null;
  sha256: string;
  votes: number;
  status: string;
  hiddenReason: string | null;
}

/** SiteEventView is one event on the site and the lists it answered. */
export interface SiteEventView {
  event: SiteEvent;
  lists: Map<QuestionListName, SiteQuestion[]>;
}

/** SiteEvents maps each event code read to its view, or null when the site answered 404; malformed ones are absent. */
export type SiteEvents = Map<string, SiteEventView | null>;

/** EventComparison is one event's line in the report: the record's counts and the site's. */
export interface EventComparison {
  code: string;
  status: 'open' | 'closed' | 'never-opened';
  moderation: 'before' | 'after' | null;
  record: EventCounts;
  /** site is the event's counts on the site, or null when the site does not show it. */
  site: EventCounts | null;
  siteStatus: string | null;
}

const MAX_JSON = 64 * 1024 * 1024;
// The API's largest page, and how many pages of one list are read at most (a million questions).
const PAGE = 200;
const MAX_PAGES = 5000;

/** readSiteEvents reads each event the record opened, and its lists; a malformed answer is a discrepancy. */
export async function readSiteEvents(client: RecordReader, codes: string[], findings: Findings): Promise<SiteEvents> {
  const events: SiteEvents = new Map();
  await Promise.all(
    codes.map(async (code) => {
      const path = `/api/events/${encodeURIComponent(code)}`;
      const raw = await client.json(path, MAX_JSON);
      if (raw === null) {
        events.set(code, null);
        return;
      }
      const event = readSiteEvent(raw);
      if (event === null) {
        findings.discrepancy({
          code: 'api-malformed',
          event: code,
          message: `GET ${path} is not an event with counts`,
        });
        return;
      }
      const view: SiteEventView = { event, lists: new Map() };
      await Promise.all(
        QUESTION_LISTS.map(async (list) => {
          const questions = await readList(client, `${path}/questions?list=${list}`);
          if (questions !== null) view.lists.set(list, questions);
          else
            findings.discrepancy({
              code: 'api-malformed',
              event: code,
              message: `GET ${path}/questions?list=${list} is not a list of questions`,
            });
        }),
      );
      events.set(code, view);
    }),
  );
  return events;
}

/**
 * readList reads a whole list of questions, a page of PAGE at a time (`limit` and `offset`), until a page is short or
 * brings nothing new: a site that ignores paging answers its first page, and the audit compares what it got.
 */
async function readList(client: RecordReader, path: string): Promise<SiteQuestion[] | null> {
  const questions = new Map<string, SiteQuestion>();
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = readSiteQuestions(await client.json(`${path}&limit=${PAGE}&offset=${page * PAGE}`, MAX_JSON));
    if (answer === null) return null;
    const before = questions.size;
    // A question that moves up the popular list while it is read may come twice, or not at all: nothing is
    // concluded from a question's absence.
    for (const q of answer) if (!questions.has(q.id)) questions.set(q.id, q);
    if (answer.length < PAGE || questions.size === before) break;
  }
  return [...questions.values()];
}

/** EventFinding is one thing the comparison found; `settles` when a newer checkpoint may explain it. */
interface EventFinding {
  kind: 'discrepancy' | 'note';
  finding: Finding<DiscrepancyCode> | Finding<NoteCode>;
  settles: boolean;
}

/** eventsBehindRecord lists what, on the site, is behind the record by more than the record allows yet (see above). */
export function eventsBehindRecord(tally: EventTally, site: SiteEvents): string[] {
  return compare(tally, site)
    .filter((f) => f.kind === 'discrepancy' && f.settles)
    .map((f) => f.finding.question ?? f.finding.event!);
}

/** compareEvents compares every event the record opened with the site, reporting discrepancies and notes. */
export function compareEvents(tally: EventTally, site: SiteEvents, findings: Findings): EventComparison[] {
  for (const f of compare(tally, site)) {
    if (f.kind === 'discrepancy') findings.discrepancy(f.finding as Finding<DiscrepancyCode>);
    else findings.note(f.finding as Finding<NoteCode>);
  }
  return [...tally.events.values()]
    .map((e) => {
      const view = site.get(e.code);
      return {
        code: e.code,
        status: e.opened < 0 ? 'never-opened' : e.closed >= 0 ? 'closed' : 'open',
        moderation: e.moderation,
        record: tally.countsOf(e),
        site: view?.event.counts ?? null,
        siteStatus: view?.event.status ?? null,
      } satisfies EventComparison;
    })
    .sort((a, b) => b.record.votes - a.record.votes || (a.code < b.code ? -1 : 1));
}

function compare(tally: EventTally, site: SiteEvents): EventFinding[] {
  const found: EventFinding[] = [];
  const votesNow = tally.votesNow();
  const removedSince = tally.removedSinceMark();
  // A question on two lists (popular and recent) is told about once.
  const seen = new Set<string>();
  const add = (finding: EventFinding) => {
    const key = finding.finding.question === undefined ? null : `${finding.finding.code} ${finding.finding.question}`;
    if (key === null || !seen.has(key)) found.push(finding);
    if (key !== null) seen.add(key);
  };
  const problem = (code: DiscrepancyCode, message: string, where: Where, settles = false) =>
    add({ kind: 'discrepancy', finding: { code, message, ...where }, settles });
  const note = (code: NoteCode, message: string, where: Where) =>
    add({ kind: 'note', finding: { code, message, ...where }, settles: false });

  for (const e of tally.events.values()) {
    if (e.opened < 0 || !site.has(e.code)) continue; // a discrepancy of the record, or a malformed answer, already
    const view = site.get(e.code);
    const where = { event: e.code };
    if (view === null || view === undefined) {
      problem('api-event-missing', `the record opened event ${e.code}, the site answers 404 for it`, where);
      continue;
    }
    compareEvent(tally, e, view.event, removedSince, problem, note);
    for (const [list, questions] of view.lists) {
      for (const shown of questions) {
        compareQuestion(e, list, shown, tally.questions.get(shown.id), tally, votesNow, removedSince, problem, note);
      }
    }
  }
  return found;
}

type Where = Pick<Finding<string>, 'event' | 'question'>;
type Problem = (code: DiscrepancyCode, message: string, where: Where, settles?: boolean) => void;
type Note = (code: NoteCode, message: string, where: Where) => void;

function compareEvent(
  tally: EventTally,
  e: RecordedEvent,
  shown: SiteEvent,
  removedSince: Float64Array,
  problem: Problem,
  note: Note,
): void {
  const where = { event: e.code };
  const now = tally.countsOf(e);
  const marked = tally.eventMarkOf(e.code);
  let removed = 0;
  for (const q of e.questions) removed += removedSince[q.index];
  // Questions are never taken out of an event, so its questions asked may only grow.
  if (shown.counts.asked < marked.asked) {
    problem(
      'api-count-lower',
      `event ${e.code}: the site shows ${shown.counts.asked} questions asked, the record holds ${marked.asked}`,
      where,
      true,
    );
  } else if (shown.counts.asked > now.asked) {
    note(
      'site-count-ahead',
      `event ${e.code}: the site shows ${shown.counts.asked} questions asked, ${shown.counts.asked - now.asked} more than the record holds yet`,
      where,
    );
  }
  if (shown.counts.votes < marked.votes - removed) {
    problem(
      'api-count-lower',
      `event ${e.code}: the site shows ${shown.counts.votes} votes, the record holds ${now.votes}`,
      where,
      true,
    );
  } else if (shown.counts.votes > now.votes) {
    note(
      'site-count-ahead',
      `event ${e.code}: the site shows ${shown.counts.votes} votes, ${shown.counts.votes - now.votes} more than the record holds yet`,
      where,
    );
  }
  if (marked.closed && shown.status === 'open') {
    problem('api-status-mismatch', `the record closed event ${e.code}, the site shows it open`, where);
  } else if (e.closed < 0 && shown.status === 'closed') {
    note('not-yet-in-record', `the site shows event ${e.code} closed; the record does not close it yet`, where);
  }
  if (
    shown.text !== null &&
    eventTextHash(shown.text.title, shown.text.addressee, shown.text.description) !== e.sha256
  ) {
    problem(
      'api-text-mismatch',
      `event ${e.code}: the title, addressee or description on the site is not what the record opened`,
      where,
    );
  }
  if (shown.moderation !== null && shown.moderation !== e.moderation) {
    problem(
      'api-moderation-mismatch',
      `event ${e.code}: the site says moderation "${shown.moderation}", the record "${e.moderation}"`,
      where,
    );
  }
}

function compareQuestion(
  e: RecordedEvent,
  list: QuestionListName,
  shown: SiteQuestion,
  q: RecordedQuestion | undefined,
  tally: EventTally,
  votesNow: Float64Array,
  removedSince: Float64Array,
  problem: Problem,
  note: Note,
): void {
  const where = { event: e.code, question: shown.id };
  const name = `question ${shown.id} of event ${e.code} (listed as ${list})`;
  // What the site shows must hold together whatever the record says: a text shown hashes to the hash shown, and a
  // text is withheld only where the site itself says it hid the question as abuse or personal data.
  if (shown.text !== null && questionTextHash(shown.text) !== shown.sha256) {
    problem('api-text-mismatch', `${name}: the text on the site does not hash to the sha256 it shows`, where);
  } else if (
    shown.text === null &&
    !(list === 'hidden' && (shown.hiddenReason === 'abuse' || shown.hiddenReason === 'personal-data'))
  ) {
    problem(
      'api-text-mismatch',
      `${name}: the site withholds its text without showing it hidden as abuse or personal data`,
      where,
    );
  }
  if (q === undefined || q.added < 0) {
    note('not-yet-in-record', `${name}: the record does not add it yet`, where);
    return;
  }
  if (q.event !== e.code) {
    problem('api-question-misplaced', `${name}: the record added it to event ${q.event}`, where);
    return;
  }
  if (shown.sha256 !== q.sha256)
    problem('api-text-mismatch', `${name}: the site shows sha256 ${shown.sha256}, the record ${q.sha256}`, where);
  const marked = tally.markOf(q);
  if (marked === undefined) {
    // Added after the checkpoint the site was read against: only the site being ahead can be told.
    if (shown.votes > votesNow[q.index])
      note(
        'site-count-ahead',
        `${name}: the site shows ${shown.votes} votes, the record holds ${votesNow[q.index]} yet`,
        where,
      );
    return;
  }
  compareStatus(name, list, shown, q, marked, problem, note, where);
  if (marked.status === 'merged') return;
  const low = marked.votes - removedSince[q.index];
  if (shown.votes < low) {
    problem(
      'api-count-lower',
      `${name}: the site shows ${shown.votes} votes, the record holds ${votesNow[q.index]}`,
      where,
      true,
    );
  } else if (shown.votes > votesNow[q.index]) {
    note(
      'site-count-ahead',
      `${name}: the site shows ${shown.votes} votes, ${shown.votes - votesNow[q.index]} more than the record holds yet`,
      where,
    );
  }
}

function compareStatus(
  name: string,
  list: QuestionListName,
  shown: SiteQuestion,
  q: RecordedQuestion,
  marked: QuestionMark,
  problem: Problem,
  note: Note,
  where: Where,
): void {
  const restoredSince = q.restores > marked.restores;
  const recorded = questionStatus(q);
  if (marked.status === 'merged') {
    problem(
      'api-status-mismatch',
      `${name}: the record merged it into ${q.into}, and a merged question is never listed again`,
      where,
    );
  } else if ((list === 'popular' || list === 'recent') && marked.status === 'answered') {
    problem(
      'api-status-mismatch',
      `${name}: the record answered it, and an answered question is never published again`,
      where,
    );
  } else if (list !== 'hidden' && marked.status === 'hidden' && !restoredSince) {
    problem(
      'api-status-mismatch',
      `${name}: the record hid it (${marked.hiddenReason}) and has not restored it`,
      where,
      true,
    );
  } else if (
    list === 'hidden' &&
    marked.status === 'hidden' &&
    shown.hiddenReason !== marked.hiddenReason &&
    q.hides === marked.hides &&
    !restoredSince
  ) {
    problem(
      'api-status-mismatch',
      `${name}: the site gives the reason ${shown.hiddenReason}, the record ${marked.hiddenReason}`,
      where,
      true,
    );
  } else if (listOf(recorded) !== list && !(list === 'recent' && recorded === 'published')) {
    note('not-yet-in-record', `${name}: the record has it ${recorded} yet`, where);
  }
}

function listOf(status: string): QuestionListName | null {
  return status === 'published' ? 'popular' : status === 'answered' || status === 'hidden' ? status : null;
}

function readSiteEvent(value: unknown): SiteEvent | null {
  if (!isObject(value) || !isObject(value.counts)) return null;
  const c = value.counts;
  const numbers = ['asked', 'published', 'answered', 'pending', 'merged', 'votes'] as const;
  if (!numbers.every((k) => isCount(c[k])) || !isObject(c.hidden) || !Object.values(c.hidden).every(isCount))
    return null;
  const optional = (key: string) => (typeof value[key] === 'string' ? value[key] : null);
  const [title, addressee, description] = [optional('title'), optional('addressee'), optional('description')];
  // The API gives the event's rules for asking, moderation among them, as `rules`.
  const rules = isObject(value.rules) ? value.rules : {};
  return {
    counts: {
      asked: c.asked as number,
      published: c.published as number,
      answered: c.answered as number,
      pending: c.pending as number,
      merged: c.merged as number,
      votes: c.votes as number,
      hidden: { ...c.hidden } as Record<string, number>,
    },
    status: optional('status'),
    moderation: typeof rules.moderation === 'string' ? rules.moderation : optional('moderation'),
    text: title !== null && addressee !== null && description !== null ? { title, addressee, description } : null,
  };
}

function readSiteQuestions(value: unknown): SiteQuestion[] | null {
  // The list itself, or an object holding it as `questions` (with the event's counts and pinned question).
  const list = Array.isArray(value)
    ? value
    : isObject(value) && Array.isArray(value.questions)
      ? value.questions
      : null;
  if (list === null || !list.every(isSiteQuestion)) return null;
  return list;
}

function isSiteQuestion(value: unknown): value is SiteQuestion {
  return (
    isObject(value) &&
    typeof value.id === 'string' &&
    (value.text === null || typeof value.text === 'string') &&
    typeof value.sha256 === 'string' &&
    isCount(value.votes) &&
    typeof value.status === 'string' &&
    (value.hiddenReason === null || typeof value.hiddenReason === 'string')
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isCount(value: unknown): boolean {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}
