// veche-audit.ts is the entry of the single-file auditor, dist/veche-audit.mjs (scripts/build-auditor.ts): the audit,
// the mirror and the monitor, for anyone with Node.js 20 or newer and nothing else — no checkout, no npm, no account.
//
//   node veche-audit.mjs <site-or-mirror> [--key K]       audit a record (node veche-audit.mjs --help)
//   node veche-audit.mjs mirror <site-or-mirror> <folder>  make or update a verified copy of it
//   node veche-audit.mjs monitor <site-or-mirror>...       watch for a split view
import { fileURLToPath } from 'node:url';
import { runAudit } from './audit.ts';
import { runMirror } from './mirror.ts';
import { runMonitor } from './monitor.ts';

const program = 'node veche-audit.mjs';
const [command, ...rest] = process.argv.slice(2);
const io = { stdout: process.stdout, stderr: process.stderr, env: process.env };
// Built, this file is the auditor itself, and a mirror made with it offers it for download beside the record.
const self = import.meta.url.endsWith('.mjs') ? fileURLToPath(import.meta.url) : null;

const run =
  command === 'mirror'
    ? runMirror(rest, io, `${program} mirror`, self)
    : command === 'monitor'
      ? runMonitor(rest, io, `${program} monitor`)
      : runAudit(process.argv.slice(2), io, program);

run.then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
