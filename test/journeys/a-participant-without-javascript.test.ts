import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { translator } from '../../src/i18n/i18n.ts';
import {
  startServer,
  launchBrowser,
  newContext,
  recordRequests,
  skipWithoutChromium,
  setUpSite,
  screenshot,
  stepsOf,
  phone,
  desktop,
  type TestServer,
  type RequestLog,
} from '../support/browser.ts';
import {
  askByApi,
  assertAccessibleWithoutScripts,
  openEventThroughForm,
  type EventDraft,
} from '../support/event-browser.ts';

const t = translator('uk');
const meeting: EventDraft = {
  title: 'Зустріч із міським головою',
  addressee: 'Міському голові',
  description: 'Міський голова відповідає на питання мешканців про мобілізованих, дороги та лікарні.',
  language: 'uk',
  timeZone: 'Europe/Kiev',
  moderation: 'after',
  anonymousAllowed: true,
  maxLength: 200,
};
const texts = {
  mobilised: 'Коли мобілізованих з нашого району повернуть додому?',
  road: 'Коли нарешті відремонтують дорогу до лікарні?',
  spam: 'Купуйте дешеві підписники та лайки, пишіть негайно!!!',
};
const participant = { name: 'Оксана', question: 'Коли наших мобілізованих з району відпустять додому?' };

describe('a participant without JavaScript joins, asks, is shown a similar question, posts hers anyway, and votes with plain forms', {
  skip: skipWithoutChromium(),
}, () => {
  let server: TestServer;
  let browser: Browser;
  let organiser: BrowserContext;
  let noScript: BrowserContext;
  const logs: RequestLog[] = [];
  let code: string;
  const ids = {} as Record<keyof typeof texts | 'hers', string>;
  let page: Page;
  const step = stepsOf(it);

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    organiser = await newContext(browser, { viewport: desktop, locale: 'uk-UA', timezoneId: 'Europe/Kiev' });
    noScript = await newContext(browser, { viewport: phone, locale: 'uk-UA', javaScriptEnabled: false });
    logs.push(recordRequests(organiser, server.origin), recordRequests(noScript, server.origin));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  step(
    'the organiser opens the event; three questions come in; in the console one is answered and the spam hidden',
    async () => {
      const admin = await organiser.newPage();
      await setUpSite(admin, server);
      code = await openEventThroughForm(admin, server, t, meeting);
      // The other participants and the moderator are not this journey's subject: their questions come through the API,
      // and the organiser takes her decisions in the console quickly, so that every tab has something to read.
      for (const key of ['mobilised', 'road', 'spam'] as const) ids[key] = await askByApi(server, code, texts[key]);
      await admin.goto(`${server.origin}/moderate/${code}`);
      await admin
        .locator(`#list-${ids.road}`)
        .getByRole('button', { name: t('moderation.do-answer') })
        .click();
      await admin
        .locator('#console-status')
        .filter({ hasText: t('moderation.done-answer') })
        .waitFor();
      const spam = admin.locator(`#list-${ids.spam}`);
      await spam.locator('summary').click();
      await spam.getByRole('button', { name: t('moderation.reason-spam'), exact: true }).click();
      await admin
        .locator('#console-status')
        .filter({ hasText: t('moderation.done-hide', { reason: t('moderation.reason-spam') }) })
        .waitFor();
      await admin.close();
      page = await noScript.newPage();
    },
  );

  step(
    'she mistypes the join code: the page says no event has it and keeps what she typed; the right code takes her in',
    async () => {
      await page.goto(`${server.origin}/e`);
      assert.equal(await page.locator('h1').innerText(), t('event.join-heading'));
      await assertAccessibleWithoutScripts(page, 'the join page');
      await page.fill('#code', 'ZZZZZZ');
      assert.equal(await go(page, () => page.getByRole('button', { name: t('event.join-submit') }).click()), 404);
      assert.equal(await page.locator('#code-error').innerText(), t('event.join-no-such'));
      assert.equal(await page.locator('#code').inputValue(), 'ZZZZZZ');
      await screenshot(page, 'nojs-event-01-wrong-code-phone');
      await assertAccessibleWithoutScripts(page, 'the join page with a wrong code');
      await page.fill('#code', code);
      assert.equal(await go(page, () => page.getByRole('button', { name: t('event.join-submit') }).click()), 200);
      assert.equal(page.url(), `${server.origin}/e/${code}`);
      assert.equal(await page.locator('h1').innerText(), meeting.title);
      assert.equal(await page.locator('[data-suggestions]').innerHTML(), '', 'nothing runs here without JavaScript');
      await screenshot(page, 'nojs-event-02-event-phone');
      await assertAccessibleWithoutScripts(page, 'the event page');
    },
  );

  step('a question of spaces only comes back with "fill this in", her name kept', async () => {
    await page.fill('#text', '   ');
    await page.fill('#name', participant.name);
    assert.equal(await go(page, () => askButton(page).click()), 422);
    assert.equal(await page.locator('#text-error').innerText(), t('problem.required'));
    assert.equal(await page.locator('.error-summary[role=alert] a[href="#text"]').innerText(), t('problem.required'));
    assert.equal(await page.locator('#name').inputValue(), participant.name);
    await screenshot(page, 'nojs-event-03-empty-question-phone');
    await assertAccessibleWithoutScripts(page, 'the event page with an empty question');
  });

  step("a question over the event's 200 characters comes back with the limit, every character of it kept", async () => {
    const long = `${participant.question} ${'Ми чекаємо вже дуже довго. '.repeat(7)}`.trim();
    assert.ok([...long].length > meeting.maxLength);
    await page.fill('#text', long);
    assert.equal(await go(page, () => askButton(page).click()), 422);
    assert.equal(await page.locator('#text-error').innerText(), t('problem.too-long', { max: meeting.maxLength }));
    assert.equal(await page.locator('#text').inputValue(), long);
    assert.equal(await page.locator('#name').inputValue(), participant.name);
    await screenshot(page, 'nojs-event-04-too-long-phone');
    await assertAccessibleWithoutScripts(page, 'the event page with a question too long');
  });

  step(
    'her question said the same as one already asked: a page shows that one, with her question kept to post anyway',
    async () => {
      await page.fill('#text', participant.question);
      assert.equal(await go(page, () => askButton(page).click()), 200);
      assert.equal(page.url(), `${server.origin}/e/${code}/questions`);
      assert.equal(await page.locator('#similar-h').innerText(), t('event.similar-heading'));
      const similar = page.locator(`#q-${ids.mobilised}`);
      assert.equal(await similar.locator('.question-text').innerText(), texts.mobilised);
      assert.equal(await similar.getByRole('button').innerText(), t('event.vote'));
      assert.equal(await page.locator('#text').inputValue(), participant.question);
      assert.equal(await page.locator('#name').inputValue(), participant.name);
      const asked = (await (await fetch(`${server.origin}/api/events/${code}`)).json()) as {
        counts: { asked: number };
      };
      assert.equal(asked.counts.asked, 3, 'nothing is posted before she chooses');
      await screenshot(page, 'nojs-event-05-similar-phone');
      await assertAccessibleWithoutScripts(page, 'the similar-questions page');
    },
  );

  step('she presses "post mine anyway": her question is published, first under "recent"', async () => {
    assert.equal(await go(page, () => page.getByRole('button', { name: t('event.ask-anyway') }).click()), 200);
    assert.match(page.url(), new RegExp(`/e/${code}\\?list=recent&asked=published#notice$`));
    assert.equal(await page.locator('#notice').innerText(), t('event.asked-published'));
    const first = page.locator('[data-question-list=recent] > li').first();
    assert.equal(await first.locator('.question-text').innerText(), participant.question);
    assert.equal(await first.locator('[data-author]').innerText(), participant.name);
    ids.hers = (await first.getAttribute('data-question'))!;
    await screenshot(page, 'nojs-event-06-posted-anyway-phone');
    await assertAccessibleWithoutScripts(page, 'the event page after posting anyway');
  });

  step('she votes for the other question with the plain form, sees 1 vote, and takes it back', async () => {
    const other = page.locator(`#q-${ids.mobilised}`);
    assert.equal(await go(page, () => other.getByRole('button', { name: t('event.vote') }).click()), 200);
    assert.equal(page.url(), `${server.origin}/e/${code}?list=recent#q-${ids.mobilised}`);
    assert.equal(await other.locator('[data-votes]').innerText(), '1');
    assert.equal(await other.locator('[data-votes-word]').innerText(), t('event.votes-word', { count: 1 }));
    assert.equal(await other.locator('.voted-mark').innerText(), t('event.voted'));
    await screenshot(page, 'nojs-event-07-voted-phone');
    await assertAccessibleWithoutScripts(page, 'the event page after voting');

    assert.equal(await go(page, () => other.getByRole('button', { name: t('event.unvote') }).click()), 200);
    assert.equal(await other.locator('[data-votes]').innerText(), '0');
    assert.equal(await other.locator('.voted-mark').count(), 0);
    assert.equal(await other.getByRole('button').innerText(), t('event.vote'));
    const state = (await (await fetch(`${server.origin}/api/events/${code}`)).json()) as { counts: { votes: number } };
    assert.equal(state.counts.votes, 0);
  });

  step('she reads each tab: popular, recent, answered, and hidden with the spam still readable', async () => {
    const tabs = [
      { name: t('event.tab-popular'), list: 'popular', shows: [texts.mobilised, participant.question] },
      { name: t('event.tab-recent'), list: 'recent', shows: [participant.question, texts.mobilised] },
      { name: t('event.tab-answered'), list: 'answered', shows: [texts.road] },
      { name: t('event.tab-hidden', { count: 1 }), list: 'hidden', shows: [texts.spam] },
    ];
    for (const tab of tabs) {
      assert.equal(
        await go(page, () => page.locator('.event-tabs').getByRole('link', { name: tab.name, exact: true }).click()),
        200,
      );
      assert.equal(page.url(), `${server.origin}/e/${code}?list=${tab.list}#questions`);
      assert.equal(await page.locator('.event-tabs [aria-current=page]').innerText(), tab.name);
      assert.deepEqual(
        await page.locator('.question-list .question-text').allInnerTexts(),
        tab.shows,
        `the ${tab.list} tab`,
      );
      await screenshot(page, `nojs-event-08-tab-${tab.list}-phone`);
      await assertAccessibleWithoutScripts(page, `the ${tab.list} tab`);
    }
    assert.equal(
      await page.locator(`#q-${ids.spam} .badge`).innerText(),
      t('event.hidden-because', { reason: t('event.reason-spam') }),
    );
    await go(page, () =>
      page
        .locator('.event-tabs')
        .getByRole('link', { name: t('event.tab-answered') })
        .click(),
    );
    assert.equal(await page.locator(`#q-${ids.road} .badge`).innerText(), t('event.answered-badge'));
    assert.equal(
      await page.locator(`#q-${ids.road} form[data-vote-form]`).count(),
      0,
      'an answered question takes no new votes',
    );
  });

  it('the check without JavaScript works: an image without alt text planted in her page is found', async () => {
    const planted = await noScript.newPage();
    await planted.goto(`${server.origin}/e/${code}`);
    // A synchronous evaluate still runs with scripts off; it stands for a broken page.
    await planted.evaluate(() =>
      document.querySelector('main')!.append(Object.assign(document.createElement('img'), { src: '/assets/icon.svg' })),
    );
    await assert.rejects(assertAccessibleWithoutScripts(planted, 'a broken page'), /image-alt/);
    await planted.close();
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

function askButton(page: Page) {
  return page.locator('form[data-ask-form] button[type=submit]');
}

/** go does what leads to a new page (a form sent, a link followed) and returns the status of the page it lands on. */
async function go(page: Page, action: () => Promise<void>): Promise<number | undefined> {
  const [response] = (await Promise.all([page.waitForNavigation(), action()])) as [Response | null, undefined];
  return response?.status();
}
