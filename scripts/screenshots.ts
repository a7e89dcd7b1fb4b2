// scripts/screenshots.ts photographs every page of the demo site, so that a person can look at all of them at once
// after a change to the look of the site:
//
//   node scripts/screenshots.ts [--axe] [--only=home,petition] [folder]
//
// (default folder /work/shots/visual; VECHE_CHROMIUM names another browser; --only takes the names of the pages below)
//
// It makes a demo site in a temporary folder (`veche demo`: petitions with signatures, a town hall, an organiser),
// serves it, creates the admin account through the setup link, and saves a full-page PNG of each page at a phone's
// width (390×844) and a desktop's (1440×900), in English and in Russian: <folder>/<language>-<width>-<page>.png. The
// big screen is taken at 1920×1080 as well, and a few pages in dark mode on a phone (en-dark-390-<page>.png). With
// --axe it also runs axe on each page it photographs (the demo's pages hold a map and full charts, and the dark ones
// are checked too, which the axe journey does not) and prints what fails.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  admin,
  checkAxe,
  describeViolations,
  launchBrowser,
  repoRoot,
  setUpSite,
  sleep,
} from '../test/support/browser.ts';
import { childEnv, startChildServer } from '../test/support/child-server.ts';

/** Shot is one page to photograph: where it is, who looks at it, and what to do there first. */
interface Shot {
  name: string;
  path: string;
  as: 'visitor' | 'admin';
  /** before runs on the loaded page before the photograph (fill a form, press a button). */
  before?: (page: Page) => Promise<void>;
  /** sizes replace the phone's and the desktop's widths (the big screen is seen on a projector). */
  sizes?: { width: number; height: number }[];
  /** dark photographs the page in dark mode too, on a phone. */
  dark?: boolean;
}

const phone = { width: 390, height: 844 };
const desktop = { width: 1440, height: 900 };
const hall = { width: 1920, height: 1080 };
const node = join(repoRoot, 'node_modules', '.bin', 'node');

const withAxe = process.argv.includes('--axe');
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const folder = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? '/work/shots/visual';
mkdirSync(folder, { recursive: true });
const dataDir = mkdtempSync(join(tmpdir(), 'veche-shots-'));
const env = { VECHE_JOB_TICK_MS: '200' };

try {
  const demo = await run(['src/cli/main.ts', 'demo', '--signatures', '3000'], env);
  const event = /a town hall at \/e\/([\w-]+)/.exec(demo)?.[1];
  if (!event) throw new Error(`the demo did not say where its town hall is:\n${demo}`);
  const server = await startChildServer({ dataDir, env });
  try {
    const setupLink = await waitFor(() => /Create the admin account[^\n]*\n\s*(\S+)/.exec(server.output())?.[1]);
    const petitions = await petitionsOf(server.origin);
    const browser = await launchBrowser();
    try {
      const signedIn = await adminSession(browser, server.origin, setupLink);
      const shots = shotsOf(petitions, event).filter((shot) => !only || only.includes(shot.name));
      let count = 0;
      let failures = 0;
      // English and Russian in the light; a few pages in English in the dark too (prefers-color-scheme), on a phone.
      const passes = [
        { language: 'en', scheme: 'light', sizes: [phone, desktop, hall] },
        { language: 'ru', scheme: 'light', sizes: [phone, desktop, hall] },
        { language: 'en', scheme: 'dark', sizes: [phone] },
      ] as const;
      for (const { language, scheme, sizes: passSizes } of passes) {
        const locale = language === 'en' ? 'en-GB' : 'ru-RU';
        for (const size of passSizes) {
          const visitor = await browser.newContext({ viewport: size, locale, colorScheme: scheme });
          const organiser = await browser.newContext({
            viewport: size,
            locale,
            colorScheme: scheme,
            storageState: signedIn,
          });
          for (const shot of shots) {
            const sizes = shot.sizes ?? [phone, desktop];
            if (!sizes.includes(size) || (scheme === 'dark' && !shot.dark)) continue;
            const page = await (shot.as === 'admin' ? organiser : visitor).newPage();
            try {
              await page.goto(`${server.origin}${shot.path}`, { waitUntil: 'load' });
              if (shot.before) await shot.before(page);
              await sleep(300);
              const prefix = scheme === 'dark' ? `${language}-dark` : language;
              const file = join(folder, `${prefix}-${size.width}-${shot.name}.png`);
              await page.screenshot({ path: file, fullPage: true });
              count++;
              if (withAxe) {
                const violations = await checkAxe(page);
                if (violations.length > 0) {
                  failures++;
                  console.error(`axe: ${prefix} ${size.width} ${shot.name}:\n${describeViolations(violations)}`);
                }
              }
            } catch (error) {
              console.error(`${language} ${size.width} ${shot.name}: ${(error as Error).message.split('\n')[0]}`);
            } finally {
              await page.close();
            }
          }
          await visitor.close();
          await organiser.close();
        }
      }
      console.log(`${count} screenshots in ${folder}${withAxe ? `; axe found problems on ${failures} of them` : ''}`);
      if (failures > 0) process.exitCode = 1;
    } finally {
      await browser.close();
    }
  } finally {
    await server.kill('SIGTERM');
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

/** shotsOf lists every page to photograph on the demo site with these petitions and this town hall. */
function shotsOf(petitions: { id: string; title: string; confirmation?: string }[], event: string): Shot[] {
  const first = petitions.find((p) => p.title.startsWith('Верните'))?.id ?? petitions[0].id;
  const multi = petitions.find((p) => p.title.startsWith('Publish'))?.id ?? first;
  const byEmail = petitions.find((p) => p.title.startsWith('Отпустите'))?.id ?? first;
  const submit = async (page: Page) => {
    await Promise.all([page.waitForLoadState('load'), page.click('form[data-sign-form] button[type=submit]')]);
    await page.waitForLoadState('load');
  };
  return [
    { name: 'home', dark: true, path: '/', as: 'visitor' },
    { name: 'petition', dark: true, path: `/p/${first}`, as: 'visitor' },
    { name: 'petition-two-countries', path: `/p/${multi}`, as: 'visitor' },
    { name: 'petition-by-email', path: `/p/${byEmail}`, as: 'visitor' },
    { name: 'petition-versions', path: `/p/${multi}/versions`, as: 'visitor' },
    {
      name: 'signing-failed',
      dark: true,
      path: `/p/${byEmail}`,
      as: 'visitor',
      before: async (page) => {
        await page.fill('#email', 'not an address');
        await submit(page);
      },
    },
    {
      name: 'receipt',
      dark: true,
      path: `/p/${first}`,
      as: 'visitor',
      before: async (page) => {
        await Promise.all([page.waitForURL(/\/receipt\//), page.click('form[data-sign-form] button[type=submit]')]);
        await sleep(1500);
      },
    },
    { name: 'receipt-code-form', path: '/receipt', as: 'visitor' },
    { name: 'events', path: '/events', as: 'visitor' },
    { name: 'event-join', path: '/e', as: 'visitor' },
    { name: 'event', dark: true, path: `/e/${event}`, as: 'visitor' },
    { name: 'event-answered', path: `/e/${event}?list=answered`, as: 'visitor' },
    { name: 'big-screen', path: `/e/${event}/screen`, as: 'visitor', sizes: [hall, phone] },
    { name: 'about', path: '/about', as: 'visitor' },
    { name: 'privacy', path: '/privacy', as: 'visitor' },
    { name: 'record', path: '/record', as: 'visitor' },
    { name: 'record-audit', path: '/audit', as: 'visitor', before: () => sleep(3000) },
    { name: 'login', path: '/login', as: 'visitor' },
    { name: 'not-found', path: '/p/pNoSuchPetition', as: 'visitor' },
    { name: 'organiser-home', path: '/admin', as: 'admin' },
    { name: 'organiser-petition', dark: true, path: `/admin/petitions/${first}`, as: 'admin' },
    { name: 'organiser-petition-two-countries', path: `/admin/petitions/${multi}`, as: 'admin' },
    { name: 'organiser-attachments', path: `/admin/petitions/${multi}/attachments`, as: 'admin' },
    { name: 'organiser-new-petition', path: '/admin/petitions/new', as: 'admin' },
    {
      name: 'organiser-new-petition-errors',
      path: '/admin/petitions/new',
      as: 'admin',
      before: async (page) => {
        const form = page.locator('form', { has: page.locator('[name="title"]') });
        await Promise.all([page.waitForLoadState('load'), form.locator('button[type=submit]').first().click()]);
        await page.waitForLoadState('load');
      },
    },
    { name: 'organiser-events', path: '/organiser/events', as: 'admin' },
    { name: 'organiser-new-event', path: '/organiser/events/new', as: 'admin' },
    { name: 'organiser-event', path: `/organiser/events/${event}`, as: 'admin' },
    { name: 'organiser-event-summary', path: `/organiser/events/${event}/summary`, as: 'admin' },
    { name: 'moderator-console', path: `/moderate/${event}`, as: 'admin' },
    { name: 'admin-people', path: '/admin/people', as: 'admin' },
    { name: 'admin-site', path: '/admin/site', as: 'admin' },
    { name: 'admin-outbox', path: '/admin/outbox', as: 'admin' },
    { name: 'admin-notifications', path: '/admin/notifications', as: 'admin' },
    { name: 'admin-sessions', path: '/admin/sessions', as: 'admin' },
    { name: 'admin-two-step', path: '/admin/two-step', as: 'admin' },
    { name: 'admin-password', path: '/admin/password', as: 'admin' },
  ];
}

/** adminSession creates the admin account through the setup link and returns the browser's signed-in state. */
async function adminSession(browser: Browser, origin: string, setupLink: string) {
  const context: BrowserContext = await browser.newContext({ viewport: desktop, locale: 'en-GB' });
  const page = await context.newPage();
  await setUpSite(page, { origin, setupLink, dataDir, output: () => '', serverErrors: () => [], stop: async () => {} });
  const state = await context.storageState();
  await context.close();
  console.log(`signed in as ${admin.login}`);
  return state;
}

/** petitionsOf reads the open petitions from the public API. */
async function petitionsOf(origin: string): Promise<{ id: string; title: string }[]> {
  const body = (await (await fetch(`${origin}/api/petitions`)).json()) as {
    petitions?: { id: string; title: string }[];
  };
  const list = Array.isArray(body) ? (body as { id: string; title: string }[]) : (body.petitions ?? []);
  if (list.length === 0) throw new Error(`no petitions at ${origin}/api/petitions`);
  return list;
}

/** run runs a `veche` command on the demo's data folder and returns what it printed. */
async function run(args: string[], extra: Record<string, string>): Promise<string> {
  const child = spawn(node, args, { cwd: repoRoot, env: childEnv(dataDir, extra), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  if (code !== 0) throw new Error(`${args.join(' ')} exited with ${code}:\n${output}`);
  return output;
}

/** waitFor polls `find` until it returns a value, for at most 20 seconds. */
async function waitFor<T>(find: () => T | undefined): Promise<T> {
  for (const deadline = Date.now() + 20_000; Date.now() < deadline; await sleep(100)) {
    const found = find();
    if (found !== undefined) return found;
  }
  throw new Error('gave up waiting after 20 s');
}
