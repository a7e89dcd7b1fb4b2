import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changeChannel, notificationPayloads, readNotification } from './postgres-change-relay.ts';

const node = '3f1c9a52-7d0e-4b8e-9a51-0c2d6e8f4a17';

test('each schema has a channel of its own, never longer than an identifier', () => {
  assert.equal(changeChannel('public'), 'veche_changes:public');
  assert.notEqual(changeChannel('t_0a1b2c3d4e5f'), changeChannel('t_0a1b2c3d4e5e'));
  const long = 'a'.repeat(63);
  const nearlyLong = `${'a'.repeat(62)}b`;
  for (const schema of [long, nearlyLong, 'школа_'.repeat(10)]) {
    assert.ok(Buffer.byteLength(changeChannel(schema)) <= 63, `${changeChannel(schema)} is longer than 63 bytes`);
  }
  assert.notEqual(changeChannel(long), changeChannel(nearlyLong), 'long names that differ only at the end stay apart');
});

test('ids are packed into as few payloads as fit under the limit, and read back in order', () => {
  const ids = Array.from({ length: 2000 }, (_, n) => `PETITION-${String(n).padStart(6, '0')}`);
  const payloads = notificationPayloads(node, ids);
  assert.ok(payloads.length > 1, 'two thousand ids do not fit one notification');
  assert.ok(payloads.length <= 7, `${payloads.length} payloads for ${ids.length * 19} bytes of ids`);
  for (const payload of payloads)
    assert.ok(Buffer.byteLength(payload) < 8000, `a payload of ${Buffer.byteLength(payload)} bytes`);
  const read = payloads.map((payload) => readNotification(payload));
  assert.ok(read.every((n) => n?.node === node));
  assert.deepEqual(
    read.flatMap((n) => n!.ids),
    ids,
  );
});

test('a payload fills up to the limit exactly, counting bytes, not characters', () => {
  const head = Buffer.byteLength(`{"node":"${node}","ids":[]}`);
  const limit = head + 2 * Buffer.byteLength('"ж"') + 1;
  assert.equal(notificationPayloads(node, ['ж', 'ж'], undefined, limit).length, 1);
  assert.equal(notificationPayloads(node, ['ж', 'ж'], undefined, limit - 1).length, 2);
});

test('an id too long for any notification is left out and reported, and the others still go', () => {
  const tooLong: string[] = [];
  const huge = 'X'.repeat(9000);
  const payloads = notificationPayloads(node, ['ABC123', huge, 'DEF456'], (id) => tooLong.push(id));
  assert.deepEqual(tooLong, [huge]);
  assert.deepEqual(
    payloads.map((p) => readNotification(p)?.ids),
    [['ABC123', 'DEF456']],
  );
});

test('a payload that is not ours is ignored', () => {
  for (const payload of ['', 'hello', '42', 'null', '{"node":1,"ids":[]}', '{"node":"a","ids":[1]}', '{"node":"a"}']) {
    assert.equal(readNotification(payload), null, payload);
  }
});
