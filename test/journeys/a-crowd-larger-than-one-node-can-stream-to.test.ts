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
  stepsOf,
  assertAccessible,
  phone,
  desktop,
  type TestServer,
  type RequestLog,
} from '../support/browser.ts';
import { ApiVoter, askByApi, openEventThroughForm, type EventDraft } from '../support/event-browser.ts';

const t = translator('en');
const townHall: EventDraft = {
  title: 'Town hall with the regional governor',
  addressee: 'The regional governor',
  description:
    "The governor answers residents' questions about the mobilised, payments to families, roads and hospitals.",
  language: 'en',
  timeZone: 'UTC',
  moderation: 'after',
  anonymousAllowed: true,
  maxLength: 300,
};
const question = 'When will the men mobilised from our district more than a year ago come home?';
const phoneOptions = {
  viewport: phone,
  locale: 'en-GB',
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
} as const;

const metricsToken = 'the-operators-prometheus-token';

/** openStreams reads how many live streams the server holds now from its metrics. */
async function openStreams(server: TestServer): Promise<number> {
  const metrics = await (
    await fetch(`${server.origin}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })
  ).text();
  return Number(/^veche_live_streams (\d+)$/m.exec(metrics)?.[1] ?? NaN);
}

// One node keeps one stream here (VECHE_MAX_LIVE_STREAMS=1), as if a hall of ten thousand had filled it.
describe("a crowd larger than one node can stream to: a latecomer's page is refused a stream and still follows the votes", {
  skip: skipWithoutChromium(),
}, () => {
  let server: TestServer;
  let browser: Browser;
  let first: BrowserContext;
  let latecomer: BrowserContext;
  const logs: RequestLog[] = [];
  let code: string;
  let questionId: string;
  let early: Page;
  let late: Page;
  const step = stepsOf(it);

  before(async () => {
    server = await startServer({ VECHE_MAX_LIVE_STREAMS: '1', VECHE_METRICS_TOKEN: metricsToken });
    browser = await launchBrowser();
    first = await newContext(browser, phoneOptions);
    latecomer = await newContext(browser, phoneOptions);
    logs.push(recordRequests(first, server.origin), recordRequests(latecomer, server.origin));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  step('an organiser opens the event, and a question is asked', async () => {
    const organiser = await newContext(browser, { viewport: desktop, locale: 'en-GB' });
    const page = await organiser.newPage();
    await setUpSite(page, server);
    code = await openEventThroughForm(page, server, t, townHall);
    await organiser.close();
    questionId = await askByApi(server, code, question, { anyway: true });
  });

  step("the first phone takes the node's only stream", async () => {
    early = await first.newPage();
    await early.goto(`${server.origin}/e/${code}`);
    for (const deadline = Date.now() + 10_000; (await openStreams(server)) !== 1; ) {
      assert.ok(Date.now() < deadline, "the first phone's stream did not open");
      await early.waitForTimeout(50);
    }
  });

  step(
    "the latecomer's stream is refused with 503; her page fetches the state instead and shows the question",
    async () => {
      late = await latecomer.newPage();
      const refused = late.waitForResponse((r) => r.url().includes(`/e/${code}/live`));
      const fetched = late.waitForResponse((r) => r.url().endsWith(`/api/events/${code}/state`));
      await late.goto(`${server.origin}/e/${code}`);
      assert.equal((await refused).status(), 503);
      assert.equal((await fetched).status(), 200);
      assert.equal(await late.locator(`#q-${questionId} .question-text`).innerText(), question);
      assert.equal(await openStreams(server), 1, 'still one stream: the refused page did not take a second');
    },
  );

  step(
    "a vote reaches the first phone at once through its stream, and the latecomer's page within a retry",
    async () => {
      assert.equal(await new ApiVoter(server, code).vote(questionId), 1);
      await early.locator(`#q-${questionId} [data-votes]`).filter({ hasText: '1' }).waitFor({ timeout: 5_000 });
      // The latecomer asks for the stream again 5-10 s after the refusal, is refused again, and fetches the state.
      await late.locator(`#q-${questionId} [data-votes]`).filter({ hasText: '1' }).waitFor({ timeout: 20_000 });
      assert.equal(await late.locator('[data-count=votes]').innerText(), t('event.votes', { count: 1 }));
      // Refused twice: the page says that it follows the event slowly now.
      assert.equal(await late.locator('[data-live-note]').innerText(), t('event.live-slow'));
      assert.equal(await early.locator('[data-live-note]').isHidden(), true, 'the phone with a stream says nothing');
      await screenshot(late, 'crowd-01-latecomer-follows-without-stream-phone');
      await assertAccessible(late, 'the event page of a refused latecomer');
    },
  );

  step('nothing was requested from any other site, and the server logged no error', async () => {
    assert.deepEqual(
      logs.flatMap((log) => log.foreign()),
      [],
      `requests left ${server.origin}`,
    );
    assert.deepEqual(server.serverErrors(), []);
  });
});
