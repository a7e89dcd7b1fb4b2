// The tests make their photos here: sharp draws one, exiftool plants GPS, device, owner, XMP, IPTC, an ICC profile,
// a thumbnail and a turned orientation in it, heif-enc makes a phone's HEIC of it; what comes out must carry none.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { deflateSync, crc32 } from 'node:zlib';
import sharp from 'sharp';
import { VecheError } from '../domain/errors.ts';
import { cleanImage } from './clean-image.ts';
import { mediaLimits } from './media-limits.ts';
import { plantTrail } from '../../test/support/planted-photo.ts';

const folder = mkdtempSync(join(tmpdir(), 'veche-image-'));
after(() => rmSync(folder, { recursive: true, force: true }));

const planted = [
  'PlantedMake',
  'PlantedModel',
  'PLANTED-SERIAL-77',
  'Planted Artist',
  'Planted Creator',
  'Planted Byline',
];

/** exif reads every tag exiftool finds in a file, by group, as one JSON text. */
function exif(path: string): string {
  return execFileSync('exiftool', ['-j', '-a', '-G1', '-n', path], { encoding: 'utf8' });
}

async function plantedPhoto(): Promise<string> {
  const path = join(folder, 'photo.jpg');
  const thumb = join(folder, 'thumb.jpg');
  // A landscape picture with an uncropped "original" thumbnail, stored sideways with Orientation 6 (turn right).
  const pixels = sharp({ create: { width: 2000, height: 1500, channels: 3, background: '#3a6ea5' } })
    .composite([
      {
        input: Buffer.from('<svg width="600" height="300"><circle cx="150" cy="150" r="140" fill="#f5c518"/></svg>'),
        left: 40,
        top: 40,
      },
    ])
    .withIccProfile('p3');
  writeFileSync(path, await pixels.jpeg().toBuffer());
  writeFileSync(
    thumb,
    await sharp({ create: { width: 160, height: 120, channels: 3, background: '#ff0000' } })
      .jpeg()
      .toBuffer(),
  );
  plantTrail(path, planted, [
    `-XMP-dc:Creator=${planted[4]}`,
    `-IPTC:By-line=${planted[5]}`,
    '-DateTimeOriginal=1999:03:01 10:00:00',
    '-Orientation#=6',
    `-ThumbnailImage<=${thumb}`,
  ]);
  return path;
}

test('cleanImage keeps the picture, turned upright, and drops every planted tag, the ICC profile and the thumbnail', async () => {
  const path = await plantedPhoto();
  const before = exif(path);
  for (const value of [...planted, 'GPSLatitude', 'ThumbnailImage', 'ICC_Profile', '1999:03:01']) {
    assert.ok(before.includes(value), `the fixture carries ${value}`);
  }
  const clean = await cleanImage(readFileSync(path), { name: 'IMG_0001.JPG', type: 'image/jpeg' });
  assert.deepEqual([clean.width, clean.height], [1500, 2000], 'turned upright: Orientation 6 stands the picture up');
  assert.deepEqual(
    clean.variants.map((v) => [v.name, v.width, v.height]),
    [
      ['480.jpg', 480, 640],
      ['960.jpg', 960, 1280],
    ],
  );
  for (const variant of clean.variants) {
    const served = join(folder, variant.name);
    writeFileSync(served, variant.bytes);
    const after = exif(served);
    for (const value of [...planted, 'GPS', 'Thumbnail', 'ICC', 'XMP', 'IPTC', '1999', 'Orientation', 'Make']) {
      assert.ok(!after.includes(value), `${variant.name} carries no ${value}: ${after}`);
    }
    const meta = await sharp(variant.bytes).metadata();
    assert.equal(meta.format, 'jpeg');
    assert.equal(meta.exif, undefined);
    assert.equal(meta.icc, undefined);
    assert.match(variant.sha256, /^[0-9a-f]{64}$/);
  }
});

test('cleanImage reads a phone HEIC and serves it as JPEG without its EXIF', async () => {
  const jpeg = await plantedPhoto();
  const heic = join(folder, 'photo.heic');
  execFileSync('heif-enc', ['-q', '50', jpeg, '-o', heic], { stdio: 'ignore' });
  assert.ok(exif(heic).includes(planted[0]), 'heif-enc carried the EXIF into the HEIC');
  const clean = await cleanImage(readFileSync(heic), { name: 'IMG_0002.HEIC', type: 'image/heic' });
  assert.ok(clean.variants.length > 0);
  for (const variant of clean.variants) {
    const served = join(folder, `heic-${variant.name}`);
    writeFileSync(served, variant.bytes);
    const after = exif(served);
    for (const value of [...planted, 'GPS', 'ICC', '1999']) assert.ok(!after.includes(value), `no ${value}: ${after}`);
    assert.equal(variant.contentType, 'image/jpeg');
  }
});

test('cleanImage keeps transparency as WebP', async () => {
  const png = await sharp({
    create: { width: 600, height: 400, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
  })
    .png()
    .toBuffer();
  const clean = await cleanImage(png, { name: 'logo.png', type: 'image/png' });
  assert.deepEqual(
    clean.variants.map((v) => [v.name, v.contentType]),
    [['480.webp', 'image/webp']],
  );
});

/** refusal runs `work` and returns the field problem it was refused with. */
async function refusal(work: Promise<unknown>): Promise<{ field: string; problem: string }> {
  try {
    await work;
  } catch (error) {
    assert.ok(error instanceof VecheError, String(error));
    assert.equal(error.code, 'invalid-input');
    return { field: error.fields[0].field, problem: error.fields[0].problem };
  }
  assert.fail('the file was taken');
}

test('cleanImage refuses a PNG named .jpg, naming the field', async () => {
  const png = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } })
    .png()
    .toBuffer();
  assert.deepEqual(await refusal(cleanImage(png, { name: 'photo.jpg' })), {
    field: 'file',
    problem: 'file-type-mismatch',
  });
  assert.deepEqual(await refusal(cleanImage(png, { type: 'image/jpeg' })), {
    field: 'file',
    problem: 'file-type-mismatch',
  });
  assert.deepEqual(await refusal(cleanImage(png, { name: 'photo.exe' })), {
    field: 'file',
    problem: 'file-type-mismatch',
  });
  assert.equal((await cleanImage(png, { name: 'photo.png' })).variants.length, 1);
});

test('cleanImage refuses what is not a picture at all', async () => {
  const text = Buffer.from('<html><script>alert(1)</script></html>');
  assert.deepEqual(await refusal(cleanImage(text, { name: 'photo.jpg' })), {
    field: 'file',
    problem: 'file-type-refused',
  });
});

/** bombPng is a real 30000×30000 PNG of one colour: about 110 KB that would decode to 900 million pixels. */
function bombPng(side: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.writeUInt8(1, 8); // one bit a pixel, greyscale
  const row = Buffer.alloc(1 + Math.ceil(side / 8));
  const rows = Buffer.alloc(row.length * side);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

test('cleanImage refuses a decompression bomb before decoding it', async () => {
  const bomb = bombPng(30000);
  assert.ok(bomb.length < mediaLimits.imageBytes, `the bomb is small: ${bomb.length} bytes`);
  assert.deepEqual(await refusal(cleanImage(bomb, { name: 'bomb.png' })), {
    field: 'file',
    problem: 'image-too-many-pixels',
  });
});

test('cleanImage refuses a file larger than the limit', async () => {
  const big = Buffer.alloc(mediaLimits.imageBytes + 1);
  assert.deepEqual(await refusal(cleanImage(big, { name: 'huge.jpg' })), { field: 'file', problem: 'file-too-large' });
});

test('cleanImage refuses a damaged picture with a 4xx, not a crash', async () => {
  const good = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#123456' } })
    .jpeg()
    .toBuffer();
  const cut = good.subarray(0, 200);
  assert.deepEqual(await refusal(cleanImage(cut, { name: 'cut.jpg' })), { field: 'file', problem: 'file-damaged' });
});
