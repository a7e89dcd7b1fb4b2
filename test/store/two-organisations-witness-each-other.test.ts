import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publishPetition } from '../../src/actions/publish-petition.ts';
import { savePetitionDraft } from '../../src/actions/save-petition-draft.ts';
import { signPetition } from '../../src/actions/sign-petition.ts';
import { parseCheckpoint } from '../../src/record/checkpoint.ts';
import { createEd25519Signer } from '../../src/record/note-keys.ts';
import { parsePolicy, verifyWitnessedCheckpoint, type WitnessPolicy } from '../../src/record/witness-policy.ts';
import { startWitness, type RunningWitness } from '../../src/witness/start-witness.ts';
import { createAdmin, startTestApp, type TestApp } from '../http/support.ts';
import { petitionFields } from '../support/petitions.ts';
import { createTestSchema, testDatabase, type TestSchema } from '../support/database.ts';

// Two organisations, each running a Veche site and a `veche witness`; each site is witnessed by both witnesses, so
// each witness cosigns its own organisation's record and the other's. Everything runs as in production (the
// sequencer's loop, the collector's rounds, real HTTP to the witnesses), only faster. On VECHE_TEST_DB's database.

interface Organisation {
  name: string;
  origin: string;
  logSeed: string;
  witnessSecret: Buffer;
  witnessDir: string;
  witnessSchema: TestSchema | null;
  witness: RunningWitness;
  site: TestApp;
  petition: string;
}

const organisations: Organisation[] = [];

async function startOrganisationWitness(
  org: Omit<Organisation, 'witness' | 'site' | 'petition'>,
  logKeys: string[],
  port = 0,
): Promise<RunningWitness> {
  return startWitness({
    name: `witness.${org.name}.test`,
    secret: org.witnessSecret,
    logs: logKeys,
    dataDir: org.witnessDir,
    databaseUrl: org.witnessSchema?.url,
    host: '127.0.0.1',
    port,
  });
}

async function until(what: string, check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function get(site: TestApp, url: string): Promise<{ status: number; body: string }> {
  const reply = await site.server.inject({ url });
  return { status: reply.statusCode, body: reply.body };
}

function verified(note: string, policy: WitnessPolicy): string[] | null {
  try {
    return verifyWitnessedCheckpoint(note, policy).witnesses;
  } catch {
    return null;
  }
}

const sizeOf = (note: string) => parseCheckpoint(note.slice(0, note.lastIndexOf('\n\n') + 1)).size;

test("two Veche sites witness each other: each checkpoint carries both witnesses' cosignatures; a witness down stops nothing", {
  timeout: 120_000,
}, async (t) => {
  const postgres = testDatabase() === 'postgres';
  const plans = await Promise.all(
    ['kyiv', 'riga'].map(async (name) => ({
      name,
      origin: `${name}.veche.test/record`,
      logSeed: randomBytes(32).toString('base64'),
      witnessSecret: randomBytes(32),
      witnessDir: mkdtempSync(join(tmpdir(), `veche-witness-${name}-`)),
      witnessSchema: postgres ? await createTestSchema() : null,
    })),
  );
  t.after(async () => {
    for (const org of organisations) await org.site?.stop().catch(() => {});
    for (const org of organisations) await org.witness?.close().catch(() => {});
    for (const plan of plans) {
      await plan.witnessSchema?.drop();
      rmSync(plan.witnessDir, { recursive: true, force: true });
    }
  });
  // Each log's key is known before anything starts, as an operator would hand it to the other organisation.
  const logKeys = plans.map((p) => createEd25519Signer(p.origin, Buffer.from(p.logSeed, 'base64')).verifierKey);
  const witnesses = await Promise.all(plans.map((plan) => startOrganisationWitness(plan, logKeys)));
  const configured = witnesses.map((w) => `${w.vkeys.ed25519} ${w.url}`).join('; ');
  for (const [i, plan] of plans.entries()) {
    const site = await startTestApp(
      {
        VECHE_LOG_ORIGIN: plan.origin,
        VECHE_LOG_KEY: plan.logSeed,
        VECHE_POW_MAX: '0',
        VECHE_RATE_LIMITS: 'off',
        VECHE_WITNESSES: configured,
        VECHE_SEQUENCER_TICK_MS: '50',
        VECHE_WITNESS_INTERVAL_MS: '100',
        VECHE_WITNESS_TIMEOUT_MS: '1000',
      },
      { jobs: true },
    );
    const admin = await createAdmin(site.app);
    const petition = await savePetitionDraft(site.app, admin, petitionFields());
    await publishPetition(site.app, admin, petition);
    organisations.push({ ...plan, witness: witnesses[i], site, petition });
  }
  const sign = async (org: Organisation, count: number) => {
    for (let i = 0; i < count; i++) await signPetition(org.site.app, org.petition, { name: `Signer ${i}` }, 'en');
  };

  // 1. Both witnesses cosign both records: /log/checkpoint itself carries the two cosignatures, as the policy asks.
  for (const org of organisations) {
    await sign(org, 5);
    const policy = parsePolicy((await get(org.site, '/log/policy')).body);
    assert.deepEqual(
      policy.witnesses.map((w) => w.name),
      ['witness.kyiv.test', 'witness.riga.test'],
    );
    assert.equal(policy.groups[0].threshold, 2, 'a majority of two is both');
    await until(`${org.name}'s newest checkpoint covers its entries and both witnesses cosigned it`, async () => {
      const note = (await get(org.site, '/log/checkpoint')).body;
      return sizeOf(note) >= 6 && verified(note, policy)?.length === 2;
    });
    const witnessed = (await get(org.site, '/log/witnessed-checkpoint')).body;
    assert.deepEqual(verified(witnessed, policy), ['witness.kyiv.test', 'witness.riga.test']);
    // Each witness serves, for monitors, the latest checkpoint of this log it cosigned.
    for (const witness of organisations.map((o) => o.witness)) {
      const hash = createHash('sha256').update(org.origin).digest('hex');
      const response = await fetch(`${witness.url}/${hash}/checkpoint`);
      assert.equal(response.status, 200);
      assert.ok(verified(await response.text(), { ...policy, quorum: 'none' }) !== null);
    }
    // The record page says it in plain words.
    const page = (await get(org.site, '/record')).body;
    assert.match(page, /data-witness="witness\.kyiv\.test" data-signed="true"/);
    assert.match(page, /data-witness="witness\.riga\.test" data-signed="true"/);
  }

  // 2. Riga's witness goes down. Kyiv's record goes on: signing, sequencing and serving new checkpoints, cosigned by
  //    Kyiv's witness alone; the witnessed checkpoint stays at the last one both cosigned.
  const [kyiv, riga] = organisations;
  const policy = parsePolicy((await get(kyiv.site, '/log/policy')).body);
  const witnessedBefore = sizeOf((await get(kyiv.site, '/log/witnessed-checkpoint')).body);
  const rigaPort = Number(new URL(riga.witness.url).port);
  await riga.witness.close();
  await sign(kyiv, 7);
  await until("Kyiv's newest checkpoint covers the new entries, cosigned by Kyiv's witness", async () => {
    const note = (await get(kyiv.site, '/log/checkpoint')).body;
    return sizeOf(note) === witnessedBefore + 7 && verified(note, { ...policy, quorum: 'witness.kyiv.test' }) !== null;
  });
  const lonely = (await get(kyiv.site, '/log/checkpoint')).body;
  assert.equal(verified(lonely, policy), null, 'one of two witnesses does not meet the quorum');
  assert.equal(sizeOf((await get(kyiv.site, '/log/witnessed-checkpoint')).body), witnessedBefore);
  await sign(kyiv, 2);
  await until(
    'signing still turns into checkpoints',
    async () => sizeOf((await get(kyiv.site, '/log/checkpoint')).body) === witnessedBefore + 9,
  );

  // 3. Riga's witness comes back (same key, same state, same address): it catches up from the size it cosigned, with
  //    a consistency proof, and both records are fully witnessed again.
  riga.witness = await startOrganisationWitness(riga, logKeys, rigaPort);
  await until(
    "Kyiv's newest checkpoint is witnessed by both again",
    async () => {
      const note = (await get(kyiv.site, '/log/witnessed-checkpoint')).body;
      return sizeOf(note) === witnessedBefore + 9 && verified(note, policy)?.length === 2;
    },
    30_000,
  );
  assert.deepEqual(verified((await get(kyiv.site, '/log/checkpoint')).body, policy), [
    'witness.kyiv.test',
    'witness.riga.test',
  ]);
});
