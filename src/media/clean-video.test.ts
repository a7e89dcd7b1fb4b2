// The tests make their videos here with ffmpeg: a 1-second MP4 and MOV with a place, a phone's make and model and a
// creation time in them (as a phone writes: user data boxes and Apple's keys); what cleanVideo serves carries none.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { VecheError } from '../domain/errors.ts';
import { cleanVideo, hashFile } from './clean-video.ts';
import { findVideoTools } from './find-video-tools.ts';
import { mediaLimits } from './media-limits.ts';

const folder = mkdtempSync(join(tmpdir(), 'veche-video-'));
after(() => rmSync(folder, { recursive: true, force: true }));
const tools = await findVideoTools({ npm: false });
const inCi = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';
const skip = tools || inCi ? false : 'this machine has no ffmpeg (.ci/run installs it)';

const planted = ['PlantedMake', 'PlantedModel', 'PlantedArtist', 'PlantedHandler', '1999', '55.7558', '37.617'];

function ffmpeg(args: string[]): void {
  execFileSync('ffmpeg', ['-loglevel', 'error', '-y', ...args]);
}

const source = ['-f', 'lavfi', '-i', 'testsrc=size=640x360:rate=25:duration=1', '-f', 'lavfi', '-i', 'sine=duration=1'];
const tagged = ['-c:v', 'libx264', '-c:a', 'aac', '-metadata', 'creation_time=1999-03-01T10:00:00Z'];

function plantedMp4(): string {
  const path = join(folder, 'VID_0001.mp4');
  ffmpeg([
    ...source,
    ...tagged,
    '-metadata',
    'location=+55.7558+037.6173/',
    '-metadata:s:v',
    'handler_name=PlantedHandler',
    path,
  ]);
  execFileSync('exiftool', [
    '-q',
    '-overwrite_original',
    '-UserData:Make=PlantedMake',
    '-UserData:Model=PlantedModel',
    '-UserData:Artist=PlantedArtist',
    path,
  ]);
  return path;
}

function plantedMov(): string {
  const path = join(folder, 'IMG_0002.MOV');
  const apple = 'com.apple.quicktime';
  ffmpeg([
    ...source,
    ...tagged,
    '-movflags',
    'use_metadata_tags',
    '-metadata',
    `${apple}.location.ISO6709=+55.7558+037.6173/`,
    '-metadata',
    `${apple}.make=PlantedMake`,
    '-metadata',
    `${apple}.model=PlantedModel`,
    '-metadata',
    `${apple}.author=PlantedArtist`,
    path,
  ]);
  return path;
}

/** traces is everything exiftool and ffprobe find in a file, as one text. */
function traces(path: string): string {
  const exif = execFileSync('exiftool', ['-j', '-a', '-G1', '-n', path], { encoding: 'utf8' });
  const probe = execFileSync(
    'ffprobe',
    ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', path],
    { encoding: 'utf8' },
  );
  return exif + probe;
}

for (const [name, make] of [
  ['MP4', plantedMp4],
  ['MOV', plantedMov],
] as const) {
  test(`cleanVideo serves a phone's ${name} as an MP4 with no place, device, owner or time in it`, {
    skip,
  }, async () => {
    const path = make();
    const before = traces(path);
    for (const value of planted.filter((v) => v !== 'PlantedHandler' || name === 'MP4')) {
      assert.ok(before.includes(value), `the fixture carries ${value}`);
    }
    const work = join(folder, `work-${name}`);
    mkdirSync(work);
    const clean = await cleanVideo(path, { name: `clip.${name.toLowerCase()}` }, { tools, workRoot: work });
    const after = traces(clean.path);
    for (const value of [
      ...planted,
      'creation_time',
      '"location"',
      'LocationInformation',
      'ISO6709',
      'com.apple',
      'GPS',
      'Make',
      'Model',
    ]) {
      assert.ok(!after.includes(value), `the cleaned video carries no ${value}`);
    }
    assert.match(after, /"QuickTime:CreateDate": "0000:00:00 00:00:00"/, 'the creation time is zero');
    assert.deepEqual([clean.width, clean.height, clean.contentType], [640, 360, 'video/mp4']);
    assert.equal(clean.sha256, await hashFile(clean.path));
    const streams = JSON.parse(
      execFileSync('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_streams', clean.path], {
        encoding: 'utf8',
      }),
    ).streams;
    assert.deepEqual(
      streams.map((s: { codec_name: string }) => s.codec_name),
      ['h264', 'aac'],
    );
    await clean.dispose();
    assert.deepEqual(readdirSync(work), []);
  });
}

/** refusal runs `work` and returns the field problem it was refused with. */
async function refusal(work: Promise<unknown>): Promise<{ field: string; problem: string }> {
  try {
    await work;
  } catch (error) {
    assert.ok(error instanceof VecheError, String(error));
    return { field: error.fields[0].field, problem: error.fields[0].problem };
  }
  assert.fail('the video was taken');
}

test('cleanVideo refuses videos when no ffmpeg is to be found, rather than publish one uncleaned', async () => {
  assert.equal(await findVideoTools({ path: '', npm: false }), null);
  const path = join(folder, 'any.mp4');
  writeFileSync(path, 'not looked at');
  assert.deepEqual(await refusal(cleanVideo(path, {}, { tools: null, workRoot: folder })), {
    field: 'file',
    problem: 'video-unavailable',
  });
});

test('cleanVideo refuses a picture called .mp4, a video over the size limit and one over the time limit', {
  skip,
}, async () => {
  const png = join(folder, 'still.mp4');
  ffmpeg(['-f', 'lavfi', '-i', 'color=c=red:size=32x32', '-frames:v', '1', '-f', 'image2', '-c:v', 'png', png]);
  assert.deepEqual(await refusal(cleanVideo(png, { name: 'still.mp4' }, { tools, workRoot: folder })), {
    field: 'file',
    problem: 'file-type-mismatch',
  });
  const path = plantedMp4();
  const small = { ...mediaLimits, videoBytes: 1000 };
  assert.deepEqual(await refusal(cleanVideo(path, {}, { tools, workRoot: folder, limits: small })), {
    field: 'file',
    problem: 'file-too-large',
  });
  const short = { ...mediaLimits, videoSeconds: 0.5 };
  assert.deepEqual(await refusal(cleanVideo(path, {}, { tools, workRoot: folder, limits: short })), {
    field: 'file',
    problem: 'video-too-long',
  });
});

test('cleanVideo leaves no file behind when ffmpeg fails or is killed for taking too long', { skip }, async () => {
  const path = plantedMp4();
  const work = join(folder, 'work-failing');
  mkdirSync(work);
  const failing = join(folder, 'failing-ffmpeg');
  writeFileSync(failing, '#!/bin/sh\nfor last; do :; done\necho half > "$last"\nexit 1\n');
  chmodSync(failing, 0o755);
  const broken = { ffmpeg: failing, ffprobe: tools?.ffprobe ?? '', from: 'system' as const };
  assert.deepEqual(await refusal(cleanVideo(path, {}, { tools: broken, workRoot: work })), {
    field: 'file',
    problem: 'file-damaged',
  });
  assert.deepEqual(readdirSync(work), []);

  const slow = join(folder, 'slow-ffmpeg');
  writeFileSync(slow, '#!/bin/sh\nfor last; do :; done\necho half > "$last"\nexec sleep 60\n');
  chmodSync(slow, 0o755);
  const stuck = { ffmpeg: slow, ffprobe: tools?.ffprobe ?? '', from: 'system' as const };
  const limits = { ...mediaLimits, cleanMillis: 300 };
  assert.deepEqual(await refusal(cleanVideo(path, {}, { tools: stuck, workRoot: work, limits })), {
    field: 'file',
    problem: 'video-too-slow',
  });
  assert.deepEqual(readdirSync(work), []);
});
