import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { signCheckpoint } from './checkpoint.ts';
import { createCosigner } from './cosignature.ts';
import { createEd25519Signer } from './note-keys.ts';
import { RecordError } from './record-error.ts';
import { formatPolicy, parsePolicy, quorumMet, verifyWitnessedCheckpoint } from './witness-policy.ts';

const code = (c: string) => (e: unknown) => e instanceof RecordError && e.code === c;
const log = createEd25519Signer('veche.test/log', randomBytes(32));
const w = Object.fromEntries(
  ['X1', 'X2', 'X3', 'Y1', 'Y2', 'Y3'].map((n) => [
    n,
    createCosigner(`${n.toLowerCase()}.test/w`, randomBytes(32), 'ed25519'),
  ]),
);

// The example of c2sp.org/tlog-policy, with real keys where it elides them.
const example = `log ${log.verifierKey}

witness X1 ${w.X1.vkey}
witness X2 ${w.X2.vkey}
witness X3 ${w.X3.vkey}
group X-witnesses 2 X1 X2 X3

witness Y1 ${w.Y1.vkey}
witness Y2 ${w.Y2.vkey}
witness Y3 ${w.Y3.vkey}
group Y-witnesses any Y1 Y2 Y3

group X-and-Y all X-witnesses Y-witnesses
quorum X-and-Y
`;

test("the spec's example policy: two of the X witnesses and one of the Y witnesses", () => {
  const policy = parsePolicy(example);
  assert.equal(policy.logs.length, 1);
  assert.deepEqual(
    policy.witnesses.map((x) => x.name),
    ['X1', 'X2', 'X3', 'Y1', 'Y2', 'Y3'],
  );
  assert.deepEqual(
    policy.groups.map((g) => [g.name, g.threshold]),
    [
      ['X-witnesses', 2],
      ['Y-witnesses', 1],
      ['X-and-Y', 2],
    ],
  );
  const met = (...names: string[]) => quorumMet(policy, new Set(names));
  assert.equal(met('X1', 'X2', 'Y3'), true);
  assert.equal(met('X1', 'X3', 'Y1', 'Y2'), true);
  assert.equal(met('X1', 'Y1', 'Y2', 'Y3'), false);
  assert.equal(met('X1', 'X2', 'X3'), false);
  assert.equal(met(), false);
  assert.deepEqual(parsePolicy(formatPolicy(policy)).groups, policy.groups);
});

test('quorum none needs nothing; a single witness as quorum needs that one', () => {
  assert.equal(quorumMet(parsePolicy(`log ${log.verifierKey}\nquorum none\n`), new Set()), true);
  const one = parsePolicy(`witness A ${w.X1.vkey} https://a.test\nquorum A`);
  assert.equal(one.witnesses[0].url, 'https://a.test');
  assert.equal(quorumMet(one, new Set(['A'])), true);
  assert.equal(quorumMet(one, new Set(['B'])), false);
});

test('white space, tabs, comments and blank lines are ignored; names are opaque', () => {
  const policy = parsePolicy(
    `# a comment\n  \t\n\t witness  Ké\t${w.X1.vkey}  \n   # indented comment\ngroup g any Ké\nquorum\tg\n`,
  );
  assert.deepEqual(
    policy.witnesses.map((x) => x.name),
    ['Ké'],
  );
  assert.equal(policy.quorum, 'g');
});

test('policies the spec forbids are refused', () => {
  const bad = [
    `witness A ${w.X1.vkey}\n`, // no quorum line
    `witness A ${w.X1.vkey}\nquorum A\nquorum A\n`, // two
    'quorum B\n', // undefined
    `witness A ${w.X1.vkey}\nwitness B ${w.X1.vkey}\nquorum A\n`, // the same key twice
    `witness A ${w.X1.vkey}\nwitness A ${w.X2.vkey}\nquorum A\n`, // a name twice
    `witness A ${w.X1.vkey}\ngroup A any A\nquorum A\n`, // witnesses and groups share one namespace
    `witness A ${w.X1.vkey}\ngroup g any A A\nquorum g\n`, // a member twice
    `witness A ${w.X1.vkey}\ngroup g any B\nquorum g\n`, // a member defined nowhere
    `group g any h\ngroup h any g\nquorum g\n`, // a cycle needs a name used before it is defined
    `witness A ${w.X1.vkey}\ngroup g 2 A\nquorum g\n`, // k > n
    `witness A ${w.X1.vkey}\ngroup g 0 A\nquorum g\n`, // k < 1
    `witness A ${w.X1.vkey}\ngroup g 01 A\nquorum g\n`,
    `witness A ${w.X1.vkey}\ngroup g any none\nquorum g\n`, // none is no member
    `witness none ${w.X1.vkey}\nquorum none\n`,
    `witness A ${log.verifierKey.replace('+A', '+B')}\nquorum A\n`, // a malformed key
    `log ${w.X1.vkey}\nquorum none\n`, // a cosignature key is no log key
    `witness A ${w.X1.vkey}\rquorum A\n`, // a control character
    `witness A ${w.X1.vkey}\nthreshold 2\nquorum A\n`, // an unknown line
  ];
  for (const text of bad) assert.throws(() => parsePolicy(text), code('malformed-policy'), JSON.stringify(text));
});

test('a checkpoint is accepted when its log signed it and enough witnesses cosigned it', () => {
  const policy = parsePolicy(example);
  const checkpoint = { origin: 'veche.test/log', size: 8, root: new Uint8Array(32).fill(3), extensions: [] };
  const enough = signCheckpoint(checkpoint, [log, w.X1, w.X3, w.Y2]);
  const accepted = verifyWitnessedCheckpoint(enough, policy);
  assert.equal(accepted.size, 8);
  assert.deepEqual(accepted.witnesses, ['X1', 'X3', 'Y2']);
  assert.throws(
    () => verifyWitnessedCheckpoint(signCheckpoint(checkpoint, [log, w.X1, w.Y2]), policy),
    code('policy-unsatisfied'),
  );
  const stranger = createEd25519Signer('veche.test/log', randomBytes(32));
  assert.throws(
    () => verifyWitnessedCheckpoint(signCheckpoint(checkpoint, [stranger, w.X1, w.X2, w.Y1]), policy),
    code('unverified-note'),
  );
  const other = createEd25519Signer('other.test/log', randomBytes(32));
  const otherPolicy = parsePolicy(`log ${other.verifierKey}\nquorum none\n`);
  assert.throws(
    () => verifyWitnessedCheckpoint(signCheckpoint(checkpoint, [other]), otherPolicy),
    code('origin-mismatch'),
  );
  // A cosignature of a known witness that fails spoils the note, as signed-note says a client should.
  const forged = enough
    .split('\n')
    .map((line) => (line.startsWith('— x3.test/w ') ? flipSignature(line) : line))
    .join('\n');
  assert.throws(() => verifyWitnessedCheckpoint(forged, policy), code('invalid-signature'));
});

function flipSignature(line: string): string {
  const [dash, name, base64] = line.split(' ');
  const blob = Buffer.from(base64, 'base64');
  blob[blob.length - 1] ^= 1;
  return [dash, name, blob.toString('base64')].join(' ');
}
