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
  waitForEmail,
  confirmationLink,
  countOn,
  stepsOf,
  phone,
  desktop,
  type TestServer,
  type RequestLog,
} from '../support/browser.ts';

const t = translator('uk');
const common = {
  language: 'uk' as const,
  nameRule: 'required' as const,
  namesPublic: 'signer' as const,
  regionRule: 'required' as const,
  regionCountries: ['UA'],
};
const unconfirmed = {
  ...common,
  confirmation: 'none' as const,
  title: 'Прозорий звіт про витрати на відновлення',
  addressee: 'Міській раді',
  body: 'Ми просимо щомісяця публікувати повний звіт про витрати на відновлення житла.',
};
const confirmed = {
  ...common,
  confirmation: 'email' as const,
  goal: 500,
  title: 'Поверніть додому тих, хто відслужив свій строк',
  addressee: 'Верховній Раді',
  body: 'Ми просимо встановити граничний строк служби і повернути додому тих, хто його відслужив.',
};
const signer = { name: 'Оксана Мельник', email: 'oksana@example.net' };

describe('a signer without JavaScript signs with the plain form, corrects a mistake, and gets her receipt', {
  skip: skipWithoutChromium(),
}, () => {
  let server: TestServer;
  let browser: Browser;
  let adminContext: BrowserContext;
  let noScript: BrowserContext;
  const logs: RequestLog[] = [];
  const ids: Record<'unconfirmed' | 'confirmed', string> = { unconfirmed: '', confirmed: '' };
  let page: Page;
  const step = stepsOf(it);

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    adminContext = await newContext(browser, { viewport: desktop, locale: 'uk-UA' });
    noScript = await newContext(browser, { viewport: phone, locale: 'uk-UA', javaScriptEnabled: false });
    logs.push(recordRequests(adminContext, server.origin), recordRequests(noScript, server.origin));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  step('the admin publishes one petition without email confirmation and one with it', async () => {
    const admin = await adminContext.newPage();
    await setUpSite(admin, server);
    ids.unconfirmed = await publishPetition(admin, server, unconfirmed);
    ids.confirmed = await publishPetition(admin, server, confirmed);
    await admin.close();
    page = await noScript.newPage();
  });

  step(
    'she forgets her name on the unconfirmed petition: the form comes back with the message and her region still chosen',
    async () => {
      await page.goto(`${server.origin}/p/${ids.unconfirmed}`);
      assert.equal(await countOn(page), 0);
      assert.ok((await page.locator('altcha-widget input').count()) === 0, 'without JavaScript the widget is inert');
      await screenshot(page, 'nojs-01-petition-unconfirmed-phone');
      const region = await page.locator('#region option:not([value=""])').nth(2).getAttribute('value');
      await page.selectOption('#region', region!);
      const response = await submit(page);
      assert.equal(response, 422);
      assert.equal(await page.locator('#name-error').innerText(), t('problem.required'));
      assert.equal(
        await page.locator('.error-summary[role=alert] a[href="#name"]').innerText(),
        `${t('sign.name')}: ${t('problem.required')}`,
      );
      assert.equal(await page.locator('#name').getAttribute('aria-describedby'), 'name-error');
      // On a phone the form is far down the page: the summary takes the focus and is scrolled into view, without JavaScript.
      assert.equal(await page.evaluate(() => document.activeElement?.className), 'error-summary');
      const box = await page.locator('.error-summary').boundingBox();
      const height = page.viewportSize()!.height;
      assert.ok(
        box && box.y >= 0 && box.y + Math.min(box.height, 100) <= height,
        `the summary is in view (top at ${box?.y} of ${height})`,
      );
      assert.equal(await page.locator('#region').inputValue(), region);
      await screenshot(page, 'nojs-02-name-missing-phone');
    },
  );

  step('with her name filled in, the plain form counts her at once and shows her receipt', async () => {
    await page.fill('#name', signer.name);
    const response = await submit(page);
    assert.equal(response, 200);
    assert.match(page.url(), /\/receipt\/s[\w-]+\/[\w-]+\?signed=1$/);
    assert.equal(await page.locator('h1').innerText(), t('receipt.title'));
    assert.equal(await page.locator('dd strong').innerText(), t('receipt.status-counted'));
    await screenshot(page, 'nojs-03-receipt-phone');
    await page.goto(`${server.origin}/p/${ids.unconfirmed}`);
    assert.equal(await countOn(page), 1);
  });

  step(
    'on the petition that confirms by email, a missing name comes back with the email she typed still there',
    async () => {
      await page.goto(`${server.origin}/p/${ids.confirmed}`);
      await page.fill('#email', signer.email);
      const region = await page.locator('#region option:not([value=""])').first().getAttribute('value');
      await page.selectOption('#region', region!);
      assert.equal(await submit(page), 422);
      assert.equal(await page.locator('#name-error').innerText(), t('problem.required'));
      assert.equal(await page.locator('#email').inputValue(), signer.email);
      assert.equal(await page.locator('#region').inputValue(), region);
      await screenshot(page, 'nojs-04-name-missing-email-kept-phone');
    },
  );

  step('a mistyped email is named, and her name stays', async () => {
    await page.fill('#name', signer.name);
    await page.fill('#email', 'oksana.example.net');
    assert.equal(await submit(page), 422);
    assert.equal(await page.locator('#email-error').innerText(), t('problem.not-an-email'));
    assert.equal(await page.locator('#name-error').count(), 0);
    assert.equal(await page.locator('#name').inputValue(), signer.name);
    await screenshot(page, 'nojs-05-email-wrong-phone');
  });

  step(
    'with everything right she is asked to check her email, confirms with the button, and gets her receipt',
    async () => {
      await page.fill('#email', signer.email);
      assert.equal(await submit(page), 200);
      assert.equal(page.url(), `${server.origin}/p/${ids.confirmed}/check-email`);
      assert.equal(await page.locator('h1').innerText(), t('sign.check-email-title'));
      const link = confirmationLink(await waitForEmail(server.dataDir, signer.email));
      await page.goto(link);
      assert.equal(await page.locator('h1').innerText(), t('confirm.title'));
      const [response] = await Promise.all([
        page.waitForNavigation(),
        page.getByRole('button', { name: t('confirm.button') }).click(),
      ]);
      assert.equal(response?.status(), 200);
      assert.match(page.url(), /\/receipt\/s[\w-]+\/[\w-]+\?signed=1$/);
      assert.equal(await page.locator('dd strong').innerText(), t('receipt.status-counted'));
      await screenshot(page, 'nojs-06-receipt-confirmed-phone');
      await page.goto(`${server.origin}/p/${ids.confirmed}`);
      assert.equal(await countOn(page), 1);
    },
  );

  step('no page asked anything of another origin, and the server logged no error', async () => {
    assert.deepEqual(
      logs.flatMap((log) => log.foreign()),
      [],
      `requests left ${server.origin}`,
    );
    assert.deepEqual(server.serverErrors(), []);
  });
});

/** submit presses the signing form's button and returns the status of the page it lands on. */
async function submit(page: Page): Promise<number | undefined> {
  const [response] = await Promise.all([
    page.waitForNavigation(),
    page.click('form[data-sign-form] button[type=submit]'),
  ]);
  return response?.status();
}
