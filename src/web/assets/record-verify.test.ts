import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkCosignatures as checkOnServer } from '../../audit/check-cosignatures.ts';
import { signCheckpoint } from '../../record/checkpoint.ts';
import { createCosigner } from '../../record/cosignature.ts';
import { consistencyProof } from '../../record/proofs.ts';
import { leafHash, memoryHashReader, treeRoot } from '../../record/merkle.ts';
import { createEd25519Signer } from '../../record/note-keys.ts';
import { signNote } from '../../record/note.ts';
import { parsePolicy as parseOnServer } from '../../record/witness-policy.ts';
import { checkCosignatures, parsePolicy, verifyConsistency } from './record-verify.js';

// The browser's checks of witnesses and consistency (record-verify.js, for /audit and receipts) agree with the
// server's own code on the same notes and trees.

const log = createEd25519Signer('veche.test/browser', Buffer.alloc(32, 9));
const cosigners = ['a', 'b', 'c'].map((n, i) =>
  createCosigner(`${n}.witness.test`, Buffer.alloc(32, i + 20), 'ed25519'),
);
const mlDsa = createCosigner('m.witness.test', Buffer.alloc(32, 40), 'ml-dsa-44');
const text = `veche.test/browser\n7\n${Buffer.alloc(32, 1).toString('base64')}\n`;
const checkpoint = { origin: 'veche.test/browser', size: 7, root: Buffer.alloc(32, 1), extensions: [] };
const policyText = `log ${log.verifierKey}
witness A ${cosigners[0].vkey} https://a.example
witness b.witness.test ${cosigners[1].vkey}
witness c.witness.test ${cosigners[2].vkey}
witness m.witness.test ${mlDsa.vkey}
group some 2 A b.witness.test c.witness.test
group both all some m.witness.test
group either any some m.witness.test
quorum either
`;

function note(...signers: (typeof cosigners)[number][]): string {
  return signCheckpoint(checkpoint, [log]) + signers.map((s) => signNote(text, [s]).slice(text.length + 1)).join('');
}

test('the browser reads a policy and checks cosignatures as the auditor does; ML-DSA-44 is "unchecked" there', async () => {
  const inBrowser = await parsePolicy(policyText);
  const onServer = parseOnServer(policyText);
  for (const signers of [[], [cosigners[0]], [cosigners[0], cosigners[2]], [cosigners[1], mlDsa], cosigners]) {
    const served = note(...signers);
    const browser = await checkCosignatures(served, inBrowser);
    const server = checkOnServer(served, onServer);
    const mlAsUnchecked = server.witnesses.map((w) =>
      w.algorithm === 'ml-dsa-44' && w.status === 'verified' ? 'unchecked' : w.status,
    );
    assert.deepEqual(
      browser.witnesses.map((w: { status: string }) => w.status),
      mlAsUnchecked,
    );
    assert.equal(
      browser.quorumMet,
      server.witnesses.filter((w) => w.status === 'verified' && w.algorithm === 'ed25519').length >= 2,
    );
  }
  const lines = note(cosigners[0]).split('\n');
  const at = lines.findIndex((l) => l.startsWith('— a.witness.test '));
  const blob = Buffer.from(lines[at].split(' ')[2], 'base64');
  blob[blob.length - 1] ^= 1;
  lines[at] = `— a.witness.test ${blob.toString('base64')}`;
  const forged = lines.join('\n');
  assert.equal((await checkCosignatures(forged, inBrowser)).witnesses[0].status, 'invalid');
  await assert.rejects(parsePolicy('witness x\nquorum x\n'));
  await assert.rejects(parsePolicy(`log ${log.verifierKey}\n`), /policy/);
});

test('the browser proves one tree a prefix of another as RFC 9162 does', async () => {
  const read = memoryHashReader(Array.from({ length: 300 }, (_, i) => leafHash(Buffer.from(`entry ${i}`))));
  for (const [a, b] of [
    [1, 300],
    [4, 8],
    [5, 300],
    [256, 300],
    [257, 300],
    [299, 300],
  ]) {
    const proof = consistencyProof(a, b, read);
    assert.equal(await verifyConsistency(a, b, proof, treeRoot(a, read), treeRoot(b, read)), true, `${a} → ${b}`);
    assert.equal(
      await verifyConsistency(a, b, proof, treeRoot(a + 1, read), treeRoot(b, read)),
      false,
      `${a} → ${b}, another old root`,
    );
  }
});
