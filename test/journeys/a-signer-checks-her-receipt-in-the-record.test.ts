import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { translator } from '../../src/i18n/i18n.ts';
import {
  startServer,
  launchBrowser,
  newContext,
  recordRequests,
  skipWithoutChromium,
  setUpSite,
  publishPetition,
  screenshot,
  solveProofOfWork,
  stepsOf,
  assertAccessible,
  countOn,
  phone,
  desktop,
  type TestServer,
  type RequestLog,
  withdrawOnReceipt,
} from '../support/browser.ts';

const t = translator('uk');
const number = new Intl.NumberFormat('uk');
const draft = {
  language: 'uk' as const,
  nameRule: 'optional' as const,
  namesPublic: 'never' as const,
  regionRule: 'none' as const,
  regionCountries: [],
  confirmation: 'none' as const,
  title: 'Опублікуйте всі питання, надіслані на пряму лінію',
  addressee: 'Організаторам прямої лінії',
  body: 'Щороку надсилають мільйони питань, а на екран потрапляє жменька.\n\nМи просимо публікувати кожне отримане питання.',
};
// Earlier signers, so that the record is more than one bundle and one tile, as a real one is.
const earlier = 300;

describe("a signer checks her receipt in the public record, and then the petition's count", {
  skip: skipWithoutChromium(),
}, () => {
  let server: TestServer;
  let browser: Browser;
  let phoneContext: BrowserContext;
  let noScript: BrowserContext;
  const logs: RequestLog[] = [];
  let petitionId: string;
  let receipt: Page;
  let receiptUrl: string;
  let audit: Page;
  const step = stepsOf(it);

  before(async () => {
    // A slow sequencer, so that she lands on her receipt before the record holds her signature, as under load.
    server = await startServer({ VECHE_SEQUENCER_TICK_MS: '3000' });
    browser = await launchBrowser();
    const adminContext = await newContext(browser, { viewport: desktop, locale: 'uk-UA' });
    phoneContext = await newContext(browser, {
      viewport: phone,
      locale: 'uk-UA',
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    noScript = await newContext(browser, { viewport: phone, locale: 'uk-UA', javaScriptEnabled: false });
    logs.push(
      recordRequests(adminContext, server.origin),
      recordRequests(phoneContext, server.origin),
      recordRequests(noScript, server.origin),
    );
    const admin = await adminContext.newPage();
    await setUpSite(admin, server);
    petitionId = await publishPetition(admin, server, draft);
    await admin.close();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  step(`${earlier} people sign through the API first`, async () => {
    for (let i = 0; i < earlier; i++) {
      const response = await fetch(`${server.origin}/api/petitions/${petitionId}/signatures`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: `Підписант ${i}` }),
      });
      assert.equal(response.status, 201, await response.text());
    }
  });

  step('she signs on her phone and lands on her receipt', async () => {
    const page = await phoneContext.newPage();
    await page.goto(`${server.origin}/p/${petitionId}`);
    assert.equal(await countOn(page), earlier);
    await page.fill('#name', 'Ірина');
    await solveProofOfWork(page);
    await Promise.all([
      page.waitForURL(/\/receipt\/s[\w-]+\/[\w-]+\?signed=1$/),
      page.click('form[data-sign-form] button[type=submit]'),
    ]);
    receipt = page;
    receiptUrl = page.url().replace('?signed=1', '');
    assert.equal(await page.locator('h1').textContent(), t('receipt.title'));
  });

  step('within seconds her browser has checked the proof itself: her signature is in the public record', async () => {
    // Before the next checkpoint the page says so and asks again every second; then it shows the proof and checks it.
    const check = receipt.locator('[data-receipt-check]');
    if ((await receipt.locator('[data-receipt][data-state="pending"]').count()) === 1) {
      assert.match(await check.innerText(), new RegExp(`^${t('record.pending')}`));
      try {
        await screenshot(receipt, 'record-00-receipt-waiting-phone');
        await assertAccessible(receipt, 'the receipt waiting for the record');
      } catch (error) {
        // The record took her signature while the page was being checked, and the page reloaded itself, as it should:
        // the checked receipt is what the rest of this step looks at.
        if (!/Execution context was destroyed|navigat/i.test(String(error))) throw error;
      }
    } else {
      console.log(
        '# the record held her signature before her receipt loaded: the waiting state was not seen this time',
      );
    }
    await check.and(receipt.locator('.good')).waitFor({ timeout: 15_000 });
    assert.equal((await check.innerText()).trim(), t('record.browser-ok'));
    const headline = (await receipt.locator('[data-field="headline"]').innerText()).trim();
    assert.equal(
      headline,
      t('record.in-record', { count: earlier + 1 }),
      'in plain words, with the count in the record',
    );
    const leafIndex = Number(await receipt.locator('[data-entry]').getAttribute('data-entry'));
    // Entries sequenced together are shuffled, so her place says nothing of when she signed: only that it is one.
    assert.ok(Number.isInteger(leafIndex) && leafIndex >= 0 && leafIndex <= earlier + 1, `her leaf index ${leafIndex}`);
    assert.ok((await receipt.locator('ol[data-field="proof"] li').count()) > 0, 'the inclusion proof is shown');
    await screenshot(receipt, 'record-01-receipt-phone');
    await assertAccessible(receipt, 'the receipt in the record (phone)');
    await receipt.setViewportSize(desktop);
    // Plain words first: the leaf index, the entry and the hashes are under "Technical proof", and open on a tap.
    assert.equal(await receipt.locator('[data-entry]').isVisible(), false);
    await receipt.getByText(t('receipt.technical'), { exact: true }).click();
    assert.equal(await receipt.locator('[data-entry]').isVisible(), true);
    await receipt.locator('[data-entry] details summary').first().click();
    await screenshot(receipt, 'record-02-receipt-desktop');
    await assertAccessible(receipt, 'the receipt in the record (desktop)');
    await receipt.setViewportSize(phone);
  });

  step(
    'without JavaScript the receipt shows the same facts, as checked by the server, and links the JSON',
    async () => {
      const page = await noScript.newPage();
      await page.goto(receiptUrl);
      assert.equal((await page.locator('[data-receipt-check]').innerText()).trim(), t('record.server-checked'));
      assert.equal(
        (await page.locator('[data-field="headline"]').innerText()).trim(),
        t('record.in-record', { count: earlier + 1 }),
      );
      const json = await page.getByRole('link', { name: t('record.proof-json') }).getAttribute('href');
      assert.match(json ?? '', /^\/api\/signatures\/s[\w-]+\/proof$/);
      await screenshot(page, 'record-03-receipt-without-javascript-phone');
      await page.close();
    },
  );

  step('she follows the link to check the count, runs the check, and sees the verdict', async () => {
    await Promise.all([
      receipt.waitForURL(`${server.origin}/p/${petitionId}/audit`),
      receipt.getByRole('link', { name: t('record.audit-link') }).click(),
    ]);
    audit = receipt;
    assert.equal(await audit.locator('h1').textContent(), t('record.audit-title'));
    await screenshot(audit, 'record-04-audit-before-phone');
    const status = audit.locator('[data-audit-status]');
    await audit.getByRole('button', { name: t('record.audit-run') }).click();
    await status.and(audit.locator('.good, .bad')).waitFor({ timeout: 30_000 });
    const verdict = (await status.innerText()).trim();
    assert.ok(await status.evaluate((el) => el.classList.contains('good')), `the check passed: ${verdict}`);
    assert.ok(verdict.includes(number.format(earlier + 1)), `the verdict names the count: ${verdict}`);
    assert.ok(
      verdict.startsWith(t('record.audit-ok', { seconds: 1, size: 1, at: 1, count: 1 }).split(' 1 ')[0]),
      verdict,
    );
    await screenshot(audit, 'record-05-audit-verified-phone');
    await assertAccessible(audit, 'the audit page after the check (phone)');
    await audit.setViewportSize(desktop);
    await screenshot(audit, 'record-06-audit-verified-desktop');
    await assertAccessible(audit, 'the audit page after the check (desktop)');
  });

  step(
    'the petition page says how much of the count the latest checkpoint covers, and links to the check',
    async () => {
      const page = await phoneContext.newPage();
      await page.goto(`${server.origin}/p/${petitionId}`);
      const coverage = (await page.locator('.record-coverage').innerText()).trim();
      assert.match(coverage, new RegExp(`^${number.format(earlier + 1)} з ${number.format(earlier + 1)} `), coverage);
      assert.equal(await page.locator('.record-coverage a').getAttribute('href'), `/p/${petitionId}/audit`);
      await screenshot(page, 'record-09-petition-coverage-phone');
      await page.setViewportSize(desktop);
      await screenshot(page, 'record-10-petition-coverage-desktop');
      await page.close();
    },
  );

  step('without JavaScript the audit page explains the command, and shows the checkpoint and the key', async () => {
    const page = await noScript.newPage();
    await page.goto(`${server.origin}/p/${petitionId}/audit`);
    assert.equal(
      await page.getByRole('button', { name: t('record.audit-run') }).count(),
      0,
      'no button that cannot work',
    );
    const key = await (await fetch(`${server.origin}/log/key`)).text();
    assert.equal(
      (await page.locator('pre.command').innerText()).trim(),
      `node veche-audit.mjs ${server.origin} --key '${key.trim()}'`,
    );
    assert.equal((await page.locator('pre.key').innerText()).trim(), key);
    assert.match(await page.locator('pre.note').innerText(), /^127\.0\.0\.1:\d+\n\d+\n[A-Za-z0-9+/]{43}=\n\n— /);
    await screenshot(page, 'record-07-audit-without-javascript-phone');
    // (axe runs as a script, which this context does not: the page's markup was checked above with the check shown.)
    await page.setViewportSize(desktop);
    await screenshot(page, 'record-08-audit-without-javascript-desktop');
    await page.close();
  });

  step('she withdraws; once the record holds the withdrawal her browser verifies both entries', async () => {
    const page = await phoneContext.newPage();
    await page.goto(receiptUrl);
    await withdrawOnReceipt(page, {
      withdraw: t('receipt.withdraw-button'),
      confirm: t('receipt.withdraw-confirm-button'),
    });
    await page.goto(receiptUrl);
    for (let tries = 0; (await page.locator('[data-entry]').count()) < 2; tries++) {
      assert.ok(tries < 20, 'the withdrawal reached the record within 10 s');
      await page.waitForTimeout(500);
      await page.reload();
    }
    const check = page.locator('[data-receipt-check]');
    await check.and(page.locator('.good')).waitFor({ timeout: 15_000 });
    assert.equal((await check.innerText()).trim(), t('record.browser-ok'));
    assert.equal(
      (await page.locator('[data-field="headline"]').innerText()).trim(),
      t('record.removed', { status: 'withdrawn', count: earlier }),
    );
    await screenshot(page, 'record-11-receipt-withdrawn-phone');
    await assertAccessible(page, 'the receipt of a withdrawn signature');
    await page.close();
  });

  step('no page asked anything of another origin, and the server logged no error', async () => {
    assert.deepEqual(
      logs.flatMap((log) => log.foreign()),
      [],
      `requests left ${server.origin}`,
    );
    assert.deepEqual(server.serverErrors(), []);
  });
});
