import { createHash } from 'node:crypto';
import type { Sharp } from 'sharp';
import { refusedFile } from './media-error.ts';
import { imageWidths, type MediaLimits, mediaLimits } from './media-limits.ts';
import { type Claim, imageTypes, sniffType } from './sniff-type.ts';

/**
 * loadSharp loads libvips on the first photo, not when the server starts: a node that never cleans one (most of a
 * cluster, most of the time) keeps the tens of megabytes it takes out of memory. Decoded images are not worth
 * keeping between uploads either; a cache would only hold one person's photo in memory longer.
 */
const loadSharp = once(async () => {
  const sharp = (await import('sharp')).default;
  sharp.cache(false);
  return sharp;
});
/** loadHeic loads libheif (WebAssembly) on the first HEIC, for the same reason. */
const loadHeic = once(async () => (await import('heic-decode')).default);

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

/** ServedFile is one cleaned file as it will be served: its name under /a/{id}/, its type, its bytes and their hash. */
export interface ServedFile {
  name: string;
  contentType: string;
  width: number;
  height: number;
  bytes: Buffer;
  sha256: string;
}

/** CleanImage is an image after cleaning: its size upright, and the same picture at each served width. */
export interface CleanImage {
  width: number;
  height: number;
  variants: ServedFile[];
}

/**
 * cleanImage turns an uploaded photo into files that say nothing but the picture: the real type is read from the
 * bytes (a mismatch with the name is refused), its size is checked before anything is decoded, it is turned upright,
 * converted to sRGB, and re-encoded at a few widths with no metadata at all (no EXIF, GPS, XMP, IPTC, ICC profile or
 * embedded thumbnail survives a re-encode that writes none). HEIC from phones is decoded by libheif (heic-decode),
 * since the libvips that sharp ships reads only AV1 HEIF.
 */
export async function cleanImage(
  bytes: Uint8Array,
  claim: Claim = {},
  limits: MediaLimits = mediaLimits,
): Promise<CleanImage> {
  if (bytes.byteLength > limits.imageBytes) {
    throw refusedFile('file-too-large', { max: Math.floor(limits.imageBytes / (1024 * 1024)) });
  }
  const type = await sniffType(bytes.subarray(0, 4100), claim);
  if (!imageTypes.has(type)) throw refusedFile('file-type-refused');
  const upright = type === 'heic' ? await openHeic(bytes, limits) : await openImage(bytes, limits);
  const widths: number[] = imageWidths.filter((w) => w <= upright.width);
  if (widths.length === 0) widths.push(upright.width);
  const variants: ServedFile[] = [];
  for (const width of widths) {
    const resized = upright.image.clone().resize({ width, withoutEnlargement: true }).toColourspace('srgb');
    const encoded = upright.alpha
      ? resized.webp({ quality: 82 })
      : resized.flatten({ background: '#ffffff' }).jpeg({ quality: 82, mozjpeg: true });
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true }).catch(damaged);
    variants.push({
      name: `${width}.${upright.alpha ? 'webp' : 'jpg'}`,
      contentType: upright.alpha ? 'image/webp' : 'image/jpeg',
      width: info.width,
      height: info.height,
      bytes: data,
      sha256: createHash('sha256').update(data).digest('hex'),
    });
  }
  return { width: upright.width, height: upright.height, variants };
}

interface Upright {
  image: Sharp;
  width: number;
  height: number;
  alpha: boolean;
}

async function openImage(bytes: Uint8Array, limits: MediaLimits): Promise<Upright> {
  const sharp = await loadSharp();
  const options = { limitInputPixels: limits.imagePixels, failOn: 'error' as const, sequentialRead: true };
  // The header says how large the picture is before a pixel is decoded: a bomb is refused here, cheaply.
  const meta = await sharp(bytes, { ...options, limitInputPixels: false })
    .metadata()
    .catch(damaged);
  const stored = { width: meta.width ?? 0, height: meta.height ?? 0 };
  if (stored.width * stored.height > limits.imagePixels || stored.width === 0) {
    throw refusedFile('image-too-many-pixels', { max: Math.floor(limits.imagePixels / 1_000_000) });
  }
  const turned = (meta.orientation ?? 1) >= 5;
  return {
    image: sharp(bytes, options).autoOrient(),
    width: turned ? stored.height : stored.width,
    height: turned ? stored.width : stored.height,
    alpha: meta.hasAlpha === true,
  };
}

async function openHeic(bytes: Uint8Array, limits: MediaLimits): Promise<Upright> {
  const [sharp, decodeHeic] = await Promise.all([loadSharp(), loadHeic()]);
  const images = await decodeHeic.all({ buffer: bytes }).catch(damaged);
  try {
    const first = images[0];
    if (!first || first.width * first.height > limits.imagePixels) {
      throw refusedFile('image-too-many-pixels', { max: Math.floor(limits.imagePixels / 1_000_000) });
    }
    // libheif applies the HEIF's own rotation and mirroring while decoding, so the pixels come out upright.
    const { width, height, data } = await first.decode().catch(damaged);
    const raw = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const image = sharp(raw, { raw: { width, height, channels: 4 }, limitInputPixels: limits.imagePixels });
    return { image: image.removeAlpha(), width, height, alpha: false };
  } finally {
    images.dispose();
  }
}

function damaged(error: unknown): never {
  if (error instanceof Error && 'code' in error && error.code === 'invalid-input') throw error;
  throw refusedFile('file-damaged');
}
