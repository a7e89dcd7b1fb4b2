import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, type TestApp } from './support.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.stop());

test('the safety page tells in each language what is kept and who could still learn what, and every page links to it', async () => {
  const expected = { en: 'Your safety here', ru: 'Ваша безопасность', uk: 'Ваша безпека' };
  for (const [lang, title] of Object.entries(expected)) {
    const page = await t.server.inject({ url: `/privacy?lang=${lang}` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`<h1>${title}</h1>`));
    // The four people a signer should think about, and the link to the whole threat model.
    assert.equal((page.body.match(/<h3>/g) ?? []).length, 4);
    assert.match(page.body, /href="\/privacy\/threat-model.txt"/);
  }
  const home = await t.server.inject({ url: '/' });
  assert.match(home.body, /<a href="\/privacy">/);
});

test("the threat model the page links to is the repository's own text", async () => {
  const served = await t.server.inject({ url: '/privacy/threat-model.txt' });
  assert.equal(served.statusCode, 200);
  assert.match(String(served.headers['content-type']), /^text\/plain; charset=utf-8/);
  assert.equal(served.body, readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'threat-model.md'), 'utf8'));
});

test('every test the threat model names exists, in the file it names', () => {
  const root = join(import.meta.dirname, '..', '..');
  const text = readFileSync(join(root, 'docs', 'threat-model.md'), 'utf8');
  const missing: string[] = [];
  let file = '';
  let named = 0;
  for (const [, reference] of text.matchAll(/`([^`]*(?:›)[^`]*)`/g)) {
    const [where, name] = reference.split(' › ');
    if (where === 'file') continue; // the introduction's example of how tests are named
    if (where !== '…') file = where;
    const source = readFileSync(join(root, file), 'utf8');
    // A test's name is written in the file as a string literal, with quotes escaped.
    const variants = [name, name.replaceAll("'", "\\'")];
    if (!variants.some((v) => source.includes(v))) missing.push(`${file} › ${name}`);
    named++;
  }
  for (const [, whole] of text.matchAll(/`(test\/[\w./-]+\.test\.ts)`/g)) {
    try {
      readFileSync(join(root, whole));
    } catch {
      missing.push(whole);
    }
  }
  assert.ok(named >= 40, `the threat model names ${named} tests`);
  assert.deepEqual(missing, []);
});
