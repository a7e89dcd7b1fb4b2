import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext } from 'playwright-core';
import { translator } from '../../src/i18n/i18n.ts';
import { createCosigner } from '../../src/record/cosignature.ts';
import { FakeWitness } from '../fakes/fake-witness.ts';
import {
  startServer,
  launchBrowser,
  newContext,
  skipWithoutChromium,
  setUpSite,
  publishPetition,
  screenshot,
  stepsOf,
  assertAccessible,
  phone,
  desktop,
  sleep,
  type TestServer,
} from '../support/browser.ts';

// An observer reads on the record page who witnesses the record, saves its policy, and checks the whole record in her
// browser: the page names the witnesses who signed the checkpoint it checked. Held to a policy that asks for a witness
// who never saw this record, the check fails. A signer's receipt says how many witnesses vouch for her signature.

const t = translator('en');
const draft = {
  language: 'en' as const,
  nameRule: 'optional' as const,
  namesPublic: 'never' as const,
  regionRule: 'none' as const,
  regionCountries: [],
  confirmation: 'none' as const,
  title: 'Bring our men home after a year of service',
  addressee: 'The Minister of Defence',
  body: 'We, the wives and mothers of mobilised soldiers, ask for a fixed term of service.',
};

describe('an observer sees which witnesses vouch for the record, on the record page, in her audit and on a receipt', {
  skip: skipWithoutChromium(),
}, () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let petitionId: string;
  let receipt: string;
  let policy: string;
  const witnesses = ['kyiv.witness.test', 'riga.witness.test'].map((name) => new FakeWitness(name));
  const step = stepsOf(it);

  before(async () => {
    for (const w of witnesses) await w.listen();
    server = await startServer({
      VECHE_WITNESSES: witnesses.map((w) => `${w.cosigners.ed25519.vkey} ${w.url}`).join('; '),
      VECHE_WITNESS_INTERVAL_MS: '100',
    });
    browser = await launchBrowser();
    context = await newContext(browser, { viewport: desktop, locale: 'en-GB' });
    const admin = await context.newPage();
    await setUpSite(admin, server);
    petitionId = await publishPetition(admin, server, draft);
    await admin.close();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    for (const w of witnesses) await w.close();
  });

  step('people sign, and both witnesses cosign the record', async () => {
    for (let i = 0; i < 20; i++) {
      const response = await fetch(`${server.origin}/api/petitions/${petitionId}/signatures`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: `Signer ${i}` }),
      });
      const answer = await response.json();
      assert.equal(response.status, 201, JSON.stringify(answer));
      receipt = answer.receipt;
    }
    for (let i = 0; i < 150; i++) {
      const note = await (await fetch(`${server.origin}/log/witnessed-checkpoint`)).text();
      if (Number(note.split('\n')[1]) > 20) break;
      await sleep(100);
    }
    await sleep(1200); // the site's counts catch up
  });

  step('the record page says in plain words who witnesses it, with their keys, and offers the policy', async () => {
    const page = await context.newPage();
    await page.goto(`${server.origin}/record`);
    await page.getByText(t('witnesses.plain')).waitFor();
    for (const w of witnesses) {
      assert.equal(await page.locator(`[data-witness="${w.name}"]`).getAttribute('data-signed'), 'true');
      assert.equal(
        await page.locator(`[data-witness="${w.name}"] [data-witness-key]`).innerText(),
        w.cosigners.ed25519.vkey,
      );
    }
    const download = page.locator('[data-policy-download]');
    policy = await (await fetch(new URL((await download.getAttribute('href'))!, server.origin))).text();
    assert.match(policy, /^quorum witnesses$/m);
    assert.match(
      await page.locator('[data-policy-command]').innerText(),
      /^node veche-audit\.mjs http:\/\/127\.0\.0\.1:\d+ --policy \S+-policy\.txt$/,
    );
    await assertAccessible(page, 'the record page with witnesses');
    await screenshot(page, 'witnesses-01-record-desktop');
    await page.setViewportSize(phone);
    await screenshot(page, 'witnesses-02-record-phone');
    await page.close();
  });

  step('her audit in the browser names the two witnesses who signed the checkpoint it checked', async () => {
    const page = await context.newPage();
    await page.goto(`${server.origin}/audit`);
    await page.getByLabel(t('witnesses.policy-label')).fill(policy);
    await page.getByRole('button', { name: t('whole.run') }).click();
    const status = page.locator('[data-status]');
    await status.and(page.locator('.verdict')).waitFor({ timeout: 60_000 });
    assert.ok(await status.evaluate((el) => el.classList.contains('good')), await status.innerText());
    const box = page.locator('[data-witnesses]');
    assert.equal(await box.getAttribute('data-witnesses'), 'met');
    assert.match(
      await box.innerText(),
      /2 witnesses signed the checkpoint checked: enough for the record’s witness policy\./,
    );
    assert.match(await box.innerText(), /Checked against the witness policy you pasted\./);
    for (const w of witnesses)
      assert.equal(await box.locator(`[data-witness="${w.name}"]`).getAttribute('data-cosigned'), 'verified');
    await assertAccessible(page, 'the audit, with its witnesses');
    await screenshot(page, 'witnesses-03-audit-desktop');
    await page.setViewportSize(phone);
    await screenshot(page, 'witnesses-04-audit-phone');

    // A policy that also asks for a witness who never saw this record: the check fails, and says why.
    const stranger = createCosigner('stranger.witness.test', randomBytes(32), 'ed25519');
    const strict = policy
      .replace(
        /^group .*$/m,
        `witness stranger.witness.test ${stranger.vkey}\ngroup everyone all kyiv.witness.test riga.witness.test stranger.witness.test`,
      )
      .replace(/^quorum .*$/m, 'quorum everyone');
    await page.getByLabel(t('witnesses.policy-label')).fill(strict);
    await page.getByRole('button', { name: t('whole.run') }).click();
    await page.locator('[data-witnesses="not-met"]').waitFor({ timeout: 60_000 });
    assert.ok(await status.evaluate((el) => el.classList.contains('bad')));
    assert.equal(await page.locator('[data-witness="stranger.witness.test"]').getAttribute('data-cosigned'), 'absent');
    assert.match(await page.locator('[data-witnesses]').innerText(), /NOT enough for the witness policy/);
    await screenshot(page, 'witnesses-05-audit-not-met-phone');
    await page.close();
  });

  step("a signer's receipt says it is witnessed by two independent witnesses, the detail one click away", async () => {
    const page = await context.newPage();
    await page.goto(receipt);
    const witnessed = page.locator('[data-witnessed="yes"]');
    await witnessed.waitFor({ timeout: 30_000 });
    assert.match(
      await witnessed.innerText(),
      /Witnessed by 2 independent witnesses: they signed a checkpoint that holds this signature\./,
    );
    await witnessed.locator('summary').click();
    for (const w of witnesses)
      assert.equal(await witnessed.locator(`[data-witness="${w.name}"]`).getAttribute('data-cosigned'), 'verified');
    await assertAccessible(page, 'a receipt, witnessed');
    await page.setViewportSize(phone);
    await screenshot(page, 'witnesses-06-receipt-phone');
    await page.close();
  });
});
