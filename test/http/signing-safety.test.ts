// Issue 9, "safe for the people who sign", over HTTP: no page that shows a link's petition, a receipt or a withdrawal
// is kept by a cache; the per-address mail limit changes nothing in the answers; the warning about mail services
// that hand mail to the state, with JavaScript off; a receipt saved as a file and opened again from its code.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, createAdmin, addMember, Browser, logIn, type TestApp } from './support.ts';
import { savePetitionDraft } from '../../src/actions/save-petition-draft.ts';
import { publishPetition } from '../../src/actions/publish-petition.ts';
import { closePetition } from '../../src/actions/close-petition.ts';
import { signPetition } from '../../src/actions/sign-petition.ts';
import { confirmSignature } from '../../src/actions/confirm-signature.ts';
import { openText } from '../../src/crypto/email-cipher.ts';
import { findSignature } from '../../src/store/signatures.ts';
import { receiptCode } from '../../src/domain/receipt-code.ts';
import { mailLimits } from '../../src/mail/mail-allowance.ts';
import type { Actor } from '../../src/actions/context.ts';

let t: TestApp;
let organiser: Actor;

before(async () => {
  // Rate limits on, as in production; no proof of work, so that plain form posts are taken.
  t = await startTestApp({ VECHE_POW_MAX: '0' });
  const admin = await createAdmin(t.app);
  organiser = await addMember(t.app, admin, 'organiser', 'maria');
});
after(() => t.stop());

async function openPetition(change: Record<string, unknown> = {}): Promise<string> {
  const id = await savePetitionDraft(t.app, organiser, {
    title: 'Return our husbands home after a year of service',
    addressee: 'The Minister of Defence',
    language: 'en',
    body: 'We, the wives and mothers of mobilised soldiers, ask for a fixed term of service and rotation home.',
    confirmation: 'email',
    ...change,
  });
  await publishPetition(t.app, organiser, id);
  return id;
}

/** queued opens the mail queue with the server's key, as the mail job would. */
async function queued() {
  const rows = await t.app.store.db.selectFrom('mail_queue').selectAll().orderBy('id').execute();
  return rows.map((r) => ({
    to: openText(t.app.secrets.encryption, r.recipient_enc),
    template: r.template,
    params: JSON.parse(openText(t.app.secrets.encryption, r.params)) as Record<string, string>,
  }));
}

async function tokenFor(address: string): Promise<string> {
  const mine = (await queued()).filter((m) => m.to === address && m.template === 'confirm-signature');
  return mine[mine.length - 1].params.token;
}

/** counted signs a petition and confirms, returning the receipt (public id, secret) and the signature's row id. */
async function counted(petition: string, email: string) {
  await signPetition(t.app, petition, { name: 'Anna', email }, 'en');
  const receipt = await confirmSignature(t.app, await tokenFor(email));
  const row = Number((await findSignature(t.app.store.db, receipt.signature))!.id);
  return { ...receipt, row, code: receiptCode(row, receipt.receiptSecret)! };
}

const noStore = (reply: { headers: Record<string, unknown> }) => reply.headers['cache-control'];

test('confirmation pages, receipts, the check-email page and the withdrawn page are never stored by a cache', async () => {
  const id = await openPetition();
  const closing = await openPetition();
  const visitor = new Browser(t.server);
  await visitor.get(`/p/${id}`);
  await signPetition(t.app, id, { name: 'Olga', email: 'olga@example.org' }, 'en');
  await signPetition(t.app, closing, { name: 'Vera', email: 'vera@example.org' }, 'en');
  const veraToken = await tokenFor('vera@example.org');
  await closePetition(t.app, organiser, closing);
  const token = await tokenFor('olga@example.org');
  const checks: [string, { status: number; headers: Record<string, unknown> }][] = [];
  const add = (label: string, reply: { status: number; headers: Record<string, unknown> }) =>
    checks.push([label, reply]);
  add('check-email', await visitor.get(`/p/${id}/check-email`));
  add('confirm page', await visitor.get(`/confirm/${token}`));
  const unknown = 'A'.repeat(43);
  add('a dead link', await visitor.get(`/confirm/${unknown}`));
  add('a dead link, posted', await visitor.post(`/confirm/${unknown}`));
  add('a mangled link', await visitor.get('/confirm/no-such-token'));
  add('a link to a closed petition, posted', await visitor.post(`/confirm/${veraToken}`));
  const confirmed = await visitor.post(`/confirm/${token}`);
  add("the confirmation's redirect", confirmed);
  const receiptUrl = confirmed.location!.replace('?signed=1', '');
  add('receipt', await visitor.get(confirmed.location!));
  add('a receipt with a wrong secret', await visitor.get(receiptUrl.replace(/\/[^/]+$/, '/WRONGWRONGWRONG0')));
  const [, , signature, secret] = receiptUrl.split('/');
  const row = Number((await findSignature(t.app.store.db, signature))!.id);
  add('the receipt code form', await visitor.get('/receipt'));
  add('a receipt opened by code', await visitor.post('/receipt', { code: receiptCode(row, secret)! }));
  add('a wrong code', await visitor.post('/receipt', { code: 'nonsense' }));
  add('the receipt file', await visitor.post('/receipt/file', { signature, secret }));
  add('asked to confirm the withdrawal', await visitor.post('/receipt/withdraw', { signature, secret }));
  add('withdrawn', await visitor.post('/receipt/withdraw', { signature, secret, confirm: 'yes' }));
  add('withdrawn again', await visitor.post('/receipt/withdraw', { signature, secret }));
  assert.deepEqual(
    checks.map(([label, reply]) => [label, reply.status]),
    [
      ['check-email', 200],
      ['confirm page', 200],
      ['a dead link', 410],
      ['a dead link, posted', 410],
      ['a mangled link', 404],
      ['a link to a closed petition, posted', 409],
      ["the confirmation's redirect", 303],
      ['receipt', 200],
      ['a receipt with a wrong secret', 404],
      ['the receipt code form', 200],
      ['a receipt opened by code', 200],
      ['a wrong code', 422],
      ['the receipt file', 200],
      ['asked to confirm the withdrawal', 200],
      ['withdrawn', 200],
      ['withdrawn again', 409],
    ],
  );
  for (const [label, reply] of checks) assert.equal(noStore(reply), 'no-store', label);
});

test('past three emails an hour an address gets no more, and the answers stay the same to the byte', async () => {
  const id = await openPetition();
  const visitor = new Browser(t.server);
  await visitor.get(`/p/${id}`);
  const answers = [];
  for (let i = 0; i < mailLimits.perAddressPerHour + 3; i++) {
    const reply = await visitor.post(`/p/${id}/sign`, { name: 'Anna', email: 'bombed@example.org' });
    const page = await visitor.get(reply.location!);
    answers.push({ reply, page });
  }
  assert.equal((await queued()).filter((m) => m.to === 'bombed@example.org').length, mailLimits.perAddressPerHour);
  const comparable = (r: { status: number; headers: Record<string, unknown>; body: string }) => {
    const { date: _date, 'set-cookie': _cookie, ...headers } = r.headers;
    return { status: r.status, headers, body: r.body.replace(/name="_csrf" value="[^"]+"/g, '') };
  };
  for (const [i, answer] of answers.entries()) {
    assert.deepEqual(comparable(answer.reply), comparable(answers[0].reply), `signing number ${i + 1}`);
    assert.deepEqual(comparable(answer.page), comparable(answers[0].page), `the page after signing number ${i + 1}`);
  }
  assert.equal(answers[0].reply.status, 303);
  assert.ok(
    answers[0].page.body.includes(`at most ${mailLimits.perAddressPerHour} emails an hour`),
    'the page says how many emails an address gets',
  );
});

test('without JavaScript, an address at a mail service that hands mail to the state brings the form back with the warning; "use it anyway" signs', async () => {
  const id = await openPetition();
  const visitor = new Browser(t.server);
  const page = await visitor.get(`/p/${id}`);
  assert.match(
    page.body,
    /id="email-providers"[^>]*>[^<]*Mail\.ru, Yandex, Rambler/,
    'a note before the address is typed',
  );
  assert.match(page.body, /data-unsafe-domains="\[&quot;mail\.ru&quot;,/, 'the list is in the page itself');
  assert.match(page.body, /<div class="provider-warning" id="provider-warning" hidden/, 'the warning waits, hidden');

  const warned = await visitor.post(`/p/${id}/sign`, {
    name: 'Anna Petrova',
    email: 'anna.petrova@inbox.ru',
    showName: 'on',
  });
  assert.equal(warned.status, 422);
  assert.match(
    warned.body,
    /<div class="provider-warning" id="provider-warning" role="alert" tabindex="-1" autofocus/,
    'the warning is shown, with the focus',
  );
  assert.ok(warned.body.includes('Your address is at inbox.ru, a Russian mail service'), 'it names the service');
  assert.ok(
    warned.body.includes('Proton Mail') && warned.body.includes('Tuta') && warned.body.includes('Gmail'),
    'and safer ones',
  );
  assert.ok(
    warned.body.includes('value="anna.petrova@inbox.ru"') && warned.body.includes('value="Anna Petrova"'),
    'what she typed is kept',
  );
  assert.match(warned.body, /<input type="checkbox" id="emailAnyway" name="emailAnyway" value="on">/);
  assert.doesNotMatch(warned.body, /class="error-summary"|id="email-error"/, 'a warning, not an error');
  assert.deepEqual(await queued().then((q) => q.filter((m) => m.to.endsWith('@inbox.ru'))), [], 'no email yet');

  const mistaken = await visitor.post(`/p/${id}/sign`, { email: 'anna@yandex.ru' });
  assert.equal(mistaken.status, 422);
  assert.match(mistaken.body, /class="error-summary"/, 'other mistakes are still named');
  assert.match(mistaken.body, /role="alert" tabindex="-1" autofocus/, 'beside the warning');

  const anyway = await visitor.post(`/p/${id}/sign`, {
    name: 'Anna Petrova',
    email: 'anna.petrova@inbox.ru',
    emailAnyway: 'on',
  });
  assert.equal(anyway.status, 303);
  assert.equal(anyway.location, `/p/${id}/check-email`);
  assert.equal(
    (await queued()).filter((m) => m.to === 'anna.petrova@inbox.ru').length,
    1,
    'she chose: it goes through as usual',
  );
});

test('the API refuses such an address naming the field and the service, and takes it with emailAnyway', async () => {
  const id = await openPetition();
  const sign = (body: unknown) =>
    t.server.inject({
      method: 'POST',
      url: `/api/petitions/${id}/signatures`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
  const refused = await sign({ name: 'Anna', email: 'anna@list.ru' });
  assert.equal(refused.statusCode, 422);
  assert.deepEqual(
    refused.json().errors.map((e: { field: string; problem: string }) => [e.field, e.problem]),
    [['email', 'unsafe-provider']],
  );
  assert.match(refused.json().errors[0].detail, /list\.ru/);
  assert.equal((await sign({ name: 'Anna', email: 'anna@list.ru', emailAnyway: true })).statusCode, 202);
});

test("the receipt explains what it reveals, and saves as a file that holds the code, the petition's address and how to check", async () => {
  const id = await openPetition();
  const anna = await counted(id, 'file@example.org');
  const visitor = new Browser(t.server);
  const page = await visitor.get(`/receipt/${anna.signature}/${anna.receiptSecret}`);
  assert.equal(page.status, 200);
  const plain = page.body.indexOf('Keep your receipt safe');
  const technical = page.body.indexOf('<summary>Technical proof</summary>');
  assert.ok(plain > 0 && (technical === -1 || plain < technical), 'plain words come before the technical proof');
  assert.ok(page.body.includes('stays in your browser’s history'));
  assert.ok(page.body.includes(`<code class="receipt-code" id="receipt-code">${anna.code}</code>`));
  for (const action of page.body.matchAll(/<form method="post" action="([^"]+)"/g)) {
    assert.ok(!action[1].includes(anna.receiptSecret), `no form puts the secret in a URL: ${action[1]}`);
  }

  const file = await visitor.post('/receipt/file', { signature: anna.signature, secret: anna.receiptSecret });
  assert.equal(file.status, 200);
  assert.equal(file.headers['content-type'], 'text/plain; charset=utf-8');
  assert.equal(file.headers['content-disposition'], 'attachment; filename="receipt.txt"');
  assert.equal(file.headers['cache-control'], 'no-store');
  const base = t.app.config.publicUrl;
  for (const line of [
    `Receipt code: ${anna.code}`,
    `Petition: ${base}/p/${id}`,
    `open ${base}/receipt and enter the receipt code`,
    'Anyone who has this file',
  ]) {
    assert.ok(file.body.includes(line), `the file says "${line}":\n${file.body}`);
  }
  assert.doesNotMatch(file.body, /Return our husbands/, 'the file names the petition by its address only');
  const wrong = await visitor.post('/receipt/file', { signature: anna.signature, secret: 'WRONGWRONGWRONG0' });
  assert.equal(wrong.status, 404);
});

test('a receipt opens from its code without the secret in any URL; a wrong code is named, the same for a wrong row and a wrong secret', async () => {
  const id = await openPetition();
  const anna = await counted(id, 'code@example.org');
  const olga = await counted(id, 'code2@example.org');
  const visitor = new Browser(t.server);
  const form = await visitor.get('/receipt');
  assert.match(form.body, /<form method="post" action="\/receipt" novalidate>/);
  assert.match(form.body, /<input id="code" name="code"[^>]*autocomplete="off"/, 'the browser does not remember codes');
  const opened = await visitor.post('/receipt', { code: anna.code.toLowerCase().replace(/-/g, ' ') });
  assert.equal(opened.status, 200);
  assert.ok(opened.body.includes(anna.signature) && opened.body.includes('You opened this receipt with its code'));
  assert.doesNotMatch(opened.body, /id="receipt-link"/, 'it does not hand out the link it was meant to replace');
  assert.match(opened.body, /data-state="pending"/, 'the record has not taken it yet (no sequencer runs here)');
  assert.match(
    opened.body,
    new RegExp(
      `<form method="post" action="/receipt" class="reopen" data-reopen>[\\s\\S]*?name="code" value="${anna.code}"`,
    ),
    'it is checked again by sending the code, not by reloading a POST',
  );

  const [, ...secretGroups] = anna.code.split('-');
  const [olgaRow] = olga.code.split('-');
  const wrongSecret = anna.code.replace(/.{4}$/, anna.code.endsWith('AAAA') ? 'BBBB' : 'AAAA');
  const answers = [];
  for (const code of [wrongSecret, [olgaRow, ...secretGroups].join('-'), ['ZZZZZZ', ...secretGroups].join('-')]) {
    const reply = await visitor.post('/receipt', { code });
    assert.equal(reply.status, 422, code);
    assert.match(reply.body, /<a href="#code">We found no receipt with this code\./);
    assert.match(reply.body, /id="code-error"/);
    answers.push(reply.body.replace(/name="_csrf" value="[^"]+"/, '').replace(/id="code" name="code"[^>]*>/, ''));
  }
  assert.equal(answers[1], answers[0], "another signature's row: the same answer as a wrong secret");
  assert.equal(answers[2], answers[0], 'no such row: the same answer');
  assert.equal((await visitor.post('/receipt', {})).status, 422, 'no code at all is named too');
});

test("the admin's outbox says it stands in for a mail server and how long it keeps each email", async () => {
  const admin = await logIn(t.server, 'ada');
  const page = await admin.get('/admin/outbox');
  assert.equal(page.status, 200);
  assert.ok(page.body.includes('This is a stand-in for a real mail server'));
  assert.ok(
    page.body.includes('A confirmation email is deleted as soon as its signature is confirmed') &&
      page.body.includes('after 1 hour'),
    page.body,
  );
});
