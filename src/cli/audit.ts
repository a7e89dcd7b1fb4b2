import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { auditRecord } from '../audit/audit-record.ts';
import { AuditUsageError } from '../audit/audit-state.ts';
import { readLocation } from '../audit/open-record.ts';
import { formatReport } from '../audit/format-report.ts';
import { ProgressBar } from '../audit/progress-bar.ts';
import type { ProgressStream } from '../audit/progress-bar.ts';
import { AuditNetworkError } from '../audit/record-reader.ts';

/** auditUsage is the help of the audit command, named as the person runs it (`veche audit`, `node veche-audit.mjs`). */
export function auditUsage(program: string): string {
  return `Usage: ${program} <site-or-mirror> [--policy <file>] [--key <verifier key>] [--state <file>] [--json]

Downloads the public record of a Veche site, verifies the signed checkpoint, every tile and every entry, checks that
the record is consistent with the checkpoint verified last time, recomputes every count and compares it with the
site's API. <site-or-mirror> is the site's address (https://veche.example), a mirror's address, or a mirror's folder
(a path or a file: URL): a mirror is audited exactly as the site. Exit status: 0 all consistent, 1 a discrepancy,
2 a usage or network error.

  --policy <file>    the record's witness policy (c2sp.org/tlog-policy), saved from the site's /log/policy and checked
                     with the witnesses: the checkpoint must be signed by its log's key and cosigned by its quorum
                     of witnesses, or the audit fails. Without it, the policy the site serves now (weaker: a site
                     under pressure could serve another)
  --key <key>        the log's verifier key (name+keyid+base64); without it, the key pinned in the state file, or
                     on the first audit the one the site serves at /log/key (trust on first use)
  --state <file>     where the pinned key and last checkpoint are kept
                     (default $XDG_CONFIG_HOME/veche-audit/<origin>.json, ~/.config unless set)
  --json             print the report as JSON
  --concurrency <n>  requests in flight at once (default 8)
  --settle <s>       seconds to wait for the record to catch up with a site count lower than it (default 5)
`;
}

/** AuditIo is where the audit writes: the report to stdout, progress and errors to stderr. */
export interface AuditIo {
  /** stdout's write calls `done` once the text is handed on, so that exiting right after loses none of it. */
  stdout: { write(text: string, done: () => void): unknown };
  stderr: ProgressStream;
  env: NodeJS.ProcessEnv;
}

/** runAudit runs `veche audit` with its arguments and returns the exit status: 0 consistent, 1 discrepancy, 2 error. */
export async function runAudit(
  args: string[],
  io: AuditIo = { stdout: process.stdout, stderr: process.stderr, env: process.env },
  program = 'veche audit',
): Promise<number> {
  let options;
  try {
    options = readOptions(args, io.env, program);
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n\n${auditUsage(program)}`);
    return 2;
  }
  if (options === null) {
    await new Promise<void>((done) => io.stdout.write(auditUsage(program), done));
    return 0;
  }
  const bar = new ProgressBar(io.stderr, 'entries');
  try {
    const report = await auditRecord({ ...options, onProgress: (done, total) => bar.update(done, total) });
    bar.clear();
    const text = options.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report);
    await new Promise<void>((done) => io.stdout.write(text, done));
    return report.ok ? 0 : 1;
  } catch (error) {
    bar.clear();
    if (error instanceof AuditNetworkError || error instanceof AuditUsageError) {
      io.stderr.write(`${program}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

function readOptions(args: string[], env: NodeJS.ProcessEnv, program: string) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      key: { type: 'string' },
      policy: { type: 'string' },
      state: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      concurrency: { type: 'string' },
      settle: { type: 'string' },
    },
  });
  if (values.help) return null;
  if (positionals.length !== 1)
    throw new Error(`give one site, mirror or folder, e.g. ${program} https://veche.example`);
  const location = positionals[0];
  readLocation(location); // throws a usage error naming what is wrong
  const concurrency = values.concurrency === undefined ? 8 : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
    throw new Error('--concurrency must be a whole number from 1 to 64');
  const settle = values.settle === undefined ? 5 : Number(values.settle);
  if (!Number.isFinite(settle) || settle < 0 || settle > 600)
    throw new Error('--settle must be a number of seconds from 0 to 600');
  let policy: { text: string; path: string } | undefined;
  if (values.policy !== undefined) {
    try {
      policy = { text: readFileSync(values.policy, 'utf8'), path: values.policy };
    } catch (error) {
      throw new Error(
        `cannot read the policy file ${values.policy}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
  }
  return {
    location,
    policy,
    key: values.key?.trim(),
    json: values.json === true,
    concurrency,
    settleMs: settle * 1000,
    statePath: values.state,
    env,
  };
}
