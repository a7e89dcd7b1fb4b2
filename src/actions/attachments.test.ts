// An organiser attaches photos and a video to her petition: each is cleaned and kept as a draft she alone sees,
// published with the hash of every served file in the record, and removed with a public reason; the upload itself
// never stays on disk, whatever happens to it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import sharp from 'sharp';
import { openTestStore, type TestContext, testContext, type TestStore } from '../../test/support/database.ts';
import { addMember } from '../../test/support/people.ts';
import { openPetition, petitionFields } from '../../test/support/petitions.ts';
import { entriesOf } from '../../test/support/record.ts';
import { refusal } from '../../test/support/refusal.ts';
import { findVideoTools } from '../media/find-video-tools.ts';
import { findAttachment, readFileRange } from '../store/attachments.ts';
import { closePetition } from './close-petition.ts';
import type { Actor } from './context.ts';
import { publishAttachment } from './publish-attachment.ts';
import { publishPetition } from './publish-petition.ts';
import { removeAttachment } from './remove-attachment.ts';
import { savePetitionDraft } from './save-petition-draft.ts';
import { uploadAttachment, uploadsFolder } from './upload-attachment.ts';

let store: TestStore;
let ctx: TestContext;
let maria: Actor;

test.beforeEach(async () => {
  store = await openTestStore();
  ctx = testContext(store);
  maria = await addMember(ctx, 'organiser');
});
test.afterEach(() => store.drop());

/** upload writes bytes where the web layer writes an upload and returns it as the action takes it. */
function upload(bytes: Uint8Array, name: string, type?: string) {
  mkdirSync(uploadsFolder(ctx), { recursive: true });
  const path = join(uploadsFolder(ctx), `upload-${Math.random().toString(36).slice(2)}`);
  writeFileSync(path, bytes);
  return { path, name, ...(type ? { type } : {}) };
}

const photo = () =>
  sharp({ create: { width: 1200, height: 800, channels: 3, background: '#2a5599' } })
    .jpeg()
    .toBuffer();

async function servedBytes(attachmentId: number, name: string, size: number): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const part of readFileRange(ctx.store.db, attachmentId, name, 0, size - 1)) parts.push(part);
  return Buffer.concat(parts);
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

test('a photo uploaded to a draft is cleaned, kept as a draft with its widths, and its upload is deleted', async () => {
  const petition = await savePetitionDraft(ctx, maria, petitionFields());
  const file = upload(await photo(), 'IMG_0001.JPG', 'image/jpeg');
  const id = await uploadAttachment(ctx, maria, petition, file, { alt: 'Women holding a banner' });
  assert.equal(existsSync(file.path), false, 'the upload is gone');
  assert.deepEqual(readdirSync(uploadsFolder(ctx)), []);
  const attachment = await findAttachment(ctx.store.db, id);
  assert.ok(attachment);
  assert.equal(attachment.status, 'draft');
  assert.equal(attachment.alt, 'Women holding a banner');
  assert.deepEqual(
    attachment.files.map((f) => [f.name, f.contentType, f.width]),
    [
      ['480.jpg', 'image/jpeg', 480],
      ['960.jpg', 'image/jpeg', 960],
    ],
  );
  for (const f of attachment.files) assert.equal(sha256(await servedBytes(attachment.id, f.name, f.size)), f.sha256);
  assert.deepEqual(await entriesOf(ctx.store.db, petition), [], 'a draft says nothing in the record');
});

test('publishing waits for the petition, then records the hash of every served file', async () => {
  const petition = await savePetitionDraft(ctx, maria, petitionFields());
  const id = await uploadAttachment(ctx, maria, petition, upload(await photo(), 'a.jpg'), {});
  await assert.rejects(publishAttachment(ctx, maria, petition, id), refusal('wrong-state'));
  await publishPetition(ctx, maria, petition);
  await publishAttachment(ctx, maria, petition, id);
  const attachment = await findAttachment(ctx.store.db, id);
  assert.equal(attachment?.status, 'published');
  const entries = (await entriesOf(ctx.store.db, petition)).map((e) => e.entry);
  assert.deepEqual(entries.at(-1), {
    type: 'attachment.published',
    v: 1,
    petition,
    attachment: id,
    kind: 'image',
    files: attachment?.files.map((f) => ({ name: f.name, sha256: f.sha256 })),
  });
  await assert.rejects(publishAttachment(ctx, maria, petition, id), refusal('wrong-state'));
});

test('removing a published photo needs a public reason, records it, and deletes the bytes', async () => {
  const petition = await openPetition(ctx, maria);
  const id = await uploadAttachment(ctx, maria, petition, upload(await photo(), 'a.jpg'), {});
  await publishAttachment(ctx, maria, petition, id);
  await assert.rejects(
    removeAttachment(ctx, maria, petition, id, {}),
    refusal('invalid-input', [{ field: 'reason', problem: 'required' }]),
  );
  await removeAttachment(ctx, maria, petition, id, { reason: 'identifies-someone' });
  const attachment = await findAttachment(ctx.store.db, id);
  assert.equal(attachment?.status, 'removed');
  assert.equal((await servedBytes(attachment?.id ?? 0, '480.jpg', 1000)).length, 0, 'the bytes are deleted');
  const last = (await entriesOf(ctx.store.db, petition)).at(-1)?.entry;
  assert.deepEqual(last, { type: 'attachment.removed', v: 1, petition, attachment: id, reason: 'identifies-someone' });
  await assert.rejects(removeAttachment(ctx, maria, petition, id, { reason: 'other' }), refusal('wrong-state'));
});

test('removing a draft leaves no trace in the record', async () => {
  const petition = await openPetition(ctx, maria);
  const id = await uploadAttachment(ctx, maria, petition, upload(await photo(), 'a.jpg'), {});
  const before = (await entriesOf(ctx.store.db, petition)).length;
  await removeAttachment(ctx, maria, petition, id, {});
  assert.equal((await entriesOf(ctx.store.db, petition)).length, before);
});

test("another organiser cannot attach to someone's petition, nor anyone to a closed one; the upload is deleted", async () => {
  const petition = await openPetition(ctx, maria);
  const olga = await addMember(ctx, 'organiser');
  const theirs = upload(await photo(), 'a.jpg');
  await assert.rejects(uploadAttachment(ctx, olga, petition, theirs, {}), refusal('forbidden'));
  assert.equal(existsSync(theirs.path), false);
  await closePetition(ctx, maria, petition);
  await assert.rejects(
    uploadAttachment(ctx, maria, petition, upload(await photo(), 'a.jpg'), {}),
    refusal('wrong-state'),
  );
  assert.deepEqual(readdirSync(uploadsFolder(ctx)), []);
});

test('a PNG called .jpg is refused naming the file field, and nothing is kept', async () => {
  const petition = await openPetition(ctx, maria);
  const png = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } })
    .png()
    .toBuffer();
  await assert.rejects(
    uploadAttachment(ctx, maria, petition, upload(png, 'photo.jpg'), {}),
    refusal('invalid-input', [{ field: 'file', problem: 'file-type-mismatch' }]),
  );
  await assert.rejects(
    uploadAttachment(ctx, maria, petition, null, {}),
    refusal('invalid-input', [{ field: 'file', problem: 'required' }]),
  );
  assert.deepEqual(readdirSync(uploadsFolder(ctx)), []);
});

const tools = await findVideoTools({ npm: false });

test('a video is cleaned into one MP4 whose stored bytes hash as recorded; no work file stays', {
  skip: !tools,
}, async () => {
  const petition = await openPetition(ctx, maria);
  const clip = join(ctx.dataDir, 'clip.mov');
  execFileSync('ffmpeg', [
    ...['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=25:duration=1'],
    ...['-c:v', 'libx264', '-metadata', 'location=+55.7558+037.6173/', clip],
  ]);
  const file = upload(execFileSync('cat', [clip]), 'IMG_0003.MOV', 'video/quicktime');
  const id = await uploadAttachment(ctx, maria, petition, file, { alt: 'A soldier speaks' }, { tools });
  assert.deepEqual(readdirSync(uploadsFolder(ctx)), []);
  const attachment = await findAttachment(ctx.store.db, id);
  const video = attachment?.files[0];
  assert.ok(attachment && video);
  assert.deepEqual([attachment.kind, video.name, video.contentType], ['video', 'video.mp4', 'video/mp4']);
  const bytes = await servedBytes(attachment.id, video.name, video.size);
  assert.equal(bytes.length, video.size);
  assert.equal(sha256(bytes), video.sha256);
  assert.ok(!bytes.includes(Buffer.from('55.7558')), 'the place is not in the stored bytes');

  const broken = upload(execFileSync('cat', [clip]).subarray(0, 2000), 'cut.mov');
  await assert.rejects(uploadAttachment(ctx, maria, petition, broken, {}, { tools }), refusal('invalid-input'));
  assert.deepEqual(readdirSync(uploadsFolder(ctx)), [], 'a failed cleaning leaves nothing in the uploads folder');
});
