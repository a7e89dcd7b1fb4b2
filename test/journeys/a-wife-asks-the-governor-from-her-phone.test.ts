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
  screenshot,
  solveProofOfWork,
  stepsOf,
  assertAccessible,
  phone,
  desktop,
  type TestServer,
  type RequestLog,
} from '../support/browser.ts';
import { openEventThroughForm, type EventDraft } from '../support/event-browser.ts';

const t = translator('ru');
const townHall: EventDraft = {
  title: 'Прямая линия с губернатором области',
  addressee: 'Губернатору области',
  description: 'Губернатор отвечает на вопросы жителей: о мобилизованных, о выплатах семьям, о дорогах и больницах.',
  language: 'ru',
  timeZone: 'Europe/Moscow',
  moderation: 'after',
  anonymousAllowed: true,
  maxLength: 300,
};
const wife = { name: 'Марина', question: 'Когда вернут домой мобилизованных мужей, которые служат больше года?' };
// The same question in other words, as a second wife in the hall would type it.
const sameInOtherWords = 'Когда наших мужей-мобилизованных отпустят домой, они служат уже больше года?';
const phoneOptions = {
  viewport: phone,
  locale: 'ru-RU',
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
} as const;

describe('a wife asks the governor from her phone, and a second one votes for her question instead of asking it again', {
  skip: skipWithoutChromium(),
}, () => {
  let server: TestServer;
  let browser: Browser;
  let organiser: BrowserContext;
  let firstPhone: BrowserContext;
  let secondPhone: BrowserContext;
  const logs: RequestLog[] = [];
  let code: string;
  let asking: Page;
  let voting: Page;
  let questionId: string;
  const step = stepsOf(it);

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    organiser = await newContext(browser, { viewport: desktop, locale: 'ru-RU', timezoneId: 'Europe/Moscow' });
    firstPhone = await newContext(browser, phoneOptions);
    secondPhone = await newContext(browser, phoneOptions);
    logs.push(
      recordRequests(organiser, server.origin),
      recordRequests(firstPhone, server.origin),
      recordRequests(secondPhone, server.origin),
    );
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  step(
    'the organiser finds her way from the admin page to the new-event form, opens the event, and reads its join code',
    async () => {
      const page = await organiser.newPage();
      await setUpSite(page, server);
      code = await openEventThroughForm(page, server, t, townHall, async (at, label) => {
        await screenshot(at, `wife-00-${label}-desktop`);
        await assertAccessible(at, label);
      });
      assert.equal(await page.locator('[role=status]').innerText(), t('organiserEvent.done-created'));
      assert.equal(await page.locator('h1').innerText(), townHall.title);
      assert.equal(await page.locator('#participant-url').inputValue(), `${server.origin}/e/${code}`);
      await page.close();
    },
  );

  step(
    'the first wife types the code from the screen on the home page, in small letters, and lands on the event',
    async () => {
      asking = await firstPhone.newPage();
      await asking.goto(`${server.origin}/`);
      assert.equal(await asking.locator('#join-h').innerText(), t('event.home-join-heading'));
      await assertAccessible(asking, 'the home page on a phone');
      await asking.fill('#join-code', code.toLowerCase());
      await screenshot(asking, 'wife-01-home-code-typed-phone');
      await Promise.all([
        asking.waitForURL(`${server.origin}/e/${code}`),
        asking.locator('form.join-form button[type=submit]').click(),
      ]);
      assert.equal(await asking.locator('h1').innerText(), townHall.title);
      assert.equal(await asking.locator('.event-status .badge').innerText(), t('event.status-open'));
      assert.equal(await asking.locator('[data-empty]').innerText(), t('event.empty-popular'));
      await screenshot(asking, 'wife-02-event-phone');
      await assertAccessible(asking, 'the event page on a phone');
    },
  );

  step(
    'she asks her question with her name; the check against spam runs in her phone; she sees it first under "recent"',
    async () => {
      await asking.fill('#text', wife.question);
      assert.equal(
        await asking.locator('#text-count').innerText(),
        t('event.counter', { count: [...wife.question].length, max: townHall.maxLength }),
      );
      await asking.fill('#name', wife.name);
      await solveProofOfWork(asking);
      await Promise.all([
        asking.waitForURL(new RegExp(`/e/${code}\\?list=recent&asked=published#notice$`)),
        asking.locator('form[data-ask-form] button[type=submit]').click(),
      ]);
      assert.equal(await asking.locator('#notice').innerText(), t('event.asked-published'));
      assert.equal(await asking.locator('.event-tabs [aria-current=page]').innerText(), t('event.tab-recent'));
      const first = asking.locator('[data-question-list=recent] > li').first();
      assert.equal(await first.locator('.question-text').innerText(), wife.question);
      assert.equal(await first.locator('[data-author]').innerText(), wife.name);
      assert.equal(await first.locator('[data-votes]').innerText(), '0');
      assert.equal(await asking.locator('[data-count=asked]').innerText(), t('event.asked-count', { count: 1 }));
      questionId = (await first.getAttribute('data-question'))!;
      await screenshot(asking, 'wife-03-asked-recent-phone');
      await assertAccessible(asking, 'the event page after asking');
    },
  );

  step('a second wife joins on her own phone through /e', async () => {
    voting = await secondPhone.newPage();
    await voting.goto(`${server.origin}/e`);
    assert.equal(await voting.locator('h1').innerText(), t('event.join-heading'));
    await assertAccessible(voting, 'the join page on a phone');
    await voting.fill('#code', code);
    await screenshot(voting, 'wife-04-join-page-phone');
    await Promise.all([
      voting.waitForURL(`${server.origin}/e/${code}`),
      voting.getByRole('button', { name: t('event.join-submit') }).click(),
    ]);
    assert.equal(await voting.locator(`#q-${questionId} .question-text`).innerText(), wife.question);
  });

  step(
    "while she types the same question in other words, the page suggests the first wife's question to vote for instead",
    async () => {
      await voting.locator('#text').pressSequentially(sameInOtherWords, { delay: 5 });
      const box = voting.locator('[data-suggestions]');
      const suggestion = box.locator(`li[data-question="${questionId}"]`);
      await suggestion.waitFor({ timeout: 15_000 });
      assert.equal(await box.locator('h3').innerText(), t('event.similar-live-heading'));
      assert.equal(await suggestion.locator('p').innerText(), `${wife.question} ${t('event.votes', { count: 0 })}`);
      assert.equal(await suggestion.getByRole('button').innerText(), t('event.vote'));
      await screenshot(voting, 'wife-05-suggestion-while-typing-phone');
      await assertAccessible(voting, 'the event page showing a suggestion');
    },
  );

  step(
    'she votes for the suggested question: it shows 1 vote, and the button now takes her vote back; nothing new was asked',
    async () => {
      const suggestion = voting.locator(`[data-suggestions] li[data-question="${questionId}"]`);
      await suggestion.getByRole('button', { name: t('event.vote') }).click();
      await suggestion.getByRole('button', { name: t('event.unvote') }).waitFor({ timeout: 15_000 });
      assert.equal(await suggestion.locator('[data-votes-label]').innerText(), t('event.votes', { count: 1 }));
      // The same question in the list below says so too.
      const listed = voting.locator(`#q-${questionId}`);
      assert.equal(await listed.locator('[data-votes]').innerText(), '1');
      assert.equal(await listed.locator('[data-votes-word]').innerText(), t('event.votes-word', { count: 1 }));
      assert.equal(await listed.locator('.voted-mark').innerText(), t('event.voted'));
      assert.equal(await listed.getByRole('button').innerText(), t('event.unvote'));
      // Her words stay in the box, unsent: she chose to vote instead.
      assert.equal(await voting.locator('#text').inputValue(), sameInOtherWords);
      assert.equal(await voting.locator('[data-count=asked]').innerText(), t('event.asked-count', { count: 1 }));
      await screenshot(voting, 'wife-06-voted-instead-phone');
      await assertAccessible(voting, 'the event page after voting for a suggestion');
      // The same page on a wide screen (a tablet on its side, a laptop in the hall).
      await voting.setViewportSize(desktop);
      await screenshot(voting, 'wife-06-voted-instead-desktop');
      await assertAccessible(voting, 'the event page after voting, at desktop width');
      await voting.setViewportSize(phone);

      const state = (await (await fetch(`${server.origin}/api/events/${code}`)).json()) as {
        counts: { asked: number; votes: number };
      };
      assert.equal(state.counts.asked, 1, 'voting for a suggestion asks nothing');
      assert.equal(state.counts.votes, 1);
    },
  );

  step(
    "the first wife's page, left open, shows the vote without a reload; the second wife's phone remembers her vote",
    async () => {
      await asking.locator(`#q-${questionId} [data-votes]`).filter({ hasText: /^1$/ }).waitFor({ timeout: 15_000 });
      assert.equal(await asking.locator('[data-count=votes]').innerText(), t('event.votes', { count: 1 }));
      await screenshot(asking, 'wife-07-vote-arrived-live-phone');

      await voting.goto(`${server.origin}/e/${code}`);
      const listed = voting.locator(`#q-${questionId}`);
      assert.equal(await listed.locator('[data-votes]').innerText(), '1');
      assert.equal(await listed.getByRole('button').innerText(), t('event.unvote'));
    },
  );

  step('no page asked anything of another origin, and the server logged no error', async () => {
    assert.deepEqual(
      logs.flatMap((log) => log.foreign()),
      [],
      `requests left ${server.origin}`,
    );
    assert.ok(logs.every((log) => log.urls.length > 0));
    assert.deepEqual(server.serverErrors(), []);
  });
});
