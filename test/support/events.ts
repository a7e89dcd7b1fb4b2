import type { Kysely } from 'kysely';
import type { Database } from '../../src/store/schema.ts';
import type { Actor } from '../../src/actions/context.ts';
import type { TestContext } from './database.ts';
import { createEvent } from '../../src/actions/create-event.ts';
import { listEntries } from '../../src/store/record-queue.ts';
import { askQuestion } from '../../src/actions/ask-question.ts';
import { findEvent } from '../../src/actions/find-event.ts';
import { readEventState } from '../../src/read/event-state.ts';

/** eventFields are a valid event form, around the test clock's start (12 March 2026, noon UTC), with overrides. */
export function eventFields(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Town hall with the regional governor',
    addressee: 'Governor of the region',
    description: 'Questions about the mobilised, housing and roads.',
    language: 'ru',
    timeZone: 'Europe/Moscow',
    startsAt: '2026-03-12T15:00',
    endsAt: '2026-03-12T23:00',
    moderation: 'after',
    anonymousAllowed: 'on',
    maxLength: '300',
    ...overrides,
  };
}

/** openEvent creates an event as `actor` and returns its join code. */
export function openEvent(ctx: TestContext, actor: Actor, overrides: Record<string, unknown> = {}): Promise<string> {
  return createEvent(ctx, actor, eventFields(overrides));
}

/** eventEntries returns the queued record entries that name an event, in queue order, parsed. */
export async function eventEntries(db: Kysely<Database>, code: string): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  for (let after = 0; ; ) {
    const rows = await listEntries(db, after, 1000);
    if (rows.length === 0) return found;
    for (const row of rows) {
      const entry = JSON.parse(row.body) as Record<string, unknown>;
      if (entry.event === code) found.push(entry);
    }
    after = Number(rows[rows.length - 1].id);
  }
}

/** votesFromRecord recomputes each question's votes as an auditor would: added less withdrawn, merges folded in. */
export function votesFromRecord(entries: Record<string, unknown>[]): Map<string, number> {
  const voteOn = new Map<string, string>();
  const withdrawn = new Set<string>();
  const mergedInto = new Map<string, string>();
  for (const e of entries) {
    if (e.type === 'vote.added') voteOn.set(String(e.vote), String(e.question));
    if (e.type === 'vote.withdrawn') withdrawn.add(String(e.vote));
    if (e.type === 'question.merged') mergedInto.set(String(e.question), String(e.into));
  }
  const counts = new Map<string, number>();
  for (const [vote, question] of voteOn) {
    if (withdrawn.has(vote)) continue;
    let on = question;
    for (let hops = 0; mergedInto.has(on) && hops < 100; hops++) on = mergedInto.get(on)!;
    counts.set(on, (counts.get(on) ?? 0) + 1);
  }
  return counts;
}

/** askAnyway asks a question in an event (even if it is like another) and returns its public id. */
export async function askAnyway(
  ctx: TestContext,
  code: string,
  text: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const result = await askQuestion(ctx, code, { text, anyway: '1', ...extra });
  if (result.kind !== 'asked') throw new Error(`the question was not asked: ${result.kind}`);
  return result.question;
}

/** questionVotes returns each question's count as a moderator's page shows it, answered questions included. */
export async function questionVotes(ctx: TestContext, code: string): Promise<Map<string, number>> {
  const event = await findEvent(ctx, code);
  const state = await readEventState(ctx, event, 'popular', 100, 'moderator');
  const answered = await readEventState(ctx, event, 'answered', 100, 'moderator');
  return new Map([...state.questions, ...answered.questions].map((q) => [q.id, q.votes]));
}
