import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
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
  stepsOf,
  assertAccessible,
  desktop,
  type TestServer,
  type RequestLog,
} from '../support/browser.ts';
import {
  acceptInvitation,
  ApiVoter,
  askByApi,
  inviteMember,
  openEventThroughForm,
  type EventDraft,
} from '../support/event-browser.ts';

const t = translator('en');
const hearing: EventDraft = {
  title: 'Public hearing on the city budget',
  addressee: 'The mayor and the city council',
  description: 'Ask the mayor about schools, hospitals, transport and what the budget pays for.',
  language: 'en',
  timeZone: 'Europe/London',
  moderation: 'after',
  anonymousAllowed: true,
  maxLength: 300,
};
const moderator = {
  login: 'olena',
  displayName: 'Olena, volunteer moderator',
  password: 'moderating is a public service',
};
const projector = { width: 1920, height: 1080 } as const;
const texts = {
  roof: 'When will the city repair the roof of school number 5 before the winter comes?',
  roofAgain: 'When will the city fix the school roof before winter?',
  pensions: 'Why were pensions for the families of mobilised soldiers cut this spring?',
  bus: 'Will the bus route to the regional hospital be restored this year?',
  spam: 'Cheap followers and likes for your channel, write to promo-deals now!!!',
  personal:
    'Ivan Petrov of 12 Lenin Street, flat 4, phone +7 900 123 45 67, reports his neighbours to the police: why is he allowed to?',
};
type Key = keyof typeof texts;

describe('a moderator hides and merges questions while the big screen watches', { skip: skipWithoutChromium() }, () => {
  let server: TestServer;
  let browser: Browser;
  let organiser: BrowserContext;
  let moderating: BrowserContext;
  let hall: BrowserContext;
  let visitor: BrowserContext;
  const logs: RequestLog[] = [];
  let code: string;
  const ids = {} as Record<Key, string>;
  let dashboard: Page;
  let consolePage: Page;
  let screen: Page;
  const step = stepsOf(it);

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    organiser = await newContext(browser, { viewport: desktop, locale: 'en-GB', timezoneId: 'Europe/London' });
    moderating = await newContext(browser, { viewport: desktop, locale: 'en-GB' });
    hall = await newContext(browser, { viewport: projector, locale: 'en-GB' });
    visitor = await newContext(browser, { viewport: desktop, locale: 'en-GB' });
    for (const context of [organiser, moderating, hall, visitor]) logs.push(recordRequests(context, server.origin));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  step(
    'the organiser opens the event, invites a moderator through the admin page, and adds her to the event',
    async () => {
      dashboard = await organiser.newPage();
      await setUpSite(dashboard, server);
      code = await openEventThroughForm(dashboard, server, t, hearing);
      const link = await inviteMember(dashboard, server, t, 'moderator');
      const joining = await moderating.newPage();
      await acceptInvitation(joining, link, moderator);
      await joining.close();

      await dashboard.goto(`${server.origin}/organiser/events/${code}`);
      await dashboard.fill('#login', moderator.login);
      await Promise.all([
        dashboard.waitForURL(/\?done=moderator-added#moderators$/),
        dashboard.getByRole('button', { name: t('organiserEvent.add-moderator') }).click(),
      ]);
      assert.equal(await dashboard.locator('[role=status]').innerText(), t('organiserEvent.done-moderator-added'));
      assert.match(await dashboard.locator('.moderator-list').innerText(), new RegExp(moderator.displayName));
    },
  );

  step('questions come in from the hall, two of them the same in other words, and the first votes', async () => {
    // Asking and voting are other journeys' subject: here they come through the API, as from other phones.
    for (const key of ['roof', 'pensions', 'spam', 'personal', 'bus'] as const)
      ids[key] = await askByApi(server, code, texts[key]);
    ids.roofAgain = await askByApi(server, code, texts.roofAgain, { name: 'Daria', anyway: true });
    const [first, second] = [new ApiVoter(server, code), new ApiVoter(server, code)];
    // The first voter voted for both wordings of the roof question: after the merge she must count once.
    assert.equal(await first.vote(ids.roof), 1);
    assert.equal(await first.vote(ids.roofAgain), 1);
    assert.equal(await second.vote(ids.roof), 2);
    assert.equal(await second.vote(ids.pensions), 1);
  });

  step(
    'the big screen opens on the projector: the roof question on top, nothing hidden, nothing being answered',
    async () => {
      screen = await hall.newPage();
      await screen.goto(`${server.origin}/e/${code}/screen`);
      // A mark that only lives as long as this page: a reload would wipe it.
      await screen.evaluate(() => {
        (window as unknown as { neverReloaded: boolean }).neverReloaded = true;
      });
      assert.equal(await screen.locator('.screen-title').innerText(), hearing.title);
      assert.equal(await screen.locator('[data-top-list] > li').first().locator('.top-text').innerText(), texts.roof);
      assert.equal(await screen.locator('[data-counter=hidden] [data-n]').innerText(), '0');
      assert.equal(await screen.locator('.now-empty').innerText(), t('screen.nothing-pinned'));
      assert.equal((await screen.locator('.join-code').innerText()).replace(/\s/g, ''), code);
      await screenshot(screen, 'screen-01-before-projector');
      await assertAccessible(screen, 'the big screen');
    },
  );

  step('the moderator finds the console from her own start page, among the events she moderates', async () => {
    consolePage = await moderating.newPage();
    await consolePage.goto(`${server.origin}/admin`);
    await Promise.all([
      consolePage.waitForURL(`${server.origin}/organiser/events`),
      consolePage.getByRole('link', { name: t('organiserEvent.nav-link') }).click(),
    ]);
    await Promise.all([
      consolePage.waitForURL(`${server.origin}/moderate/${code}`),
      consolePage.getByRole('link', { name: hearing.title }).click(),
    ]);
    assert.equal(await consolePage.locator('h1 .console-kicker').innerText(), t('moderation.kicker'));
    assert.equal(await consolePage.locator('h1 [lang]').innerText(), hearing.title);
    await consolePage
      .locator('[data-live-state]')
      .filter({ hasText: t('moderation.live-on') })
      .waitFor({ timeout: 15_000 });
    await screenshot(consolePage, 'console-01-opened-desktop');
  });

  step('with the keyboard she moves to the spam (j), opens "hide" (h) and gives the reason spam (1)', async () => {
    for (let i = 0; i < 10 && (await focusedQuestion(consolePage)) !== ids.spam; i++)
      await consolePage.keyboard.press('j');
    assert.equal(await focusedQuestion(consolePage), ids.spam, 'j did not reach the spam question');
    await consolePage.keyboard.press('h');
    assert.equal(await consolePage.locator(`#list-${ids.spam} details.mq-hide`).getAttribute('open'), '');
    assert.equal(await consolePage.locator('#console-status').innerText(), t('moderation.js-hide-open'));
    await screenshot(consolePage, 'console-02-choosing-reason-desktop');
    await consolePage.keyboard.press('1');
    await consolePage
      .locator('#console-status')
      .filter({ hasText: t('moderation.done-hide', { reason: t('moderation.reason-spam') }) })
      .waitFor();
    await consolePage.locator(`#list-${ids.spam}`).waitFor({ state: 'detached' });
    assert.equal(consolePage.url(), `${server.origin}/moderate/${code}`, 'the console never left its page');
  });

  step('with the mouse she hides the question that names a private person, for personal data', async () => {
    const card = consolePage.locator(`#list-${ids.personal}`);
    await card.locator('summary').click();
    await card.getByRole('button', { name: t('moderation.reason-personal-data'), exact: true }).click();
    await consolePage
      .locator('#console-status')
      .filter({ hasText: t('moderation.done-hide', { reason: t('moderation.reason-personal-data') }) })
      .waitFor();
    await card.waitFor({ state: 'detached' });
  });

  step(
    'in "similar questions" she keeps the first wording and merges the other into it; the shared voter counts once',
    async () => {
      const group = consolePage.locator('form[data-merge-form]', {
        has: consolePage.locator(`[data-qid="${ids.roofAgain}"]`),
      });
      assert.equal(await group.locator('.mq').count(), 2, 'the two roof questions are one group');
      await screenshot(consolePage, 'console-03-group-desktop');
      await group.locator(`#group-${ids.roof}-into`).check();
      assert.equal(await group.locator(`#group-${ids.roof}-from`).isChecked(), false);
      await group.locator(`#group-${ids.roofAgain}-from`).check();
      await group.getByRole('button', { name: t('moderation.merge-button') }).click();
      await consolePage
        .locator('#console-status')
        .filter({ hasText: t('moderation.done-merge') })
        .waitFor();
      await group.waitFor({ state: 'detached' });
      assert.equal(await consolePage.locator(`#groups`).getByText(t('moderation.groups-empty')).count(), 1);
      await consolePage
        .locator(`#list-${ids.roof} .mq-meta`)
        .filter({ hasText: t('moderation.votes', { count: 2 }) })
        .waitFor();
      assert.equal(await consolePage.locator(`#list-${ids.roofAgain}`).count(), 0);
    },
  );

  step(
    'votes arrive for the bus route, which overtakes the roof; she pins the roof question as "now answering"',
    async () => {
      for (let i = 0; i < 3; i++) await new ApiVoter(server, code).vote(ids.bus);
      await consolePage
        .locator(`#list-${ids.bus} .mq-meta`)
        .filter({ hasText: t('moderation.votes', { count: 3 }) })
        .waitFor({ timeout: 15_000 });
      await consolePage
        .locator(`#list-${ids.roof}`)
        .getByRole('button', { name: t('moderation.do-pin') })
        .click();
      await consolePage
        .locator('#console-status')
        .filter({ hasText: t('moderation.done-pin') })
        .waitFor();
      await consolePage.locator(`#pinned-${ids.roof}`).waitFor();
      await screenshot(consolePage, 'console-04-after-moderating-desktop');
      await assertAccessible(consolePage, 'the moderator console');
    },
  );

  step(
    'the big screen, never reloaded, shows the roof being answered, the bus route on top, and two hidden, by reason',
    async () => {
      await screen.bringToFront();
      // The screen changes by itself, from the live stream: wait for each change to show, a few seconds at most.
      const shows = (what: string, selector: string, text: string) =>
        screen
          .waitForFunction(
            ([s, expected]) => document.querySelector(s)?.textContent?.trim() === expected,
            [selector, text] as const,
            { timeout: 15_000 },
          )
          .catch((error: Error) => {
            throw new Error(`the big screen did not show ${what}: ${error.message}`);
          });
      await shows('the roof question being answered', '.now-text', texts.roof);
      await shows('the bus route on top', '[data-top-list] > li .top-text', texts.bus);
      await shows('two questions hidden', '[data-counter=hidden] [data-n]', '2');
      assert.equal(await screen.locator('[data-now-votes]').innerText(), `2 ${t('screen.votes-word', { count: 2 })}`);
      assert.deepEqual(await screen.locator('[data-reasons] .reason').allInnerTexts(), [
        `${t('screen.reason.spam')} 1`,
        `${t('screen.reason.personal-data')} 1`,
      ]);
      const top = await screen.locator('[data-top-list] .top-text').allInnerTexts();
      assert.deepEqual(
        top,
        [texts.bus, texts.pensions],
        'the top list leaves out the question being answered, the merged and the hidden ones',
      );
      assert.equal(await screen.locator('[data-top-list] > li').first().locator('.top-n').innerText(), '3');
      assert.equal(
        await screen.evaluate(() => (window as unknown as { neverReloaded?: boolean }).neverReloaded),
        true,
        'the screen was reloaded',
      );
      await screenshot(screen, 'screen-02-after-projector');
      await assertAccessible(screen, 'the big screen after moderation');
    },
  );

  step(
    'the public page says how many were hidden and why; the hidden tab shows the spam but only the hash of the personal data',
    async () => {
      const page = await visitor.newPage();
      await page.goto(`${server.origin}/e/${code}`);
      const reasons = `${t('event.hidden-spam', { count: 1 })}, ${t('event.hidden-personal-data', { count: 1 })}`;
      assert.equal(
        await page.locator('[data-hidden-summary]').innerText(),
        t('event.hidden-summary', { list: reasons }),
      );
      assert.equal(await page.locator('[data-pinned-text]').innerText(), texts.roof);
      await Promise.all([
        page.waitForURL(/list=hidden/),
        page.getByRole('link', { name: t('event.tab-hidden', { count: 2 }) }).click(),
      ]);
      const spam = page.locator(`#q-${ids.spam}`);
      assert.equal(
        await spam.locator('.badge').innerText(),
        t('event.hidden-because', { reason: t('event.reason-spam') }),
      );
      assert.equal(await spam.locator('.question-text').innerText(), texts.spam);
      const personal = page.locator(`#q-${ids.personal}`);
      assert.equal(
        await personal.locator('.badge').innerText(),
        t('event.hidden-because', { reason: t('event.reason-personal-data') }),
      );
      assert.equal(await personal.locator('.withheld').innerText(), t('event.text-withheld'));
      assert.equal(
        await personal.locator('code.hash').innerText(),
        createHash('sha256').update(texts.personal).digest('hex'),
      );
      assert.doesNotMatch(await page.content(), /Lenin Street|Petrov/, 'the withheld text is nowhere in the page');
      await screenshot(page, 'public-01-hidden-tab-desktop');
      await assertAccessible(page, 'the hidden tab');
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

/** focusedQuestion is the id of the question card that has the keyboard focus in the console, if any. */
function focusedQuestion(page: Page): Promise<string | null> {
  return page.evaluate(
    () => (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('.mq')?.dataset.qid ?? null,
  );
}
