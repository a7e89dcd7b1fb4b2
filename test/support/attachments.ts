import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { ActionContext, Actor } from '../../src/actions/context.ts';
import { publishAttachment } from '../../src/actions/publish-attachment.ts';
import { uploadAttachment, uploadsFolder } from '../../src/actions/upload-attachment.ts';
import { randomId } from '../../src/crypto/tokens.ts';

/** attachPhoto uploads a small plain photo to a petition as `actor`, published or not, and returns its public id. */
export async function attachPhoto(
  ctx: ActionContext,
  actor: Actor,
  petition: string,
  publish: boolean,
): Promise<string> {
  mkdirSync(uploadsFolder(ctx), { recursive: true });
  const path = join(uploadsFolder(ctx), `fixture-${randomId(8)}`);
  writeFileSync(
    path,
    await sharp({ create: { width: 640, height: 480, channels: 3, background: '#456' } })
      .jpeg()
      .toBuffer(),
  );
  const id = await uploadAttachment(ctx, actor, petition, { path, name: 'photo.jpg' }, { alt: 'A banner' });
  if (publish) await publishAttachment(ctx, actor, petition, id);
  return id;
}
