import pg from 'pg';
import { testDatabaseUrl } from './database.ts';

/** inCi is true when CI is set: there a test that cannot reach what it needs fails instead of skipping. */
export const inCi = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';

/** PostgresReach says whether the test server answers, and what a PostgreSQL test should do about it. */
export interface PostgresReach {
  /** problem is why the server cannot be used, or null when it can. */
  problem: string | null;
  /** skip is the reason to skip (outside CI only, announced loudly on stderr), or false to run. */
  skip: string | false;
}

/**
 * postgresReach connects to the test server (VECHE_TEST_DATABASE_URL). Outside CI an unreachable server skips the
 * PostgreSQL tests with a loud notice; in CI they run, and must fail on `problem`.
 */
export async function postgresReach(): Promise<PostgresReach> {
  const client = new pg.Client({ connectionString: testDatabaseUrl(), connectionTimeoutMillis: 3000 });
  client.on('error', () => {
    /* reported through connect() or query() */
  });
  let problem: string | null = null;
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    problem = (error as Error).message || String(error);
  } finally {
    await client.end().catch(() => {});
  }
  if (problem === null || inCi) return { problem, skip: false };
  const skip = `PostgreSQL is unreachable (${problem}): the PostgreSQL rounds did NOT run. In CI this is a failure.`;
  process.stderr.write(`\n${'!'.repeat(100)}\n!!! ${skip}\n${'!'.repeat(100)}\n\n`);
  return { problem, skip };
}
