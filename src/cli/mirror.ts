import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AuditUsageError } from '../audit/audit-state.ts';
import { readLocation } from '../audit/open-record.ts';
import { AuditNetworkError } from '../audit/record-reader.ts';
import { updateMirror } from '../mirror/update-mirror.ts';
import type { MirrorUpdate } from '../mirror/update-mirror.ts';
import type { AuditIo } from './audit.ts';

/** mirrorUsage is the help of the mirror command, named as the person runs it. */
export function mirrorUsage(program: string): string {
  return `Usage: ${program} <site-or-mirror> <folder> [--key <verifier key>] [--watch] [--every <seconds>]

Makes, or brings up to date, a verified copy of a Veche site's public record in <folder>: the signed checkpoint, every
tile and entry bundle (laid out as the site's /log/, c2sp.org/tlog-tiles), and the site's counts an audit compares
them with. Each new checkpoint is verified against the key and proved consistent with the one the folder holds before
anything is copied; one that is not (a smaller one, or another history) is refused, kept under evidence/, and the
folder keeps what it had. Any static web server, object store or USB stick can serve the folder; audit it with
  node veche-audit.mjs <its address or the folder>
Exit status: 0 up to date, 1 the source was refused, 2 a usage or network error.

  --key <key>        the log's verifier key (name+keyid+base64); without it, the one the folder holds, or on the
                     first copy the one the source serves at /log/key (trust on first use)
  --watch            keep the copy up to date until stopped (a network failure is told and tried again)
  --every <seconds>  how often --watch looks for a new checkpoint (default 60)
  --concurrency <n>  requests in flight at once (default 8)
`;
}

/** runMirror runs the mirror command and returns the exit status: 0 up to date, 1 refused, 2 error. */
export async function runMirror(
  args: string[],
  io: AuditIo = { stdout: process.stdout, stderr: process.stderr, env: process.env },
  program = 'veche mirror',
  auditorFile: string | null = null,
): Promise<number> {
  let options;
  try {
    options = readOptions(args, program);
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n\n${mirrorUsage(program)}`);
    return 2;
  }
  if (options === null) {
    await new Promise<void>((done) => io.stdout.write(mirrorUsage(program), done));
    return 0;
  }
  const auditor = readAuditor(auditorFile);
  for (;;) {
    try {
      const update = await updateMirror({ ...options, auditor });
      await new Promise<void>((done) => io.stdout.write(describe(update, options.folder), done));
      if (update.outcome === 'refused') return 1;
    } catch (error) {
      if (!(error instanceof AuditNetworkError || error instanceof AuditUsageError)) throw error;
      io.stderr.write(`${program}: ${error.message}\n`);
      if (!options.watch || error instanceof AuditUsageError) return 2;
    }
    if (!options.watch) return 0;
    await new Promise((resolve) => setTimeout(resolve, options.everyMs));
  }
}

function describe(update: MirrorUpdate, folder: string): string {
  const n = (value: number) => value.toLocaleString('en-US');
  const time = new Date().toISOString().slice(0, 19).replace('T', ' ');
  switch (update.outcome) {
    case 'created':
      return `${time} ${folder}: a copy of ${update.origin}, ${n(update.size)} entries verified (the site's counts read after ${n(update.after!)})\n`;
    case 'updated':
      return `${time} ${folder}: ${n(update.previous!)} → ${n(update.size)} entries, consistent with the copy held (the site's counts read after ${n(update.after!)})\n`;
    case 'unchanged':
      return `${time} ${folder}: no new entries (${n(update.size)}); the site's counts read again\n`;
    case 'refused': {
      const bar = '!'.repeat(78);
      const evidence =
        update.evidence.length > 0
          ? `\n!! The signed checkpoints that contradict each other are kept in ${update.evidence.map((p) => folder + p).join(' and ')}:\n!! together they prove it. Keep them, and tell people you trust.`
          : '';
      return `${bar}\n!! REFUSED: ${update.problem}.\n!! The mirror keeps the copy it held (${n(update.size)} entries).${evidence}\n${bar}\n`;
    }
  }
}

function readAuditor(file: string | null): Uint8Array | null {
  if (file === null) return null;
  try {
    return readFileSync(file);
  } catch {
    return null; // a checkout without the built auditor: the mirror offers none
  }
}

function readOptions(args: string[], program: string) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      key: { type: 'string' },
      watch: { type: 'boolean' },
      every: { type: 'string' },
      concurrency: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return null;
  if (positionals.length !== 2)
    throw new Error(`give a site (or mirror) and a folder, e.g. ${program} https://veche.example ./veche-mirror`);
  const [location, folder] = positionals;
  readLocation(location);
  const every = values.every === undefined ? 60 : Number(values.every);
  if (!Number.isFinite(every) || every < 1 || every > 86_400)
    throw new Error('--every must be a number of seconds from 1 to 86400');
  const concurrency = values.concurrency === undefined ? 8 : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
    throw new Error('--concurrency must be a whole number from 1 to 64');
  return {
    location,
    folder,
    key: values.key?.trim(),
    watch: values.watch === true,
    everyMs: every * 1000,
    concurrency,
  };
}
