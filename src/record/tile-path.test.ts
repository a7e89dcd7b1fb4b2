import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { test } from 'node:test';
import { encodeTileIndex, entriesPath, parseTilePath, tilePath } from './tile-path.ts';

test('N is written in groups of three digits, all but the last prefixed x', () => {
  assert.equal(encodeTileIndex(1_234_067), 'x001/x234/067');
  assert.equal(encodeTileIndex(0), '000');
  assert.equal(encodeTileIndex(7), '007');
  assert.equal(encodeTileIndex(999), '999');
  assert.equal(encodeTileIndex(1000), 'x001/000');
  assert.equal(encodeTileIndex(273), '273');
  assert.equal(encodeTileIndex(Number.MAX_SAFE_INTEGER), 'x009/x007/x199/x254/x740/991');
  assert.throws(() => encodeTileIndex(-1), RangeError);
  assert.throws(() => encodeTileIndex(1.5), RangeError);
});

test('tile and entry bundle paths, full and partial', () => {
  assert.equal(tilePath(0, 1_234_067), 'tile/0/x001/x234/067');
  assert.equal(tilePath(0, 273, 112), 'tile/0/273.p/112');
  assert.equal(tilePath(1, 1, 17), 'tile/1/001.p/17');
  assert.equal(tilePath(2, 0, 1), 'tile/2/000.p/1');
  assert.equal(tilePath(63, 0, 256), 'tile/63/000');
  assert.equal(entriesPath(1_234_067), 'tile/entries/x001/x234/067');
  assert.equal(entriesPath(273, 112), 'tile/entries/273.p/112');
  for (const [level, n, width] of [
    [64, 0, 1],
    [-1, 0, 1],
    [0, 0, 0],
    [0, 0, 257],
    [0, -1, 1],
    [0, 0, 1.5],
  ]) {
    assert.throws(() => tilePath(level, n, width), RangeError, `${level} ${n} ${width}`);
  }
});

test('parseTilePath reads what tilePath and entriesPath write', () => {
  assert.deepEqual(parseTilePath('tile/0/x001/x234/067'), { level: 0, n: 1_234_067, width: 256 });
  assert.deepEqual(parseTilePath('tile/entries/x001/x234/067.p/255'), { level: 'entries', n: 1_234_067, width: 255 });
  assert.deepEqual(parseTilePath('tile/63/000.p/1'), { level: 63, n: 0, width: 1 });
  assert.deepEqual(parseTilePath('tile/10/999'), { level: 10, n: 999, width: 256 });
  for (let i = 0; i < 2000; i++) {
    const n = i < 1000 ? i * 997 : randomInt(2 ** 47);
    const level = randomInt(64);
    const width = randomInt(1, 257);
    assert.deepEqual(parseTilePath(tilePath(level, n, width)), { level, n, width });
    assert.deepEqual(parseTilePath(entriesPath(n, width)), { level: 'entries', n, width });
  }
});

test('parseTilePath refuses every other spelling', () => {
  const bad = [
    '',
    'tile',
    'tile/',
    'tile/0',
    'tile/0/',
    '/tile/0/000',
    'tile/0/000/',
    'log/tile/0/000',
    'tile/0/000?x',
    'tile/00/000',
    'tile/01/000',
    'tile/64/000',
    'tile/99/000',
    'tile/100/000',
    'tile/-1/000',
    'tile/+1/000',
    'tile/ 0/000',
    'tile/0/0',
    'tile/0/00',
    'tile/0/0000',
    'tile/0/67',
    'tile/0/x000/067',
    'tile/0/x000/x001/067',
    'tile/0/001/000',
    'tile/0/x001',
    'tile/0/x001/',
    'tile/0/x01/000',
    'tile/0/x0001/000',
    'tile/0/X001/000',
    'tile/0/x001/x000',
    'tile/0/000.p',
    'tile/0/000.p/',
    'tile/0/000.p/0',
    'tile/0/000.p/00',
    'tile/0/000.p/012',
    'tile/0/000.p/256',
    'tile/0/000.p/1000',
    'tile/0/000.p/1/',
    'tile/0/000.p/-1',
    'tile/0/x001.p/1/000',
    'tile/0/000.P/1',
    'tile/0/000p/1',
    'tile/entries/000.p/256',
    'tile/Entries/000',
    'tile/data/000',
    'tile/8/0/000',
    'tile/8/data/000',
    'tile/0/١٢٣',
    `tile/0/${'x999/'.repeat(6)}999`,
  ];
  for (const path of bad) assert.equal(parseTilePath(path), null, path);
});
