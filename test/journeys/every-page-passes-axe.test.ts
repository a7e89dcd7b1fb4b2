import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { translator } from '../../src/i18n/i18n.ts';
import { totpCode } from '../../src/crypto/one-time-codes.ts';
import {
  admin as siteAdmin,
  startServer,
  launchBrowser,
  newContext,
  recordRequests,
  skipWithoutChromium,
  setUpSite,
  publishPetition,
  closePetition,
  screenshot,
  waitForEmail,
  confirmationLink,
  solveProofOfWork,
  checkAxe,
  describeViolations,
  overflowAt,
  phone,
  desktop,
  type TestServer,
  type RequestLog,
  withdrawOnReceipt,
} from '../support/browser.ts';
import { ApiVoter, acceptInvitation, askByApi, inviteMember, openEventThroughForm } from '../support/event-browser.ts';
import { loadSecrets } from '../../src/crypto/secrets.ts';
import { unsubscribeKey, unsubscribeToken } from '../../src/crypto/unsubscribe-token.ts';

const draft = {
  language: 'en' as const,
  nameRule: 'optional' as const,
  namesPublic: 'signer' as const,
  regionRule: 'optional' as const,
  regionCountries: ['RU', 'UA'],
  confirmation: 'email' as const,
  goal: 5000,
  addressee: 'The organisers of the direct line',
  body: 'Millions of questions are sent every year, and a handful reach the screen.\n\nWe ask that every question received be published, with how many people asked it.',
};
const t = translator('en');
const hearing = {
  title: 'Public hearing on the city budget',
  addressee: 'The mayor',
  description: 'Ask the mayor about schools, roads and hospitals.',
  language: 'en' as const,
  timeZone: 'Europe/London',
  moderation: 'after' as const,
  anonymousAllowed: true,
  maxLength: 300,
};
const questions = {
  roof: 'When will the city repair the roof of school number 5 before the winter comes?',
  roofAgain: 'When will the city fix the school roof before winter?',
  road: 'When will the road to the hospital finally be repaired?',
  pensions: 'Why were pensions for the families of mobilised soldiers cut this spring?',
  abuse: 'The deputy mayor is a thief and a liar, everybody knows it, what a disgrace',
};

/**
 * Every page a signer, an organiser or a passer-by can reach, each left open in the state axe should see, and
 * checked at a phone's width and a desktop's. Each page is its own test so that one report lists every problem.
 */
describe('every page passes axe (WCAG 2.1 AA) at phone and desktop widths', { skip: skipWithoutChromium() }, () => {
  let server: TestServer;
  let browser: Browser;
  let visitor: BrowserContext;
  let organiser: BrowserContext;
  const logs: RequestLog[] = [];
  const pages = new Map<string, Page>();

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    visitor = await newContext(browser, { viewport: desktop, locale: 'en-GB' });
    organiser = await newContext(browser, { viewport: desktop, locale: 'en-GB' });
    logs.push(recordRequests(visitor, server.origin), recordRequests(organiser, server.origin));
    const open = async (context: BrowserContext, name: string, path?: string) => {
      const page = await context.newPage();
      if (path) await page.goto(path.startsWith('http') ? path : `${server.origin}${path}`);
      pages.set(name, page);
      return page;
    };

    await open(visitor, 'setup', server.setupLink);
    const admin = await open(organiser, 'admin dashboard');
    await setUpSite(admin, server);
    const id = await publishPetition(admin, server, {
      ...draft,
      title: 'Publish every question sent to the direct line',
    });
    const closed = await publishPetition(admin, server, { ...draft, title: 'Open the archive of answered letters' });
    await closePetition(admin, server, closed);
    // A public correction of the open petition: the form, the form sent back with a mistake, the preview that asks
    // once more, and (published) the notice on the petition page and the versions page.
    await open(organiser, 'organiser: correction form', `/admin/petitions/${id}/correct`);
    const wrongFix = await open(organiser, 'organiser: correction form with errors', `/admin/petitions/${id}/correct`);
    await Promise.all([
      wrongFix.waitForEvent('load'),
      wrongFix.getByRole('button', { name: t('correction.preview-button') }).click(),
    ]);
    const fixing = await open(organiser, 'organiser: correction preview', `/admin/petitions/${id}/correct`);
    await fixing.fill('#body', draft.body.replace('a handful reach', 'only a handful ever reach'));
    await fixing.check('#reason');
    await Promise.all([
      fixing.waitForEvent('load'),
      fixing.getByRole('button', { name: t('correction.preview-button') }).click(),
    ]);
    const publishing = await organiser.newPage();
    await publishing.goto(`${server.origin}/admin/petitions/${id}/correct`);
    await publishing.fill('#body', draft.body.replace('a handful reach', 'only a handful ever reach'));
    await publishing.check('#reason');
    await Promise.all([
      publishing.waitForEvent('load'),
      publishing.getByRole('button', { name: t('correction.preview-button') }).click(),
    ]);
    await Promise.all([
      publishing.waitForURL(/done=corrected$/),
      publishing.getByRole('button', { name: t('correction.confirm-button') }).click(),
    ]);
    await publishing.close();
    await open(visitor, 'petition versions', `/p/${id}/versions`);
    await admin.goto(`${server.origin}/admin`);
    await open(organiser, 'organiser: new petition form', '/admin/petitions/new');
    await open(organiser, 'organiser: petition dashboard', `/admin/petitions/${id}`);

    await open(visitor, 'home', '/');
    await open(visitor, 'petition (open)', `/p/${id}`);
    await open(visitor, 'petition (closed)', `/p/${closed}`);
    const mistaken = await open(visitor, 'petition (form with errors)', `/p/${id}`);
    await mistaken.fill('#email', 'not an address');
    await Promise.all([
      mistaken.waitForLoadState('load'),
      mistaken.waitForResponse((r) => r.url().endsWith('/sign')),
      mistaken.click('form[data-sign-form] button[type=submit]'),
    ]);

    const signing = await open(visitor, 'check email', `/p/${id}`);
    await signing.fill('#email', 'reader@example.org');
    await solveProofOfWork(signing);
    await Promise.all([
      signing.waitForURL(/\/check-email$/),
      signing.click('form[data-sign-form] button[type=submit]'),
    ]);
    const link = confirmationLink(await waitForEmail(server.dataDir, 'reader@example.org'));
    await open(visitor, 'confirm', link);
    const receipt = await open(visitor, 'receipt', link);
    await Promise.all([
      receipt.waitForURL(/\/receipt\//),
      receipt.getByRole('button', { name: 'Confirm my signature' }).click(),
    ]);
    await open(visitor, 'confirmation link that no longer works', link);
    const receiptCode = (await receipt.locator('#receipt-code').innerText()).trim();
    await open(visitor, 'receipt code form', '/receipt');
    const wrongCode = await open(visitor, 'receipt code form (wrong code)', '/receipt');
    await wrongCode.fill('#code', 'XXXX-YYYY');
    await Promise.all([
      wrongCode.waitForLoadState('load'),
      wrongCode.waitForResponse((r) => r.url().endsWith('/receipt')),
      wrongCode.getByRole('button', { name: 'Open my receipt' }).click(),
    ]);
    const byCode = await open(visitor, 'receipt opened by its code', '/receipt');
    await byCode.fill('#code', receiptCode);
    await Promise.all([
      byCode.waitForLoadState('load'),
      byCode.waitForResponse((r) => r.url().endsWith('/receipt')),
      byCode.getByRole('button', { name: 'Open my receipt' }).click(),
    ]);
    const warned = await open(visitor, 'petition (mail service warning)', `/p/${id}`);
    await warned.fill('#email', 'reader@mail.ru');
    await warned.locator('#provider-warning').waitFor();
    const warnedPlain = await open(visitor, 'petition (mail service warning, after sending)', `/p/${id}`);
    await warnedPlain.fill('#email', 'reader@yandex.ru');
    await Promise.all([
      warnedPlain.waitForLoadState('load'),
      warnedPlain.waitForResponse((r) => r.url().endsWith('/sign')),
      warnedPlain.click('form[data-sign-form] button[type=submit]'),
    ]);
    // Withdrawing asks once more: one page is left on that question, another goes on to withdraw.
    const asking = await open(visitor, 'withdraw: asked once more', receipt.url().replace('?signed=1', ''));
    await Promise.all([
      asking.waitForResponse((r) => r.url().endsWith('/receipt/withdraw') && r.request().method() === 'POST'),
      asking.getByRole('button', { name: 'Withdraw my signature' }).click(),
    ]);
    await asking.waitForLoadState('load');
    const withdrawn = await open(visitor, 'withdrawn', receipt.url().replace('?signed=1', ''));
    await withdrawOnReceipt(withdrawn, { withdraw: 'Withdraw my signature', confirm: 'Yes, withdraw my signature' });
    // Taking signatures out shows how many first, and asks once more.
    const previewing = await open(organiser, 'organiser: invalidation preview', `/admin/petitions/${id}`);
    await previewing.selectOption('#reason', 'burst');
    await Promise.all([
      previewing.waitForResponse((r) => r.url().endsWith('/invalidate') && r.request().method() === 'POST'),
      previewing.getByRole('button', { name: 'Show how many this would take out' }).click(),
    ]);
    await previewing.waitForLoadState('load');
    // A confirmed signature's email leaves the outbox: one more signer who has not confirmed yet leaves one there.
    const plainBrowser = await newContext(browser, { viewport: desktop, locale: 'en-GB', javaScriptEnabled: false });
    logs.push(recordRequests(plainBrowser, server.origin));
    const waiting = await plainBrowser.newPage();
    await waiting.goto(`${server.origin}/p/${id}`);
    await waiting.fill('#email', 'waiting@example.org');
    await Promise.all([
      waiting.waitForURL(/\/check-email$/),
      waiting.click('form[data-sign-form] button[type=submit]'),
    ]);
    await waitForEmail(server.dataDir, 'waiting@example.org');
    await plainBrowser.close();

    // Open questions: an event opened through the form, questions through the API, decisions in the console.
    const organising = await organiser.newPage();
    const code = await openEventThroughForm(organising, server, t, hearing);
    await organising.close();
    const ids: Record<string, string> = {};
    for (const [key, text] of Object.entries(questions))
      ids[key] = await askByApi(server, code, text, { anyway: true });
    await new ApiVoter(server, code).vote(ids.roof);
    await open(organiser, 'organiser: event list', '/organiser/events');
    await open(organiser, 'organiser: new event form', '/organiser/events/new');
    await open(organiser, 'organiser: event dashboard', `/organiser/events/${code}`);
    await open(organiser, 'organiser: event summary', `/organiser/events/${code}/summary`);
    const moderating = await open(organiser, 'moderator console', `/moderate/${code}`);
    await moderating
      .locator(`#list-${ids.road}`)
      .getByRole('button', { name: t('moderation.do-answer') })
      .click();
    await moderating
      .locator('#console-status')
      .filter({ hasText: t('moderation.done-answer') })
      .waitFor();
    await moderating.locator(`#list-${ids.abuse} summary`).click();
    await moderating
      .locator(`#list-${ids.abuse}`)
      .getByRole('button', { name: t('moderation.reason-abuse'), exact: true })
      .click();
    await moderating
      .locator('#console-status')
      .filter({ hasText: t('moderation.done-hide', { reason: t('moderation.reason-abuse') }) })
      .waitFor();
    await moderating
      .locator(`#list-${ids.pensions}`)
      .getByRole('button', { name: t('moderation.do-pin') })
      .click();
    await moderating
      .locator('#console-status')
      .filter({ hasText: t('moderation.done-pin') })
      .waitFor();
    // Each open event page holds a live stream, and a browser opens at most six connections to one HTTP/1.1 server:
    // the event's pages are spread over two more browsers, so that none waits for a free connection.
    const participant = await newContext(browser, { viewport: desktop, locale: 'en-GB' });
    const hall = await newContext(browser, { viewport: desktop, locale: 'en-GB' });
    logs.push(recordRequests(participant, server.origin), recordRequests(hall, server.origin));
    await open(participant, 'event join page', '/e');
    for (const list of ['popular', 'recent', 'answered', 'hidden'])
      await open(participant, `event (${list})`, `/e/${code}?list=${list}`);
    const similar = await open(hall, 'event: similar questions', `/e/${code}`);
    await similar.fill('#text', 'When will the roof of school number 5 be repaired before winter?');
    // The suggestions appear above the button while she types: press it once they are there, not as they push it down.
    await similar.locator('[data-suggestions] li').first().waitFor();
    await Promise.all([
      similar.waitForURL(/\/questions$/),
      similar.locator('form[data-ask-form] button[type=submit]').click(),
    ]);
    await open(hall, 'event big screen', `/e/${code}/screen`);

    await open(visitor, 'login', '/login');
    await open(visitor, 'privacy', '/privacy');
    // The list of events (the hearing was listed, as the form does at first), and the about page before and after
    // the admin says who runs the site, with the admin's form, once with mistakes.
    await open(visitor, 'events list', '/events');
    await open(visitor, 'events list (search, none found)', '/events?q=nothing+like+this');
    await open(visitor, 'about (nobody has said who runs the site)', '/about');
    await open(organiser, 'site settings', '/admin/site');
    const settings = await open(organiser, 'site settings (form with errors)', '/admin/site');
    await settings.fill('#name', 'The Council of Mothers and Wives');
    await settings.fill('#contact', 'sovet@example.org');
    await Promise.all([
      settings.waitForEvent('load'),
      settings.getByRole('button', { name: t('siteSettings.save') }).click(),
    ]);
    const saving = await organiser.newPage();
    await saving.goto(`${server.origin}/admin/site`);
    await saving.fill('#name', 'The Council of Mothers and Wives');
    await saving.fill('#contact', 'sovet@example.org');
    await saving.fill(
      '#about',
      'We are the mothers and wives of mobilised men.\n\nWrite to us at https://example.org/sovet or by email.',
    );
    await saving.fill('#password', siteAdmin.password);
    await Promise.all([
      saving.waitForURL(/done=saved$/),
      saving.getByRole('button', { name: t('siteSettings.save') }).click(),
    ]);
    await saving.close();
    await open(visitor, 'about (who runs the site)', '/about');
    await open(visitor, 'home (search, page 1 of 1)', '/?q=direct+line');
    await open(visitor, 'about the record', '/record');
    await open(visitor, 'the whole record checked in the browser', '/audit');
    await open(visitor, 'error (404)', '/p/no-such-petition');
    await open(organiser, 'outbox', '/admin/outbox');
    const message = await open(organiser, 'outbox email', '/admin/outbox');
    await message.locator('main td a').first().click();
    await message.waitForURL(/\/admin\/outbox\/.+\.eml$/);

    // Accounts: two-step sign-in set up by the admin, sessions, the people console, a reset link, and the sign-in steps.
    const enrolling = await open(organiser, 'two-step set-up', '/admin/two-step');
    const secret = (await enrolling.locator('#secret').innerText()).replace(/\s+/g, '');
    const codes = await open(organiser, 'recovery codes', '/admin/two-step');
    await codes.fill('#code', totpCode(secret, Date.now()));
    await codes.fill('#password', siteAdmin.password);
    await Promise.all([codes.waitForEvent('load'), codes.getByRole('button', { name: t('enrol.button') }).click()]);
    await open(organiser, 'two-step settings', '/admin/two-step');
    await open(organiser, 'two-step: turn off', '/admin/two-step/off');
    await open(organiser, 'sessions', '/admin/sessions');
    // The emails an organiser chooses: the page, the page sent back (an address at mail.ru, no password), and the
    // link in each email that stops its kind, opened and pressed by someone not logged in.
    await open(organiser, 'email notifications', '/admin/notifications');
    const notices = await open(organiser, 'email notifications (mail.ru, no password)', '/admin/notifications');
    await notices.fill('#email', 'organiser@mail.ru');
    await Promise.all([notices.waitForEvent('load'), notices.getByRole('button', { name: t('notices.save') }).click()]);
    const hashing = loadSecrets({ dataDir: server.dataDir, secrets: {} }).hashing;
    const unsubscribeLink = `/unsubscribe/${unsubscribeToken(unsubscribeKey(hashing), 1, 'summary')}`;
    await open(visitor, 'unsubscribe', unsubscribeLink);
    const unsubscribed = await open(visitor, 'unsubscribed', unsubscribeLink);
    await Promise.all([
      unsubscribed.waitForEvent('load'),
      unsubscribed.getByRole('button', { name: t('unsubscribe.button') }).click(),
    ]);
    const member = await newContext(browser, { viewport: desktop, locale: 'en-GB' });
    logs.push(recordRequests(member, server.origin));
    const inviting = await organiser.newPage();
    const invitation = await inviteMember(inviting, server, t, 'organiser');
    await acceptInvitation(await member.newPage(), invitation, {
      login: 'marta',
      displayName: 'Marta',
      password: 'a long enough passphrase',
    });
    await inviteMember(inviting, server, t, 'moderator');
    pages.set('people (invitation made)', inviting);
    const person = await open(organiser, 'person', '/admin/people');
    await Promise.all([
      person.waitForURL(/\/admin\/people\/\d+$/),
      person.getByRole('link', { name: 'Marta', exact: true }).click(),
    ]);
    await open(organiser, 'confirm: switch off', `${person.url()}/disable`);
    const resetMade = await open(organiser, 'reset link made', `${person.url()}/reset-link`);
    await resetMade.fill('#password', siteAdmin.password);
    await Promise.all([
      resetMade.waitForEvent('load'),
      resetMade.getByRole('button', { name: t('people.reset-link-button') }).click(),
    ]);
    const resetLink = (await resetMade.locator('.notice .secret').innerText()).trim();
    await open(member, 'reset password', resetLink);
    const resetting = await member.newPage();
    await resetting.goto(resetLink);
    await resetting.fill('#newPassword', 'a newer long passphrase');
    await resetting.fill('#newPasswordAgain', 'a newer long passphrase');
    await Promise.all([
      resetting.waitForURL(/done=reset$/),
      resetting.getByRole('button', { name: t('reset.button') }).click(),
    ]);
    pages.set('login (after a reset)', resetting);
    const rule = await open(organiser, 'confirm: require two-step', '/admin/people/two-step-rule/on');
    const requiring = await organiser.newPage();
    await requiring.goto(rule.url());
    await requiring.fill('#password', siteAdmin.password);
    await Promise.all([
      requiring.waitForURL(/done=rule-on$/),
      requiring.getByRole('button', { name: t('people.rule-on-button') }).click(),
    ]);
    await requiring.close();
    const required = await open(member, 'login: required set-up', '/login');
    await required.fill('#login', 'marta');
    await required.fill('#password', 'a newer long passphrase');
    await Promise.all([
      required.waitForURL(/\/login\/enrol$/),
      required.getByRole('button', { name: t('account.login-button') }).click(),
    ]);
    const signIn = await newContext(browser, { viewport: desktop, locale: 'en-GB' });
    logs.push(recordRequests(signIn, server.origin));
    const codePage = await open(signIn, 'login: code', '/login');
    await codePage.fill('#login', siteAdmin.login);
    await codePage.fill('#password', siteAdmin.password);
    await Promise.all([
      codePage.waitForURL(/\/login\/code$/),
      codePage.getByRole('button', { name: t('account.login-button') }).click(),
    ]);
    const throttled = await open(signIn, 'login (too many tries)', '/login');
    for (let i = 0; i < 6; i++) {
      await throttled.fill('#login', 'nobody');
      await throttled.fill('#password', `wrong guess ${i}`);
      await Promise.all([
        throttled.waitForEvent('load'),
        throttled.getByRole('button', { name: t('account.login-button') }).click(),
      ]);
    }
    await throttled.locator('[role=alert]').waitFor();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const names = [
    'home',
    'petition (open)',
    'petition (closed)',
    'petition (form with errors)',
    'petition (mail service warning)',
    'petition (mail service warning, after sending)',
    'check email',
    'confirm',
    'confirmation link that no longer works',
    'receipt',
    'receipt code form',
    'receipt code form (wrong code)',
    'receipt opened by its code',
    'withdraw: asked once more',
    'withdrawn',
    'organiser: invalidation preview',
    'privacy',
    'events list',
    'events list (search, none found)',
    'about (nobody has said who runs the site)',
    'about (who runs the site)',
    'site settings',
    'site settings (form with errors)',
    'about the record',
    'the whole record checked in the browser',
    'home (search, page 1 of 1)',
    'login',
    'setup',
    'admin dashboard',
    'organiser: new petition form',
    'organiser: petition dashboard',
    'organiser: correction form',
    'organiser: correction form with errors',
    'organiser: correction preview',
    'petition versions',
    'outbox',
    'outbox email',
    'error (404)',
    'event join page',
    'event (popular)',
    'event (recent)',
    'event (answered)',
    'event (hidden)',
    'event: similar questions',
    'event big screen',
    'organiser: event list',
    'organiser: new event form',
    'organiser: event dashboard',
    'organiser: event summary',
    'moderator console',
    'two-step set-up',
    'recovery codes',
    'two-step settings',
    'two-step: turn off',
    'sessions',
    'email notifications',
    'email notifications (mail.ru, no password)',
    'unsubscribe',
    'unsubscribed',
    'people (invitation made)',
    'person',
    'confirm: switch off',
    'reset link made',
    'reset password',
    'login (after a reset)',
    'confirm: require two-step',
    'login: required set-up',
    'login: code',
    'login (too many tries)',
  ];
  for (const name of names) {
    it(`${name}: no violations at phone and desktop widths`, async () => {
      const page = pages.get(name);
      assert.ok(page, `the page "${name}" was not reached`);
      const problems: string[] = [];
      for (const [width, viewport] of [
        ['phone', phone],
        ['desktop', desktop],
      ] as const) {
        await page.setViewportSize(viewport);
        await page.evaluate(() => new Promise(requestAnimationFrame));
        await screenshot(page, `axe-${name}-${width}`);
        const violations = await checkAxe(page);
        if (violations.length > 0)
          problems.push(
            `at ${width} width (${viewport.width}px), ${violations.length} violation(s):\n${describeViolations(violations)}`,
          );
      }
      assert.ok(problems.length === 0, `axe on "${name}" (${page.url()}):\n${problems.join('\n')}`);
    });
  }

  // Axe leaves out WCAG 2.1 1.4.10 (Reflow): at 320 CSS pixels nothing may need scrolling sideways.
  for (const name of names) {
    it(`${name}: fits a 320 px wide screen without scrolling sideways`, async () => {
      const page = pages.get(name);
      assert.ok(page, `the page "${name}" was not reached`);
      const overflow = await overflowAt(page, 320);
      assert.deepEqual(overflow, [], `"${name}" (${page.url()}) does not reflow:\n  ${overflow.join('\n  ')}`);
    });
  }

  it('every page opened above is one of the pages checked', () => {
    assert.deepEqual(
      [...pages.keys()].filter((name) => !names.includes(name)),
      [],
    );
  });

  it('the check itself works under the Content-Security-Policy: a planted image without alt text is found', async () => {
    const page = await visitor.newPage();
    await page.goto(`${server.origin}/`);
    await page.evaluate(() => {
      const img = document.createElement('img');
      img.src = '/assets/icon.svg';
      document.querySelector('main')!.append(img);
    });
    const violations = await checkAxe(page);
    assert.deepEqual(
      violations.map((v) => v.id),
      ['image-alt'],
    );
    assert.match(describeViolations(violations), /image-alt .*\n\s+at #main > img/);
    await page.close();
  });

  it('the pages asked nothing of another origin, and the server logged no error', () => {
    assert.deepEqual(
      logs.flatMap((log) => log.foreign()),
      [],
      `requests left ${server.origin}`,
    );
    assert.deepEqual(server.serverErrors(), []);
  });
});
