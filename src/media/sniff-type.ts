import { open } from 'node:fs/promises';
import { fileTypeFromBuffer } from 'file-type';
import { refusedFile } from './media-error.ts';

/** MediaType is a type of upload the cleaning takes, named by what its bytes are, never by what it is called. */
export type MediaType = 'jpeg' | 'png' | 'webp' | 'heic' | 'mp4' | 'mov' | 'webm';

/** imageTypes and videoTypes split the media types by what cleans them. */
export const imageTypes: ReadonlySet<MediaType> = new Set(['jpeg', 'png', 'webp', 'heic']);
export const videoTypes: ReadonlySet<MediaType> = new Set(['mp4', 'mov', 'webm']);

const byMime: Record<string, MediaType> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'image/heif': 'heic',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'video/webm': 'webm',
};

const byExtension: Record<string, MediaType> = {
  jpg: 'jpeg',
  jpeg: 'jpeg',
  png: 'png',
  webp: 'webp',
  heic: 'heic',
  heif: 'heic',
  mp4: 'mp4',
  m4v: 'mp4',
  mov: 'mov',
  qt: 'mov',
  webm: 'webm',
};

/** Claim is what the sender said a file is: its name and the type its browser gave; either may be missing. */
export interface Claim {
  name?: string;
  type?: string;
}

/**
 * sniffType reads what the first bytes of an upload say it is, and refuses it when that is not a type we clean or
 * differs from what its name or its browser claimed (a PNG called .jpg, a script called .mp4).
 */
export async function sniffType(head: Uint8Array, claim: Claim = {}): Promise<MediaType> {
  const found = await fileTypeFromBuffer(head);
  const real = found ? byMime[found.mime] : undefined;
  if (!real) throw refusedFile('file-type-refused');
  for (const claimed of [claimedByName(claim.name), claimedByType(claim.type)]) {
    if (claimed !== undefined && !sameFamily(claimed.type, real)) {
      throw refusedFile('file-type-mismatch', { claimed: claimed.label, real: found?.ext.toUpperCase() ?? real });
    }
  }
  return real;
}

interface Claimed {
  label: string;
  type: MediaType | null;
}

function claimedByName(name: string | undefined): Claimed | undefined {
  const dot = name?.lastIndexOf('.') ?? -1;
  if (name === undefined || dot < 0) return undefined;
  const extension = name.slice(dot + 1).toLowerCase();
  return { label: extension.toUpperCase(), type: byExtension[extension] ?? null };
}

function claimedByType(type: string | undefined): Claimed | undefined {
  // Browsers send application/octet-stream for what they do not know (HEIC on most desktops): that claims nothing.
  if (type === undefined || type === '' || type === 'application/octet-stream') return undefined;
  return { label: type, type: byMime[type.toLowerCase()] ?? null };
}

/** sameFamily forgives the one confusion phones make: an iPhone's .mov and an .mp4 are the same container family. */
function sameFamily(claimed: MediaType | null, real: MediaType): boolean {
  if (claimed === real) return true;
  return claimed !== null && videoTypes.has(claimed) && claimed !== 'webm' && real !== 'webm' && videoTypes.has(real);
}

/** readHead reads the first bytes of a file, as many as sniffType needs, without reading the rest. */
export async function readHead(path: string): Promise<Uint8Array> {
  const file = await open(path);
  try {
    const buffer = Buffer.alloc(4100);
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}
