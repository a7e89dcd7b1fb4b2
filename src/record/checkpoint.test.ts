import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { decodeBase64 } from './bytes.ts';
import {
  formatCheckpoint,
  openCheckpoint,
  originFromPublicUrl,
  parseCheckpoint,
  signCheckpoint,
} from './checkpoint.ts';
import { createEd25519Signer, parseVerifierKey } from './note-keys.ts';
import { RecordError } from './record-error.ts';

// c2sp.org/tlog-checkpoint, the example at the top.
const SOFA = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
const code = (c: string) => (e: unknown) => e instanceof RecordError && e.code === c;

test('the spec example parses and formats back to the same bytes', () => {
  const checkpoint = parseCheckpoint(SOFA);
  assert.equal(checkpoint.origin, 'example.com/behind-the-sofa');
  assert.equal(checkpoint.size, 20_852_163);
  assert.deepEqual(checkpoint.root, decodeBase64('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I='));
  assert.deepEqual(checkpoint.extensions, []);
  assert.equal(formatCheckpoint(checkpoint), SOFA);
});

test('extension lines are kept, and an empty tree has size 0', () => {
  const text = `${SOFA}ext one\next two\n`;
  assert.deepEqual(parseCheckpoint(text).extensions, ['ext one', 'ext two']);
  assert.equal(formatCheckpoint(parseCheckpoint(text)), text);
  assert.equal(parseCheckpoint('log\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n').size, 0);
});

test('malformed checkpoint text is refused', () => {
  const root = 'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=';
  const bad = [
    '',
    'log\n',
    'log\n1\n',
    `log\n1\n${root}`,
    `\n1\n${root}\n`,
    `log\n01\n${root}\n`,
    `log\n00\n${root}\n`,
    `log\n-1\n${root}\n`,
    `log\n+1\n${root}\n`,
    `log\n1.0\n${root}\n`,
    `log\n 1\n${root}\n`,
    `log\n1e3\n${root}\n`,
    `log\n\n${root}\n`,
    `log\n9007199254740992\n${root}\n`,
    'log\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I\n',
    'log\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2J=\n',
    'log\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jx\n',
    `log\n1\n${root}\n\n`,
    `log\n1\n${root}\next\n\n`,
    `log\n1\n${root}\n\next\n`,
    `log\n1\n ${root}\n`,
  ];
  for (const text of bad)
    assert.throws(() => parseCheckpoint(text), code('malformed-checkpoint'), JSON.stringify(text));
});

test('formatCheckpoint refuses what it could not write faithfully', () => {
  const root = randomBytes(32);
  for (const cp of [
    { origin: '', size: 1, root, extensions: [] },
    { origin: 'a\nb', size: 1, root, extensions: [] },
    { origin: 'log', size: -1, root, extensions: [] },
    { origin: 'log', size: 1.5, root, extensions: [] },
    { origin: 'log', size: 1, root: root.subarray(1), extensions: [] },
    { origin: 'log', size: 1, root, extensions: [''] },
  ]) {
    assert.throws(() => formatCheckpoint(cp), RangeError, JSON.stringify(cp.origin));
  }
});

test('a signed checkpoint opens for its own origin only', () => {
  const signer = createEd25519Signer('veche.example/log', randomBytes(32));
  const verifier = parseVerifierKey(signer.verifierKey);
  const checkpoint = { origin: 'veche.example/log', size: 42, root: new Uint8Array(randomBytes(32)), extensions: [] };
  const note = signCheckpoint(checkpoint, [signer]);
  assert.ok(note.startsWith(formatCheckpoint(checkpoint)));
  const opened = openCheckpoint(note, [verifier], 'veche.example/log');
  assert.equal(opened.size, 42);
  assert.deepEqual(opened.root, checkpoint.root);
  assert.equal(opened.note.signatures[0].name, 'veche.example/log');
  assert.throws(() => openCheckpoint(note, [verifier], 'other.example/log'), code('origin-mismatch'));
  assert.throws(
    () => openCheckpoint(note.replace('\n42\n', '\n43\n'), [verifier], 'veche.example/log'),
    code('invalid-signature'),
  );
});

test('the origin of a log is its public URL without scheme and trailing slashes', () => {
  assert.equal(originFromPublicUrl('https://rome.ct.example.com/tevere/'), 'rome.ct.example.com/tevere');
  assert.equal(originFromPublicUrl('https://veche.example/log/'), 'veche.example/log');
  assert.equal(originFromPublicUrl('https://veche.example/log//'), 'veche.example/log');
  assert.equal(originFromPublicUrl('https://Veche.Example:8443/log'), 'veche.example:8443/log');
  assert.equal(originFromPublicUrl('http://localhost:3000/'), 'localhost:3000');
  for (const url of [
    'veche.example/log',
    'ftp://veche.example/log',
    'https://u:p@veche.example/log',
    'https://veche.example/log?x=1',
    'https://veche.example/log#top',
    'https://veche.example/a+b/',
  ]) {
    assert.throws(() => originFromPublicUrl(url), RangeError, url);
  }
});
