// SPEC: RFC 4180 (text/csv): fields separated by commas, records by CRLF; a field holding a comma, a double quote, CR
// or LF is enclosed in double quotes, and a double quote inside it is doubled.

const formulaStart = /^[=+\-@\t\r]/;
const needsQuotes = /[",\r\n]/;

/**
 * csvCell makes one text safe as a CSV field: quoted per RFC 4180 when needed, and with a leading `'` when it starts
 * like a spreadsheet formula (= + - @, tab, CR), so that opening the file in Excel or LibreOffice never runs a name
 * someone typed into the signing form (OWASP "CSV injection").
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && formulaStart.test(text)) text = `'${text}`;
  return needsQuotes.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** csvRow joins fields into one CSV record, ending in CRLF. */
export function csvRow(values: (string | number | null)[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/** csvBom is the UTF-8 byte order mark: without it Excel reads a UTF-8 file as the local code page and garbles Cyrillic. */
export const csvBom = '\uFEFF';
