import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { signCheckpoint } from '../record/checkpoint.ts';
import { createCosigner } from '../record/cosignature.ts';
import { createEd25519Signer } from '../record/note-keys.ts';
import { signNote } from '../record/note.ts';
import { parsePolicy } from '../record/witness-policy.ts';
import { checkCosignatures, describeQuorum } from './check-cosignatures.ts';

const log = createEd25519Signer('veche.test/policy', Buffer.alloc(32, 7));
const witness = Object.fromEntries(
  ['a', 'b', 'c', 'd'].map((n, i) => [n, createCosigner(`${n}.witness.test`, Buffer.alloc(32, i + 1), 'ed25519')]),
);
const checkpoint = { origin: 'veche.test/policy', size: 42, root: Buffer.alloc(32, 3), extensions: [] };
const text = 'veche.test/policy\n42\nAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwM=\n';

/** cosigned is the checkpoint signed by the log, then cosigned by the named witnesses, as a site serves it. */
function cosigned(...names: string[]): string {
  const note = signCheckpoint(checkpoint, [log]);
  return note + names.map((n) => signNote(text, [witness[n]]).slice(text.length + 1)).join('');
}

function policy(groups: string, quorum: string): ReturnType<typeof parsePolicy> {
  const lines = Object.values(witness).map((w) => `witness ${w.name} ${w.vkey} https://${w.name}`);
  return parsePolicy(`log ${log.verifierKey}\n${lines.join('\n')}\n${groups}\nquorum ${quorum}\n`);
}

const verified = (note: string, p: ReturnType<typeof parsePolicy>) =>
  checkCosignatures(note, p)
    .witnesses.filter((w) => w.status === 'verified')
    .map((w) => w.name);

test('a quorum of k of n witnesses: met by k cosignatures that verify, not by k − 1', () => {
  const two = policy('group g 2 a.witness.test b.witness.test c.witness.test', 'g');
  assert.equal(describeQuorum(two), '2 of a.witness.test, b.witness.test, c.witness.test');
  assert.equal(checkCosignatures(cosigned('a', 'c'), two).quorumMet, true);
  assert.deepEqual(verified(cosigned('a', 'c'), two), ['a.witness.test', 'c.witness.test']);
  const one = checkCosignatures(cosigned('b'), two);
  assert.equal(one.quorumMet, false);
  assert.equal(one.cosigned, 1);
  assert.deepEqual(
    one.witnesses.map((w) => w.status),
    ['absent', 'verified', 'absent', 'absent'],
  );
  assert.ok(one.witnesses[1].timestamp! > 1_700_000_000, 'the time the witness says it cosigned');
  assert.equal(checkCosignatures(cosigned('d'), two).quorumMet, false, 'a witness outside the group does not count');
});

test('any and all', () => {
  const any = policy('group g any a.witness.test b.witness.test', 'g');
  assert.equal(describeQuorum(any), 'any of a.witness.test, b.witness.test');
  assert.equal(checkCosignatures(cosigned('b'), any).quorumMet, true);
  assert.equal(checkCosignatures(cosigned('c', 'd'), any).quorumMet, false);
  const all = policy('group g all a.witness.test b.witness.test c.witness.test', 'g');
  assert.equal(describeQuorum(all), 'all of a.witness.test, b.witness.test, c.witness.test');
  assert.equal(checkCosignatures(cosigned('a', 'b'), all).quorumMet, false);
  assert.equal(checkCosignatures(cosigned('c', 'a', 'b'), all).quorumMet, true);
});

test('groups of groups: one of the first two and both of the last two', () => {
  const nested = policy(
    'group east any a.witness.test b.witness.test\ngroup west all c.witness.test d.witness.test\ngroup both all east west',
    'both',
  );
  assert.equal(
    describeQuorum(nested),
    'all of (any of a.witness.test, b.witness.test), (all of c.witness.test, d.witness.test)',
  );
  assert.equal(checkCosignatures(cosigned('b', 'c', 'd'), nested).quorumMet, true);
  assert.equal(checkCosignatures(cosigned('a', 'b', 'c'), nested).quorumMet, false);
  assert.equal(checkCosignatures(cosigned('c', 'd'), nested).quorumMet, false);
  const single = policy('', 'c.witness.test');
  assert.equal(describeQuorum(single), 'c.witness.test');
  assert.equal(checkCosignatures(cosigned('c'), single).quorumMet, true);
  assert.equal(checkCosignatures(cosigned('a', 'b', 'd'), single).quorumMet, false);
  assert.equal(
    checkCosignatures(signCheckpoint(checkpoint, [log]), policy('', 'none')).quorumMet,
    true,
    'quorum none needs nobody',
  );
});

test('a cosignature that does not verify is told apart, and does not count', () => {
  const p = policy('group g any a.witness.test b.witness.test', 'g');
  const good = cosigned('a');
  // The line of a's key, its signature's last byte changed: a forgery, or a policy holding another key.
  const lines = good.split('\n');
  const at = lines.findIndex((l) => l.startsWith('\u2014 a.witness.test '));
  const blob = Buffer.from(lines[at].split(' ')[2], 'base64');
  blob[blob.length - 1] ^= 1;
  lines[at] = `\u2014 a.witness.test ${blob.toString('base64')}`;
  const check = checkCosignatures(lines.join('\n'), p);
  assert.equal(check.witnesses[0].status, 'invalid');
  assert.equal(check.quorumMet, false);
  // A line of another checkpoint (another size) does not verify on this one either.
  const other = signNote('veche.test/policy\n43\nAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwM=\n', [witness.b]).split(
    '\n\n',
  )[1];
  assert.equal(checkCosignatures(signCheckpoint(checkpoint, [log]) + other, p).witnesses[1].status, 'invalid');
});

test('a witness whose key this Node cannot check (ML-DSA-44 before Node 24) is "unchecked" and does not count', () => {
  const p = policy('group g 2 a.witness.test b.witness.test', 'g');
  p.witnesses[1] = {
    ...p.witnesses[1],
    verifier: { ...p.witnesses[1].verifier, checkable: false } as (typeof p.witnesses)[1]['verifier'],
  };
  const check = checkCosignatures(cosigned('a', 'b'), p);
  assert.deepEqual(
    check.witnesses.slice(0, 2).map((w) => w.status),
    ['verified', 'unchecked'],
  );
  assert.equal(check.quorumMet, false);
});

test('ML-DSA-44 cosignatures verify where node:crypto has ML-DSA-44; a policy may name a witness otherwise than its key', () => {
  const ml = createCosigner('ml.witness.test', randomBytes(32), 'ml-dsa-44');
  const note = signCheckpoint(checkpoint, [log]) + signNote(text, [ml]).slice(text.length + 1);
  // SPEC: c2sp.org/tlog-policy: `witness X1 <vkey>`: the line carries the key's name, the policy its own.
  const p = parsePolicy(`log ${log.verifierKey}\nwitness X1 ${ml.vkey}\nquorum X1\n`);
  const check = checkCosignatures(note, p);
  assert.equal(check.witnesses[0].name, 'X1');
  assert.equal(check.witnesses[0].algorithm, 'ml-dsa-44');
  assert.equal(check.witnesses[0].status, 'verified');
  assert.equal(check.quorumMet, true);
});
