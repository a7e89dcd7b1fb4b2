import type { ActionContext } from '../actions/context.ts';
import type { Mailer } from '../mail/mailer.ts';
import { addUpTallies } from '../store/tallies.ts';
import { sendMail } from './send-mail.ts';
import { closeExpiredPetitions } from './close-expired-petitions.ts';
import { purgeClosedSignerHashes } from './purge-closed-signer-hashes.ts';
import { closeEndedEvents } from './close-ended-events.ts';
import { forgetExpiredSignatures } from './forget-expired-signatures.ts';
import { forgetOldMail } from './forget-old-mail.ts';
import { notifyOrganisers } from './notify-organisers.ts';

const TALLY_BATCH = 5000;

/** Logger is the part of pino the jobs use. */
interface Logger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * runJobs starts the periodic jobs: folding new entries into tallies and sending mail on every tick; every minute
 * (and on the first tick, so a restart after a crash cleans up at once) closing petitions past their deadline,
 * forgetting old signer hashes, pending signatures that can no longer be confirmed and mail nobody needs, closing
 * ended events, and writing the emails organisers asked for (a goal reached, the daily summary, questions waiting).
 * Returns a function that stops them after the running tick has finished.
 */
export function runJobs(ctx: ActionContext, mailer: Mailer, log: Logger): () => Promise<void> {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let lastMinute = 0;
  const tick = async () => {
    // A full batch means more are waiting (after a burst, or a bulk demo): keep folding, a bounded number of times.
    for (let i = 0; i < 40 && (await addUpTallies(ctx.store.db, TALLY_BATCH)) === TALLY_BATCH; i++);
    await sendMail(ctx, mailer, log);
    if (ctx.now() - lastMinute >= 60_000) {
      lastMinute = ctx.now();
      await closeExpiredPetitions(ctx);
      await purgeClosedSignerHashes(ctx);
      await forgetExpiredSignatures(ctx);
      await forgetOldMail(ctx);
      await closeEndedEvents(ctx);
      await notifyOrganisers(ctx);
    }
  };
  const timer = setInterval(() => {
    if (stopped) return;
    running = running.then(tick).catch((error) => log.error({ err: error }, 'job failed'));
  }, ctx.config.jobTickMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
