// layers.test.ts holds the store to being a boundary (docs/architecture.md): above src/store, nothing imports the row
// types of the store's schema.ts, builds a query, opens a transaction through Kysely, asks which database answers, or
// reads a database's error codes; and src/web reads through src/read and writes through src/actions, never calling
// the store itself. Each file in src/actions holds one action, or one helper the actions share.
import assert from 'node:assert/strict';
import { globSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';

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

test('no file above src/store builds SQL with Kysely (its sql tag, or anything but types from kysely)', () => {
  assert.deepEqual(offences({ 'sql tag': /\bsql`/, kysely: /^import (?!type )[^;]*from 'kysely'/m }), []);
});

/**
 * webWiring are the files in src/web that may hold the store itself, where the app is put together; none does today
 * (src/start-app.ts opens the store and hands it to the app). Everything else in src/web reads through a read model
 * in src/read and changes things through an action.
 */
const webWiring = new Set<string>([]);

/** storeImport matches an import of a store module that is not only of types: a call into the store. */
const storeImport = /^import (?!type )[^;]*from '(?:\.\.?\/)+store\/[^']+'/m;

test('no file in src/web calls the store: it reads through src/read and writes through src/actions', () => {
  const calling = aboveStore.filter(
    (file) =>
      file.startsWith('web/') && !webWiring.has(file) && storeImport.test(readFileSync(join(src, file), 'utf8')),
  );
  assert.deepEqual(calling, []);
});

test('the web check would see a store import, in the forms the code writes them', () => {
  assert.ok(storeImport.test("import { findPetition } from '../../store/petitions.ts';"));
  assert.ok(storeImport.test("import {\n  countQuestions,\n  listQuestions,\n} from '../store/questions.ts';"));
  assert.ok(storeImport.test("import * as questions from '../../store/questions.ts';"));
  assert.ok(!storeImport.test("import type { Transaction } from '../../store/open-store.ts';"));
  assert.ok(!storeImport.test("import { questionView } from '../../read/question-view.ts';"));
});

test('the check reads the files above the store', () => {
  assert.ok(aboveStore.includes('actions/sign-petition.ts') || aboveStore.some((f) => f.startsWith('actions/')));
  assert.ok(aboveStore.some((f) => f.startsWith('web/')));
});

/**
 * asyncExports names the functions a module exports that are async or return a Promise (written as
 * `export async function`, `export function …(): Promise<…>`, or `export const … = async (…) =>`): its actions, or the
 * helpers that read or write for them.
 */
function asyncExports(text: string): string[] {
  const file = ts.createSourceFile('module.ts', text, ts.ScriptTarget.Latest, true);
  const exported = (node: ts.Node) =>
    ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const isAsync = (node: ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression) =>
    (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.AsyncKeyword) ||
    (node.type !== undefined && /^Promise\s*</.test(node.type.getText(file)));
  const names: string[] = [];
  for (const statement of file.statements) {
    if (!exported(statement)) continue;
    if (ts.isFunctionDeclaration(statement) && statement.name && isAsync(statement)) names.push(statement.name.text);
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const value = declaration.initializer;
        if (value && (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) && isAsync(value))
          names.push(declaration.name.getText(file));
      }
    }
  }
  return names;
}

/** manyActions are the files in src/actions or src/jobs allowed more than one async export, with why; none today. */
const manyActions = new Map<string, string>([]);

test('each file in src/actions and src/jobs exports at most one async function: one action, job or helper a file', () => {
  const crowded = aboveStore
    .filter((file) => (file.startsWith('actions/') || file.startsWith('jobs/')) && !manyActions.has(file))
    .map((file) => ({ file, names: asyncExports(readFileSync(join(src, file), 'utf8')) }))
    .filter(({ names }) => names.length > 1)
    .map(({ file, names }) => `${file}: ${names.join(', ')}`);
  assert.deepEqual(crowded, []);
});

test('the one-action check sees every way a module exports an async function, and nothing else', () => {
  const two = 'export async function logIn(ctx: C): Promise<void> {}\nexport async function enterCode() {}\n';
  assert.deepEqual(asyncExports(two), ['logIn', 'enterCode']);
  const promised = 'export function endSessions(ctx: C): Promise<number> { return ctx.end(); }';
  assert.deepEqual(asyncExports(promised), ['endSessions']);
  assert.deepEqual(asyncExports('export const forget = async (ctx: C) => {};'), ['forget']);
  const quiet =
    'export function loginKey(login: string): string { return login; }\nasync function step() {}\n' +
    'export const SESSION_MS = 1;\nexport interface OwnSession { id: string }';
  assert.deepEqual(asyncExports(quiet), []);
});
