// A batch of paper signatures: how many signatures an organiser counted on a set of returned sheets, where they were
// gathered, and which sheets. Nothing about a signer is kept: the sheets stay with the organiser, and only a scan's
// hash (never the scan) is public.

/** MAX_PAPER_BATCH is the most signatures one batch may count; a larger delivery is entered as several batches. */
export const MAX_PAPER_BATCH = 100_000;

/** MAX_SHEET is the highest sheet number; sheets are numbered from 1 as the printable sheets are. */
export const MAX_SHEET = 99_999;

/** MAX_SHEETS_LENGTH bounds the written list of sheet numbers ("1-40,42,45-50"), in characters. */
export const MAX_SHEETS_LENGTH = 200;

/** PAPER_WITHDRAWAL_REASONS are the public reasons for taking a batch out of the count; a correction is a withdrawal with `corrected` and a new batch. */
export const PAPER_WITHDRAWAL_REASONS = ['corrected', 'entered-twice', 'sheets-unreliable', 'other'] as const;

/** PaperWithdrawalReason is one of PAPER_WITHDRAWAL_REASONS. */
export type PaperWithdrawalReason = (typeof PAPER_WITHDRAWAL_REASONS)[number];

/** PaperBatchStatus is `counted` until the batch is withdrawn. */
export type PaperBatchStatus = 'counted' | 'withdrawn';

/** REGION_CODE is the shape of an ISO 3166-2 code: a country, a hyphen, one to three letters or digits. */
export const REGION_CODE = /^[A-Z]{2}-[A-Z0-9]{1,3}$/;

/** SheetRange is the sheets from `from` to `to`, both included. */
export interface SheetRange {
  from: number;
  to: number;
}

/**
 * parseSheets reads sheet numbers as people write them: numbers and ranges separated by commas or spaces, in any
 * order, overlapping or not ("3, 1-2,  7–9"). It returns the ranges sorted and merged, or null when something is not
 * a sheet number (0, above MAX_SHEET, a range backwards, anything but digits, hyphens, dashes, commas and spaces).
 */
export function parseSheets(text: string): SheetRange[] | null {
  const parts = text
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .split(/[\s,;]+/)
    .filter((part) => part !== '');
  if (parts.length === 0 || parts.length > MAX_SHEETS_LENGTH) return null;
  const ranges: SheetRange[] = [];
  for (const part of parts) {
    const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(part);
    if (match === null) return null;
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    if (from < 1 || to < from || to > MAX_SHEET) return null;
    ranges.push({ from, to });
  }
  ranges.sort((a, b) => a.from - b.from);
  const merged: SheetRange[] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last !== undefined && range.from <= last.to + 1) last.to = Math.max(last.to, range.to);
    else merged.push({ ...range });
  }
  return merged;
}

/** formatSheets writes ranges in the one form the record holds: sorted, merged, "1-12,15,20-22". */
export function formatSheets(ranges: readonly SheetRange[]): string {
  return ranges.map((r) => (r.from === r.to ? String(r.from) : `${r.from}-${r.to}`)).join(',');
}

/** normaliseSheets returns the record's form of sheet numbers as people write them, or null if they are not valid or too long. */
export function normaliseSheets(text: string): string | null {
  const ranges = parseSheets(text);
  if (ranges === null) return null;
  const written = formatSheets(ranges);
  return written.length <= MAX_SHEETS_LENGTH ? written : null;
}

/** isRecordSheets tells whether a value is sheet numbers exactly as the record writes them. */
export function isRecordSheets(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_SHEETS_LENGTH && normaliseSheets(value) === value;
}

/** sheetCount is how many sheets the ranges name. */
export function sheetCount(ranges: readonly SheetRange[]): number {
  return ranges.reduce((sum, r) => sum + r.to - r.from + 1, 0);
}

/** PaperBatch is a batch of paper signatures as the organiser sees it; evidenceAttachmentId is the private scan, if kept. */
export interface PaperBatch {
  id: number;
  publicId: string;
  petitionId: number;
  count: number;
  region: string | null;
  sheets: string;
  evidenceSha256: string | null;
  evidenceAttachmentId: number | null;
  status: PaperBatchStatus;
  createdAt: number;
  withdrawnAt: number | null;
  reason: PaperWithdrawalReason | null;
}
