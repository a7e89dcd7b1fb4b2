import type { ActionContext } from './context.ts';
import { assertLogAccepting } from './assert-log-accepting.ts';
import { findEvent } from './organise-event.ts';
import { questionIndexesOf } from './question-indexes.ts';
import { questionView, type QuestionView } from './question-view.ts';
import { VecheError } from '../domain/errors.ts';
import { InputReader } from '../domain/input.ts';
import { randomId } from '../crypto/tokens.ts';
import { questionTextHash } from '../record/entry-hashes.ts';
import * as questions from '../store/questions.ts';
import { lockedEvent } from '../store/events.ts';
import { queueEntries } from '../store/record-queue.ts';
import type { EventRow, QuestionRow } from '../store/schema.ts';

/** AskResult: the question was stored (published at once, or waiting for a moderator), or similar ones were found first. */
export type AskResult =
  | { kind: 'asked'; question: string; status: 'published' | 'pending' }
  | { kind: 'similar'; similar: QuestionView[] };

/** questionLimits: a name's length; a question's length is the event's own. */
export const questionLimits = { name: 80 } as const;

/** assertEventOpen throws `event-not-open` unless the event takes questions and votes now. */
export function assertEventOpen(event: EventRow, now: number): void {
  if (event.status !== 'open' || Number(event.ends_at) <= now)
    throw new VecheError('event-not-open', 'This event is not taking questions or votes.');
}

/**
 * askQuestion stores a question and queues `question.added` (with the text's SHA-256, never the text) in the same
 * transaction. Unless `anyway` is set, it first looks for questions already asked that say the same, and returns
 * those instead so the person can vote for one; sent again with `anyway`, the question is stored.
 */
export async function askQuestion(
  ctx: ActionContext,
  code: string,
  raw: unknown,
  ignore: string[] = [],
): Promise<AskResult> {
  const event = await findEvent(ctx, code);
  assertEventOpen(event, ctx.now());
  const input = new InputReader(raw);
  input.ignore(...ignore);
  const text = input.text('text', { max: Number(event.max_length), required: true, multiline: true });
  const name = input.text('name', { max: questionLimits.name });
  const anyway = input.flag('anyway');
  if (name === null && !event.anonymous_allowed && text !== null) input.add('name', 'name-required');
  input.done();
  assertLogAccepting(ctx);

  const eventId = Number(event.id);
  const indexes = questionIndexesOf(ctx.store);
  const matches = await similarRows(ctx, eventId, text!, 5);
  if (!anyway) {
    const visible = matches.filter((q) => q.status === 'published' || q.status === 'answered');
    if (visible.length > 0)
      return { kind: 'similar', similar: visible.slice(0, 3).map((q) => questionView(q, 'public')) };
  }
  const group = matches.find((q) => q.status !== 'hidden' && q.status !== 'merged');
  const status = event.moderation === 'before' ? ('pending' as const) : ('published' as const);
  const publicId = `q${randomId(10)}`;
  const sha256 = questionTextHash(text!);
  const id = await ctx.store.writes.run(async (trx) => {
    const locked = await lockedEvent(trx, eventId, ctx.store.dialect, 'share');
    assertEventOpen(locked!, ctx.now());
    const id = await questions.insertQuestion(trx, {
      public_id: publicId,
      event_id: eventId,
      status,
      hidden_reason: null,
      restore_status: null,
      merged_into: null,
      group_id: group ? Number(group.group_id) : 0,
      author_name: name,
      text: text!,
      text_sha256: sha256,
      votes: 0,
      asked_minute: Math.floor(ctx.now() / 60_000),
      answered_minute: null,
    });
    // A question like no other starts its own group, named by its own row id.
    if (!group) await trx.updateTable('questions').set({ group_id: id }).where('id', '=', id).execute();
    await queueEntries(trx, [
      {
        petitionId: null,
        eventId,
        delta: 0,
        entry: { type: 'question.added', v: 1, event: event.code, question: publicId, sha256, status },
      },
    ]);
    return id;
  });
  indexes.added(eventId, id, text!);
  ctx.events.changed(event.code);
  return { kind: 'asked', question: publicId, status };
}

/** findSimilarQuestions returns the published or answered questions of an event like `text`, best first, for suggestions. */
export async function findSimilarQuestions(
  ctx: ActionContext,
  code: string,
  text: string,
  limit = 3,
): Promise<QuestionView[]> {
  const event = await findEvent(ctx, code);
  const trimmed = text
    .normalize('NFC')
    .trim()
    .slice(0, Number(event.max_length) + 100);
  if ([...trimmed].length < 3) return [];
  const rows = await similarRows(ctx, Number(event.id), trimmed, limit + 5);
  return rows
    .filter((q) => q.status === 'published' || q.status === 'answered')
    .slice(0, limit)
    .map((q) => questionView(q, 'public'));
}

/** similarRows reads the questions the index finds like `text`, best first; merged ones are replaced by their target. */
async function similarRows(ctx: ActionContext, eventId: number, text: string, limit: number): Promise<QuestionRow[]> {
  const db = ctx.store.db;
  const found = await questionIndexesOf(ctx.store).similar(db, eventId, text, limit);
  const rows = await questions.findQuestionsByIds(
    db,
    found.map((f) => f.id),
  );
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  const out: QuestionRow[] = [];
  const seen = new Set<number>();
  for (const f of found) {
    let row = byId.get(f.id);
    for (let hops = 0; row && row.status === 'merged' && row.merged_into !== null && hops < 5; hops++) {
      row = await questions.findQuestionById(db, Number(row.merged_into));
    }
    if (row && !seen.has(Number(row.id))) {
      seen.add(Number(row.id));
      out.push(row);
    }
  }
  return out;
}
