import { execFile } from 'node:child_process';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import type { ActionContext, Actor } from '../actions/context.ts';
import { publishAttachment } from '../actions/publish-attachment.ts';
import { uploadAttachment, uploadsFolder } from '../actions/upload-attachment.ts';
import { videoTools } from '../media/find-video-tools.ts';
import { findPetition } from '../store/petitions.ts';
import { listAttachments } from '../store/attachments.ts';

const run = promisify(execFile);

// The place, device and owner the demo's files are made with: what a phone writes, and what the cleaning must remove.
const place = { lat: '55/1 45/1 2088/100', lon: '37/1 37/1 224/100', iso6709: '+55.7558+037.6173/' };
const device = { make: 'DemoPhone', model: 'DemoPhone 12 Pro', owner: 'Demo Owner' };

/**
 * seedDemoAttachments gives a demo petition a photo and (where ffmpeg is found) a short video made with a place, a
 * phone's make and model, an owner and a time in their metadata, uploads both as its organiser and publishes them. The
 * originals are kept in VECHE_DATA/demo-originals, for the demo only, so that anyone can compare them with what the
 * site serves (`exiftool`, `ffprobe`). Returns that folder, or null when the petition had attachments already.
 */
export async function seedDemoAttachments(
  ctx: ActionContext,
  actor: Actor,
  petitionId: string,
): Promise<string | null> {
  const petition = await findPetition(ctx.store.db, petitionId);
  if (!petition || (await listAttachments(ctx.store.db, petition.id, ['draft', 'published'])).length > 0) return null;
  const originals = join(ctx.config.dataDir, 'demo-originals');
  await mkdir(originals, { recursive: true });
  await mkdir(uploadsFolder(ctx), { recursive: true });

  const photo = join(originals, 'IMG_0412.JPG');
  const banner = Buffer.from(
    '<svg width="1600" height="1000"><rect width="1600" height="1000" fill="#d9c8a3"/><rect x="200" y="380" width="1200" height="240" fill="#fff" stroke="#333" stroke-width="8"/><text x="800" y="530" font-size="96" text-anchor="middle" font-family="sans-serif" fill="#a11">BRING THEM HOME</text></svg>',
  );
  await sharp(banner)
    .withExif({
      IFD0: { Make: device.make, Model: device.model, Artist: device.owner, DateTime: '2025:09:14 11:32:05' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: place.lat, GPSLongitudeRef: 'E', GPSLongitude: place.lon },
    })
    .jpeg({ quality: 85 })
    .toFile(photo);
  await publishUpload(ctx, actor, petitionId, photo, 'IMG_0412.JPG', 'A white banner reading "Bring them home".');

  const tools = await videoTools();
  if (tools) {
    const video = join(originals, 'IMG_0413.MOV');
    await run(tools.ffmpeg, [
      ...['-nostdin', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=25:duration=3'],
      ...[
        '-f',
        'lavfi',
        '-i',
        'sine=frequency=440:duration=3',
        '-c:v',
        'libx264',
        '-pix_fmt',
        'yuv420p',
        '-c:a',
        'aac',
      ],
      ...['-movflags', 'use_metadata_tags', '-metadata', `com.apple.quicktime.location.ISO6709=${place.iso6709}`],
      ...[
        '-metadata',
        `com.apple.quicktime.make=${device.make}`,
        '-metadata',
        `com.apple.quicktime.model=${device.model}`,
      ],
      ...['-metadata', `com.apple.quicktime.author=${device.owner}`, '-metadata', 'creation_time=2025-09-14T11:35:00Z'],
      video,
    ]);
    await publishUpload(
      ctx,
      actor,
      petitionId,
      video,
      'IMG_0413.MOV',
      'A test picture with a tone: a stand-in for a video.',
    );
  }
  return originals;
}

async function publishUpload(
  ctx: ActionContext,
  actor: Actor,
  petitionId: string,
  original: string,
  name: string,
  alt: string,
): Promise<void> {
  // The upload is a copy: uploadAttachment deletes what it is given, as it deletes every upload.
  const upload = join(uploadsFolder(ctx), `demo-${name}`);
  await copyFile(original, upload);
  const id = await uploadAttachment(ctx, actor, petitionId, { path: upload, name }, { alt });
  await publishAttachment(ctx, actor, petitionId, id);
}

/** writeDemoReadme says, beside the originals, what they are. */
export async function writeDemoReadme(folder: string): Promise<void> {
  await writeFile(
    join(folder, 'README.txt'),
    'The demo made these files with a place, a phone and an owner in their metadata, and uploaded them.\n' +
      'Compare them with what the site serves at /a/...: exiftool -a -G1 FILE, ffprobe -show_format -show_streams FILE.\n' +
      'A real site never keeps an upload; these are kept for the demo only.\n',
  );
}
