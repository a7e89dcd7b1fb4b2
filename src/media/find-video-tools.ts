import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

/** VideoTools are the ffmpeg and ffprobe programs that clean a video, and where they came from. */
export interface VideoTools {
  ffmpeg: string;
  ffprobe: string;
  from: 'system' | 'npm';
}

/** Search says where to look: the PATH to search, and whether the binaries shipped on npm may be used. */
export interface Search {
  path?: string;
  npm?: boolean;
}

const run = promisify(execFile);

/**
 * findVideoTools finds an ffmpeg that can write H.264 and AAC, with its ffprobe: the system's when there is one (a
 * distribution's build gets security updates), else the static builds that @ffmpeg-installer and @ffprobe-installer
 * ship through npm. Null means neither is here, and video uploads are refused: an uncleaned video is never published.
 */
export async function findVideoTools(search: Search = {}): Promise<VideoTools | null> {
  const candidates: VideoTools[] = [];
  const system = inPath('ffmpeg', search.path ?? process.env.PATH ?? '');
  const systemProbe = inPath('ffprobe', search.path ?? process.env.PATH ?? '');
  if (system && systemProbe) candidates.push({ ffmpeg: system, ffprobe: systemProbe, from: 'system' });
  if (search.npm !== false) {
    const shipped = fromNpm();
    if (shipped) candidates.push(shipped);
  }
  for (const tools of candidates) if (await encodesWebVideo(tools.ffmpeg)) return tools;
  return null;
}

let found: Promise<VideoTools | null> | undefined;

/** videoTools is findVideoTools looked up once for this process. */
export function videoTools(): Promise<VideoTools | null> {
  found ??= findVideoTools();
  return found;
}

function inPath(name: string, path: string): string | null {
  for (const folder of path.split(delimiter).filter(Boolean)) {
    const file = join(folder, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {}
  }
  return null;
}

function fromNpm(): VideoTools | null {
  const require = createRequire(import.meta.url);
  try {
    // Each throws when this platform has no binary (its optional dependency was not installed).
    const ffmpeg: { path: string } = require('@ffmpeg-installer/ffmpeg');
    const ffprobe: { path: string } = require('@ffprobe-installer/ffprobe');
    return { ffmpeg: ffmpeg.path, ffprobe: ffprobe.path, from: 'npm' };
  } catch {
    return null;
  }
}

async function encodesWebVideo(ffmpeg: string): Promise<boolean> {
  try {
    const { stdout } = await run(ffmpeg, ['-hide_banner', '-encoders'], { timeout: 30_000 });
    return /\blibx264\b/.test(stdout) && /\baac\b/.test(stdout);
  } catch {
    return false;
  }
}
