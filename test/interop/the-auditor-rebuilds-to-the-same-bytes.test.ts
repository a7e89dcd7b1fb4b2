import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { AUDITOR_FILE, DOCS_FILE, DOCS_SHA256, buildAuditor, sha256 } from '../../scripts/build-auditor.ts';

// The single-file auditor is committed, so that a site serves it without a build step; these tests hold it to the
// source: rebuilt from the TypeScript here, it must be the same bytes, and docs/record.md must give its SHA-256.

test('dist/veche-audit.mjs is byte for byte what the source builds (run node scripts/build-auditor.ts if not)', async () => {
  const committed = readFileSync(AUDITOR_FILE);
  const rebuilt = await buildAuditor();
  assert.equal(sha256(rebuilt), sha256(committed), 'rebuild it with node scripts/build-auditor.ts and commit it');
  assert.ok(Buffer.from(rebuilt).equals(committed));
  // Twice in a row, the same: nothing of the moment or the machine is in it.
  assert.equal(sha256(await buildAuditor()), sha256(rebuilt));
  assert.doesNotMatch(committed.toString('utf8'), /\/work\/|\/home\/|\/tmp\//, 'no path of the machine that built it');
});

test('docs/record.md gives the SHA-256 of the committed auditor', () => {
  const docs = readFileSync(DOCS_FILE, 'utf8');
  assert.equal(DOCS_SHA256.exec(docs)?.[1], sha256(readFileSync(AUDITOR_FILE)));
});
