import assert from 'node:assert/strict';

/**
 * assertValidPdf checks a PDF's structure as a reader would find it: the header, the trailer's `startxref` pointing
 * at a cross-reference table, every object in use found at its offset, a catalog, and the end-of-file marker. It
 * returns how many pages the page tree says there are.
 */
export function assertValidPdf(pdf: Buffer): { pages: number } {
  const text = pdf.toString('latin1');
  assert.ok(text.startsWith('%PDF-1.'), 'a PDF header');
  assert.match(text.slice(-32), /%%EOF\s*$/, 'the end-of-file marker');
  const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
  assert.ok(Number.isInteger(startxref), 'startxref');
  assert.equal(text.slice(startxref, startxref + 4), 'xref', 'startxref points at the cross-reference table');
  const table = /^xref\s+0 (\d+)\s+((?:\d{10} \d{5} [fn]\s*\r?\n?)+)/.exec(text.slice(startxref));
  assert.ok(table, 'a cross-reference table');
  const rows = table[2].trim().split(/\s*\r?\n/);
  assert.equal(rows.length, Number(table[1]));
  rows.forEach((row, number) => {
    const [offset, , kind] = row.split(' ');
    if (kind !== 'n') return;
    assert.match(
      text.slice(Number(offset), Number(offset) + 20),
      new RegExp(`^${number} 0 obj`),
      `object ${number} is where the table says`,
    );
  });
  assert.match(text, /\/Type \/Catalog/);
  const pages = Number(/\/Type \/Pages\s*\/Count (\d+)/.exec(text)?.[1]);
  assert.ok(pages >= 1, 'a page tree with pages');
  return { pages };
}
