import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvCell, csvRow } from './csv.ts';

test('csvCell leaves plain text alone and quotes what RFC 4180 says must be quoted', () => {
  assert.equal(csvCell('Олена Коваль'), 'Олена Коваль');
  assert.equal(csvCell('Koval, Olena'), '"Koval, Olena"');
  assert.equal(csvCell('Olena "Lena"'), '"Olena ""Lena"""');
  assert.equal(csvCell('two\nlines'), '"two\nlines"');
  assert.equal(csvCell(null), '');
  assert.equal(csvCell(42), '42');
});

test('csvCell defuses text that a spreadsheet would run as a formula', () => {
  assert.equal(csvCell('=HYPERLINK("http://x")'), '"\'=HYPERLINK(""http://x"")"');
  assert.equal(csvCell('+1'), "'+1");
  assert.equal(csvCell('-2+3'), "'-2+3");
  assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(csvCell('\tcmd'), "'\tcmd");
  assert.equal(csvCell('a=b'), 'a=b');
  assert.equal(csvCell(-5), '-5', 'numbers we write ourselves are not names and stay numbers');
});

test('csvRow ends every record with CRLF', () => {
  assert.equal(csvRow(['a', 'b,c', null]), 'a,"b,c",\r\n');
});
