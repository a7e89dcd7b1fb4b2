import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { canonicalJson } from '../record/entry.ts';
import { checkAttachmentFiles } from './check-attachment-files.ts';
import { Findings } from './findings.ts';
import { RecordReader } from './record-reader.ts';
import { RecordTally } from './record-tally.ts';

/** FakeSite serves the files it is given, and nothing else. */
class FakeSite extends RecordReader {
  readonly files: Map<string, Uint8Array>;
  constructor(files: Record<string, string>) {
    super('https://site.example');
    this.files = new Map(Object.entries(files).map(([k, v]) => [k, new TextEncoder().encode(v)]));
  }
  protected async fetch(path: string): Promise<Uint8Array | null> {
    return this.files.get(path) ?? null;
  }
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const entry = (value: unknown) => new TextEncoder().encode(canonicalJson(value));

function tallyWith(files: { name: string; sha256: string }[], removed = false) {
  const findings = new Findings();
  const tally = new RecordTally(findings);
  const opened = { type: 'petition.opened', v: 1, petition: 'pA', text: sha('x'), goal: null, confirmation: 'none' };
  tally.add(entry(opened), 0);
  tally.add(
    entry({ type: 'attachment.published', v: 1, petition: 'pA', attachment: 'aPhoto', kind: 'image', files }),
    1,
  );
  if (removed)
    tally.add(entry({ type: 'attachment.removed', v: 1, petition: 'pA', attachment: 'aPhoto', reason: 'other' }), 2);
  tally.finish();
  return { tally, findings };
}

test('each served file of a published photo must hash to what the record published', async () => {
  const files = [
    { name: '480.jpg', sha256: sha('small') },
    { name: '960.jpg', sha256: sha('large') },
  ];
  const honest = tallyWith(files);
  const site = new FakeSite({ '/a/aPhoto/480.jpg': 'small', '/a/aPhoto/960.jpg': 'large' });
  assert.equal(await checkAttachmentFiles(site, honest.tally.attachments, honest.findings), 2);
  assert.deepEqual(honest.findings.discrepancies, []);

  const swapped = tallyWith(files);
  const other = new FakeSite({ '/a/aPhoto/480.jpg': 'another picture' });
  await checkAttachmentFiles(other, swapped.tally.attachments, swapped.findings);
  assert.deepEqual(
    swapped.findings.discrepancies.map((d) => [d.code, d.path]),
    [
      ['attachment-file-mismatch', '/a/aPhoto/480.jpg'],
      ['attachment-file-missing', '/a/aPhoto/960.jpg'],
    ],
  );
});

test('a removed photo is not looked for, and a mirror is not asked for files it does not hold', async () => {
  const removed = tallyWith([{ name: '480.jpg', sha256: sha('small') }], true);
  assert.equal(await checkAttachmentFiles(new FakeSite({}), removed.tally.attachments, removed.findings), 0);
  const kept = tallyWith([{ name: '480.jpg', sha256: sha('small') }]);
  const mirror = new FakeSite({});
  mirror.mirror = { version: 1 } as unknown as RecordReader['mirror'];
  assert.equal(await checkAttachmentFiles(mirror, kept.tally.attachments, kept.findings), 0);
  assert.deepEqual(removed.findings.discrepancies, []);
});
