import type { ActionContext } from '../actions/context.ts';
import type { Transaction } from '../store/open-store.ts';
import { sealText } from '../crypto/email-cipher.ts';
import { unsubscribeKey, unsubscribeToken } from '../crypto/unsubscribe-token.ts';
import { questionNoticeGap, siteDay, type NoticeKind, type PetitionProgress } from '../domain/notices.ts';
import { noticeParams, type NoticeContent } from '../mail/render-notice.ts';
import { enqueueMail } from '../store/mail-queue.ts';
import { countAll } from '../store/tallies.ts';
import {
  claimNotice,
  eventsWaitingFor,
  keepSummaryCounts,
  lastNoticeAt,
  noticeRecipient,
  noticeRecipients,
  publishedPetitionsOf,
  summaryCounts,
  unannouncedGoals,
  type NoticeRecipient,
  type OwnPetition,
} from '../store/notices.ts';

/** NoticesWritten counts the emails one run queued, by kind. */
export type NoticesWritten = Record<NoticeKind, number>;

/**
 * notifyOrganisers queues the emails organisers and moderators asked for about their own petitions and events: a
 * petition's goal reached (once per petition), the daily summary (once per day of the site's clock, from
 * VECHE_SUMMARY_HOUR), and questions waiting for moderation (at most once an hour, and only when one came since the
 * last). Each email is claimed (src/store/notices.ts) in the transaction that queues it: a crash before the commit
 * leaves neither, after it both, and another node or a second run finds the claim and writes nothing. The queue and
 * sendMail do the rest, as for every email; the outbox keeps these as notes (an hour, without the address).
 */
export async function notifyOrganisers(ctx: ActionContext): Promise<NoticesWritten> {
  return {
    goal: await announceGoals(ctx),
    summary: await sendDailySummaries(ctx),
    questions: await announceWaitingQuestions(ctx),
  };
}

/** announceGoals tells each owner who wants it, once, that a petition of theirs has as many signatures as its goal. */
async function announceGoals(ctx: ActionContext): Promise<number> {
  const candidates = await unannouncedGoals(ctx.store.db);
  if (candidates.length === 0) return 0;
  const counts = await countAll(
    ctx.store.db,
    candidates.map((c) => c.id),
  );
  let written = 0;
  for (const petition of candidates) {
    const total = counts.get(petition.id) ?? 0;
    if (total < petition.goal!) continue;
    written += await ctx.store.transaction(async (trx) => {
      // Read again inside: the owner may have turned these off, or the address away, since the list was made.
      const to = await noticeRecipient(trx, petition.ownerId, 'goal');
      if (!to || !(await claimNotice(trx, to.accountId, 'goal', petition.publicId, ctx.now()))) return 0;
      await queueNotice(ctx, trx, to, {
        template: 'goal-reached',
        petition: progressOf(petition, total, 0),
      });
      return 1;
    });
  }
  return written;
}

/**
 * sendDailySummaries writes, once the site's day reaches the summary hour, each wanting person's summary of that day:
 * every published petition of theirs whose count changed since their last summary, or that is still open, with the
 * change, the total and the progress to its goal. A day with no change is claimed too, and sends nothing.
 */
async function sendDailySummaries(ctx: ActionContext): Promise<number> {
  const { day, hour } = siteDay(ctx.now(), ctx.config.timeZone);
  if (hour < ctx.config.summaryHour) return 0;
  let written = 0;
  for (const recipient of await noticeRecipients(ctx.store.db, 'summary', day)) {
    written += await ctx.store.transaction(async (trx) => {
      const to = await noticeRecipient(trx, recipient.accountId, 'summary');
      if (!to || !(await claimNotice(trx, to.accountId, 'summary', day, ctx.now()))) return 0;
      const petitions = await publishedPetitionsOf(trx, to.accountId);
      const ids = petitions.map((p) => p.id);
      const [counts, before] = await Promise.all([countAll(trx, ids), summaryCounts(trx, ids)]);
      await keepSummaryCounts(trx, counts, ctx.now());
      const lines = petitions.map((p) => progressOf(p, counts.get(p.id) ?? 0, before.get(p.id) ?? 0));
      if (lines.every((line) => line.added === 0)) return 0;
      const shown = lines.filter((line, i) => line.added !== 0 || petitions[i].status === 'open');
      await queueNotice(ctx, trx, to, { template: 'daily-summary', petitions: shown });
      return 1;
    });
  }
  return written;
}

/** announceWaitingQuestions tells each wanting person, at most hourly, that questions wait at their events. */
async function announceWaitingQuestions(ctx: ActionContext): Promise<number> {
  const now = ctx.now();
  let written = 0;
  for (const recipient of await noticeRecipients(ctx.store.db, 'questions')) {
    const last = await lastNoticeAt(ctx.store.db, recipient.accountId, 'questions');
    if (last !== null && now - last < questionNoticeGap) continue;
    const events = await eventsWaitingFor(ctx.store.db, recipient.accountId);
    // Questions kept to the minute: one asked in the minute of the last email may be told of twice, never missed.
    if (!events.some((e) => last === null || (e.newestMinute + 1) * 60_000 > last)) continue;
    written += await ctx.store.transaction(async (trx) => {
      const to = await noticeRecipient(trx, recipient.accountId, 'questions');
      if (!to || !(await claimNotice(trx, to.accountId, 'questions', String(Math.floor(now / questionNoticeGap)), now)))
        return 0;
      const waiting = events.map((e) => ({
        title: e.title,
        language: e.language,
        path: `/moderate/${e.code}`,
        waiting: e.waiting,
      }));
      await queueNotice(ctx, trx, to, { template: 'questions-waiting', events: waiting });
      return 1;
    });
  }
  return written;
}

function progressOf(petition: OwnPetition, total: number, before: number): PetitionProgress {
  return {
    title: petition.title,
    language: petition.language,
    path: `/admin/petitions/${petition.publicId}`,
    total,
    added: total - before,
    goal: petition.goal,
  };
}

/** queueNotice puts a notice in the mail queue, in the claim's transaction, with the link that stops its kind. */
async function queueNotice(
  ctx: ActionContext,
  trx: Transaction,
  to: NoticeRecipient,
  notice: NoticeContent,
): Promise<void> {
  const kind: NoticeKind =
    notice.template === 'daily-summary' ? 'summary' : notice.template === 'goal-reached' ? 'goal' : 'questions';
  const unsubscribe = unsubscribeToken(unsubscribeKey(ctx.secrets.hashing), to.accountId, kind);
  const params = noticeParams(notice, unsubscribe);
  await enqueueMail(
    trx,
    {
      recipientSealed: to.addressSealed,
      language: to.language,
      template: notice.template,
      paramsSealed: sealText(ctx.secrets.encryption, JSON.stringify(params)),
    },
    ctx.now(),
  );
}
