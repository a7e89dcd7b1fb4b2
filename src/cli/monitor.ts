import { parseArgs } from 'node:util';
import { readLocation } from '../audit/open-record.ts';
import { defaultMonitorFolder } from '../monitor/monitor-state.ts';
import { watchRecords } from '../monitor/watch-records.ts';
import type { WatchRound } from '../monitor/watch-records.ts';
import type { AuditIo } from './audit.ts';

/** monitorUsage is the help of the monitor command, named as the person runs it. */
export function monitorUsage(program: string): string {
  return `Usage: ${program} <site-or-mirror>... [--state <folder>] [--key <verifier key>]... [--every <seconds>] [--once]

Follows the public records of one or more Veche sites and their mirrors (addresses or folders). It keeps every signed
checkpoint it sees, and checks each new one against all it kept of the same log, from every source: two checkpoints
that show different histories (the same size with different roots, or one that is not a prefix of the other) are a
split view; a source serving a smaller checkpoint than before has gone back. Either stops it with exit status 1 and
a loud message naming both checkpoints, kept as evidence. It does not yet gossip checkpoints to witnesses.

  --state <folder>   where checkpoints and evidence are kept (default $XDG_STATE_HOME/veche-monitor,
                     ~/.local/state unless set)
  --key <key>        a log's verifier key (name+keyid+base64), pinning the log it names; without it, the key a source
                     serves on the first look (trust on first use). May be given once per log
  --every <seconds>  how often to look (default 60)
  --once             look once and exit: 0 all consistent, 1 an alarm, 2 a source could not be read
`;
}

/** runMonitor runs the monitor command; it returns only on an alarm (1), with --once, or on a usage error (2). */
export async function runMonitor(
  args: string[],
  io: AuditIo = { stdout: process.stdout, stderr: process.stderr, env: process.env },
  program = 'veche monitor',
): Promise<number> {
  let options;
  try {
    options = readOptions(args, io.env, program);
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n\n${monitorUsage(program)}`);
    return 2;
  }
  if (options === null) {
    await new Promise<void>((done) => io.stdout.write(monitorUsage(program), done));
    return 0;
  }
  for (;;) {
    const round = await watchRecords(options.locations, { folder: options.folder, keys: options.keys });
    await new Promise<void>((done) => io.stdout.write(describe(round), done));
    if (round.alarms.length > 0) return 1;
    if (options.once) return round.unreachable > 0 ? 2 : 0;
    await new Promise((resolve) => setTimeout(resolve, options.everyMs));
  }
}

function describe(round: WatchRound): string {
  const time = new Date().toISOString().slice(0, 19).replace('T', ' ');
  const lines = round.seen.map(
    (s) => `${time} ${s.location}: ${s.origin}, ${s.size.toLocaleString('en-US')} entries, consistent with all seen`,
  );
  for (const note of round.notes) lines.push(`${time} note: ${note}`);
  const bar = '!'.repeat(78);
  for (const alarm of round.alarms) {
    const title = { 'split-view': 'SPLIT VIEW', rollback: 'ROLLBACK', 'bad-signature': 'FORGED CHECKPOINT' }[
      alarm.kind
    ];
    lines.push(bar, `!! ${title} of ${alarm.origin}: ${alarm.message}.`);
    if (alarm.evidence.length > 0)
      lines.push(`!! Kept as evidence: ${alarm.evidence.join(' and ')}. Keep them, and tell people you trust.`);
    lines.push(bar);
  }
  return `${lines.join('\n')}\n`;
}

function readOptions(args: string[], env: NodeJS.ProcessEnv, program: string) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      state: { type: 'string' },
      key: { type: 'string', multiple: true },
      every: { type: 'string' },
      once: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return null;
  if (positionals.length === 0)
    throw new Error(
      `give at least one site or mirror, e.g. ${program} https://veche.example https://mirror.example/veche`,
    );
  for (const location of positionals) readLocation(location);
  const every = values.every === undefined ? 60 : Number(values.every);
  if (!Number.isFinite(every) || every < 1 || every > 86_400)
    throw new Error('--every must be a number of seconds from 1 to 86400');
  return {
    locations: positionals,
    folder: values.state ?? defaultMonitorFolder(env),
    keys: (values.key ?? []).map((k) => k.trim()),
    everyMs: every * 1000,
    once: values.once === true,
  };
}
