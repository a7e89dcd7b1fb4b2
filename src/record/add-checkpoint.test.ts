import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeBase64 } from './bytes.ts';
import { formatAddCheckpoint, formatTreeSize, parseAddCheckpoint, parseTreeSize } from './add-checkpoint.ts';
import { RecordError } from './record-error.ts';

const code = (c: string) => (e: unknown) => e instanceof RecordError && e.code === c;

// c2sp.org/tlog-witness, "Example request body".
const SPEC_REQUEST = `old 20852014
PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=
jrJZDmY8Y7SyJE0MWLpLozkIVMSMZcD5kvuKxPC3swk=
5+pKlUdi2LeF/BcMHBn+Ku6yhPGNCswZZD1X/6QgPd8=
/6WVhPs2CwSsb5rYBH5cjHV/wSmA79abXAwhXw3Kj/0=

example.com/behind-the-sofa
20852163
CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=

— example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=
— example.com/behind-the-sofa opLqBQsREYCgu6xQkYQwJr9fo45a62DN9EdmHXnZdXNqlcVGlCum2Wks+49/V6267UEjw6QUXTS5Rovnzv++qbSzm9Q=
`;

test("the spec's example request reads as old size, four proof hashes and the checkpoint, and is written back the same", () => {
  const request = parseAddCheckpoint(SPEC_REQUEST);
  assert.equal(request.oldSize, 20852014);
  assert.deepEqual(request.proof.map(encodeBase64), SPEC_REQUEST.split('\n').slice(1, 5));
  assert.ok(request.checkpoint.startsWith('example.com/behind-the-sofa\n20852163\n'));
  assert.ok(request.checkpoint.endsWith('zm9Q=\n'));
  assert.equal(formatAddCheckpoint(request), SPEC_REQUEST);
});

test('old 0 with no proof', () => {
  const request = parseAddCheckpoint('old 0\n\nlog\n0\nroot\n\n— log sig\n');
  assert.equal(request.oldSize, 0);
  assert.deepEqual(request.proof, []);
  assert.equal(request.checkpoint, 'log\n0\nroot\n\n— log sig\n');
});

test('malformed requests are refused', () => {
  const hash = 'PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=';
  const bad = [
    '',
    'old 1\n',
    'old 01\n\nx\n',
    'old -1\n\nx\n',
    'old 1.5\n\nx\n',
    'Old 1\n\nx\n',
    'old  1\n\nx\n',
    'old 1 \n\nx\n',
    'old 99999999999999999999\n\nx\n',
    `old 1\n${hash}x\n\nx\n`,
    `old 1\n${hash.slice(4)}\n\nx\n`,
    'old 1\n\n',
    `old 1\n${`${hash}\n`.repeat(64)}\nx\n`,
  ];
  for (const body of bad)
    assert.throws(() => parseAddCheckpoint(body), code('malformed-witness-request'), JSON.stringify(body));
  assert.equal(parseAddCheckpoint(`old 1\n${`${hash}\n`.repeat(63)}\nx\n`).proof.length, 63);
  assert.throws(
    () => formatAddCheckpoint({ oldSize: 1, proof: Array(64).fill(new Uint8Array(32)), checkpoint: 'x\n' }),
    RangeError,
  );
});

test("a 409's body is the size and a newline", () => {
  assert.equal(formatTreeSize(3), '3\n');
  assert.equal(parseTreeSize('3\n'), 3);
  assert.equal(parseTreeSize('0\n'), 0);
  for (const body of ['3', '03\n', ' 3\n', '3\n\n', '-3\n', 'x\n', ''])
    assert.equal(parseTreeSize(body), null, JSON.stringify(body));
});
