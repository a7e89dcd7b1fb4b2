import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isRecordSheets, normaliseSheets, parseSheets, sheetCount } from './paper-batch.ts';

test('sheet numbers as people write them become one sorted, merged form', () => {
  assert.equal(normaliseSheets('3, 1-2,  7–9 5'), '1-3,5,7-9');
  assert.equal(normaliseSheets('10-12,11-20'), '10-20');
  assert.equal(normaliseSheets('4'), '4');
  assert.equal(sheetCount(parseSheets('1-3,5,7-9')!), 7);
});

test('what is not a sheet number is refused', () => {
  for (const bad of ['', ' ', '0', '5-3', '100000', 'a', '1-2-3', '1.5', '-4', '1-']) {
    assert.equal(normaliseSheets(bad), null, bad);
  }
  // Too long once written: every other sheet of 1..400 is 200 numbers and far more than 200 characters.
  const scattered = Array.from({ length: 150 }, (_, i) => String(i * 2 + 1)).join(',');
  assert.equal(normaliseSheets(scattered), null);
});

test('the record holds only the one form', () => {
  assert.equal(isRecordSheets('1-3,5'), true);
  assert.equal(isRecordSheets('5,1-3'), false);
  assert.equal(isRecordSheets('1-3, 5'), false);
  assert.equal(isRecordSheets('1-2,3'), false);
  assert.equal(isRecordSheets(7), false);
});
