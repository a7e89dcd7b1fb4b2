import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { decodeBase64 } from './bytes.ts';
import { formatCheckpoint, signCheckpoint } from './checkpoint.ts';
import {
  cosignatureKeyId,
  cosignatureTimestamp,
  createCosigner,
  ed25519CosignedMessage,
  formatCosignatureKey,
  parseCosignatureKey,
  subtreeCosignedMessage,
} from './cosignature.ts';
import {
  FORMATS_TIMESTAMPED,
  FORMATS_VKEYS,
  SPEC_COSIGNED_CHECKPOINT,
  TORCHWOOD_SUBTREE,
} from './cosignature-vectors.ts';
import { createEd25519Signer, parseVerifierKey } from './note-keys.ts';
import { openNote, signNote } from './note.ts';
import { RecordError } from './record-error.ts';

const code = (c: string) => (e: unknown) => e instanceof RecordError && e.code === c;
const clock = (seconds: number) => () => seconds * 1000 + 999;

test("the Ed25519 signed message is exactly the spec's example", () => {
  const { text, message, timestamp } = SPEC_COSIGNED_CHECKPOINT;
  assert.equal(ed25519CosignedMessage(text, timestamp).toString('utf8'), message);
});

test("the spec's example cosignature line carries the key id and the time of its example message", () => {
  const base64 = SPEC_COSIGNED_CHECKPOINT.witnessLine.split(' ')[2];
  const blob = decodeBase64(base64)!;
  assert.equal(blob.length, 4 + 8 + 64);
  assert.equal(cosignatureTimestamp(base64), SPEC_COSIGNED_CHECKPOINT.timestamp);
  assert.equal(cosignatureTimestamp(FORMATS_TIMESTAMPED.base64), FORMATS_TIMESTAMPED.timestamp);
  assert.equal(cosignatureTimestamp('not base64!'), null);
  assert.equal(cosignatureTimestamp('AAAAAA=='), null);
});

test('an ML-DSA-44 subtree cosignature made by torchwood verifies against its message, and nothing else does', async () => {
  const { createPublicKey, verify } = await import('node:crypto');
  const witness = parseCosignatureKey(TORCHWOOD_SUBTREE.vkey);
  assert.equal(witness.algorithm, 'ml-dsa-44');
  assert.equal(witness.name, 'witness.example/w1');
  assert.equal(witness.keyId, 0x7118e8f9);
  assert.equal(witness.vkey, TORCHWOOD_SUBTREE.vkey);
  const blob = Buffer.from(decodeBase64(TORCHWOOD_SUBTREE.line.split(' ')[2])!);
  assert.equal(blob.readUInt32BE(0), witness.keyId);
  assert.equal(blob.readBigUInt64BE(4), 0n);
  const key = createPublicKey({
    key: { kty: 'AKP', alg: 'ML-DSA-44', pub: Buffer.from(witness.publicKey).toString('base64url') },
    format: 'jwk',
  });
  const statement = {
    cosigner: witness.name,
    timestamp: 0,
    origin: TORCHWOOD_SUBTREE.origin,
    start: TORCHWOOD_SUBTREE.start,
    end: TORCHWOOD_SUBTREE.end,
    root: decodeBase64(TORCHWOOD_SUBTREE.root)!,
  };
  assert.equal(verify(null, subtreeCosignedMessage(statement), key, blob.subarray(12)), true);
  assert.equal(verify(null, subtreeCosignedMessage({ ...statement, end: 14 }), key, blob.subarray(12)), false);
  assert.equal(
    verify(null, subtreeCosignedMessage({ ...statement, origin: 'example.com/other' }), key, blob.subarray(12)),
    false,
  );
  assert.throws(() => subtreeCosignedMessage({ ...statement, origin: 'o'.repeat(256) }), RangeError);
});

test('verifier keys: native 0x04 and 0x06 keys, a 0x01 key read as cosignature/v1, and refusals', () => {
  const native = parseCosignatureKey(FORMATS_VKEYS.native);
  assert.equal(native.algorithm, 'ed25519');
  assert.equal(native.vkey, FORMATS_VKEYS.native);
  assert.equal(native.keyId, 0xda77ade7);
  const converted = parseCosignatureKey(FORMATS_VKEYS.converted);
  assert.equal(converted.name, 'TEST');
  assert.equal(converted.keyId, cosignatureKeyId('TEST', 'ed25519', converted.publicKey));
  assert.notEqual(converted.keyId, 0x7997405c);
  assert.equal(parseCosignatureKey(converted.vkey).keyId, converted.keyId);
  assert.throws(
    () => parseCosignatureKey('TEST+00000000+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6'),
    code('malformed-key'),
  );
  assert.throws(() => parseCosignatureKey('remora.n621.de+da77ade7+BOvN63jn'), code('malformed-key'));
  assert.throws(() => parseCosignatureKey('rekor.sigstore.dev+12345678+AwEB'), code('malformed-key'));
  assert.throws(() => parseCosignatureKey('bananas.sigstore.dev+12344556'), code('malformed-key'));
  assert.throws(() => parseCosignatureKey('x+12345678+THIS_IS_NOT_BASE64!'), code('malformed-key'));
});

for (const algorithm of ['ed25519', 'ml-dsa-44'] as const) {
  test(`${algorithm}: a cosignature on a checkpoint opens with the witness's key, and only on that checkpoint`, () => {
    const log = createEd25519Signer('veche.test/log', randomBytes(32));
    const cosigner = createCosigner('witness.test/w1', randomBytes(32), algorithm, clock(1_700_000_000));
    const verifier = parseCosignatureKey(cosigner.vkey);
    assert.equal(verifier.keyId, cosigner.keyId);
    const text = formatCheckpoint({
      origin: 'veche.test/log',
      size: 5,
      root: new Uint8Array(32).fill(7),
      extensions: [],
    });
    const note = signNote(text, [log, cosigner]);
    const opened = openNote(note, [verifier]);
    assert.deepEqual(
      opened.signatures.map((s) => s.name),
      ['witness.test/w1'],
    );
    assert.deepEqual(
      opened.unknown.map((s) => s.name),
      ['veche.test/log'],
    );
    assert.equal(cosignatureTimestamp(opened.signatures[0].base64), 1_700_000_000);
    // The log's key cannot read the witness's line, and the witness's key is not the log's.
    assert.equal(openNote(note, [parseVerifierKey(log.verifierKey)]).unknown[0].name, 'witness.test/w1');
    // Moved to another checkpoint, the cosignature fails: the whole note is refused.
    const other = formatCheckpoint({
      origin: 'veche.test/log',
      size: 6,
      root: new Uint8Array(32).fill(7),
      extensions: [],
    });
    const moved = `${other}\n${note.split('\n\n')[1]}`;
    assert.throws(() => openNote(moved, [verifier]), code('invalid-signature'));
  });
}

test('the Ed25519 cosignature covers extension lines; the ML-DSA-44 one covers the tree only, as the spec says', () => {
  const ed = createCosigner('w.test/ed', randomBytes(32), 'ed25519', clock(1_700_000_001));
  const ml = createCosigner('w.test/ml', randomBytes(32), 'ml-dsa-44', clock(1_700_000_001));
  const base = { origin: 'veche.test/log', size: 3, root: new Uint8Array(32).fill(1) };
  const withExtension = formatCheckpoint({ ...base, extensions: ['extra'] });
  const lines = signNote(withExtension, [ed, ml]).split('\n\n')[1];
  const changed = `${formatCheckpoint({ ...base, extensions: ['other'] })}\n${lines}`;
  assert.throws(() => openNote(changed, [parseCosignatureKey(ed.vkey)]), code('invalid-signature'));
  assert.equal(openNote(changed, [parseCosignatureKey(ml.vkey)]).signatures.length, 1);
});

test('one witness secret gives the same two keys every time, and different secrets different keys', () => {
  const secret = Buffer.alloc(32, 9);
  const a = createCosigner('w.test/a', secret, 'ed25519');
  const b = createCosigner('w.test/a', secret, 'ml-dsa-44');
  assert.equal(createCosigner('w.test/a', secret, 'ed25519').vkey, a.vkey);
  assert.equal(createCosigner('w.test/a', secret, 'ml-dsa-44').vkey, b.vkey);
  assert.match(a.vkey, /^w\.test\/a\+[0-9a-f]{8}\+B[A-P]/); // 0x04
  assert.match(b.vkey, /^w\.test\/a\+[0-9a-f]{8}\+B[g-v]/); // 0x06
  assert.equal(b.publicKey.length, 1312);
  assert.notEqual(createCosigner('w.test/a', Buffer.alloc(32, 8), 'ml-dsa-44').vkey, b.vkey);
  assert.equal(formatCosignatureKey('w.test/a', 'ed25519', a.publicKey), a.vkey);
  assert.throws(() => createCosigner('w.test/a', Buffer.alloc(31), 'ed25519'), code('malformed-key'));
  assert.throws(() => createCosigner('has space', secret, 'ed25519'), code('malformed-key'));
});

test('a cosignature with a timestamp beyond 2^63 - 1, or of the wrong length, does not verify', () => {
  const cosigner = createCosigner('w.test/t', randomBytes(32), 'ed25519', clock(1_700_000_000));
  const verifier = parseCosignatureKey(cosigner.vkey);
  const text = new TextEncoder().encode(SPEC_COSIGNED_CHECKPOINT.text);
  const signature = cosigner.sign(text);
  assert.equal(verifier.verify(text, signature), true);
  const huge = Buffer.from(signature);
  huge.writeBigUInt64BE(2n ** 63n, 0);
  assert.equal(verifier.verify(text, huge), false);
  assert.equal(verifier.verify(text, signature.subarray(1)), false);
  assert.equal(verifier.verify(new TextEncoder().encode('not a checkpoint\n'), signature), false);
});

test("a log checkpoint signed and cosigned by two witnesses keeps the log's line first", () => {
  const log = createEd25519Signer('veche.test/log', randomBytes(32));
  const w1 = createCosigner('w.test/1', randomBytes(32), 'ed25519');
  const w2 = createCosigner('w.test/2', randomBytes(32), 'ml-dsa-44');
  const note = signCheckpoint({ origin: 'veche.test/log', size: 0, root: new Uint8Array(32), extensions: [] }, [
    log,
    w1,
    w2,
  ]);
  const opened = openNote(note, [
    parseVerifierKey(log.verifierKey),
    parseCosignatureKey(w1.vkey),
    parseCosignatureKey(w2.vkey),
  ]);
  assert.deepEqual(
    opened.signatures.map((s) => s.name),
    ['veche.test/log', 'w.test/1', 'w.test/2'],
  );
});
