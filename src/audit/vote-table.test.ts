import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomId } from '../crypto/tokens.ts';
import { VoteTable } from './vote-table.ts';

test('a vote table keeps a number for each vote id, through growth, and gives every id back', () => {
  const table = new VoteTable(16);
  const ids = Array.from({ length: 5000 }, () => `v${randomId(12)}`);
  ids.push('vzzzzzzzzzzzz', 'v111111111111', 'v1', 'vLonger1dThan12chars');
  ids.forEach((id, i) => table.set(id, i * 7));
  assert.equal(table.size, ids.length);
  ids.forEach((id, i) => assert.equal(table.get(id), i * 7, id));
  assert.equal(table.get('v22222222222a'), -1);
  assert.equal(table.get('vzzzzzzzzzzzy'), -1);
  table.set(ids[0], 0x40000003);
  assert.equal(table.get(ids[0]), 0x40000003);
  assert.equal(table.size, ids.length);
  assert.deepEqual(new Map(table.entries()), new Map(ids.map((id, i) => [id, i === 0 ? 0x40000003 : i * 7])));
});

test('a vote table costs a few words a vote, not a Map entry', () => {
  const table = new VoteTable();
  for (let i = 0; i < 100_000; i++) table.set(`v${randomId(12)}`, i);
  // 16 bytes a slot, at most 70% full after growth: under 46 bytes a vote, where a Map of strings takes about 100.
  assert.ok(table.bytes / table.size <= 46, `${table.bytes / table.size} bytes a vote`);
});
