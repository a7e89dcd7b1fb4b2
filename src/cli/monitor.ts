import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readLocation } from '../audit/open-record.ts';
import { defaultMonitorFolder } from '../monitor/monitor-state.ts';
import { watchRecords } from '../monitor/watch-records.ts';
import type { WatchRound } from '../monitor/watch-records.ts';
import type { AuditIo } from './audit.ts';

/** monitorUsage is the help of the monitor command, named as the person runs it. */
export function monitorUsage(program: string): string {
  return `Usage: ${program} <site-or-mirror>... [--state <folder>] [--key <verifier key>]... [--gossip <witness URL>]... [--policy <file>] [--every <seconds>] [--once]

Follows the public records of one or more Veche sites and their mirrors (addresses or folders). It keeps every signed
checkpoint it sees, and checks each new one against all it kept of the same log, from every source: two checkpoints
that show different histories (the same size with different roots, or one that is not a prefix of the other) are a
split view; a source serving a smaller checkpoint than before has gone back. Either stops it with exit status 1 and
a loud message naming both checkpoints, kept as evidence. It also asks the log's witnesses (those its policy names,
/log/policy, where they serve what they cosigned) for the latest checkpoint each cosigned, and checks it the same way:
a witness shown another history is a split view too.

  --state <folder>   where checkpoints and evidence are kept (default $XDG_STATE_HOME/veche-monitor,
                     ~/.local/state unless set)
  --key <key>        a log's verifier key (name+keyid+base64), pinning the log it names; without it, the key a source
                     serves on the first look (trust on first use). May be given once per log
  --gossip <url>     a witness (its add-checkpoint prefix, c2sp.org/tlog-witness) to hand each new consistent
                     checkpoint to, with the consistency proof from the last one it holds; may be repeated. The
                     witness must witness the log (know its key)
  --policy <file>    a witness policy saved earlier (c2sp.org/tlog-policy): ask its witnesses, not the site's
  --every <seconds>  how often to look (default 60)
  --once             look once and exit: 0 all consistent, 1 an alarm, 2 a source or a witness could not be read
                     or refused a checkpoint
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
    const round = await watchRecords(options.locations, {
      folder: options.folder,
      keys: options.keys,
      gossip: options.gossip,
      policy: options.policy,
    });
    await new Promise<void>((done) => io.stdout.write(describe(round), done));
    if (round.alarms.length > 0) return 1;
    const refused = round.gossip.filter((g) => g.outcome === 'refused' || g.outcome === 'failed').length;
    if (options.once) return round.unreachable > 0 || refused > 0 ? 2 : 0;
    await new Promise((resolve) => setTimeout(resolve, options.everyMs));
  }
}

function describe(round: WatchRound): string {
  const time = new Date().toISOString().slice(0, 19).replace('T', ' ');
  const lines = round.seen.map(
    (s) => `${time} ${s.location}: ${s.origin}, ${s.size.toLocaleString('en-US')} entries, consistent with all seen`,
  );
  for (const note of round.notes) lines.push(`${time} note: ${note}`);
  for (const g of round.gossip) {
    const verdict =
      g.outcome === 'cosigned' || g.outcome === 'current' ? 'gossip' : `gossip ${g.outcome.toUpperCase()}`;
    lines.push(`${time} ${verdict} to ${g.url}: ${g.origin}: ${g.message}`);
  }
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
      gossip: { type: 'string', multiple: true },
      policy: { type: 'string' },
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
  const gossip = (values.gossip ?? []).map((url) => url.trim().replace(/\/+$/, ''));
  for (const url of gossip) {
    if (!/^https?:\/\/[^\s?#]+$/.test(url))
      throw new Error(`--gossip ${url}: give a witness's http(s) address, without query or fragment`);
  }
  let policy: string | undefined;
  if (values.policy !== undefined) {
    try {
      policy = readFileSync(values.policy, 'utf8');
    } catch (error) {
      throw new Error(
        `cannot read the policy file ${values.policy}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
  }
  return {
    gossip,
    policy,
    locations: positionals,
    folder: values.state ?? defaultMonitorFolder(env),
    keys: (values.key ?? []).map((k) => k.trim()),
    everyMs: every * 1000,
    once: values.once === true,
  };
}
