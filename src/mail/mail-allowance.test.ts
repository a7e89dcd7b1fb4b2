import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MailAllowance, mailboxOf } from './mail-allowance.ts';

const hour = 3600_000;

test('an address may be sent three emails in any hour; one held back does not count', () => {
  const allowance = new MailAllowance();
  const t0 = 1_000_000;
  assert.deepEqual(
    [0, 1, 2, 3, 4].map((i) => allowance.take('anna@example.org', t0 + i * 60_000)),
    [true, true, true, false, false],
  );
  assert.equal(allowance.take('ANNA@example.org ', t0 + 10 * 60_000), false, 'one mailbox, however it is written');
  assert.equal(allowance.take('olga@example.org', t0 + 10 * 60_000), true);
  assert.equal(allowance.take('anna@example.org', t0 + hour - 1), false);
  assert.equal(allowance.take('anna@example.org', t0 + hour), true, 'the first email is an hour old');
  assert.equal(allowance.take('anna@example.org', t0 + hour + 1), false, 'the second is not yet');
});

test('it keeps no address, and when full it forgets the least recently mailed, never everyone at once', () => {
  const allowance = new MailAllowance(3, 100);
  const t0 = 5_000_000;
  for (let i = 0; i < 3; i++) allowance.take('victim@example.org', t0);
  assert.ok(
    !JSON.stringify([...(allowance as unknown as { sent: Map<string, number[]> }).sent.keys()]).includes('victim'),
  );
  // A flood of new addresses, mailed before the victim is tried again: she stays among the most recent.
  for (let i = 0; i < 99; i++) allowance.take(`flood${i}@example.org`, t0 + 1);
  assert.equal(allowance.take('victim@example.org', t0 + 2), false, 'her count survives a full table');
  for (let i = 99; i < 198; i++) allowance.take(`flood${i}@example.org`, t0 + 3);
  assert.equal(allowance.take('victim@example.org', t0 + 4), false, 'being tried again keeps her among the remembered');
  for (let i = 198; i < 1000; i++) allowance.take(`flood${i}@example.org`, t0 + 3);
  assert.equal(allowance.size, 100, 'never more than its capacity');
  assert.equal(allowance.take('flood999@example.org', t0 + 4), true);
  assert.equal(allowance.take('flood999@example.org', t0 + 5), true);
  assert.equal(
    allowance.take('flood999@example.org', t0 + 6),
    false,
    'the most recent are still counted after a flood',
  );
});

test('two allowances (two processes) share no key: the same address gets a different counter name', () => {
  const a = new MailAllowance();
  const b = new MailAllowance();
  a.take('anna@example.org', 0);
  b.take('anna@example.org', 0);
  const keys = (x: MailAllowance) => [...(x as unknown as { sent: Map<string, number[]> }).sent.keys()];
  assert.notDeepEqual(keys(a), keys(b));
});

test("addresses that reach one mailbox are counted as one: plus tags, and Gmail's dots", () => {
  assert.equal(mailboxOf('Anna+petition1@Example.org'), 'anna@example.org');
  assert.equal(mailboxOf('a.n.n.a+x@googlemail.com'), 'anna@gmail.com');
  assert.equal(mailboxOf('a.nna@example.org'), 'a.nna@example.org', 'dots count elsewhere');
  const allowance = new MailAllowance();
  assert.deepEqual(
    ['anna+1@gmail.com', 'an.na+2@gmail.com', 'ANNA@googlemail.com', 'a.n.n.a@gmail.com'].map((a) =>
      allowance.take(a, 0),
    ),
    [true, true, true, false],
  );
});
