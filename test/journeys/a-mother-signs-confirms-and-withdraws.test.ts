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
  readOutbox,
  confirmationLink,
  countOn,
  solveProofOfWork,
  stepsOf,
  phone,
  desktop,
  type TestServer,
  type RequestLog,
  withdrawOnReceipt,
  sleep,
} from '../support/browser.ts';

const t = translator('ru');
const mother = { name: 'Анна Петрова', email: 'anna.petrova@example.org' };
const petitionDraft = {
  title: 'Верните наших мужей домой: ограничьте срок службы',
  body: 'Мы — жёны и матери мобилизованных. Наши мужья служат больше года без ротации.\n\nМы требуем установить предельный срок службы и вернуть домой тех, кто его отслужил.',
  addressee: 'Министерству обороны',
  language: 'ru' as const,
  goal: 1000,
  nameRule: 'required' as const,
  namesPublic: 'signer' as const,
  regionRule: 'optional' as const,
  regionCountries: ['RU'],
  confirmation: 'email' as const,
};

describe('a mother signs a petition from her phone, confirms from her email, keeps her receipt and withdraws', {
  skip: skipWithoutChromium(),
}, () => {
  let server: TestServer;
  let browser: Browser;
  let adminContext: BrowserContext;
  let phoneContext: BrowserContext;
  const logs: RequestLog[] = [];
  let petitionId: string;
  let signing: Page;
  let watching: Page;
  let petitionJsServed = false;
  let confirmLink: string;
  let receiptLink: string;
  let checkEmailText: string;
  /** countBoxes keep the count's box as the live update left it and as a reload shows it. */
  const countBoxes: { after: string; live: string; reloaded: string }[] = [];
  const step = stepsOf(it);

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    adminContext = await newContext(browser, { viewport: desktop, locale: 'ru-RU' });
    phoneContext = await newContext(browser, {
      viewport: phone,
      locale: 'ru-RU',
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    logs.push(recordRequests(adminContext, server.origin), recordRequests(phoneContext, server.origin));
    phoneContext.on('response', (response) => {
      if (new URL(response.url()).pathname === '/assets/petition.js' && response.ok()) petitionJsServed = true;
    });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  step(
    'the admin sets the site up through the one-time link and publishes a petition that asks for email confirmation',
    async () => {
      const page = await adminContext.newPage();
      await page.goto(server.setupLink);
      await screenshot(page, 'mother-00-setup-desktop');
      await setUpSite(page, server);
      assert.equal(await page.locator('h1').textContent(), t('admin.title'));
      petitionId = await publishPetition(page, server, petitionDraft);
      await page.close();
    },
  );

  step('she opens the petition page on her phone and sees nobody has signed yet', async () => {
    signing = await phoneContext.newPage();
    await signing.goto(`${server.origin}/p/${petitionId}`);
    assert.equal(await signing.locator('h1').textContent(), petitionDraft.title);
    assert.equal(await countOn(signing), 0);
    await screenshot(signing, 'mother-01-petition-phone');
  });

  step(
    'she fills in her name, email and region, the anti-spam check runs in her browser, and she is asked to check her email',
    async () => {
      await signing.fill('#name', mother.name);
      await signing.fill('#email', mother.email);
      const region = await signing.locator('#region option:not([value=""])').first().getAttribute('value');
      await signing.selectOption('#region', region!);
      await signing.check('input[name=showName]');
      await solveProofOfWork(signing);
      await screenshot(signing, 'mother-02-form-filled-phone');
      await Promise.all([
        signing.waitForURL(`${server.origin}/p/${petitionId}/check-email`),
        signing.click('form[data-sign-form] button[type=submit]'),
      ]);
      assert.equal(await signing.locator('h1').textContent(), t('sign.check-email-title'));
      checkEmailText = (await signing.locator('main').innerText()).trim();
      await screenshot(signing, 'mother-03-check-email-phone');
    },
  );

  step(
    'the email carries a confirmation link, and opening it (a GET, as a mail filter would) counts nothing',
    async () => {
      const email = await waitForEmail(server.dataDir, mother.email);
      assert.equal(
        email.subject,
        t('mail.confirm-subject'),
        'a subject that says nothing of the petition, on a locked screen',
      );
      assert.ok(!email.text.includes(petitionDraft.title) && !email.text.includes(petitionId), 'nor does the text');
      confirmLink = confirmationLink(email);
      assert.ok(confirmLink.startsWith(`${server.origin}/confirm/`), confirmLink);

      watching = await phoneContext.newPage();
      await watching.goto(`${server.origin}/p/${petitionId}`);
      // Back to her first tab: a tab in the background gets its timers slowed, as on a real phone.
      await signing.bringToFront();
      await signing.goto(confirmLink);
      assert.equal(await signing.locator('h1').textContent(), t('confirm.title'));
      await screenshot(signing, 'mother-04-confirm-phone');
      await signing.waitForTimeout(500); // several job ticks: tallies would have moved if the GET had confirmed
      await watching.reload();
      assert.equal(await countOn(watching), 0, 'following the emailed link must not confirm the signature');
      // A second GET (the person after the filter) still shows the button: the link is not used up by looking.
      await signing.reload();
      assert.equal(await signing.getByRole('button', { name: t('confirm.button') }).count(), 1);
    },
  );

  step('she presses "Confirm my signature", lands on her receipt, and the petition page counts her', async () => {
    await Promise.all([
      signing.waitForURL(/\/receipt\/s[\w-]+\/[\w-]+\?signed=1$/),
      signing.getByRole('button', { name: t('confirm.button') }).click(),
    ]);
    assert.equal(await signing.locator('h1').textContent(), t('receipt.title'));
    assert.match(await signing.locator('[role=status]').innerText(), new RegExp(escapeRegExp(t('receipt.thanks'))));
    assert.match(await signing.locator('dd strong').innerText(), new RegExp(escapeRegExp(t('receipt.status-counted'))));
    receiptLink = (await signing.locator('#receipt-link').innerText()).trim();
    assert.ok(receiptLink.startsWith(`${server.origin}/receipt/`), `the receipt link to keep is ${receiptLink}`);
    await screenshot(signing, 'mother-05-receipt-phone');
    assert.deepEqual(
      readOutbox(server.dataDir).filter((m) => m.to.includes(mother.email)),
      [],
      'confirmed: the outbox keeps no email with her address',
    );

    await watching.bringToFront();
    if (petitionJsServed) {
      // The page she left open updates itself (Server-Sent Events) without a reload.
      await watching
        .locator('[data-live-count]')
        .filter({ hasText: /^\s*1\s*$/ })
        .waitFor({ timeout: 5000 });
      console.log('# the count rose on the open page without a reload (live update)');
    } else {
      console.log('# /assets/petition.js is not served: no live update to watch, checking after a reload');
      await watching.reload();
    }
    assert.equal(await countOn(watching), 1);
    await screenshot(watching, 'mother-06-petition-counted-phone');
    const live = await watching.locator('.count-box').innerText();
    // The list of names comes with the next load of the page.
    await watching.reload();
    assert.equal(await countOn(watching), 1);
    countBoxes.push({ after: 'confirming', live, reloaded: await watching.locator('.count-box').innerText() });
    assert.match(
      await watching.locator('main').innerText(),
      new RegExp(escapeRegExp(mother.name)),
      'she asked for her name to be shown',
    );
    await screenshot(watching, 'mother-06-petition-counted-reloaded-phone');
  });

  step('the used confirmation link cannot confirm again', async () => {
    const page = await phoneContext.newPage();
    const response = await page.goto(confirmLink);
    assert.ok(
      response && response.status() >= 400 && response.status() < 500,
      `a used link answers ${response?.status()}`,
    );
    await screenshot(page, 'mother-07-used-link-phone');
    await page.close();
  });

  step(
    'signing again with the same email shows the very same "check your email" page; the email says she already signed',
    async () => {
      const notes = () => readOutbox(server.dataDir).filter((m) => m.file.includes('-note-'));
      const before = notes().length;
      await signing.bringToFront();
      await signing.goto(`${server.origin}/p/${petitionId}`);
      await signing.fill('#name', mother.name);
      await signing.fill('#email', mother.email);
      await solveProofOfWork(signing);
      await Promise.all([
        signing.waitForURL(`${server.origin}/p/${petitionId}/check-email`),
        signing.click('form[data-sign-form] button[type=submit]'),
      ]);
      assert.equal((await signing.locator('main').innerText()).trim(), checkEmailText);
      for (let tries = 0; notes().length <= before; tries++) {
        assert.ok(tries < 100, 'the note reached the outbox within 10 s');
        await sleep(100);
      }
      const email = notes().at(-1)!;
      assert.equal(email.subject, t('mail.already-subject'));
      assert.ok(!email.to.includes(mother.email), 'the outbox keeps no confirmed address, not even on the note to it');
      assert.ok(!email.text.includes(petitionDraft.title), 'the note names no petition either');
      assert.doesNotMatch(email.text, /\/confirm\//, 'an "already signed" email must carry no confirmation link');
      await watching.reload();
      assert.equal(await countOn(watching), 1, 'signing twice must not count twice');
    },
  );

  step('later she opens her kept receipt link, withdraws, and the count goes down', async () => {
    const later = await phoneContext.newPage();
    await later.goto(receiptLink);
    assert.equal(await later.locator('h1').textContent(), t('receipt.title'));
    assert.equal(await later.locator('[role=status]').count(), 0, 'the "thank you" belongs to the first visit only');
    await screenshot(later, 'mother-08-receipt-later-phone');
    await watching.reload();
    await withdrawOnReceipt(later, {
      withdraw: t('receipt.withdraw-button'),
      confirm: t('receipt.withdraw-confirm-button'),
    });
    assert.equal(await later.locator('h1').textContent(), t('receipt.withdrawn-title'));
    await screenshot(later, 'mother-09-withdrawn-phone');

    if (petitionJsServed) {
      await watching
        .locator('[data-live-count]')
        .filter({ hasText: /^\s*0\s*$/ })
        .waitFor({ timeout: 5000 });
    } else {
      await watching.reload();
    }
    assert.equal(await countOn(watching), 0);
    const live = await watching.locator('.count-box').innerText();
    await watching.reload();
    assert.equal(await countOn(watching), 0);
    countBoxes.push({ after: 'withdrawing', live, reloaded: await watching.locator('.count-box').innerText() });
    assert.doesNotMatch(
      await watching.locator('main').innerText(),
      new RegExp(escapeRegExp(mother.name)),
      'a withdrawn name is no longer shown',
    );

    await later.goto(receiptLink);
    assert.match(await later.locator('dd strong').innerText(), new RegExp(escapeRegExp(t('receipt.status-withdrawn'))));
    assert.equal(await later.getByRole('button', { name: t('receipt.withdraw-button') }).count(), 0);
    await screenshot(later, 'mother-10-receipt-withdrawn-phone');
  });

  it("the count's box the live update rewrote reads as a reload does: number, words and goal", (t) => {
    if (!petitionJsServed) return t.skip('no live update on this build');
    assert.equal(countBoxes.length, 2, 'the journey did not get as far as withdrawing');
    for (const box of countBoxes) assert.equal(box.live, box.reloaded, `after ${box.after}`);
  });

  step('no page asked anything of another origin, and the server logged no error', async () => {
    const foreign = logs.flatMap((log) => log.foreign());
    assert.deepEqual(foreign, [], `requests left ${server.origin}`);
    assert.ok(logs.every((log) => log.urls.length > 0));
    assert.deepEqual(server.serverErrors(), []);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
