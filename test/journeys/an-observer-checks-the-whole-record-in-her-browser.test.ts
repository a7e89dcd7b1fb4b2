import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { translator } from '../../src/i18n/i18n.ts';
import { updateMirror } from '../../src/mirror/update-mirror.ts';
import {
  startServer,
  launchBrowser,
  newContext,
  skipWithoutChromium,
  setUpSite,
  publishPetition,
  screenshot,
  stepsOf,
  assertAccessible,
  phone,
  desktop,
  sleep,
  type TestServer,
} from '../support/browser.ts';
import { serveFolder, type StaticServer } from '../support/static-server.ts';

// An observer — a journalist, a volunteer of another town — checks the whole record from the site's /audit page: every
// entry, tile and count, in her browser; then the same record from a mirror on another origin; then a mirror whose
// copy was tampered with, which the page must refuse.

const t = translator('uk');
const draft = {
  language: 'uk' as const,
  nameRule: 'optional' as const,
  namesPublic: 'never' as const,
  regionRule: 'none' as const,
  regionCountries: [],
  confirmation: 'none' as const,
  title: 'Поверніть мобілізованих додому після року служби',
  addressee: 'Міністру оборони',
  body: 'Ми, дружини й матері мобілізованих, просимо встановити строк служби.',
};
const signers = 300;

describe('an observer checks the whole record in her browser, from the site and from a mirror', {
  skip: skipWithoutChromium(),
}, () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let petitionId: string;
  let mirrorFolder: string;
  let mirror: StaticServer;
  const step = stepsOf(it);

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    context = await newContext(browser, { viewport: desktop, locale: 'uk-UA' });
    const admin = await context.newPage();
    await setUpSite(admin, server);
    petitionId = await publishPetition(admin, server, draft);
    await admin.close();
    mirrorFolder = mkdtempSync(join(tmpdir(), 'veche-journey-mirror-'));
  });

  after(async () => {
    await mirror?.close();
    await browser?.close();
    await server?.stop();
    rmSync(mirrorFolder, { recursive: true, force: true });
  });

  step(`${signers} people sign, and the record holds them`, async () => {
    for (let i = 0; i < signers; i++) {
      const response = await fetch(`${server.origin}/api/petitions/${petitionId}/signatures`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: `Підписант ${i}` }),
      });
      assert.equal(response.status, 201, await response.text());
    }
    for (let i = 0; i < 100; i++) {
      const note = await (await fetch(`${server.origin}/log/checkpoint`)).text();
      if (Number(note.split('\n')[1]) > signers) break;
      await sleep(100);
    }
    await sleep(1200); // the site's counts catch up
  });

  step('the whole record checks out in her browser, count for count', async () => {
    const page = await context.newPage();
    await page.goto(`${server.origin}/record`);
    await Promise.all([
      page.waitForURL(`${server.origin}/audit`),
      page.getByRole('link', { name: t('whole.link') }).click(),
    ]);
    await page.getByRole('button', { name: t('whole.run') }).click();
    const status = page.locator('[data-status]');
    await status.and(page.locator('.verdict')).waitFor({ timeout: 60_000 });
    assert.match(
      await status.innerText(),
      /^Перевірено за [\d,]+ с: контрольна точка з [\d\s ]+ записів підписана ключем реєстру/,
    );
    const row = page.locator('tr', { hasText: petitionId });
    assert.deepEqual(
      (await row.locator('td').allInnerTexts()).map((s) => s.trim()),
      [petitionId, '300', '300', '✓'],
    );
    await assertAccessible(page, 'the whole-record audit, done');
    await screenshot(page, 'whole-audit-01-site-desktop');
    await page.setViewportSize(phone);
    await screenshot(page, 'whole-audit-02-site-phone');
    await page.close();
  });

  step('a mirror on another origin checks out the same', async () => {
    const made = await updateMirror({ location: server.origin, folder: mirrorFolder });
    assert.equal(made.outcome, 'created');
    mirror = await serveFolder(mirrorFolder);
    const page = await context.newPage();
    await page.goto(`${server.origin}/audit`);
    await page.getByLabel(t('whole.source-label')).fill(mirror.url);
    await page.getByRole('button', { name: t('whole.run') }).click();
    const status = page.locator('[data-status]');
    await status.and(page.locator('.verdict')).waitFor({ timeout: 60_000 });
    assert.ok(await status.evaluate((e) => e.classList.contains('good')), await status.innerText());
    const row = page.locator('tr', { hasText: petitionId });
    assert.deepEqual(
      (await row.locator('td').allInnerTexts()).map((s) => s.trim()),
      [petitionId, '300', '300', '✓'],
    );
    await page.close();
  });

  step('a mirror whose copy was changed is refused', async () => {
    const bundle = join(mirrorFolder, 'log', 'tile', 'entries', '000');
    const bytes = readFileSync(bundle);
    bytes[bytes.length - 3] ^= 1;
    writeFileSync(bundle, bytes);
    const page = await context.newPage();
    await page.goto(`${server.origin}/audit`);
    await page.getByLabel(t('whole.source-label')).fill(mirror.url);
    await page.getByRole('button', { name: t('whole.run') }).click();
    const status = page.locator('[data-status]');
    await status.and(page.locator('.verdict')).waitFor({ timeout: 60_000 });
    assert.equal(await status.innerText(), t('whole.failed', { reason: t('record.fail-tiles') }));
    assert.ok(await status.evaluate((e) => e.classList.contains('bad')));
    await page.close();
  });
});
