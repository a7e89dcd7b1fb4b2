import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { createEd25519Signer, formatVerifierKey, parseGoSignerKey, parseVerifierKey } from './note-keys.ts';
import type { NoteVerifier } from './note-keys.ts';
import { openNote, signNote } from './note.ts';
import { RecordError } from './record-error.ts';

// golang.org/x/mod sumdb/note (note.go and note_test.go).
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const ENOCH_VKEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG =
  '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG =
  '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';
// c2sp.org/signed-note, "Example".
const FOO_VKEY = 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k';
const FOO_NOTE =
  'This is an example message.\n\n— example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n';

const code = (c: string) => (e: unknown) => e instanceof RecordError && e.code === c;
const peter = parseVerifierKey(PETER_VKEY);
const enoch = parseVerifierKey(ENOCH_VKEY);

test('we sign the Go vector to exactly its published bytes', () => {
  const signer = parseGoSignerKey(PETER_SKEY);
  assert.equal(signer.name, 'PeterNeumann');
  assert.equal(signer.keyId, 0xc74f20a3);
  assert.equal(signer.verifierKey, PETER_VKEY);
  assert.equal(signNote(TEXT, [signer]), `${TEXT}\n${PETER_SIG}`);
});

test('a signer made from the raw seed is the same key', () => {
  const seed = Buffer.from('AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz', 'base64').subarray(1);
  const signer = createEd25519Signer('PeterNeumann', seed);
  assert.equal(signer.verifierKey, PETER_VKEY);
  assert.equal(formatVerifierKey('PeterNeumann', signer.publicKey), PETER_VKEY);
  assert.equal(signNote(TEXT, [signer]), `${TEXT}\n${PETER_SIG}`);
});

test('the published notes open', () => {
  const foo = openNote(FOO_NOTE, [parseVerifierKey(FOO_VKEY)]);
  assert.equal(foo.text, 'This is an example message.\n');
  assert.deepEqual(
    foo.signatures.map((s) => [s.name, s.keyId]),
    [['example.com/foo', 0x530d903a]],
  );
  const both = openNote(Buffer.from(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`), [peter, enoch]);
  assert.equal(both.text, TEXT);
  assert.deepEqual(
    both.signatures.map((s) => s.name),
    ['PeterNeumann', 'EnochRoot'],
  );
  assert.deepEqual(both.unknown, []);
});

test('signatures of unknown keys are listed, not checked, and one known signature is needed', () => {
  const opened = openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, [peter]);
  assert.deepEqual(
    opened.signatures.map((s) => s.name),
    ['PeterNeumann'],
  );
  assert.deepEqual(
    opened.unknown.map((s) => [s.name, s.keyId]),
    [['EnochRoot', 0xaf0cfe78]],
  );
  assert.throws(() => openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, []), code('unverified-note'));
  // Same name, other key id; same key id, other name: both unknown, so ignored even though they would not verify.
  const sameName = PETER_SIG.replace('x08go', 'AAAAA');
  const sameId = PETER_SIG.replace('PeterNeumann', 'CarmenSandiego');
  assert.equal(openNote(`${TEXT}\n${sameName}${sameId}${PETER_SIG}`, [peter]).unknown.length, 2);
  assert.throws(() => openNote(`${TEXT}\n${sameName}${sameId}`, [peter]), code('unverified-note'));
});

test('a bad signature by a known key rejects the note', () => {
  const bad = `${PETER_SIG.slice(0, 60)}ABCD${PETER_SIG.slice(60)}`;
  assert.throws(() => openNote(`${TEXT}\n${bad}`, [peter]), code('invalid-signature'));
  assert.throws(
    () => openNote(`${TEXT.replace('answer', 'Answer')}\n${PETER_SIG}`, [peter]),
    code('invalid-signature'),
  );
  // An unknown key's bad signature is only listed.
  const badEnoch = `${ENOCH_SIG.slice(0, 60)}ABCD${ENOCH_SIG.slice(60)}`;
  const opened = openNote(`${TEXT}\n${PETER_SIG}${PETER_SIG}${ENOCH_SIG}${ENOCH_SIG}${badEnoch}`, [peter]);
  assert.equal(opened.signatures.length, 1);
  assert.equal(opened.unknown.length, 2);
});

test('two verifiers with one name and key id are refused when that key signs', () => {
  const twin: NoteVerifier = { name: enoch.name, keyId: enoch.keyId, verify: () => true };
  assert.throws(() => openNote(`${TEXT}\n${ENOCH_SIG}`, [enoch, peter, twin]), code('malformed-key'));
  assert.equal(openNote(`${TEXT}\n${PETER_SIG}`, [enoch, peter, twin]).signatures.length, 1);
});

test('malformed notes are refused', () => {
  const bad: Array<string | Uint8Array> = [
    TEXT,
    `${TEXT}\n`,
    `${TEXT}\n${PETER_SIG.slice(0, -1)}`,
    `\u0001${TEXT}\n${PETER_SIG}`,
    `${TEXT.replace('\n', '\r\n')}\n${PETER_SIG}`,
    `${TEXT}\t\n${PETER_SIG}`,
    Buffer.concat([Buffer.of(0xff), Buffer.from(`${TEXT}\n${PETER_SIG}`)]),
    Buffer.concat([Buffer.from(`${TEXT}\n${PETER_SIG}`), Buffer.of(0xc3)]),
    `\ud800${TEXT}\n${PETER_SIG}`,
    `${TEXT}\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`,
    `${TEXT}\n${PETER_SIG}Unexpected line.\n`,
    `${TEXT}\n${PETER_SIG.replace('— ', '- ')}`,
    `${TEXT}\n${PETER_SIG.replace('— ', '—')}`,
    `${TEXT}\n${PETER_SIG.replace('=\n', '\n')}`,
    `${TEXT}\n${PETER_SIG.replace('x08go', 'x08g!')}`,
    `${TEXT}\n${PETER_SIG.replace('x08go', ' x08go')}`,
    `${TEXT}\n— PeterNeumann\n`,
    `${TEXT}\n— PeterNeumann \n`,
    `${TEXT}\n— PeterNeumann x08goA==\n`,
    `${TEXT}\n— Peter+Neumann ${PETER_SIG.split(' ')[2]}`,
    `${TEXT}\n— Peter\u00a0Neumann ${PETER_SIG.split(' ')[2]}`,
    `${TEXT}\n${PETER_SIG}\n`,
    `${TEXT}\n${PETER_SIG.repeat(101)}`,
  ];
  for (const note of bad)
    assert.throws(() => openNote(note, [peter]), code('malformed-note'), JSON.stringify(String(note)));
  assert.equal(openNote(`${TEXT}\n${PETER_SIG.repeat(100)}`, [peter]).signatures.length, 1);
});

test('the text may hold blank lines: the signatures start after the last one', () => {
  const signer = createEd25519Signer('veche.example/log', randomBytes(32));
  const text = 'first\n\nsecond\n\n\nthird\n';
  const opened = openNote(signNote(text, [signer]), [parseVerifierKey(signer.verifierKey)]);
  assert.equal(opened.text, text);
  const bom = '\ufeffwith a byte order mark\n';
  assert.equal(openNote(Buffer.from(signNote(bom, [signer])), [parseVerifierKey(signer.verifierKey)]).text, bom);
});

test('signNote refuses text that no one could open', () => {
  const signer = parseGoSignerKey(PETER_SKEY);
  for (const text of ['no newline', 'tab\there\n', 'carriage\r\n', '\ud800\n', '']) {
    assert.throws(() => signNote(text, [signer]), code('malformed-note'), JSON.stringify(text));
  }
  assert.throws(() => signNote(TEXT, []), RangeError);
});

test('verifier keys are parsed strictly', () => {
  const bad = [
    'PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
    'PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
    'PeterNeumann+c74f20a+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
    'PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==',
    'PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
    'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW=',
    'Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
    '+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
    'PeterNeumann+c74f20a3',
  ];
  for (const vkey of bad) assert.throws(() => parseVerifierKey(vkey), code('malformed-key'), vkey);
  // Every proper substring, and every single-byte change, of a valid key is refused (as in Go's TestNewVerifier).
  for (let i = 0; i <= PETER_VKEY.length; i++) {
    for (let j = i + 1; j <= PETER_VKEY.length; j++) {
      if (i !== 0 || j !== PETER_VKEY.length)
        assert.throws(() => parseVerifierKey(PETER_VKEY.slice(i, j)), code('malformed-key'));
    }
  }
  for (let i = 0; i < PETER_VKEY.length; i++) {
    const changed =
      PETER_VKEY.slice(0, i) + String.fromCharCode(PETER_VKEY.charCodeAt(i) + 1) + PETER_VKEY.slice(i + 1);
    assert.throws(() => parseVerifierKey(changed), code('malformed-key'), changed);
  }
});

test('key names and Go signer keys are checked', () => {
  for (const name of ['', 'a+b', 'a b', 'a\u2028b', 'a\u3000b', 'a\u0085b', 'a\nb', 'a\u0001b', '\udc00']) {
    assert.throws(() => createEd25519Signer(name, new Uint8Array(32)), code('malformed-key'), JSON.stringify(name));
  }
  assert.throws(() => createEd25519Signer('ok', new Uint8Array(31)), code('malformed-key'));
  assert.throws(() => parseGoSignerKey(PETER_SKEY.replace('c74f20a3', 'c74f20a4')), code('malformed-key'));
  assert.throws(() => parseGoSignerKey(PETER_SKEY.replace('PRIVATE+', '')), code('malformed-key'));
  assert.throws(() => parseGoSignerKey(PETER_SKEY.replace('+AY', '+AZ')), code('malformed-key'));
  assert.equal(createEd25519Signer('veche.example/log', new Uint8Array(32)).name, 'veche.example/log');
});
