import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

const require = createRequire(import.meta.url);

/** repoRoot is the checkout the journeys run against. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** chromiumPath is the browser the journeys drive: Debian's Chromium unless VECHE_CHROMIUM names another. */
export const chromiumPath = process.env.VECHE_CHROMIUM || '/usr/bin/chromium';

/** shotsDir is where every journey leaves its screenshots for a person to look at. */
export const shotsDir = join(repoRoot, 'scratch', 'shots');

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** phone and desktop are the two widths every page is looked at in. */
export const phone = { width: 390, height: 844 } as const;
export const desktop = { width: 1280, height: 900 } as const;

/**
 * skipWithoutChromium returns the reason to skip a browser suite, or false to run it. Outside CI a missing Chromium
 * skips the suite with a loud notice; in CI (env CI set) it returns false, so the suite runs and fails in
 * `launchBrowser` — in CI a suite that cannot run fails.
 */
export function skipWithoutChromium(): string | false {
  if (existsSync(chromiumPath)) return false;
  if (process.env.CI) return false;
  const reason = `Chromium not found at ${chromiumPath}: browser journeys SKIPPED (install chromium, or set VECHE_CHROMIUM)`;
  process.stderr.write(`\n${'!'.repeat(100)}\n!!! ${reason}\n${'!'.repeat(100)}\n\n`);
  return reason;
}

/** launchBrowser starts headless Chromium with a fresh profile of its own, or fails saying what is missing. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium not found at ${chromiumPath}. CI must install it (.ci/run does); set VECHE_CHROMIUM to use another.`,
    );
  }
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
}

/** TestServer is a real `veche serve` running as a child process on a free port with its own data folder. */
export interface TestServer {
  origin: string;
  dataDir: string;
  setupLink: string;
  /** output is everything the server printed so far (stdout and stderr). */
  output(): string;
  /** serverErrors lists the log lines at level error or worse (a 500 logs one). */
  serverErrors(): string[];
  stop(): Promise<void>;
}

/** freePort asks the system for a port nobody listens on (closed again at once, so a small race remains). */
export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

/**
 * startServer runs `node src/cli/main.ts serve` with a temporary data folder, fast jobs, a small but real proof of
 * work and no rate limits; it waits for /healthz and for the one-time setup link the first start prints.
 */
export async function startServer(env: Record<string, string> = {}): Promise<TestServer> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'veche-journey-'));
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  // The journeys read emails from the outbox and use SQLite: a developer's SMTP or PostgreSQL must not leak in.
  for (const name of ['DATABASE_URL', 'SMTP_URL', 'HOST', 'VECHE_TRUST_PROXY']) delete childEnv[name];
  Object.assign(childEnv, {
    PORT: String(port),
    HOST: '127.0.0.1',
    VECHE_DATA: dataDir,
    VECHE_PUBLIC_URL: origin,
    VECHE_JOB_TICK_MS: '100',
    VECHE_POW_MAX: '1000',
    VECHE_RATE_LIMITS: 'off',
    LOG_LEVEL: 'warn',
    ...env,
  });
  const child = spawn(join(repoRoot, 'node_modules', '.bin', 'node'), ['src/cli/main.ts', 'serve'], {
    cwd: repoRoot,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const deadline = Date.now() + 20_000;
    let setupLink: string | undefined;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}:\n${output}`);
      if (Date.now() > deadline) throw new Error(`the server did not become healthy within 20 s:\n${output}`);
      setupLink ??= /Create the admin account[^\n]*\n\s*(\S+)/.exec(output)?.[1];
      if (setupLink && (await healthy(origin))) break;
      await sleep(100);
    }
    return {
      origin,
      dataDir,
      setupLink,
      stop,
      output: () => output,
      serverErrors: () => output.split('\n').filter((line) => /"level":\s*(50|60)/.test(line)),
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function healthy(origin: string): Promise<boolean> {
  try {
    const response = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(1000) });
    return response.ok;
  } catch {
    return false;
  }
}

/** sleep waits `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/** RequestLog keeps every URL pages of one browser context asked for. */
export interface RequestLog {
  urls: string[];
  /** foreign returns the URLs that went anywhere but the server's origin (data: and blob: are local). */
  foreign(): string[];
}

/** recordRequests logs every request of a context (pages, workers, redirects) to check that none left the origin. */
export function recordRequests(context: BrowserContext, origin: string): RequestLog {
  const urls: string[] = [];
  context.on('request', (request) => urls.push(request.url()));
  return {
    urls,
    foreign: () =>
      urls.filter(
        (url) =>
          !(url === origin || url.startsWith(`${origin}/`) || url.startsWith('data:') || url.startsWith('blob:')),
      ),
  };
}

/** newContext opens a browser context (a person's browser) with a width, language and JavaScript on or off. */
export async function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ viewport: desktop, locale: 'en-GB', ...options });
}

/** AxeViolation is what axe-core reports for one broken rule. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

let axeSource: string | undefined;

/**
 * checkAxe runs axe-core on the page for WCAG 2.0 A and AA and 2.1 AA and returns the violations. The script is
 * injected with page.evaluate, which the Content-Security-Policy (no inline script) does not apply to.
 */
export async function checkAxe(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const loaded = await page.evaluate('typeof window.axe === "object"');
  if (!loaded) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String), failureSummary: n.failureSummary })),
    }));
  });
}

/** describeViolations turns axe's violations into a readable list: rule, help, and the first three places. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => {
      const places = v.nodes
        .slice(0, 3)
        .map((n) => `      at ${n.target.join(' ')}`)
        .join('\n');
      const more = v.nodes.length > 3 ? `\n      … and ${v.nodes.length - 3} more` : '';
      return `  - ${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n${places}${more}`;
    })
    .join('\n');
}

/** assertAccessible runs axe on the page and fails with the readable list when anything is found. */
export async function assertAccessible(page: Page, label: string): Promise<void> {
  const violations = await checkAxe(page);
  if (violations.length > 0) {
    throw new Error(
      `axe found ${violations.length} violation(s) on ${label} (${page.url()}):\n${describeViolations(violations)}`,
    );
  }
}

/** screenshot saves a full-page screenshot as scratch/shots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(shotsDir, { recursive: true });
  const path = join(
    shotsDir,
    `${name
      .replace(/[^\w.-]+/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^-|-$/g, '')}.png`,
  );
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Email is one message from the outbox, its body decoded. */
export interface Email {
  file: string;
  to: string;
  subject: string;
  text: string;
}

/** readOutbox returns the outbox's emails, oldest first, with headers and bodies decoded. */
export function readOutbox(dataDir: string): Email[] {
  const dir = join(dataDir, 'outbox');
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => n.endsWith('.eml') && !n.startsWith('.'))
      .sort();
  } catch {
    return [];
  }
  return names.map((file) => parseEmail(file, readFileSync(join(dir, file), 'utf8')));
}

/** parseEmail reads the To and Subject headers and the text body of an .eml file. */
export function parseEmail(file: string, source: string): Email {
  const normalised = source.replace(/\r\n/g, '\n');
  const split = normalised.indexOf('\n\n');
  const head = normalised.slice(0, split).replace(/\n[ \t]+/g, ' ');
  const body = normalised.slice(split + 2);
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1] ?? '';
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const text =
    encoding === 'quoted-printable'
      ? decodeQuotedPrintable(body)
      : encoding === 'base64'
        ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
        : body;
  return { file, to: decodeWords(header('To')), subject: decodeWords(header('Subject')), text };
}

/** decodeQuotedPrintable undoes quoted-printable (RFC 2045): soft line breaks `=\n`, then `=XX` bytes as UTF-8. */
export function decodeQuotedPrintable(body: string): string {
  const joined = body.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** decodeWords undoes RFC 2047 encoded words in a header (`=?UTF-8?Q?...?=` and `=?UTF-8?B?...?=`). */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([\w-]+)\?([QqBb])\?([^?]*)\?=/g, (_all, _charset: string, kind: string, data: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
}

/** waitForEmail polls the outbox until an email to `to` beyond the first `skip` ones to that address arrives. */
export async function waitForEmail(dataDir: string, to: string, skip = 0, timeoutMs = 10_000): Promise<Email> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mine = readOutbox(dataDir).filter((m) => m.to.includes(to));
    if (mine.length > skip) return mine[mine.length - 1];
    if (Date.now() > deadline)
      throw new Error(`no email number ${skip + 1} to ${to} reached the outbox within ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** confirmationLink pulls the `/confirm/<token>` link out of an email, or fails saying the email had none. */
export function confirmationLink(email: Email): string {
  const link = /https?:\/\/\S+\/confirm\/[\w-]+/.exec(email.text)?.[0];
  if (!link) throw new Error(`the email "${email.subject}" has no confirmation link:\n${email.text}`);
  return link;
}

/** PetitionDraft is what an organiser writes, with the form's field names (those `savePetitionDraft` reads). */
export interface PetitionDraft {
  title: string;
  body: string;
  addressee: string;
  language: 'en' | 'ru' | 'uk';
  goal?: number;
  nameRule: 'required' | 'optional';
  namesPublic: 'never' | 'signer';
  regionRule: 'none' | 'optional' | 'required';
  regionCountries: string[];
  confirmation: 'email' | 'none';
}

/** Admin is the account the journeys set up through the one-time link. */
export const admin = {
  login: 'admin',
  displayName: 'Первый администратор',
  password: 'a long enough passphrase',
} as const;

/** setUpSite creates the admin account in the browser through the setup link; the page is then signed in. */
export async function setUpSite(page: Page, server: TestServer): Promise<void> {
  await page.goto(server.setupLink);
  await page.fill('#login', admin.login);
  await page.fill('#displayName', admin.displayName);
  await page.fill('#password', admin.password);
  await page.fill('#passwordAgain', admin.password);
  await Promise.all([page.waitForURL(`${server.origin}/admin`), page.click('main button[type=submit]')]);
}

/** publishPetition writes a petition on the organiser's form as the signed-in page's account, publishes it, and returns its id. */
export async function publishPetition(page: Page, server: TestServer, draft: PetitionDraft): Promise<string> {
  await page.goto(`${server.origin}/admin/petitions/new`);
  for (const [name, value] of Object.entries(draft)) await fillField(page, name, value);
  const form = page.locator('form', { has: page.locator('[name="title"]') });
  await Promise.all([
    page.waitForURL(/\/admin\/petitions\/p[\w-]+\?done=saved$/),
    form.locator('button[type=submit]').click(),
  ]);
  const id = /\/admin\/petitions\/(p[\w-]+)/.exec(page.url())![1];
  await Promise.all([page.waitForURL(/\?done=published$/), page.locator('form[action$="/publish"] button').click()]);
  const check = await fetch(`${server.origin}/p/${id}`);
  if (!check.ok)
    throw new Error(`the petition ${id} is not public after pressing publish (GET /p/${id} answered ${check.status})`);
  return id;
}

/** closePetition closes an open petition with the button on its organiser's page. */
export async function closePetition(page: Page, server: TestServer, id: string): Promise<void> {
  await page.goto(`${server.origin}/admin/petitions/${id}`);
  await page.locator('form[action$="/close"] input[name=confirm]').check();
  await Promise.all([page.waitForURL(/\?done=closed$/), page.locator('form[action$="/close"] button').click()]);
}

/**
 * withdrawOnReceipt withdraws the signature of the receipt page open in `page` as a signer does: the receipt's button,
 * then "yes" on the page that asks once more. `buttons` are the two buttons' names in the page's language.
 */
export async function withdrawOnReceipt(page: Page, buttons: { withdraw: string; confirm: string }): Promise<void> {
  const posted = () =>
    page.waitForResponse((r) => r.url().endsWith('/receipt/withdraw') && r.request().method() === 'POST');
  await Promise.all([posted(), page.getByRole('button', { name: buttons.withdraw }).click()]);
  await page.waitForLoadState('load');
  await Promise.all([posted(), page.getByRole('button', { name: buttons.confirm }).click()]);
  await page.waitForLoadState('load');
}

async function fillField(page: Page, name: string, value: unknown): Promise<void> {
  if (value === undefined) return;
  const fields = page.locator(`[name="${name}"]`);
  const count = await fields.count();
  if (count === 0) throw new Error(`the petition form has no field named "${name}"`);
  const first = fields.first();
  const tag = await first.evaluate((el) => el.tagName.toLowerCase());
  const type = await first.getAttribute('type');
  const values = Array.isArray(value) ? value.map(String) : [String(value)];
  if (tag === 'select') {
    await first.selectOption(values);
  } else if (type === 'radio') {
    await page.locator(`[name="${name}"][value="${values[0]}"]`).check();
  } else if (type === 'checkbox') {
    for (let i = 0; i < count; i++) {
      const box = fields.nth(i);
      const wanted = values.includes((await box.getAttribute('value')) ?? 'on');
      if ((await box.isChecked()) !== wanted) await box.setChecked(wanted);
    }
  } else {
    await first.fill(values.join(','));
  }
}

/** Step is one `it` of a journey; after a step fails, the later ones skip instead of failing for the same cause. */
export type Step = (name: string, body: () => Promise<void>) => void;

/** stepsOf returns `step`, which registers the steps of one story in order with node:test's `it`. */
export function stepsOf(
  it: (name: string, fn: (t: { skip(message?: string): void }) => Promise<void>) => unknown,
): Step {
  let failed: string | undefined;
  return (name, body) => {
    it(name, async (t) => {
      if (failed) return t.skip(`an earlier step failed: ${failed}`);
      try {
        await body();
      } catch (error) {
        failed = name;
        throw error;
      }
    });
  };
}

/** countOn reads the count a petition page shows (digits of [data-live-count], whatever the language's grouping). */
export async function countOn(page: Page): Promise<number> {
  const text = await page.locator('[data-live-count]').first().textContent();
  const digits = (text ?? '').replace(/\D/g, '');
  if (digits === '') throw new Error(`the petition page shows no count (found "${text}")`);
  return Number(digits);
}

/** solveProofOfWork ticks the ALTCHA widget's box and waits until it says verified. */
export async function solveProofOfWork(page: Page): Promise<void> {
  const widget = page.locator('altcha-widget');
  await widget.locator('input[type=checkbox]').click();
  await widget.locator('[data-state="verified"]').waitFor({ timeout: 15_000 });
}

/**
 * overflowAt returns what sticks out sideways at a given width (WCAG 2.1 1.4.10 Reflow: no horizontal scrolling at
 * 320 CSS pixels), as up to three readable descriptions, or [] when the page fits. Axe does not check this.
 */
export async function overflowAt(page: Page, width: number): Promise<string[]> {
  await page.setViewportSize({ width, height: 640 });
  await page.evaluate(() => new Promise(requestAnimationFrame));
  return page.evaluate(() => {
    const limit = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= limit) return [];
    // The culprits: elements whose own text runs past their box (a <pre>, an unbreakable link), or that end
    // beyond the window while none of their children does.
    const wide = Array.from(document.querySelectorAll('body *')).filter((el) => {
      const spills =
        el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0 && getComputedStyle(el).overflowX === 'visible';
      const beyond =
        el.getBoundingClientRect().right > limit + 1 &&
        !Array.from(el.children).some((child) => child.getBoundingClientRect().right > limit + 1);
      return spills || beyond;
    });
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${Array.from(el.classList).join('.')}` : ''} reaches ${Math.round(Math.max(el.getBoundingClientRect().right, el.getBoundingClientRect().left + el.scrollWidth))}px`;
    const innermost = wide.filter((el) => !wide.some((other) => other !== el && el.contains(other)));
    return [
      `the page is ${document.documentElement.scrollWidth}px wide in a ${limit}px window`,
      ...innermost.slice(0, 3).map(describe),
    ];
  });
}
