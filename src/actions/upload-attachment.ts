import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { altTextLimit, attachmentsPerPetition } from '../domain/attachment.ts';
import { VecheError } from '../domain/errors.ts';
import { InputReader } from '../domain/input.ts';
import { randomId } from '../crypto/tokens.ts';
import { cleanImage } from '../media/clean-image.ts';
import { cleanVideo } from '../media/clean-video.ts';
import { type VideoTools, videoTools } from '../media/find-video-tools.ts';
import { refusedFile } from '../media/media-error.ts';
import { type MediaLimits, mediaLimits } from '../media/media-limits.ts';
import { imageTypes, readHead, sniffType } from '../media/sniff-type.ts';
import * as attachments from '../store/attachments.ts';
import type { ActionContext, Actor } from './context.ts';
import { loadOwnPetition } from './load-own-petition.ts';

/** UploadedFile is an upload as the web layer saved it: a file in the uploads folder, and what the sender called it. */
export interface UploadedFile {
  path: string;
  name?: string;
  type?: string;
}

/** MediaOptions lets tests and the demo choose the video tools and the limits; by default, what this machine has. */
export interface MediaOptions {
  tools?: VideoTools | null;
  limits?: MediaLimits;
}

/** uploadsFolder is where uploads are written while they are cleaned, inside the data folder; nothing stays there. */
export function uploadsFolder(ctx: ActionContext): string {
  return join(ctx.config.dataDir, 'uploads');
}

/**
 * uploadAttachment cleans a photo or video its organiser sent for a draft or open petition and keeps it as a draft
 * (seen only by its organiser until published). The upload is deleted whatever happens: only the cleaned files are
 * stored, in the database, with the attachment's row, in one transaction.
 */
export async function uploadAttachment(
  ctx: ActionContext,
  actor: Actor,
  petitionId: string,
  file: UploadedFile | null,
  fields: unknown,
  options: MediaOptions = {},
): Promise<string> {
  try {
    const petition = await loadOwnPetition(ctx, actor, petitionId);
    if (petition.status !== 'draft' && petition.status !== 'open') {
      throw new VecheError('wrong-state', 'Photos and videos can be added only while the petition is a draft or open.');
    }
    const input = new InputReader(fields);
    input.ignore('_csrf');
    const alt = input.text('alt', { max: altTextLimit, multiline: true }) ?? '';
    if (!file) input.add('file', 'required');
    input.done();
    if (!file) throw refusedFile('required');
    if ((await attachments.countLiveAttachments(ctx.store.db, petition.id)) >= attachmentsPerPetition) {
      throw refusedFile('too-many-attachments', { max: attachmentsPerPetition });
    }
    const limits = options.limits ?? mediaLimits;
    const claim = { name: file.name, type: file.type };
    const type = await sniffType(await readHead(file.path), claim);
    const publicId = `a${randomId(16)}`;
    const stored = { publicId, petitionId: petition.id, alt, createdAt: ctx.now() };
    if (imageTypes.has(type)) {
      if ((await stat(file.path)).size > limits.imageBytes) {
        throw refusedFile('file-too-large', { max: Math.floor(limits.imageBytes / (1024 * 1024)) });
      }
      const clean = await cleanImage(await readFile(file.path), claim, limits);
      await rm(file.path, { force: true });
      const files = clean.variants.map((v) => ({ ...v, size: v.bytes.byteLength }));
      await ctx.store.transaction((trx) => attachments.insertAttachment(trx, { ...stored, kind: 'image', files }));
      return publicId;
    }
    const tools = options.tools === undefined ? await videoTools() : options.tools;
    await mkdir(uploadsFolder(ctx), { recursive: true });
    const clean = await cleanVideo(file.path, claim, { tools, workRoot: uploadsFolder(ctx), limits });
    try {
      await rm(file.path, { force: true });
      const files = [{ ...clean, path: clean.path }];
      await ctx.store.transaction((trx) => attachments.insertAttachment(trx, { ...stored, kind: 'video', files }));
      return publicId;
    } finally {
      await clean.dispose();
    }
  } finally {
    if (file) await rm(file.path, { force: true });
  }
}
