import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publishPetition } from '../../src/actions/publish-petition.ts';
import { savePetitionDraft } from '../../src/actions/save-petition-draft.ts';
import { signPetition } from '../../src/actions/sign-petition.ts';
import type { AuditReport } from '../../src/audit/audit-record.ts';
import { runAudit } from '../../src/cli/audit.ts';
import { runMirror } from '../../src/cli/mirror.ts';
import { createCosigner } from '../../src/record/cosignature.ts';
import { createEd25519Signer } from '../../src/record/note-keys.ts';
import { FakeWitness } from '../fakes/fake-witness.ts';
import { createAdmin, startTestApp, type TestApp } from './support.ts';
import { petitionFields } from '../support/petitions.ts';
import { testDatabase } from '../support/database.ts';

// `veche audit` with a witness policy, against a Veche whose checkpoints two witnesses cosign (fakes that cosign with
// real keys), and against a mirror of it in a folder: the report names who cosigned the checkpoint checked; a pinned
// policy the record does not meet, or a cosignature that does not verify, fails the audit loudly. On VECHE_TEST_DB.

const origin = 'veche.test/witnessed';

interface Run {
  status: number;
  report: AuditReport | null;
  text: string;
  stderr: string;
}

async function audit(location: string, state: string, ...more: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: {
      write: (text: string, done: () => void) => {
        stdout += text;
        done();
      },
    },
    stderr: { write: (text: string) => (stderr += text) },
    env: {},
  };
  const status = await runAudit([location, '--state', state, '--json', '--settle', '0', ...more], io);
  const report = stdout === '' ? null : (JSON.parse(stdout) as AuditReport);
  stdout = '';
  await runAudit([location, '--state', `${state}.text`, '--settle', '0', ...more], io);
  return { status, report, text: stdout, stderr };
}

const codes = (run: Run) => [...new Set(run.report?.discrepancies.map((d) => d.code) ?? [])].sort();

test(`an audit reports the witnesses who cosigned, holds the record to a pinned policy, and reads a mirror the same (${testDatabase()})`, {
  timeout: 120_000,
}, async (t) => {
  const witnesses = await Promise.all(
    ['a.witness.test', 'b.witness.test'].map((name) => new FakeWitness(name).listen()),
  );
  const dir = mkdtempSync(join(tmpdir(), 'veche-audit-witnesses-'));
  let site: TestApp | null = null;
  t.after(async () => {
    await site?.stop();
    for (const w of witnesses) await w.close();
    rmSync(dir, { recursive: true, force: true });
  });
  site = await startTestApp({
    VECHE_LOG_ORIGIN: origin,
    VECHE_LOG_KEY: randomBytes(32).toString('base64'),
    VECHE_POW_MAX: '0',
    VECHE_RATE_LIMITS: 'off',
    VECHE_WITNESSES: witnesses.map((w) => `${w.cosigners.ed25519.vkey} ${w.url}`).join('; '),
    VECHE_WITNESS_INTERVAL_MS: '10',
  });
  await site.server.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(site.server.server.address() as AddressInfo).port}`;
  const admin = await createAdmin(site.app);
  const petition = await savePetitionDraft(site.app, admin, petitionFields());
  await publishPetition(site.app, admin, petition);
  for (let i = 0; i < 12; i++) await signPetition(site.app, petition, { name: `Signer ${i}` }, 'en');
  while (((await site.running.sequencer.tick())?.sequenced ?? 0) > 0) {
    /* until the queue is empty */
  }
  await new Promise((resolve) => setTimeout(resolve, 20));
  await site.running.cosigning!.round();
  const served = await (await fetch(`${url}/log/checkpoint`)).text();
  assert.equal(served.split('\n— ').length, 4, 'the newest checkpoint carries the log signature and two cosignatures');

  // 1. Without --policy: the site's own policy, said to be weaker; both witnesses reported with key, URL and time.
  const state = (name: string) => join(dir, `${name}.json`);
  const own = await audit(url, state('own'));
  assert.equal(own.status, 0, own.stderr + JSON.stringify(own.report?.discrepancies));
  const w = own.report!.witnesses!;
  assert.equal(w.source, 'site');
  assert.equal(w.quorumMet, true);
  assert.equal(w.checkpoint?.source, '/log/checkpoint');
  assert.deepEqual(
    w.witnesses.map((c) => [c.name, c.status, c.url, c.key]),
    witnesses.map((x) => [x.name, 'verified', x.url, x.cosigners.ed25519.vkey]),
  );
  assert.ok(w.witnesses.every((c) => c.timestamp !== null && Math.abs(c.timestamp * 1000 - Date.now()) < 600_000));
  assert.ok(own.report!.notes.some((n) => n.code === 'site-policy'));
  assert.match(
    own.text,
    /Witnesses \(the site's own policy, \/log\/policy: weaker than one you saved; pin it with --policy\)/,
  );
  assert.match(own.text, /✓ a\.witness\.test {2}cosigned at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
  assert.match(own.text, /Quorum met: 2 of 2 witnesses cosigned the checkpoint checked\./);

  // 2. The policy saved and pinned: its log key is the key trusted, and the same witnesses cosigned.
  const policyFile = join(dir, 'policy.txt');
  writeFileSync(policyFile, await (await fetch(`${url}/log/policy`)).text());
  const pinned = await audit(url, state('pinned'), '--policy', policyFile);
  assert.equal(pinned.status, 0, JSON.stringify(pinned.report?.discrepancies));
  assert.equal(pinned.report!.keySource, 'policy');
  assert.equal(pinned.report!.witnesses!.source, 'option');
  assert.equal(pinned.report!.witnesses!.cosigned, 2);
  assert.ok(!pinned.report!.notes.some((n) => n.code === 'site-policy'));
  assert.match(pinned.text, new RegExp(`Witnesses \\(the policy in ${policyFile.replace(/[.]/g, '\\.')}, pinned\\)`));

  // 3. A policy that also trusts a witness who never saw this record, all of them required: the audit fails, loudly.
  const stranger = createCosigner('c.witness.test', randomBytes(32), 'ed25519');
  const strict = join(dir, 'strict.txt');
  const text = readFileSync(policyFile, 'utf8');
  writeFileSync(
    strict,
    text
      .replace(/\ngroup .*\n/, `\nwitness c.witness.test ${stranger.vkey} https://c.witness.test\n`)
      .replace(/quorum .*\n/, '')
      .concat('group everyone all a.witness.test b.witness.test c.witness.test\nquorum everyone\n'),
  );
  const failed = await audit(url, state('strict'), '--policy', strict);
  assert.equal(failed.status, 1);
  assert.deepEqual(codes(failed), ['quorum-not-met']);
  assert.equal(failed.report!.witnesses!.witnesses[2].status, 'absent');
  assert.match(
    failed.text,
    /!! THE WITNESSES DO NOT VOUCH FOR THIS RECORD\.\n!! the witness policy asks for all of a\.witness\.test, b\.witness\.test, c\.witness\.test, but only a\.witness\.test, b\.witness\.test cosigned/,
  );

  // 4. A policy of another record, or one that is not a policy: refused.
  const other = join(dir, 'other.txt');
  writeFileSync(
    other,
    text.replace(/^log \S+/m, `log ${createEd25519Signer('elsewhere.test', randomBytes(32)).verifierKey}`),
  );
  const elsewhere = await audit(url, state('other'), '--policy', other);
  assert.equal(elsewhere.status, 1);
  assert.deepEqual(codes(elsewhere), ['policy-log-mismatch']);
  assert.match(elsewhere.text, /names no log of origin veche\.test\/witnessed: it is the policy of another record/);
  const garbled = join(dir, 'garbled.txt');
  writeFileSync(garbled, 'quorum nobody\n');
  const bad = await audit(url, state('garbled'), '--policy', garbled);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /garbled\.txt: malformed policy: line 1/);

  // 5. A mirror in a folder keeps the policy and the witnessed checkpoint: its audit reports the same cosigners.
  const mirror = join(dir, 'mirror');
  const mirrored = await runMirror([url, mirror], {
    stdout: { write: (_text: string, done: () => void) => done() },
    stderr: { isTTY: false, write: () => true },
    env: {},
  });
  assert.equal(mirrored, 0);
  assert.match(
    readFileSync(join(mirror, 'index.html'), 'utf8'),
    /<a href="log\/policy">log\/policy<\/a>\. To hold this copy to them, add <code>--policy/,
  );
  const fromMirror = await audit(mirror, state('mirror'), '--policy', policyFile);
  assert.equal(fromMirror.status, 0, JSON.stringify(fromMirror.report?.discrepancies));
  assert.deepEqual(
    fromMirror.report!.witnesses!.witnesses.map((c) => [c.name, c.status, c.timestamp]),
    pinned.report!.witnesses!.witnesses.map((c) => [c.name, c.status, c.timestamp]),
  );

  // 6. A cosignature changed on the stick: it does not verify, and the audit says so.
  const checkpointFile = join(mirror, 'log', 'checkpoint');
  const lines = readFileSync(checkpointFile, 'utf8').split('\n');
  const at = lines.findIndex((l) => l.startsWith('— b.witness.test '));
  const blob = Buffer.from(lines[at].split(' ')[2], 'base64');
  blob[blob.length - 1] ^= 1;
  lines[at] = `— b.witness.test ${blob.toString('base64')}`;
  writeFileSync(checkpointFile, lines.join('\n'));
  rmSync(join(mirror, 'log', 'witnessed-checkpoint'));
  const forged = await audit(mirror, state('forged'), '--policy', policyFile);
  assert.equal(forged.status, 1);
  assert.deepEqual(codes(forged), ['bad-cosignature', 'quorum-not-met']);
  assert.match(forged.text, /✗ b\.witness\.test {2}a cosignature that DOES NOT VERIFY/);

  // 7. The record grows and no witness has cosigned the newest checkpoint yet: the audit checks the witnessed one,
  //    proved a prefix of the newest from the same tiles, and says which it checked.
  for (let i = 0; i < 3; i++) await signPetition(site.app, petition, { name: `Later ${i}` }, 'en');
  while (((await site.running.sequencer.tick())?.sequenced ?? 0) > 0) {
    /* until the queue is empty */
  }
  // The site reads its newest checkpoint again within a fraction of a second.
  const grown = Number(served.split('\n')[1]) + 3;
  while (Number((await (await fetch(`${url}/log/checkpoint`)).text()).split('\n')[1]) < grown) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const lagging = await audit(url, state('lagging'), '--policy', policyFile);
  assert.equal(lagging.status, 0, JSON.stringify(lagging.report?.discrepancies));
  const checked = lagging.report!.witnesses!.checkpoint!;
  assert.equal(checked.source, '/log/witnessed-checkpoint');
  assert.equal(checked.size, lagging.report!.checkpoint!.size - 3);
  assert.equal(lagging.report!.witnesses!.cosigned, 2);
  assert.match(lagging.text, /checkpoint {2}\d+ entries, root \S+ \(\/log\/witnessed-checkpoint\)/);
});
