import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deliveryPacket, packetFonts, paperLines, type PacketContent } from './delivery-packet.ts';
import { translator } from '../../i18n/i18n.ts';
import type { Petition } from '../../domain/petition.ts';
import { petitionLimits } from '../../domain/petition-draft.ts';
import { assertValidPdf } from '../../../test/support/pdf.ts';

const made = Date.UTC(2026, 2, 12, 12, 0);

function content(lang: 'en' | 'uk' = 'uk'): PacketContent {
  const petition: Petition = {
    id: 1,
    publicId: 'pTest123',
    ownerId: 1,
    status: 'open',
    title: 'Демобілізація після 18 місяців служби',
    body: 'Ми вимагаємо чіткого строку служби.\n\n'.repeat(80),
    addressee: 'Міністр оборони',
    language: 'uk',
    goal: 5000,
    deadline: null,
    nameRule: 'required',
    namesPublic: 'signer',
    regionRule: 'optional',
    regionCountries: ['UA'],
    confirmation: 'email',
    createdAt: made,
    updatedAt: made,
    openedAt: made,
    closedAt: null,
    response: null,
    respondedAt: null,
    signerHashesPurgedAt: null,
    version: 1,
    correctedAt: null,
  };
  return {
    petition,
    signatures: 1234,
    invalidations: [{ reason: 'burst', signatures: 45 }],
    record: { queued: 1280, sequenced: 0 },
    byRegion: Array.from({ length: 60 }, (_, i) => ({ name: `Область ${i}`, signatures: 60 - i })),
    url: 'https://veche.example/p/pTest123',
    madeAt: made,
    t: translator(lang),
    lang,
  };
}

test('the packet embeds DejaVu Sans so that Cyrillic prints, and runs over several numbered pages', (t) => {
  const fonts = packetFonts();
  if (!fonts) return t.skip('DejaVu Sans is not installed (Debian: apt-get install fonts-dejavu-core)');
  return deliveryPacket(content(), fonts).then((pdf) => {
    const text = pdf.toString('latin1');
    assert.ok(text.startsWith('%PDF-'));
    assert.match(text, /\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
    assert.match(text, /\/Count [2-9]/, 'a long text and 60 regions need more than one page');
  });
});

test('without DejaVu the packet is still made, in Helvetica', async () => {
  const pdf = await deliveryPacket(content('en'), null);
  const text = pdf.toString('latin1');
  assert.ok(text.startsWith('%PDF-'));
  assert.match(text, /\/BaseFont \/Helvetica\b/);
  assert.doesNotMatch(text, /DejaVu/);
});

// Before words were broken first, each of these took 10–20 s: the time limit is what fails then.
test('a text of one 20,000-character word, and the longest text allowed, make valid PDFs of several pages', {
  timeout: 20_000,
}, async () => {
  // Helvetica (no DejaVu on the machine) has no Cyrillic: its word is Latin.
  for (const [fonts, letter] of [
    [packetFonts(), 'я'],
    [null, 'x'],
  ] as const) {
    const longest = content('uk');
    longest.petition = {
      ...longest.petition,
      title: letter.repeat(petitionLimits.title),
      addressee: 'W'.repeat(petitionLimits.addressee),
      body: letter.repeat(petitionLimits.body),
    };
    const { pages } = assertValidPdf(await deliveryPacket(longest, fonts));
    assert.ok(pages >= 6, `the whole word is laid out (${pages} pages)`);
  }
  const words = content('en');
  words.petition = {
    ...words.petition,
    body: 'Bring them home. '.repeat(petitionLimits.body / 17).slice(0, petitionLimits.body),
  };
  assert.ok(assertValidPdf(await deliveryPacket(words, packetFonts())).pages >= 4);
});

test('the packet is a tagged PDF: headings, paragraphs, the table, the QR code described, page numbers as artifacts', async () => {
  const pdf = await deliveryPacket(content('en'), packetFonts());
  const text = pdf.toString('latin1');
  assert.match(text, /\/MarkInfo \d+ 0 R/);
  assert.match(text, /\/Marked true/);
  assert.match(text, /\/Type \/StructTreeRoot/);
  assert.match(text, /\/Lang \(uk\)/, "the packet is in the petition's language");
  assert.match(text, /\/DisplayDocTitle true/);
  for (const type of ['Document', 'H1', 'H2', 'P', 'Table', 'TR', 'TH', 'TD', 'Figure', 'L', 'LI']) {
    assert.match(text, new RegExp(`/S /${type}\\b`), `a ${type} element`);
  }
  // The QR code's element says what it opens, for a reader who cannot see it.
  assert.match(text, /\/S \/Figure[^>]*\/Alt /);
  assert.ok(assertValidPdf(pdf).pages >= 2);
});

test('the packet counts paper batches in the total and lists each with its region and sheets', async () => {
  const withPaper = {
    ...content('en'),
    paper: [
      { count: 300, region: 'Lviv Oblast', sheets: '1-30' },
      { count: 1, region: 'Kyiv', sheets: '31' },
    ],
  };
  assert.deepEqual(paperLines(withPaper), {
    total: 301,
    summary: 'Of these, 1,234 were signed on the website and 301 were collected on paper sheets in 2 batches.',
    batches: ['300 signatures from Lviv Oblast, sheets 1-30', '1 signature from Kyiv, sheets 31'],
  });
  assert.deepEqual(paperLines(content('en')), { total: 0, summary: null, batches: [] });
  assertValidPdf(await deliveryPacket(withPaper, null));
});
