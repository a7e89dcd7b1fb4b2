// An organiser attaches a phone's photo and video to her petition through the site: she sees the cleaned files first,
// with a warning of what cleaning cannot hide; once published, anyone gets them from our origin with a fixed type,
// immutable caching and ranges for the video, and what they get hashes to what the record says and carries no trace
// of where, when or on what device it was made.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import type { Actor } from '../../src/actions/context.ts';
import { publishPetition } from '../../src/actions/publish-petition.ts';
import { savePetitionDraft } from '../../src/actions/save-petition-draft.ts';
import { findVideoTools } from '../../src/media/find-video-tools.ts';
import { petitionFields } from '../support/petitions.ts';
import { entriesOf } from '../support/record.ts';
import { plantTrail } from '../support/planted-photo.ts';
import {
  addMember,
  Browser as BrowserOf,
  type Browser,
  createAdmin,
  logIn,
  type Reply,
  startTestApp,
  type TestApp,
} from './support.ts';

let t: TestApp;
let admin: Actor;
let ada: Browser;
let petition: string;

before(async () => {
  t = await startTestApp({ VECHE_POW_MAX: '0' });
  admin = await createAdmin(t.app);
  ada = await logIn(t.server, 'ada');
  petition = await savePetitionDraft(t.app, admin, petitionFields());
});
after(() => t.stop());

const planted = ['PlantedMake', 'PlantedModel', 'PLANTED-SERIAL', 'Planted Artist'];
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** upload sends a file (and the form token) as multipart/form-data, as a browser sends the upload form. */
async function upload(browser: Browser, name: string, type: string, bytes: Uint8Array, alt = ''): Promise<Reply> {
  const boundary = `----veche${Math.random().toString(16).slice(2)}`;
  const field = (n: string, v: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${n}"\r\n\r\n${v}\r\n`;
  const payload = Buffer.concat([
    Buffer.from(field('_csrf', browser.csrf) + field('alt', alt)),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const response = await t.server.inject({
    method: 'POST',
    url: `/admin/petitions/${petition}/attachments`,
    payload,
    headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
  const location = response.headers.location;
  return {
    status: response.statusCode,
    headers: response.headers,
    body: response.body,
    raw: response.rawPayload,
    location: typeof location === 'string' ? location : undefined,
  };
}

async function plantedPhoto(): Promise<Buffer> {
  const path = join(t.dataDir, 'fixture.jpg');
  writeFileSync(
    path,
    await sharp({ create: { width: 1800, height: 1200, channels: 3, background: '#6a8' } })
      .jpeg()
      .toBuffer(),
  );
  plantTrail(path, planted);
  return readFileSync(path);
}

function traces(bytes: Uint8Array): string {
  const path = join(t.dataDir, 'served');
  writeFileSync(path, bytes);
  return execFileSync('exiftool', ['-j', '-a', '-G1', '-n', path], { encoding: 'utf8' });
}

const uploads = () => (existsSync(join(t.dataDir, 'uploads')) ? readdirSync(join(t.dataDir, 'uploads')) : []);

/** attachmentsOn lists the /a/{id}/{file} addresses a page shows. */
const attachmentsOn = (page: string) => [...page.matchAll(/\/a\/(a\w+)\/([\w.]+)/g)].map((m) => [m[1], m[2]] as const);

test('the organiser uploads a photo with GPS and device tags, checks it, publishes it, and anyone gets it clean', async (s) => {
  let id = '';
  await s.test('the page warns, in plain words, what cleaning cannot hide', async () => {
    const page = await ada.get(`/admin/petitions/${petition}/attachments`);
    assert.equal(page.status, 200);
    assert.match(page.body, /Faces, voices, tattoos, uniforms, badges/);
    assert.match(page.body, /enctype="multipart\/form-data"/);
  });
  await s.test(
    'the upload is cleaned and shown to her alone, and nothing of it stays in the uploads folder',
    async () => {
      const reply = await upload(ada, 'IMG_0001.JPG', 'image/jpeg', await plantedPhoto(), 'Women with a banner');
      assert.equal(reply.status, 303, reply.body);
      assert.equal(reply.location, `/admin/petitions/${petition}/attachments?done=uploaded`);
      assert.deepEqual(uploads(), []);
      const page = await ada.get(`/admin/petitions/${petition}/attachments`);
      const files = attachmentsOn(page.body);
      assert.ok(files.length >= 2, page.body);
      id = files[0][0];
      const preview = await ada.get(`/a/${id}/960.jpg`);
      assert.equal(preview.status, 200);
      assert.equal(preview.headers['cache-control'], 'private, no-store');
      const stranger = await t.server.inject({ url: `/a/${id}/960.jpg` });
      assert.equal(stranger.statusCode, 404, 'a draft is not served to anyone else');
    },
  );
  await s.test('published, it is served to anyone as the record says, with no trace of the phone', async () => {
    await publishPetition(t.app, admin, petition);
    const page = await ada.get(`/admin/petitions/${petition}/attachments`);
    assert.equal((await ada.post(`/admin/petitions/${petition}/attachments/${id}/publish`, {})).status, 303);
    const entry = (await entriesOf(t.app.store.db, petition))
      .map((e) => e.entry)
      .find((e) => e.type === 'attachment.published');
    assert.ok(entry, page.body);
    const recorded = entry.files as { name: string; sha256: string }[];
    assert.deepEqual(
      recorded.map((f) => f.name),
      ['480.jpg', '960.jpg', '1600.jpg'],
    );
    for (const file of recorded) {
      const served = await t.server.inject({ url: `/a/${id}/${file.name}` });
      assert.equal(served.statusCode, 200);
      assert.equal(served.headers['content-type'], 'image/jpeg');
      assert.equal(served.headers['x-content-type-options'], 'nosniff');
      assert.equal(served.headers['cache-control'], 'public, max-age=31536000, immutable');
      assert.equal(served.headers.etag, `"${file.sha256}"`);
      assert.equal(sha256(served.rawPayload), file.sha256, 'the served file hashes to the record');
      const found = traces(served.rawPayload);
      for (const value of [...planted, 'GPS']) assert.ok(!found.includes(value), `${file.name} has no ${value}`);
      const again = await t.server.inject({
        url: `/a/${id}/${file.name}`,
        headers: { 'if-none-match': `"${file.sha256}"` },
      });
      assert.equal(again.statusCode, 304);
    }
    const publicPage = await t.server.inject({ url: `/p/${petition}` });
    assert.match(publicPage.body, new RegExp(`<img src="/a/${id}/480.jpg" srcset="[^"]*1600w"`));
    assert.match(publicPage.body, /alt="Women with a banner"/);
  });
});

test('a PNG called .jpg, a file too large and a missing file come back on the form, each named', async () => {
  await ada.get(`/admin/petitions/${petition}/attachments`);
  const png = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#000' } })
    .png()
    .toBuffer();
  const mismatch = await upload(ada, 'photo.jpg', 'image/jpeg', png);
  assert.equal(mismatch.status, 422);
  assert.match(mismatch.body, /<a href="#file">Photo or video: This file is called JPG but it is really PNG/);
  const huge = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(26 * 1024 * 1024)]);
  const tooLarge = await upload(ada, 'big.jpg', 'image/jpeg', huge);
  assert.equal(tooLarge.status, 422);
  assert.match(tooLarge.body, /This file is too large: at most 25 MB/);
  const missing = await upload(ada, '', 'application/octet-stream', Buffer.alloc(0));
  assert.equal(missing.status, 422);
  assert.match(missing.body, /<a href="#file">Photo or video: Please fill this in/);
  assert.deepEqual(uploads(), []);
});

test('someone who does not run the petition cannot upload to it', async () => {
  await addMember(t.app, admin, 'organiser', 'olga');
  const olga = await logIn(t.server, 'olga');
  const reply = await upload(olga, 'a.jpg', 'image/jpeg', await plantedPhoto());
  assert.equal(reply.status, 403);
  const anonymous = await upload(new BrowserOf(t.server), 'a.jpg', 'image/jpeg', await plantedPhoto());
  assert.equal(anonymous.status, 303, 'someone signed out is sent to sign in');
  assert.match(anonymous.location ?? '', /^\/login/);
  assert.deepEqual(uploads(), []);
});

const tools = await findVideoTools({ npm: false });

test('a phone video is served as a cleaned MP4 with ranges, and plays on the petition page', {
  skip: !tools,
}, async () => {
  const clip = join(t.dataDir, 'clip.mov');
  execFileSync('ffmpeg', [
    ...['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=25:duration=1'],
    ...['-c:v', 'libx264', '-movflags', 'use_metadata_tags', '-metadata', 'com.apple.quicktime.make=PlantedMake'],
    ...['-metadata', 'location=+55.7558+037.6173/', '-metadata', 'creation_time=1999-03-01T10:00:00Z', clip],
  ]);
  await ada.get(`/admin/petitions/${petition}/attachments`);
  const reply = await upload(ada, 'IMG_0003.MOV', 'video/quicktime', readFileSync(clip), 'A soldier speaks');
  assert.equal(reply.status, 303, reply.body);
  const page = await ada.get(`/admin/petitions/${petition}/attachments`);
  const id = attachmentsOn(page.body).find(([, file]) => file === 'video.mp4')?.[0];
  assert.ok(id);
  assert.equal((await ada.post(`/admin/petitions/${petition}/attachments/${id}/publish`, {})).status, 303);
  const whole = await t.server.inject({ url: `/a/${id}/video.mp4` });
  assert.equal(whole.statusCode, 200);
  assert.equal(whole.headers['content-type'], 'video/mp4');
  assert.equal(whole.headers['accept-ranges'], 'bytes');
  const size = whole.rawPayload.length;
  const part = await t.server.inject({ url: `/a/${id}/video.mp4`, headers: { range: 'bytes=100-1099' } });
  assert.equal(part.statusCode, 206);
  assert.equal(part.headers['content-range'], `bytes 100-1099/${size}`);
  assert.deepEqual(part.rawPayload, whole.rawPayload.subarray(100, 1100));
  const past = await t.server.inject({ url: `/a/${id}/video.mp4`, headers: { range: `bytes=${size}-` } });
  assert.equal(past.statusCode, 416);
  const found = traces(whole.rawPayload);
  for (const value of ['PlantedMake', '1999', 'GPS', '55.7558']) assert.ok(!found.includes(value), `no ${value}`);
  const publicPage = await t.server.inject({ url: `/p/${petition}` });
  assert.match(publicPage.body, new RegExp(`<video controls preload="metadata"[^>]*\\s+src="/a/${id}/video.mp4"`));
  assert.deepEqual(uploads(), []);
});

test('a large body that is not a multipart upload is refused at the forms’ limit, before its token is read', async () => {
  const cookie = [...ada.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const reply = await t.server.inject({
    method: 'POST',
    url: `/admin/petitions/${petition}/attachments`,
    payload: `_csrf=${ada.csrf}&alt=${'x'.repeat(200 * 1024)}`,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(reply.statusCode, 413);
});
