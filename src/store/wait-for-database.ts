import { sql, type Kysely } from 'kysely';

/** DatabaseWait says how long to wait for a database that does not answer yet, and whom to tell meanwhile. */
export interface DatabaseWait {
  /** waitMs is how long to keep trying before giving up; 0 tries once. */
  waitMs: number;
  /** onRetry hears each failed attempt (at most one every few seconds), e.g. to log "waiting for PostgreSQL". */
  onRetry?: (reason: string, waitedMs: number) => void;
}

/** pingDatabase asks the database the smallest question (`select 1`), throwing when it does not answer. */
export async function pingDatabase<T>(db: Kysely<T>): Promise<void> {
  await sql`select 1`.execute(db);
}

/**
 * waitForDatabase runs `select 1` until the database answers or `waitMs` has passed, so that a node started beside its
 * database (compose, a reboot) waits for it instead of exiting at once. It throws an error naming `where` (the
 * database without its password) and the last reason.
 */
export async function waitForDatabase<T>(db: Kysely<T>, where: string, wait: DatabaseWait): Promise<void> {
  const started = Date.now();
  let delay = 250;
  let toldAt = -Infinity;
  for (;;) {
    try {
      await pingDatabase(db);
      return;
    } catch (error) {
      const reason = describe(error);
      const waited = Date.now() - started;
      if (waited + delay > wait.waitMs) {
        const tried = wait.waitMs > 0 ? ` for ${Math.round(waited / 1000)} s` : '';
        throw new Error(
          `cannot reach the database at ${where}${tried}: ${reason} (check DATABASE_URL and that PostgreSQL is ` +
            'running and accepts connections from this host)',
        );
      }
      if (waited - toldAt >= 5000) {
        wait.onRetry?.(reason, waited);
        toldAt = waited;
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 2000);
    }
  }
}

function describe(error: unknown): string {
  const e = error as { code?: string; message?: string; errors?: { message?: string }[] };
  const message = e.message || e.errors?.map((inner) => inner.message).join('; ') || String(error);
  return e.code && !message.includes(e.code) ? `${e.code}: ${message}` : message;
}
