// Nobody can use the signing form to learn whether an address signed, nor the login form to learn which logins exist
// (issue 9; docs/threat-model.md, adversary 7): signing a petition that confirms by email answers a new, a pending and
// an already confirmed address with the same status, headers and bytes, in times no one can tell apart; a wrong
// password and an unknown login likewise. The kinds are sent interleaved in a fixed shuffled order and compared by
// compareTimings (timing.ts), which the first test shows to catch a skipped hash and to let machine noise through.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { startWorld, actorOf, confirmationToken, openPetition, password, type World } from './world.ts';
import { compareTimings, describe, seededOrder } from './timing.ts';
import { signPetition } from '../../src/actions/sign-petition.ts';
import { confirmSignature } from '../../src/actions/confirm-signature.ts';
import { insertAccount } from '../../src/store/accounts.ts';
import { hashPassword } from '../../src/crypto/passwords.ts';

/** SIGNING_ROUNDS and LOGIN_ROUNDS are how many times each kind is timed (a login costs half a second of scrypt). */
const SIGNING_ROUNDS = 40;
const LOGIN_ROUNDS = 24;
const WARM_UP = 3;

let world: World;
let petition: string;
let counting: string;
let requests = 0;
/**
 * The addresses and logins of the timed rounds: each used in one round only, so that what is measured is "pending" or
 * "confirmed" or "exists", not a limit per address or per login that many tries of one would reach (and that is the
 * same for any address or login, new or not).
 */
const pendingAddresses: string[] = [];
const confirmedAddresses: string[] = [];
const knownLogins: string[] = [];

/** nextAddress is a remote address of its own for each request, so that no rate limit answers for the handler. */
const nextAddress = () => `198.51.${(++requests >> 8) & 255}.${requests & 255}`;

before(async () => {
  world = await startWorld();
  const owner = actorOf(world, 'owner');
  petition = await openPetition(world, owner, { confirmation: 'email', nameRule: 'optional' });
  counting = await openPetition(world, owner, { confirmation: 'none', nameRule: 'optional' });
  // One address waits for confirmation; one has confirmed.
  await signPetition(world.t.app, petition, { name: 'Oksana', email: 'pending.wife@example.org' }, 'en');
  await signPetition(world.t.app, petition, { name: 'Olha', email: 'confirmed.mother@example.org' }, 'en');
  await confirmSignature(world.t.app, await confirmationToken(world, 'confirmed.mother@example.org'));
  for (let i = 0; i < SIGNING_ROUNDS + WARM_UP; i++) {
    pendingAddresses.push(`pending.${String(i).padStart(2, '0')}@example.org`);
    confirmedAddresses.push(`confirmed.${String(i).padStart(2, '0')}@example.org`);
  }
  // Eight at a time: the hashes run on libuv's threads.
  for (let i = 0; i < pendingAddresses.length; i += 8) {
    await Promise.all(
      pendingAddresses
        .slice(i, i + 8)
        .map((email) => signPetition(world.t.app, petition, { name: 'Oksana', email }, 'en')),
    );
    await Promise.all(
      confirmedAddresses.slice(i, i + 8).map(async (email) => {
        await signPetition(world.t.app, petition, { name: 'Olha', email }, 'en');
        await confirmSignature(world.t.app, await confirmationToken(world, email));
      }),
    );
  }
  const hash = await hashPassword(password);
  for (let i = 0; i < LOGIN_ROUNDS + WARM_UP; i++) {
    const login = `known-${String(i).padStart(2, '0')}`;
    await insertAccount(world.t.app.store.db, {
      login,
      displayName: login,
      role: 'organiser',
      passwordHash: hash,
      createdAt: Date.now(),
    });
    knownLogins.push(login);
  }
});
after(() => world?.stop());

/** sign sends the petition's form as an anonymous visitor would. */
const sign = (id: string, fields: Record<string, string>) =>
  world.post('anonymous', `/p/${id}/sign`, fields, nextAddress());

/** signByApi sends a signature through the JSON API. */
const signByApi = (id: string, fields: Record<string, string>) =>
  world.inject('anonymous', {
    method: 'POST',
    url: `/api/petitions/${id}/signatures`,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(fields),
    remoteAddress: nextAddress(),
  });

/** logIn sends the login form. */
const logIn = (fields: Record<string, string>) => world.post('anonymous', '/login', fields, nextAddress());

/** timed runs one request and returns how long the server took to answer, in ms. */
async function timed(
  send: () => Promise<LightMyRequestResponse>,
): Promise<{ ms: number; response: LightMyRequestResponse }> {
  const start = process.hrtime.bigint();
  const response = await send();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, response };
}

/** measure times each kind once a round, in a fixed shuffled order, after a few rounds to warm up. */
async function measure(
  kinds: Record<string, (round: number) => Promise<LightMyRequestResponse>>,
  rounds: number,
  seed: number,
) {
  const shuffle = seededOrder(seed);
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(kinds).map((k) => [k, []]));
  const statuses = new Set<string>();
  for (let round = 0; round < rounds + WARM_UP; round++) {
    for (const kind of shuffle(Object.keys(kinds))) {
      const { ms, response } = await timed(() => kinds[kind](round));
      statuses.add(`${kind} ${response.statusCode}`);
      if (round >= WARM_UP) samples[kind].push(ms);
    }
  }
  return { samples, statuses: [...statuses].sort() };
}

/** visible is what an observer compares of an answer: status, headers (not the date or cookies) and the body's bytes. */
function visible(response: LightMyRequestResponse, typed: string[] = []) {
  const headers = Object.fromEntries(
    Object.entries(response.headers).filter(
      ([name]) => !['date', 'set-cookie', 'connection', 'keep-alive'].includes(name),
    ),
  );
  let body = response.rawPayload.toString('latin1');
  for (const text of typed) body = body.replaceAll(text, '«typed»');
  return { status: response.statusCode, headers, body };
}

test('the timing comparison lets noise through and catches a skipped hash (synthetic samples)', () => {
  // A noisy machine: every kind ~40 ms of hashing, jitter, one request in ten stalled 5–10 times, and load that
  // doubles halfway through for everyone.
  let state = 7;
  const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const noisy = (base: number) =>
    Array.from({ length: 40 }, (_, round) => {
      const load = round < 20 ? 1 : 2;
      const stall = random() < 0.1 ? 5 + 5 * random() : 1;
      return base * load * stall * (0.8 + 0.4 * random());
    });
  const same = compareTimings({ new: noisy(40), pending: noisy(40), confirmed: noisy(40) });
  assert.equal(same.leaks, false, describe(same));
  // The leak to catch: one kind skips scrypt and answers in 2 ms.
  const skipped = compareTimings({ new: noisy(40), pending: noisy(40), confirmed: noisy(2) });
  assert.equal(skipped.leaks, true, describe(skipped));
  assert.deepEqual(
    skipped.pairs.filter((p) => p.leaks).map((p) => `${p.a}-${p.b}`),
    ['new-confirmed', 'pending-confirmed'],
  );
  // One kind hashing twice is caught too; a millisecond more for one kind (a row more written) is not a finding.
  assert.equal(compareTimings({ a: noisy(40), b: noisy(80) }).leaks, true);
  assert.equal(compareTimings({ a: noisy(40), b: noisy(40).map((x) => x + 1) }).leaks, false);
});

test('signing a petition that confirms by email answers a new, a pending and a confirmed address alike, byte for byte', async () => {
  for (const send of [sign, signByApi]) {
    const answers = {
      new: visible(await send(petition, { name: 'Anna', email: 'someone.new@example.org' })),
      pending: visible(await send(petition, { name: 'Anna', email: 'pending.wife@example.org' })),
      confirmed: visible(await send(petition, { name: 'Anna', email: 'confirmed.mother@example.org' })),
    };
    assert.ok(
      [202, 303].includes(answers.new.status),
      `the new address is told to check the email: ${answers.new.status}`,
    );
    assert.deepEqual(answers.pending, answers.new, 'a pending address is answered as a new one');
    assert.deepEqual(answers.confirmed, answers.new, 'a confirmed address is answered as a new one');
  }
});

test('signing takes as long for a new, a pending and a confirmed address, and the measurement would see a skipped hash', async (t) => {
  const { samples, statuses } = await measure(
    {
      new: (round) => sign(petition, { name: 'Anna', email: `newcomer.${String(round).padStart(2, '0')}@example.org` }),
      pending: (round) => sign(petition, { name: 'Anna', email: pendingAddresses[round] }),
      confirmed: (round) => sign(petition, { name: 'Anna', email: confirmedAddresses[round] }),
      // The control: a petition that counts at once hashes nothing. If the comparison cannot tell it from the others,
      // it could not tell a skipped hash either, and its silence about the three kinds above would prove nothing.
      control: () => sign(counting, { name: 'Anna' }),
    },
    SIGNING_ROUNDS,
    20260312,
  );
  assert.deepEqual(statuses, ['confirmed 303', 'control 303', 'new 303', 'pending 303']);
  const { control, ...kinds } = samples;
  const verdict = compareTimings(kinds);
  t.diagnostic(`${SIGNING_ROUNDS} rounds: ${describe(verdict)}`);
  const sensitivity = compareTimings({ new: kinds.new, control });
  t.diagnostic(`control: ${describe(sensitivity)}`);
  assert.equal(
    sensitivity.leaks,
    true,
    `the measurement tells a signing that hashes from one that does not: ${describe(sensitivity)}`,
  );
  assert.equal(verdict.leaks, false, `an observer can tell the kinds of address apart by time: ${describe(verdict)}`);
});

test('logging in answers an unknown login and a wrong password alike, in the same time', async (t) => {
  // Logins of one length, so that the form (which shows the login typed) is the same length too.
  const known = 'owner';
  const unknown = 'nwner';
  assert.equal(known.length, unknown.length);
  const wrong = visible(await logIn({ login: known, password: 'not the password at all' }), [known]);
  const nobody = visible(await logIn({ login: unknown, password: 'not the password at all' }), [unknown]);
  assert.equal(wrong.status, 422);
  assert.deepEqual(nobody, wrong, 'an unknown login is answered as a wrong password');
  assert.equal(
    (await logIn({ login: known, password })).statusCode,
    303,
    'the right password logs in: the login exists',
  );

  // Each round a login of its own (known-07 exists, nouse-07 does not): a limit per login treats both alike.
  const { samples, statuses } = await measure(
    {
      wrongPassword: (round) => logIn({ login: knownLogins[round], password: 'not the password at all' }),
      unknownLogin: (round) =>
        logIn({ login: `nouse-${String(round).padStart(2, '0')}`, password: 'not the password at all' }),
      // The control: a form without a password is refused before any hashing.
      control: (round) => logIn({ login: `ctrl-${String(round).padStart(2, '0')}` }),
    },
    LOGIN_ROUNDS,
    20260313,
  );
  assert.deepEqual(statuses, ['control 422', 'unknownLogin 422', 'wrongPassword 422']);
  const { control, ...kinds } = samples;
  const verdict = compareTimings(kinds);
  t.diagnostic(`${LOGIN_ROUNDS} rounds: ${describe(verdict)}`);
  const sensitivity = compareTimings({ wrongPassword: kinds.wrongPassword, control });
  assert.equal(
    sensitivity.leaks,
    true,
    `the measurement tells a login that hashes from one that does not: ${describe(sensitivity)}`,
  );
  assert.equal(
    verdict.leaks,
    false,
    `an observer can tell an unknown login from a wrong password by time: ${describe(verdict)}`,
  );
});
