// layers.test.ts holds the store to being a boundary (docs/architecture.md): above src/store, nothing imports the row
// types of the store's schema.ts, builds a query, opens a transaction through Kysely, asks which database answers, or
// reads a database's error codes.
import assert from 'node:assert/strict';
import { globSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const src = import.meta.dirname;
const aboveStore = globSync('**/*.ts', { cwd: src })
  .filter((file) => !file.startsWith('store/') && !file.endsWith('.test.ts'))
  .sort();

/** offences lists `file: what` for every file above the store whose text matches one of the patterns. */
function offences(patterns: Record<string, RegExp>): string[] {
  const found: string[] = [];
  for (const file of aboveStore) {
    const text = readFileSync(join(src, file), 'utf8');
    for (const [what, pattern] of Object.entries(patterns)) if (pattern.test(text)) found.push(`${file}: ${what}`);
  }
  return found;
}

test("no file above src/store imports the row types of the store's schema.ts", () => {
  assert.deepEqual(offences({ 'imports the schema': /from '[./]*\/?store\/schema\.ts'|from '\.\/schema\.ts'/ }), []);
});

test('no file above src/store builds a query or opens a transaction through Kysely', () => {
  assert.deepEqual(
    offences({
      query: /\.(selectFrom|updateTable|insertInto|deleteFrom)\(/,
      transaction: /\.transaction\(\)\.execute/,
    }),
    [],
  );
});

test('no file above src/store asks which database answers or reads its error codes', () => {
  assert.deepEqual(offences({ dialect: /\.dialect\b/, 'error code': /23505|UNIQUE constraint/ }), []);
});

test('the check reads the files above the store', () => {
  assert.ok(aboveStore.includes('actions/sign-petition.ts') || aboveStore.some((f) => f.startsWith('actions/')));
  assert.ok(aboveStore.some((f) => f.startsWith('web/')));
});
