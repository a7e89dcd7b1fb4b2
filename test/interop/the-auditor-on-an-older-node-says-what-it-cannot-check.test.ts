import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { publishPetition } from '../../src/actions/publish-petition.ts';
import { savePetitionDraft } from '../../src/actions/save-petition-draft.ts';
import { signPetition } from '../../src/actions/sign-petition.ts';
import { FakeWitness } from '../fakes/fake-witness.ts';
import { createAdmin, startTestApp } from '../http/support.ts';
import { petitionFields } from '../support/petitions.ts';

// The single-file auditor, run with the machine's own Node (20, which has no ML-DSA-44), against a site whose policy
// needs an Ed25519 witness and an ML-DSA-44 one: it says plainly that it cannot check the ML-DSA-44 cosignature, does
// not count it, and so fails the quorum; this project's Node 24 checks it and passes.

const machineNode = ['/usr/bin/node', '/usr/local/bin/node'].find((path) => existsSync(path)) ?? null;
const version = machineNode === null ? null : spawnSync(machineNode, ['--version'], { encoding: 'utf8' }).stdout.trim();
const older = version !== null && Number(/^v(\d+)/.exec(version)?.[1]) < 24;
const auditor = resolve(import.meta.dirname, '..', '..', 'dist', 'veche-audit.mjs');

function run(node: string, args: string[]): Promise<{ status: number; stdout: string }> {
  return new Promise((done) => {
    execFile(node, [auditor, ...args], { encoding: 'utf8' }, (error, stdout) =>
      done({ status: (error as { code?: number } | null)?.code ?? 0, stdout }),
    );
  });
}

test(`the one-file auditor on the machine's Node (${version ?? 'none'}) reports an ML-DSA-44 cosignature as not checkable, and does not count it`, {
  timeout: 60_000,
  skip: older ? false : `needs a Node older than 24 at /usr/bin/node (found ${version ?? 'none'})`,
}, async (t) => {
  const witnesses = await Promise.all(['a.witness.test', 'b.witness.test'].map((n) => new FakeWitness(n).listen()));
  const dir = mkdtempSync(join(tmpdir(), 'veche-auditor-ml-dsa-'));
  const site = await startTestApp({
    VECHE_LOG_ORIGIN: 'veche.test/ml-dsa',
    VECHE_POW_MAX: '0',
    VECHE_RATE_LIMITS: 'off',
    VECHE_WITNESSES: `${witnesses[0].cosigners.ed25519.vkey} ${witnesses[0].url}; ${witnesses[1].cosigners['ml-dsa-44'].vkey} ${witnesses[1].url}`,
    VECHE_WITNESS_INTERVAL_MS: '10',
    VECHE_WITNESS_QUORUM: 'all',
  });
  t.after(async () => {
    await site.stop();
    for (const w of witnesses) await w.close();
    rmSync(dir, { recursive: true, force: true });
  });
  await site.server.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(site.server.server.address() as AddressInfo).port}`;
  const admin = await createAdmin(site.app);
  const petition = await savePetitionDraft(site.app, admin, petitionFields());
  await publishPetition(site.app, admin, petition);
  for (let i = 0; i < 3; i++) await signPetition(site.app, petition, { name: `Signer ${i}` }, 'en');
  while (((await site.running.sequencer.tick())?.sequenced ?? 0) > 0) {
    /* until the queue is empty */
  }
  await new Promise((resolve) => setTimeout(resolve, 20));
  await site.running.cosigning!.round();
  const policy = join(dir, 'policy.txt');
  writeFileSync(policy, await (await fetch(`${url}/log/policy`)).text());
  const args = (name: string) => [url, '--policy', policy, '--state', join(dir, `${name}.json`), '--settle', '0'];

  const onOlder = await run(machineNode!, args('older'));
  assert.equal(onOlder.status, 1, onOlder.stdout);
  assert.match(onOlder.stdout, /✓ a\.witness\.test {2}cosigned at /);
  assert.match(onOlder.stdout, /✗ b\.witness\.test {2}cannot check ML-DSA-44 on this Node: not counted/);
  assert.match(
    onOlder.stdout,
    /cannot check ML-DSA-44 on this Node \(Node 2\d\.\d+\.\d+\): the cosignature of b\.witness\.test counts as not verified/,
  );
  assert.match(onOlder.stdout, /!! THE WITNESSES DO NOT VOUCH FOR THIS RECORD\./);

  const onOurs = await run(process.execPath, args('ours'));
  assert.equal(onOurs.status, 0, onOurs.stdout);
  assert.match(onOurs.stdout, /✓ b\.witness\.test {2}cosigned at /);
  assert.match(onOurs.stdout, /Quorum met: 2 of 2 witnesses cosigned the checkpoint checked\./);
});
