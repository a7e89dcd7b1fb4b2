import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readConfig } from '../config.ts';
import { startApp } from '../start-app.ts';
import { openStore, migrateStore } from '../store/open-store.ts';

const usage = `Usage: veche <command> [options]

Commands:
  serve                     serve the site (PORT, HOST, VECHE_DATA, DATABASE_URL, ...; see README)
  migrate                   bring the database schema up to date and exit
  demo [--signatures N]     add a demo petition and N signatures (default 3000) through the real actions
  demo --serve              the same, then serve the site
  audit <url> [--key K]     verify a site's public record and recompute its counts (veche audit --help); <url>
                            may be a mirror's address or folder
  mirror <url> <folder>     make or update a verified copy of a site's record that any static host can serve
                            (veche mirror --help)
  monitor <url>...          follow records from several sites and mirrors, alarm on a split view or a rollback
                            (veche monitor --help)
  witness --name N --log K  run a witness that cosigns other logs' checkpoints (veche witness --help)
  recover-account <login>   for an admin locked out: switch the account on, turn its two-step sign-in off, end its
                            sessions, and print a one-time link to set a new password
`;

/** main runs one command of the `veche` program. */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'monitor') {
    const { runMonitor } = await import('./monitor.ts');
    return runMonitor(rest);
  }
  if (command === 'mirror') {
    const { runMirror } = await import('./mirror.ts');
    return runMirror(
      rest,
      undefined,
      'veche mirror',
      fileURLToPath(new URL('../../dist/veche-audit.mjs', import.meta.url)),
    );
  }
  if (command === 'audit') {
    // An auditor's command: it reads another site, so none of this server's configuration applies.
    const { runAudit } = await import('./audit.ts');
    return runAudit(rest);
  }
  if (command === 'witness') {
    // A witness serves other logs: it has its own key, data folder and settings (VECHE_WITNESS_*).
    const { runWitness } = await import('./witness.ts');
    return runWitness(rest);
  }
  const config = readConfig();
  if (command === 'serve') {
    const running = await startApp(config);
    printBanner(running.url, running.setupLink);
    stopOnSignal(running.stop);
    return -1;
  }
  if (command === 'migrate') {
    const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    const applied = await migrateStore(store);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The schema is up to date.');
    await store.close();
    return 0;
  }
  if (command === 'recover-account' && rest.length === 1) {
    const { runRecoverAccount } = await import('./recover-account.ts');
    return runRecoverAccount(config, rest[0]);
  }
  if (command === 'demo') {
    const { values } = parseArgs({
      args: rest,
      options: { signatures: { type: 'string' }, serve: { type: 'boolean' } },
    });
    const count = values.signatures === undefined ? 3000 : Number(values.signatures);
    if (!Number.isInteger(count) || count < 0 || count > 10_000_000) {
      console.error('--signatures must be a whole number from 0 to 10000000');
      return 2;
    }
    const { runDemo } = await import('./demo.ts');
    return runDemo(config, count, values.serve === true);
  }
  console.error(usage);
  return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
}

/** printBanner tells the person who started the server where it is and, on first start, how to set it up. */
export function printBanner(url: string, setupLink: string | null): void {
  console.log(`\nVeche is running at ${url}`);
  if (setupLink) console.log(`\nCreate the admin account (this link works once):\n  ${setupLink}\n`);
}

/** stopOnSignal stops the app cleanly on Ctrl-C or SIGTERM. */
export function stopOnSignal(stop: () => Promise<void>): void {
  const handler = () => {
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
