// scripts/build-auditor.ts builds dist/veche-audit.mjs, the single-file auditor the site offers for download: the
// TypeScript of src/cli/veche-audit.ts and all it imports (src/cli, src/audit, src/mirror, src/monitor, src/record),
// transpiled and bundled by esbuild into one ES module for plain Node.js 20 or newer, using nothing but Node's own
// modules. Not minified, so that anyone can read what they run. The build is reproducible: the same source and the
// same esbuild (pinned in package.json) give the same bytes, which test/interop checks, and docs/record.md gives
// their SHA-256.
//
//   node scripts/build-auditor.ts           write dist/veche-audit.mjs, and its SHA-256 into docs/record.md
//   node scripts/build-auditor.ts --check   exit 1 if dist/veche-audit.mjs is not what the source builds
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..');

/** AUDITOR_FILE is where the built auditor is kept in the repository, and served from. */
export const AUDITOR_FILE = join(root, 'dist', 'veche-audit.mjs');

/** buildAuditor returns the bytes of the single-file auditor built from the source as it is now. */
export async function buildAuditor(): Promise<Uint8Array> {
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['src/cli/veche-audit.ts'],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: false,
    sourcemap: false,
    legalComments: 'inline',
    logLevel: 'warning',
    plugins: [
      {
        // node:crypto's one-shot hash() came in Node 20.12: before it, the same digest through createHash (node20-crypto.ts).
        name: 'node20-crypto',
        setup(bundle) {
          bundle.onResolve({ filter: /^node:crypto$/ }, (args) =>
            args.importer.endsWith('node20-crypto.ts')
              ? { path: 'node:crypto', external: true }
              : { path: join(root, 'scripts', 'node20-crypto.ts') },
          );
        },
      },
    ],
    // Nothing that differs from machine to machine: paths in the bundle's comments are relative to the repository.
    banner: {
      js: [
        '#!/usr/bin/env node',
        `// veche-audit.mjs ${version}: the auditor of Veche's public record, for Node.js 20 or newer, with no dependency.`,
        '// Built from the Veche source (src/cli/veche-audit.ts) by scripts/build-auditor.ts; licence AGPL-3.0-or-later.',
        '// Run `node veche-audit.mjs --help`. Its SHA-256 is in docs/record.md; rebuild it from the source to compare.',
      ].join('\n'),
    },
  });
  return result.outputFiles[0].contents;
}

/** DOCS_FILE is the auditors' documentation, which gives the built auditor's SHA-256 on a line of its own. */
export const DOCS_FILE = join(root, 'docs', 'record.md');

/** DOCS_SHA256 finds that line's hash: "SHA-256 of `dist/veche-audit.mjs`: `<hex>`". */
export const DOCS_SHA256 = /SHA-256 of `dist\/veche-audit\.mjs`: `([0-9a-f]{64})`/;

/** sha256 is the lowercase hex SHA-256 of bytes. */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

if (process.argv[1] === import.meta.filename) {
  const built = await buildAuditor();
  if (process.argv.includes('--check')) {
    let kept: Uint8Array = new Uint8Array(0);
    try {
      kept = readFileSync(AUDITOR_FILE);
    } catch {
      /* compared below */
    }
    const same = Buffer.from(kept).equals(Buffer.from(built));
    console.log(
      same
        ? `${AUDITOR_FILE} is what the source builds: sha256 ${sha256(built)}`
        : `${AUDITOR_FILE} is NOT what the source builds (it would be sha256 ${sha256(built)}); run node scripts/build-auditor.ts`,
    );
    process.exit(same ? 0 : 1);
  }
  writeFileSync(AUDITOR_FILE, built);
  const docs = readFileSync(DOCS_FILE, 'utf8');
  if (!DOCS_SHA256.test(docs))
    throw new Error(`${DOCS_FILE} has no line "SHA-256 of \`dist/veche-audit.mjs\`: \`…\`" to update`);
  writeFileSync(DOCS_FILE, docs.replace(DOCS_SHA256, `SHA-256 of \`dist/veche-audit.mjs\`: \`${sha256(built)}\``));
  console.log(`${AUDITOR_FILE}: ${built.length} bytes, sha256 ${sha256(built)} (written into ${DOCS_FILE})`);
}
