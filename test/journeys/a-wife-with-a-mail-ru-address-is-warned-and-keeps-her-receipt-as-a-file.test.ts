import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
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
  waitForEmail,
  readOutbox,
  confirmationLink,
  solveProofOfWork,
  stepsOf,
  assertAccessible,
  phone,
  desktop,
  type TestServer,
  type RequestLog,
} from '../support/browser.ts';

const t = translator('ru');
const draft = {
  title: 'Верните наших мужей домой: ограничьте срок службы',
  language: 'ru' as const,
  confirmation: 'email' as const,
  body: 'Мы — жёны и матери мобилизованных. Наши мужья служат больше года без ротации.\n\nМы требуем установить предельный срок службы.',
  addressee: 'Министерству обороны',
  nameRule: 'optional' as const,
  namesPublic: 'never' as const,
  regionRule: 'none' as const,
  regionCountries: [],
};
const svetlana = { name: 'Светлана', email: 'svetlana.k@mail.ru' };
const marina = { name: 'Марина', email: 'marina@bk.ru' };

describe('a wife with a mail.ru address is warned before she signs, signs anyway, and keeps her receipt as a file and a code', {
  skip: skipWithoutChromium(),
}, () => {
  let server: TestServer;
  let browser: Browser;
  let phoneContext: BrowserContext;
  let noScript: BrowserContext;
  const logs: RequestLog[] = [];
  let petitionId: string;
  let page: Page;
  let code: string;
  const step = stepsOf(it);

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const adminContext = await newContext(browser, { viewport: desktop, locale: 'ru-RU' });
    phoneContext = await newContext(browser, {
      viewport: phone,
      locale: 'ru-RU',
      isMobile: true,
      hasTouch: true,
      acceptDownloads: true,
    });
    noScript = await newContext(browser, { viewport: phone, locale: 'ru-RU', javaScriptEnabled: false });
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

  step(
    'before she types, the form names the mail services that hand mail to the state; the warning waits',
    async () => {
      page = await phoneContext.newPage();
      await page.goto(`${server.origin}/p/${petitionId}`);
      assert.equal((await page.locator('#email-providers').innerText()).trim(), t('sign.email-providers'));
      assert.equal(await page.locator('#provider-warning').isVisible(), false);
    },
  );

  step(
    'with JavaScript, the warning appears as she types her mail.ru address, and goes when the address is elsewhere',
    async () => {
      await page.fill('#name', svetlana.name);
      await page.locator('#email').pressSequentially(svetlana.email, { delay: 10 });
      const warning = page.locator('#provider-warning');
      await warning.waitFor({ state: 'visible' });
      assert.equal(
        (await warning.locator('[data-provider-text]').innerText()).trim(),
        t('sign.provider-text', { domain: 'mail.ru' }),
      );
      assert.match(
        (await page.locator('#email').getAttribute('aria-describedby')) ?? '',
        /provider-warning-text/,
        'read out with the field',
      );
      await screenshot(page, 'provider-01-warning-as-she-types-phone');
      await page.setViewportSize(desktop);
      await screenshot(page, 'provider-02-warning-as-she-types-desktop');
      await assertAccessible(page, 'the petition page with the warning shown by JavaScript');
      await page.setViewportSize(phone);
      await page.fill('#email', 'svetlana.k@proton.me');
      await warning.waitFor({ state: 'hidden' });
      await page.fill('#email', svetlana.email);
      await warning.waitFor({ state: 'visible' });
    },
  );

  step('she keeps her address: she ticks "use this address anyway" and is asked to check her email', async () => {
    await page.check('#emailAnyway');
    await solveProofOfWork(page);
    await Promise.all([
      page.waitForURL(`${server.origin}/p/${petitionId}/check-email`),
      page.click('form[data-sign-form] button[type=submit]'),
    ]);
    assert.equal(await page.locator('h1').textContent(), t('sign.check-email-title'));
  });

  step(
    "without JavaScript, her friend's bk.ru address brings the form back with the warning, focused, and what she typed",
    async () => {
      const plain = await noScript.newPage();
      await plain.goto(`${server.origin}/p/${petitionId}`);
      await plain.fill('#name', marina.name);
      await plain.fill('#email', marina.email);
      const [response] = await Promise.all([
        plain.waitForNavigation(),
        plain.click('form[data-sign-form] button[type=submit]'),
      ]);
      assert.equal(response?.status(), 422);
      assert.equal(await plain.locator('#provider-warning').isVisible(), true);
      assert.equal(
        await plain.evaluate(() => document.activeElement?.id),
        'provider-warning',
        'the focus is on the warning',
      );
      assert.equal((await plain.locator('#provider-warning h3').innerText()).trim(), t('sign.provider-heading'));
      assert.match(await plain.locator('#provider-warning').innerText(), /bk\.ru/);
      assert.equal(await plain.locator('#email').inputValue(), marina.email);
      assert.equal(await plain.locator('#name').inputValue(), marina.name);
      await screenshot(plain, 'provider-03-warning-without-javascript-phone');
      await plain.setViewportSize(desktop);
      await screenshot(plain, 'provider-04-warning-without-javascript-desktop');
      await plain.setViewportSize(phone);
      await plain.check('#emailAnyway');
      await Promise.all([
        plain.waitForURL(`${server.origin}/p/${petitionId}/check-email`),
        plain.click('form[data-sign-form] button[type=submit]'),
      ]);
      await plain.close();
    },
  );

  step('her email names no petition; she confirms, and the outbox no longer holds her address', async () => {
    const email = await waitForEmail(server.dataDir, svetlana.email);
    assert.equal(email.subject, t('mail.confirm-subject'));
    assert.ok(!email.text.includes(draft.title), email.text);
    await page.goto(confirmationLink(email));
    assert.match(
      await page.locator('main').innerText(),
      new RegExp(draft.title.slice(0, 20)),
      'the page the link opens says what she signs',
    );
    await Promise.all([
      page.waitForURL(/\/receipt\/s[\w-]+\/[\w-]+\?signed=1$/),
      page.getByRole('button', { name: t('confirm.button') }).click(),
    ]);
    assert.deepEqual(
      readOutbox(server.dataDir).filter((m) => m.to.includes(svetlana.email)),
      [],
    );
    assert.equal(
      readOutbox(server.dataDir).filter((m) => m.to.includes(marina.email)).length,
      1,
      'Marina has not confirmed yet',
    );
  });

  step('her receipt says in plain words what it reveals and how to keep it; she saves it as a file', async () => {
    assert.equal((await page.locator('#keep-h').innerText()).trim(), t('receipt.safety-heading'));
    assert.ok((await page.locator('main').innerText()).includes(t('receipt.safety-history')));
    code = (await page.locator('#receipt-code').innerText()).trim();
    assert.match(code, /^[0-9A-Z]{1,7}(-[0-9A-Z]{4}){4}$/);
    await screenshot(page, 'receipt-keep-01-phone');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: t('receipt.file-button') }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'receipt.txt');
    assert.ok(
      !download.url().includes(page.url().split('/').pop()!.replace('?signed=1', '')),
      "the download's address holds no secret",
    );
    const text = readFileSync((await download.path())!, 'utf8');
    for (const line of [
      t('receipt.file-code', { code }),
      t('receipt.file-petition', { url: `${server.origin}/p/${petitionId}` }),
      t('receipt.file-how', { url: `${server.origin}/receipt` }),
    ]) {
      assert.ok(text.includes(line), `the file says "${line}":\n${text}`);
    }
    await page.setViewportSize(desktop);
    await screenshot(page, 'receipt-keep-02-desktop');
    await assertAccessible(page, 'the receipt with its ways to keep it');
  });

  step('later, in a private window, she opens her receipt with the code alone', async () => {
    const later = await newContext(browser, { viewport: phone, locale: 'ru-RU', javaScriptEnabled: false });
    logs.push(recordRequests(later, server.origin));
    const form = await later.newPage();
    await form.goto(`${server.origin}/receipt`);
    assert.equal(await form.locator('h1').innerText(), t('receipt.open-title'));
    await screenshot(form, 'receipt-code-01-form-phone');
    await form.fill('#code', code.replace(/-/g, 'X').slice(0, -1));
    await Promise.all([form.waitForNavigation(), form.getByRole('button', { name: t('receipt.open-button') }).click()]);
    assert.equal(await form.locator('#code-error').innerText(), t('problem.no-such-receipt'));
    await screenshot(form, 'receipt-code-02-wrong-phone');
    await form.fill('#code', code.toLowerCase().replace(/-/g, ' '));
    await Promise.all([form.waitForNavigation(), form.getByRole('button', { name: t('receipt.open-button') }).click()]);
    assert.equal(form.url(), `${server.origin}/receipt`, 'no secret in the address, and so none in the history');
    assert.equal(await form.locator('h1').innerText(), t('receipt.title'));
    assert.equal(await form.locator('dd strong').innerText(), t('receipt.status-counted'));
    assert.ok((await form.locator('main').innerText()).includes(t('receipt.safety-code-opened')));
    await screenshot(form, 'receipt-code-03-opened-phone');
    await form.setViewportSize(desktop);
    await screenshot(form, 'receipt-code-04-opened-desktop');
    await later.close();
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
