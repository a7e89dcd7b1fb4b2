// Issue 9, item 4: behind a proxy, a client must not pick its own address by writing X-Forwarded-For, or it escapes
// every per-address limit. Only the hops the operator configures (VECHE_TRUST_PROXY) are believed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, createAdmin, addMember, type TestApp } from './support.ts';
import { savePetitionDraft } from '../../src/actions/save-petition-draft.ts';
import { publishPetition } from '../../src/actions/publish-petition.ts';
import { signingLimits } from '../../src/web/rate-limits.ts';

async function appWithPetition(trust: string): Promise<{ t: TestApp; petition: string }> {
  const t = await startTestApp({ VECHE_POW_MAX: '0', VECHE_TRUST_PROXY: trust });
  const admin = await createAdmin(t.app);
  const organiser = await addMember(t.app, admin, 'organiser', 'olena');
  const petition = await savePetitionDraft(t.app, organiser, {
    title: 'Bring our men home',
    addressee: 'The Minister of Defence',
    language: 'en',
    confirmation: 'none',
    body: 'We ask for a fixed term of service and rotation home for every mobilised soldier.',
  });
  await publishPetition(t.app, organiser, petition);
  return { t, petition };
}

/** signings sends `count` signatures through `remoteAddress`, each with the X-Forwarded-For that `forwarded(i)` gives. */
async function signings(
  t: TestApp,
  petition: string,
  count: number,
  remoteAddress: string,
  forwarded: (i: number) => string | undefined,
): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) {
    const xff = forwarded(i);
    const response = await t.server.inject({
      method: 'POST',
      url: `/api/petitions/${petition}/signatures`,
      remoteAddress,
      headers: { 'content-type': 'application/json', ...(xff === undefined ? {} : { 'x-forwarded-for': xff }) },
      payload: JSON.stringify({ name: `Signer ${i}` }),
    });
    statuses.push(response.statusCode);
  }
  return statuses;
}

const limit = signingLimits.withoutProofOfWork;
const passed = (statuses: number[]) => statuses.filter((s) => s === 201).length;
const refused = (statuses: number[]) => statuses.filter((s) => s === 429).length;

for (const trust of ['true', '1']) {
  test(`VECHE_TRUST_PROXY=${trust}: one proxy in front; a client forging earlier hops is still one address`, async () => {
    const { t, petition } = await appWithPetition(trust);
    try {
      // The proxy (127.0.0.1) appends the address it saw, 203.0.113.7, after whatever the client wrote.
      const forged = await signings(
        t,
        petition,
        limit + 10,
        '127.0.0.1',
        (i) => `198.51.100.${i}, 10.9.9.${i}, 203.0.113.${trust === 'true' ? 7 : 8}`,
      );
      assert.equal(
        passed(forged),
        limit,
        `${passed(forged)} of ${limit + 10} forged signings passed a limit of ${limit}`,
      );
      assert.equal(refused(forged), 10);
      // Someone else behind the same proxy is someone else: the proxy's own hop is read, not ignored.
      const other = await signings(t, petition, 3, '127.0.0.1', () => `203.0.113.${trust === 'true' ? 70 : 80}`);
      assert.deepEqual(other, [201, 201, 201]);
    } finally {
      await t.stop();
    }
  });
}

test('VECHE_TRUST_PROXY as a list: only the listed proxies are believed, however many hops a client adds', async () => {
  const { t, petition } = await appWithPetition('10.0.0.0/8, fd00::/8');
  try {
    // Two proxies in the list (a load balancer 10.0.0.2 before an nginx 10.0.0.3): the client is the hop before them.
    const forged = await signings(t, petition, limit + 5, '10.0.0.3', (i) => `198.51.100.${i}, 203.0.113.9, 10.0.0.2`);
    assert.equal(passed(forged), limit);
    // A client that reaches the server without the proxy is its socket's address, whatever it writes.
    const direct = await signings(t, petition, limit + 5, '192.0.2.44', (i) => `198.51.100.${i}`);
    assert.equal(passed(direct), limit);
    // An IPv6 proxy, and a client with a fresh address of one /64 on every request: one subscriber, one limit.
    const ipv6 = await signings(t, petition, limit + 5, 'fd00::1', (i) => `2001:db8:77:1::${(i + 1).toString(16)}`);
    assert.equal(passed(ipv6), limit);
  } finally {
    await t.stop();
  }
});

test('without VECHE_TRUST_PROXY, X-Forwarded-For is ignored', async () => {
  const { t, petition } = await appWithPetition('off');
  try {
    const forged = await signings(t, petition, limit + 5, '192.0.2.77', (i) => `198.51.100.${i}`);
    assert.equal(passed(forged), limit);
  } finally {
    await t.stop();
  }
});
