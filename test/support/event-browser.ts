import type { Page } from 'playwright-core';
import type { Translate } from '../../src/i18n/i18n.ts';
import { admin, assertAccessible, type TestServer } from './browser.ts';

/** EventDraft is what an organiser types into the new-event form. */
export interface EventDraft {
  title: string;
  addressee: string;
  description: string;
  language: 'en' | 'ru' | 'uk';
  timeZone: string;
  moderation: 'after' | 'before';
  anonymousAllowed: boolean;
  maxLength: number;
}

/** PageCheck is what a journey does on each page a helper reaches (axe, a screenshot), given a label for it. */
export type PageCheck = (page: Page, label: string) => Promise<void>;

/** wallClock writes a moment as the wall time of a zone, the way a datetime-local input takes it: 2026-03-12T15:00. */
export function wallClock(at: number, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`;
}

/**
 * openEventThroughForm finds the way a signed-in organiser would, from /admin to the new-event form, fills it in (the
 * event started a few minutes ago and lasts three hours), opens the event, and returns the join code its dashboard
 * shows. `check` runs on each page on the way.
 */
export async function openEventThroughForm(
  page: Page,
  server: TestServer,
  t: Translate,
  draft: EventDraft,
  check: PageCheck = async () => {},
): Promise<string> {
  await page.goto(`${server.origin}/admin`);
  await check(page, 'the admin page');
  await Promise.all([
    page.waitForURL(`${server.origin}/organiser/events`),
    page.getByRole('link', { name: t('organiserEvent.nav-link') }).click(),
  ]);
  await check(page, 'the list of events');
  await Promise.all([
    page.waitForURL(`${server.origin}/organiser/events/new`),
    page.getByRole('link', { name: t('organiserEvent.new-button') }).click(),
  ]);
  await check(page, 'the new-event form');
  await page.fill('#title', draft.title);
  await page.fill('#addressee', draft.addressee);
  await page.fill('#description', draft.description);
  await page.selectOption('#language', draft.language);
  await page.selectOption('#timeZone', draft.timeZone);
  const now = Date.now();
  await page.fill('#startsAt', wallClock(now - 10 * 60_000, draft.timeZone));
  await page.fill('#endsAt', wallClock(now + 3 * 3_600_000, draft.timeZone));
  await page.check(draft.moderation === 'after' ? '#moderation' : '#moderation-before');
  await page.setChecked('#anonymousAllowed', draft.anonymousAllowed);
  await page.fill('#maxLength', String(draft.maxLength));
  await Promise.all([
    page.waitForURL(/\/organiser\/events\/[A-Z0-9]+\?done=created$/),
    page.getByRole('button', { name: t('organiserEvent.create') }).click(),
  ]);
  const code = (await page.locator('.join-card .join-code').innerText()).trim();
  if (!/^[A-Z0-9]{4,12}$/.test(code)) throw new Error(`the dashboard shows no join code (found "${code}")`);
  await check(page, 'the event dashboard');
  return code;
}

/** Member is a person an admin invites to help: the account they create from the invitation. */
export interface Member {
  login: string;
  displayName: string;
  password: string;
}

/** inviteMember makes an invitation for a role with the form on /admin/people and returns the one-time link it shows. */
export async function inviteMember(
  page: Page,
  server: TestServer,
  t: Translate,
  role: 'organiser' | 'moderator' | 'admin',
): Promise<string> {
  await page.goto(`${server.origin}/admin/people`);
  await page.selectOption('#role', role);
  await page.fill('#invite-password', admin.password);
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/admin/invitations')),
    page.getByRole('button', { name: t('admin.invite-button') }).click(),
  ]);
  await page.waitForLoadState('load');
  const link = (await page.locator('.notice .secret').innerText()).trim();
  if (!link.startsWith(`${server.origin}/join/`))
    throw new Error(`the admin page shows no invitation link (found "${link}")`);
  return link;
}

/** acceptInvitation creates the invited person's account through the link; the page is then signed in, on /admin. */
export async function acceptInvitation(page: Page, link: string, member: Member): Promise<void> {
  await page.goto(link);
  await page.fill('#login', member.login);
  await page.fill('#displayName', member.displayName);
  await page.fill('#password', member.password);
  await page.fill('#passwordAgain', member.password);
  await Promise.all([page.waitForURL(/\/admin$/), page.locator('form button[type=submit]').click()]);
}

/**
 * askByApi asks a question through the JSON API, as another participant's phone would, and returns its id. With
 * `anyway` it is posted even when similar questions exist (what "post mine anyway" sends).
 */
export async function askByApi(
  server: TestServer,
  code: string,
  text: string,
  options: { name?: string; anyway?: boolean } = {},
): Promise<string> {
  const response = await fetch(`${server.origin}/api/events/${code}/questions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      text,
      ...(options.name ? { name: options.name } : {}),
      ...(options.anyway ? { anyway: true } : {}),
    }),
  });
  const body = (await response.json()) as { status: string; question?: string };
  if (response.status !== 201 || !body.question)
    throw new Error(`asking "${text}" through the API answered ${response.status}: ${JSON.stringify(body)}`);
  return body.question;
}

/** ApiVoter is a participant voting through the API: one browser, known to the event only by its voter cookie. */
export class ApiVoter {
  private cookie = '';
  private readonly server: TestServer;
  private readonly code: string;

  constructor(server: TestServer, code: string) {
    this.server = server;
    this.code = code;
  }

  /** vote casts this voter's vote for a question and returns its count after. */
  async vote(question: string): Promise<number> {
    const response = await fetch(`${this.server.origin}/api/events/${this.code}/questions/${question}/vote`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: '{}',
    });
    const set = response.headers.getSetCookie().find((c) => c.startsWith('veche_voter='));
    if (set) this.cookie = set.split(';')[0];
    const body = (await response.json()) as { votes?: number };
    if (!response.ok || typeof body.votes !== 'number')
      throw new Error(`voting for ${question} answered ${response.status}: ${JSON.stringify(body)}`);
    return body.votes;
  }
}

/**
 * assertAccessibleWithoutScripts runs axe on what a page of a context without JavaScript shows. Axe cannot run there
 * (its timers never fire, and turning scripts back on for one page crashes Chromium's renderer), so the page's DOM is
 * shown again at the same address, width and language in a page that runs no script of the site (they are refused)
 * but lets axe run. The event pages have no <noscript>, so that page is the same DOM, with the same stylesheets.
 */
export async function assertAccessibleWithoutScripts(page: Page, label: string): Promise<void> {
  const html = await page.content();
  const url = page.url();
  const address = url.replace(/#.*$/, '');
  const browser = page.context().browser();
  if (!browser) throw new Error('the page has no browser to check it in');
  const viewport = page.viewportSize() ?? undefined;
  const locale = await page.evaluate(() => navigator.language);
  const context = await browser.newContext({ viewport, locale });
  try {
    const copy = await context.newPage();
    await copy.route('**/*', (route) => {
      const request = route.request();
      if (request.isNavigationRequest() && request.url().replace(/#.*$/, '') === address)
        return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      if (request.resourceType() === 'script') return route.abort();
      return route.continue();
    });
    await copy.goto(url);
    await assertAccessible(copy, `${label} (without JavaScript)`);
  } finally {
    await context.close();
  }
}
