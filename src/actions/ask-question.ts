import type { ActionContext } from './context.ts';
import { assertLogAccepting } from './assert-log-accepting.ts';
import { findEvent } from './find-event.ts';
import { questionIndexesOf } from './question-indexes.ts';
import { similarQuestions } from './similar-questions.ts';
import { questionView, type QuestionView } from '../read/question-view.ts';
import { InputReader } from '../domain/input.ts';
import { randomId } from '../crypto/tokens.ts';
import { questionTextHash } from '../record/entry-hashes.ts';
import * as questions from '../store/questions.ts';
import { lockEvent } from '../store/events.ts';
import { queueEntries } from '../store/record-queue.ts';
import { assertEventOpen } from './assert-event-open.ts';

/** AskResult: the question was stored (published at once, or waiting for a moderator), or similar ones were found first. */
export type AskResult =
  | { kind: 'asked'; question: string; status: 'published' | 'pending' }
  | { kind: 'similar'; similar: QuestionView[] };

/** questionLimits: a name's length; a question's length is the event's own. */
export const questionLimits = { name: 80 } as const;

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
  const text = input.text('text', { max: Number(event.maxLength), required: true, multiline: true });
  const name = input.text('name', { max: questionLimits.name });
  const anyway = input.flag('anyway');
  if (name === null && !event.anonymousAllowed && text !== null) input.add('name', 'name-required');
  input.done();
  assertLogAccepting(ctx);

  const eventId = Number(event.id);
  const indexes = questionIndexesOf(ctx.store);
  const matches = await similarQuestions(ctx, eventId, text!, 5);
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
    const locked = await lockEvent(trx, eventId, 'share');
    assertEventOpen(locked!, ctx.now());
    const id = await questions.insertQuestion(trx, {
      publicId: publicId,
      eventId: eventId,
      status,
      hiddenReason: null,
      restoreStatus: null,
      mergedInto: null,
      groupId: group ? group.groupId : null,
      authorName: name,
      text: text!,
      textSha256: sha256,
      votes: 0,
      askedMinute: Math.floor(ctx.now() / 60_000),
      answeredMinute: null,
    });
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
