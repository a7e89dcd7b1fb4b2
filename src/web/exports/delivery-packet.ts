import PDFDocument from 'pdfkit';
import { AUDITOR_PATH } from '../auditor-file.ts';
import { auditCommand } from '../views/record-parts.ts';
import QRCode from 'qrcode';
import { existsSync } from 'node:fs';
import type { Language, Translate } from '../../i18n/i18n.ts';
import type { Petition } from '../../domain/petition.ts';
import { breakLongWords } from './break-long-words.ts';

/** PacketContent is everything the delivery packet prints, read and translated by the caller. */
export interface PacketContent {
  petition: Petition;
  signatures: number;
  byRegion: { name: string; signatures: number }[];
  invalidations: { reason: string; signatures: number }[];
  /** paper are the counted batches of paper signatures, region named; `signatures` is online only, without them. */
  paper?: { count: number; region: string; sheets: string }[];
  /** record is the petition's place in the public record: its entries, and the checkpoint that covers them (see `printRecord`). */
  record: { queued: number; sequenced: number; checkpoint?: PacketCheckpoint | null };
  url: string;
  madeAt: number;
  t: Translate;
  lang: Language;
}

/** PacketCheckpoint is the public record's latest signed checkpoint, the petition's count in it, and how to check both. */
export interface PacketCheckpoint {
  origin: string;
  size: number;
  /** root is the tree's root hash in base64, as the checkpoint note writes it. */
  root: string;
  /** signatureLines are the note's signature lines, `— <key name> <base64>`. */
  signatureLines: string[];
  signatures: number;
  /** key is the record's verifier key, `name+keyid+base64`. */
  key: string;
  site: string;
  auditUrl: string;
}

/** PacketFonts are the TTF files the packet is set in; null means pdfkit's Helvetica, which has no Cyrillic. */
export type PacketFonts = { regular: string; bold: string } | null;

// Debian and Ubuntu (fonts-dejavu-core), Fedora, Arch, Alpine.
const fontFolders = [
  '/usr/share/fonts/truetype/dejavu',
  '/usr/share/fonts/dejavu-sans-fonts',
  '/usr/share/fonts/TTF',
  '/usr/share/fonts/dejavu',
];

/**
 * packetFonts finds DejaVu Sans on the machine. pdfkit's standard fonts cover Latin only, and a petition to a Russian
 * or Ukrainian addressee is in Cyrillic; without the font (Debian package `fonts-dejavu-core`) the packet is still
 * made, in Helvetica, and Cyrillic letters come out wrong.
 */
export function packetFonts(): PacketFonts {
  for (const folder of fontFolders) {
    const regular = `${folder}/DejaVuSans.ttf`;
    const bold = `${folder}/DejaVuSans-Bold.ttf`;
    if (existsSync(regular) && existsSync(bold)) return { regular, bold };
  }
  return null;
}

const ink = '#16202b';
const soft = '#3d4a58';
const line = '#d9dde3';

/**
 * deliveryPacket makes the PDF an organiser hands to the addressee: the petition as signed (title, addressee, full
 * text), the count and when it was taken, the goal, the count by region, any invalidations, and how anyone can
 * check the count: a QR code and the address of the public page, and the petition's place in the public record.
 */
export async function deliveryPacket(content: PacketContent, fonts: PacketFonts = packetFonts()): Promise<Buffer> {
  const { petition: p, t } = content;
  const number = new Intl.NumberFormat(content.lang);
  const when = (ms: number) =>
    new Intl.DateTimeFormat(content.lang, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(ms);
  const day = (ms: number) => new Intl.DateTimeFormat(content.lang, { dateStyle: 'long', timeZone: 'UTC' }).format(ms);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    bufferPages: true,
    // Tagged, so that a screen reader reads the packet in order, knows its headings and table, and skips page numbers.
    pdfVersion: '1.7',
    tagged: true,
    displayTitle: true,
    lang: p.language,
    info: {
      Title: p.title,
      Subject: t('organiser.packet-subject'),
      Creator: 'Veche',
      CreationDate: new Date(content.madeAt),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  if (fonts) {
    doc.registerFont('regular', fonts.regular);
    doc.registerFont('bold', fonts.bold);
  } else {
    doc.registerFont('regular', 'Helvetica');
    doc.registerFont('bold', 'Helvetica-Bold');
  }
  // What an organiser typed is given places to break (break-long-words.ts): pdfkit breaks a word longer than a line in
  // time that grows with the square of its length. Helvetica has no zero-width space, so it gets a space.
  const typed = (text: string) => breakLongWords(text, fonts ? '\u200B' : ' ');
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const left = doc.page.margins.left;
  const root = doc.struct('Document');
  doc.addStructure(root);
  const tag: Tag = (type, draw, options = {}) => root.add(doc.struct(type, options, [draw]));
  const heading = (text: string) => {
    ensureRoom(doc, 60);
    doc.moveDown(0.8);
    tag('H2', () => doc.font('bold').fontSize(13).fillColor(ink).text(text, left, doc.y, { width }));
    doc.moveDown(0.3);
  };
  const qr = await QRCode.toBuffer(content.url, { type: 'png', margin: 1, width: 330, errorCorrectionLevel: 'M' });

  tag('P', () => doc.font('regular').fontSize(10).fillColor(soft).text(t('organiser.packet-subject'), { width }));
  doc.moveDown(0.4);
  tag('H1', () => doc.font('bold').fontSize(20).fillColor(ink).text(typed(p.title), { width }));
  doc.moveDown(0.3);
  tag('P', () =>
    doc
      .font('regular')
      .fontSize(12)
      .fillColor(soft)
      .text(typed(t('petition.to', { addressee: p.addressee })), { width }),
  );

  // The count, first and large: it is what the packet is for; online and paper together, then each apart.
  const paper = paperLines(content);
  const total = content.signatures + paper.total;
  doc.moveDown(1);
  tag('P', () => doc.font('bold').fontSize(28).fillColor(ink).text(number.format(total), { width }));
  tag('P', () =>
    doc
      .font('regular')
      .fontSize(11)
      .fillColor(ink)
      .text(t('organiser.packet-count', { count: total, when: when(content.madeAt) }), { width }),
  );
  if (paper.summary !== null) tag('P', () => doc.text(paper.summary!, { width }));
  if (p.goal) {
    const goal = p.goal;
    const percent = Math.floor((total / goal) * 100);
    tag('P', () => doc.text(t('organiser.packet-goal', { goal, percent }), { width }));
  }
  const dates = [
    p.openedAt ? t('organiser.packet-opened', { date: day(p.openedAt) }) : null,
    p.closedAt
      ? t('organiser.packet-closed', { date: day(p.closedAt) })
      : p.deadline
        ? t('organiser.packet-deadline', { date: day(p.deadline) })
        : null,
  ].filter((d): d is string => d !== null);
  if (dates.length > 0) tag('P', () => doc.fillColor(soft).text(dates.join(' · '), { width }));
  tag('P', () =>
    doc
      .fillColor(soft)
      .text(t(p.confirmation === 'email' ? 'organiser.packet-confirmed-email' : 'organiser.packet-confirmed-none'), {
        width,
      }),
  );

  // How to check the count comes right after it, on the first page, where the addressee cannot miss it.
  verification(doc, tag, content, qr, width);

  heading(t('organiser.packet-text'));
  for (const paragraph of p.body
    .split(/\n{2,}/)
    .map((b) => b.trim())
    .filter(Boolean)) {
    tag('P', () =>
      doc
        .font('regular')
        .fontSize(11)
        .fillColor(ink)
        .text(typed(paragraph), left, doc.y, { width, align: 'left', lineGap: 2 }),
    );
    doc.moveDown(0.6);
  }

  heading(t('organiser.packet-by-region'));
  regionTable(doc, root, tag, content, number, width);

  if (paper.batches.length > 0) {
    heading(t('paper.packet-heading'));
    const list = doc.struct('L');
    root.add(list);
    for (const line of paper.batches) {
      list.add(
        doc.struct('LI', {}, [
          () => doc.font('regular').fontSize(10).fillColor(ink).text(`• ${line}`, left, doc.y, { width }),
        ]),
      );
    }
    list.end();
  }

  if (content.invalidations.length > 0) {
    heading(t('organiser.packet-invalidations'));
    const list = doc.struct('L');
    root.add(list);
    for (const i of content.invalidations) {
      list.add(
        doc.struct('LI', {}, [
          () =>
            doc
              .font('regular')
              .fontSize(10)
              .fillColor(ink)
              .text(
                `• ${t('organiser.packet-invalidation', { count: i.signatures, reason: t(`reason.${i.reason}`) })}`,
                left,
                doc.y,
                { width },
              ),
        ]),
      );
    }
    list.end();
  }

  root.end();
  pageNumbers(doc, t);
  doc.end();
  return finished;
}

/** Tag draws content as one structure element of the packet (a heading, a paragraph...), for screen readers. */
type Tag = (type: string, draw: () => void, options?: Record<string, string>) => void;

/** artifact draws what is decoration, not content (rules, a repeated table header, page numbers): readers skip it. */
function artifact(doc: PDFKit.PDFDocument, draw: () => void, type = 'Layout'): void {
  doc.markContent('Artifact', { type } as never);
  draw();
  doc.endMarkedContent();
}

function regionTable(
  doc: PDFKit.PDFDocument,
  root: PDFKit.PDFStructureElement,
  tag: Tag,
  content: PacketContent,
  number: Intl.NumberFormat,
  width: number,
): void {
  const { t } = content;
  const left = doc.page.margins.left;
  const countWidth = 90;
  const shareWidth = 70;
  const nameWidth = width - countWidth - shareWidth;
  const header: [string, string, string] = [
    t('organiser.col-region'),
    t('organiser.col-signatures'),
    t('organiser.col-share'),
  ];
  // A row is drawn as a table row of the structure, or (a header repeated on a new page) as an artifact.
  const row = (cells: [string, string, string], bold: boolean, table: PDFKit.PDFStructureElement | null) => {
    doc
      .font(bold ? 'bold' : 'regular')
      .fontSize(10)
      .fillColor(bold ? soft : ink);
    const height = Math.max(14, doc.heightOfString(cells[0], { width: nameWidth - 8 })) + 6;
    if (doc.y + height + 2 > doc.page.height - doc.page.margins.bottom) {
      // A table that runs over a page starts the new page with its header again.
      doc.addPage();
      if (!bold) row(header, true, null);
      doc
        .font(bold ? 'bold' : 'regular')
        .fontSize(10)
        .fillColor(bold ? soft : ink);
    }
    const y = doc.y;
    const draws = [
      () => doc.text(cells[0], left, y + 3, { width: nameWidth - 8 }),
      () => doc.text(cells[1], left + nameWidth, y + 3, { width: countWidth, align: 'right' }),
      () => doc.text(cells[2], left + nameWidth + countWidth, y + 3, { width: shareWidth, align: 'right' }),
    ];
    if (table === null) artifact(doc, () => draws.forEach((draw) => draw()), 'Pagination');
    else {
      const tr = doc.struct('TR');
      table.add(tr);
      for (const draw of draws) tr.add(doc.struct(bold ? 'TH' : 'TD', {}, [draw]));
      tr.end();
    }
    artifact(doc, () =>
      doc
        .moveTo(left, y + height)
        .lineTo(left + width, y + height)
        .lineWidth(0.5)
        .strokeColor(line)
        .stroke(),
    );
    doc.x = left;
    doc.y = y + height;
  };
  if (content.byRegion.length === 0) {
    tag('P', () =>
      doc.font('regular').fontSize(10).fillColor(soft).text(t('organiser.no-regions'), left, doc.y, { width }),
    );
    return;
  }
  const table = doc.struct('Table');
  root.add(table);
  row(header, true, table);
  const total = content.byRegion.reduce((sum, r) => sum + r.signatures, 0) || 1;
  const percent = new Intl.NumberFormat(content.lang, { style: 'percent', maximumFractionDigits: 1 });
  for (const r of content.byRegion)
    row([r.name, number.format(r.signatures), percent.format(r.signatures / total)], false, table);
  table.end();
}

function verification(doc: PDFKit.PDFDocument, tag: Tag, content: PacketContent, qr: Buffer, width: number): void {
  const { t } = content;
  const left = doc.page.margins.left;
  const qrSize = 110;
  ensureRoom(doc, qrSize + 60);
  doc.moveDown(1);
  tag('H2', () =>
    doc.font('bold').fontSize(13).fillColor(ink).text(t('organiser.packet-verify-heading'), left, doc.y, { width }),
  );
  doc.moveDown(0.4);
  const top = doc.y;
  tag('Figure', () => doc.image(qr, left, top, { width: qrSize, height: qrSize }), {
    alt: t('organiser.packet-qr', { url: content.url }),
  });
  const textLeft = left + qrSize + 16;
  const textWidth = width - qrSize - 16;
  tag('P', () =>
    doc
      .font('regular')
      .fontSize(11)
      .fillColor(ink)
      .text(t('organiser.packet-verify'), textLeft, top, { width: textWidth }),
  );
  tag('P', () =>
    doc
      .fillColor('#1d4f91')
      .text(content.url, textLeft, doc.y, { width: textWidth, link: content.url, underline: true }),
  );
  doc.moveDown(0.6);
  printRecord(doc, tag, content, textLeft, textWidth);
  doc.x = left;
  doc.y = Math.max(doc.y, top + qrSize) + 8;
}

/**
 * printRecord states the petition's place in the public record: the latest signed checkpoint (origin, tree size, root
 * hash and signature line, exactly as the note writes them, so that a reader can compare them character by character
 * with what the record serves), the petition's count at that checkpoint, and how to verify both. The checkpoint may
 * be newer than the count printed above: it covers every entry sequenced when the packet was made.
 */
function printRecord(doc: PDFKit.PDFDocument, tag: Tag, content: PacketContent, left: number, width: number): void {
  const { t, record } = content;
  const checkpoint = record.checkpoint;
  doc.font('regular').fontSize(10).fillColor(soft);
  if (!checkpoint) {
    tag('P', () => doc.text(t('record.packet-none'), left, doc.y, { width }));
    tag('P', () => doc.text(t('organiser.record-queue', { count: record.queued }), left, doc.y, { width }));
    return;
  }
  tag('P', () =>
    doc
      .fillColor(ink)
      .text(t('record.packet-count', { count: checkpoint.signatures, size: checkpoint.size }), left, doc.y, { width }),
  );
  doc.moveDown(0.4);
  tag('P', () =>
    doc
      .fillColor(soft)
      .text(t('record.packet-checkpoint', { url: `${checkpoint.site}/log/checkpoint` }), left, doc.y, { width }),
  );
  // The note as the record serves it, line for line, in a fixed-width font: a reader compares it character by character.
  const note = [checkpoint.origin, String(checkpoint.size), checkpoint.root, '', ...checkpoint.signatureLines].join(
    '\n',
  );
  doc.moveDown(0.2);
  tag('Code', () => doc.font('Courier').fontSize(7.5).fillColor(ink).text(note, left, doc.y, { width, lineGap: 1 }));
  // The single-file auditor, from the site or any mirror, and the command with the key pinned: what a person runs
  // with nothing but Node.js, years later, when the site may be gone and only a mirror or a USB stick is left.
  const download = `${checkpoint.site}${AUDITOR_PATH}`;
  doc.moveDown(0.4);
  tag('P', () =>
    doc
      .font('regular')
      .fontSize(10)
      .fillColor(soft)
      .text(t('record.packet-command', { url: download }), left, doc.y, { width }),
  );
  tag('Code', () =>
    doc
      .font('Courier')
      .fontSize(8)
      .fillColor(ink)
      .text(auditCommand(checkpoint.site, checkpoint.key), left, doc.y, { width }),
  );
  tag('P', () =>
    doc.font('regular').fontSize(10).fillColor(soft).text(t('record.packet-browser'), left, doc.y, { width }),
  );
  tag('P', () =>
    doc
      .fillColor('#1d4f91')
      .text(checkpoint.auditUrl, left, doc.y, { width, link: checkpoint.auditUrl, underline: true }),
  );
}

function pageNumbers(doc: PDFKit.PDFDocument, t: Translate): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.markContent('Artifact', { type: 'Pagination' } as never);
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(soft)
      .text(
        t('organiser.packet-page', { page: i + 1, pages: range.count }),
        doc.page.margins.left,
        doc.page.height - 36,
        { width: doc.page.width - doc.page.margins.left - doc.page.margins.right, align: 'center', lineBreak: false },
      );
    doc.endMarkedContent();
    doc.page.margins.bottom = bottom;
  }
}

/** ensureRoom starts a new page when less than `height` points are left on this one. */
function ensureRoom(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
    doc.addPage();
  }
}

/**
 * paperLines is what the packet says of paper signatures: their total, a sentence putting online and paper apart
 * (null without paper batches), and one line for each batch: its count, region and sheets.
 */
export function paperLines(content: Pick<PacketContent, 'signatures' | 'paper' | 't'>): {
  total: number;
  summary: string | null;
  batches: string[];
} {
  const batches = content.paper ?? [];
  const total = batches.reduce((sum, b) => sum + b.count, 0);
  if (batches.length === 0) return { total, summary: null, batches: [] };
  const t = content.t;
  return {
    total,
    summary: t('paper.packet-summary', { online: content.signatures, paper: total, batches: batches.length }),
    batches: batches.map((b) => t('paper.packet-batch', { count: b.count, region: b.region, sheets: b.sheets })),
  };
}
