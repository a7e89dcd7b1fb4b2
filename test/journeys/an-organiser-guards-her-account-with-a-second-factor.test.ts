import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { translator } from '../../src/i18n/i18n.ts';
import { totpCode } from '../../src/crypto/one-time-codes.ts';
import {
  startServer,
  launchBrowser,
  newContext,
  recordRequests,
  skipWithoutChromium,
  setUpSite,
  screenshot,
  stepsOf,
  assertAccessible,
  admin,
  phone,
  desktop,
  type TestServer,
  type RequestLog,
} from '../support/browser.ts';
import { acceptInvitation, inviteMember } from '../support/event-browser.ts';

const t = translator('en');
const oksana = { login: 'oksana', displayName: 'Oksana, organiser in Kharkiv', password: 'our street will be heard' };
const daria = { login: 'daria', displayName: 'Daria', password: 'moderating keeps the hall safe' };

/** codeFor is what her authenticator app would show now, `ahead` steps of 30 seconds later (a phone a little fast). */
const codeFor = (secret: string, ahead = 0) => totpCode(secret, Date.now() + ahead * 30_000);

/** readSecret reads the key the set-up page shows to be typed into the phone, as a person without a camera would. */
async function readSecret(page: Page): Promise<string> {
  const text = (await page.locator('#secret').innerText()).replace(/\s+/g, '');
  assert.match(text, /^[A-Z2-7]{32}$/);
  return text;
}

/** logInWithPassword fills the login form and waits for where the password leads. */
async function logInWithPassword(
  page: Page,
  server: TestServer,
  person: { login: string; password: string },
  next: RegExp,
): Promise<void> {
  await page.goto(`${server.origin}/login`);
  await page.fill('#login', person.login);
  await page.fill('#password', person.password);
  await Promise.all([page.waitForURL(next), page.getByRole('button', { name: t('account.login-button') }).click()]);
}

/** submit presses a form's button and waits for the page the server answers with. */
async function submit(page: Page, button: string): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: button }).click()]);
}

async function logOut(page: Page): Promise<void> {
  await Promise.all([
    page.waitForURL(/\/$/),
    page
      .locator('.account-bar')
      .getByRole('button', { name: t('nav.logout') })
      .click(),
  ]);
}

// Her phone has JavaScript off, so axe (a script) is not run on her pages here: every-page-passes-axe.test.ts checks them.

/**
 * Oksana organises in a city where organisers are arrested and their phones and accounts taken. She turns on two-step
 * sign-in on her phone, without JavaScript, typing the key rather than scanning it; logs in with a code and, once,
 * with a recovery code. The admin then requires two-step sign-in of everyone, and Daria, who had not set it up, is
 * sent to do so before she can do anything else.
 */
describe('an organiser guards her account with a second factor', { skip: skipWithoutChromium() }, () => {
  let server: TestServer;
  let browser: Browser;
  let adminContext: BrowserContext;
  let oksanaPhone: BrowserContext;
  let dariaContext: BrowserContext;
  const logs: RequestLog[] = [];
  let adminPage: Page;
  let page: Page;
  let secret = '';
  let recoveryCodes: string[] = [];
  const step = stepsOf(it);

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    adminContext = await newContext(browser, { viewport: desktop, locale: 'en-GB' });
    oksanaPhone = await newContext(browser, {
      viewport: phone,
      locale: 'en-GB',
      javaScriptEnabled: false,
      isMobile: true,
      hasTouch: true,
    });
    dariaContext = await newContext(browser, { viewport: desktop, locale: 'en-GB' });
    for (const context of [adminContext, oksanaPhone, dariaContext]) logs.push(recordRequests(context, server.origin));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  step('the admin invites Oksana as an organiser and Daria as a moderator; they join', async () => {
    adminPage = await adminContext.newPage();
    await setUpSite(adminPage, server);
    const oksanaLink = await inviteMember(adminPage, server, t, 'organiser');
    assert.match(await adminPage.locator('.notice.good').innerText(), /Role: organiser/);
    const dariaLink = await inviteMember(adminPage, server, t, 'moderator');
    page = await oksanaPhone.newPage();
    await acceptInvitation(page, oksanaLink, oksana);
    const joining = await dariaContext.newPage();
    await acceptInvitation(joining, dariaLink, daria);
  });

  step(
    'on her dashboard she is told that a password alone protects her account, and turns on two-step sign-in',
    async () => {
      assert.match(await page.locator('main [role=note]').innerText(), /protected by a password only/);
      await Promise.all([
        page.waitForURL(/\/admin\/two-step$/),
        page.getByRole('link', { name: t('security.nudge-link') }).click(),
      ]);
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), t('enrol.title'));
      assert.ok(
        await page.getByRole('img', { name: t('enrol.qr-label') }).isVisible(),
        'the QR code is drawn without a script',
      );
      await screenshot(page, 'second-factor-1-enrol-phone');
      secret = await readSecret(page);

      await page.fill('#code', '000000');
      await page.fill('#password', oksana.password);
      await submit(page, t('enrol.button'));
      assert.match(await page.locator('.error-summary').innerText(), /This code is not right/);
      assert.equal(await readSecret(page), secret, 'the same key, so her app does not need it again');

      await page.fill('#code', codeFor(secret));
      await page.fill('#password', oksana.password);
      await submit(page, t('enrol.button'));
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), t('codes.title'));
      recoveryCodes = await page.locator('.recovery-codes code').allInnerTexts();
      assert.equal(recoveryCodes.length, 10);
      assert.match(
        (await page.getByRole('link', { name: t('codes.download') }).getAttribute('href')) ?? '',
        /^data:text\/plain/,
      );
      await screenshot(page, 'second-factor-2-recovery-codes-phone');
      await Promise.all([page.waitForURL(/\/admin$/), page.getByRole('link', { name: t('codes.saved') }).click()]);
      assert.equal(await page.locator('main [role=note]').count(), 0, 'no more warning');
    },
  );

  step('she logs out, and logging in again asks for the code from her phone after the password', async () => {
    await logOut(page);
    await logInWithPassword(page, server, oksana, /\/login\/code$/);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), t('signin.code-title'));
    await screenshot(page, 'second-factor-3-code-phone');
    assert.equal(
      (await oksanaPhone.cookies()).some((c) => c.name === 'veche_session'),
      false,
      'no session yet',
    );
    // Her phone runs a little fast: the code of the next 30 seconds is accepted too.
    await page.fill('#code', codeFor(secret, 1));
    await Promise.all([
      page.waitForURL(/\/admin$/),
      page.getByRole('button', { name: t('signin.code-button') }).click(),
    ]);
    assert.ok((await oksanaPhone.cookies()).some((c) => c.name === 'veche_session' && c.httpOnly));
  });

  step('without her phone, she logs in with a recovery code, which then works no more', async () => {
    await logOut(page);
    await logInWithPassword(page, server, oksana, /\/login\/code$/);
    await page.locator('details summary').click();
    await page.fill('#code', recoveryCodes[0]);
    await Promise.all([
      page.waitForURL(/\/admin\/two-step\?done=recovery-used$/),
      page.getByRole('button', { name: t('signin.code-button') }).click(),
    ]);
    assert.match(await page.locator('[role=status]').innerText(), /You have 9 left/);
    await screenshot(page, 'second-factor-4-status-phone');

    await logOut(page);
    await logInWithPassword(page, server, oksana, /\/login\/code$/);
    await page.fill('#code', recoveryCodes[0]);
    await submit(page, t('signin.code-button'));
    assert.match(await page.locator('.error-summary').innerText(), /This code is not right/);
    await page.fill('#code', recoveryCodes[1]);
    await Promise.all([
      page.waitForURL(/\/admin\/two-step/),
      page.getByRole('button', { name: t('signin.code-button') }).click(),
    ]);
  });

  step('she sees where she is logged in, her phone marked as this browser', async () => {
    await page.goto(`${server.origin}/admin/sessions`);
    const sessions = page.locator('main .card-list > li');
    assert.ok((await sessions.count()) >= 1);
    assert.match(await sessions.filter({ hasText: 'this browser' }).innerText(), /Last used/);
    await screenshot(page, 'second-factor-5-sessions-phone');
  });

  step('the admin turns on her own second factor, then requires two-step sign-in for every account', async () => {
    await adminPage.goto(`${server.origin}/admin/two-step`);
    const adminSecret = await readSecret(adminPage);
    await adminPage.fill('#code', codeFor(adminSecret));
    await adminPage.fill('#password', admin.password);
    await submit(adminPage, t('enrol.button'));
    assert.equal(await adminPage.getByRole('heading', { level: 1 }).innerText(), t('codes.title'));

    await adminPage.goto(`${server.origin}/admin/people`);
    const accounts = adminPage.locator('main .card-list').last();
    assert.match(
      await accounts.locator('li', { hasText: '(oksana)' }).innerText(),
      /Role\s+organiser\s+Two-step sign-in\s+on\s+Account\s+active/,
    );
    assert.match(
      await accounts.locator('li', { hasText: '(daria)' }).innerText(),
      /Role\s+moderator\s+Two-step sign-in\s+off\s+Account\s+active/,
    );
    await Promise.all([
      adminPage.waitForURL(/two-step-rule\/on$/),
      adminPage.getByRole('link', { name: t('people.rule-start') }).click(),
    ]);
    await screenshot(adminPage, 'second-factor-6-require-desktop');
    await adminPage.fill('#password', admin.password);
    await Promise.all([
      adminPage.waitForURL(/done=rule-on$/),
      adminPage.getByRole('button', { name: t('people.rule-on-button') }).click(),
    ]);
    assert.equal(await adminPage.locator('[role=status]').innerText(), t('people.done-rule-on'));
  });

  step(
    'Daria, who has no second factor, is logged out, and at her next login can do nothing before she sets one up',
    async () => {
      const dariaPage = dariaContext.pages()[0];
      await dariaPage.goto(`${server.origin}/admin`);
      assert.match(dariaPage.url(), /\/login$/, 'her session ended');
      await logInWithPassword(dariaPage, server, daria, /\/login\/enrol$/);
      assert.match(await dariaPage.locator('.lead').innerText(), /asks every account to use two-step sign-in/);
      await screenshot(dariaPage, 'second-factor-7-required-enrol-desktop');
      await assertAccessible(dariaPage, 'the required set-up page');
      await dariaPage.goto(`${server.origin}/organiser/events`);
      assert.match(dariaPage.url(), /\/login$/, 'nothing else opens');
      await dariaPage.goto(`${server.origin}/login/enrol`);
      const dariaSecret = await readSecret(dariaPage);
      await dariaPage.fill('#code', codeFor(dariaSecret));
      await submit(dariaPage, t('enrol.button'));
      assert.equal(await dariaPage.getByRole('heading', { level: 1 }).innerText(), t('codes.title'));
      await Promise.all([
        dariaPage.waitForURL(/\/admin$/),
        dariaPage.getByRole('link', { name: t('codes.saved') }).click(),
      ]);
      assert.match(await dariaPage.locator('.account-bar').innerText(), /Daria/);
    },
  );

  step('nothing was asked of another site, and the server logged no error', async () => {
    assert.deepEqual(
      logs.flatMap((log) => log.foreign()),
      [],
    );
    assert.deepEqual(server.serverErrors(), []);
  });
});
