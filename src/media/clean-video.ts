import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { VideoTools } from './find-video-tools.ts';
import { refusedFile } from './media-error.ts';
import { type MediaLimits, mediaLimits, videoLongSide } from './media-limits.ts';
import { type Claim, readHead, sniffType, videoTypes } from './sniff-type.ts';

const run = promisify(execFile);

/** CleanVideo is a video after cleaning: one H.264/AAC MP4 in a folder of its own, removed by `dispose`. */
export interface CleanVideo {
  name: 'video.mp4';
  contentType: 'video/mp4';
  path: string;
  size: number;
  width: number;
  height: number;
  seconds: number;
  sha256: string;
  dispose(): Promise<void>;
}

/** VideoCleaning is what cleanVideo needs besides the file: the tools, a folder for its work, and the limits. */
export interface VideoCleaning {
  tools: VideoTools | null;
  workRoot: string;
  limits?: MediaLimits;
}

/**
 * cleanVideo rewrites an uploaded video so that it carries only its pictures and sound: it checks the bytes are an
 * MP4, MOV or WebM of a sane size and length, then re-encodes it with ffmpeg to H.264/AAC MP4 at a bounded size,
 * dropping all global and stream metadata (creation time, location ©xyz, make and model, user data boxes), chapters,
 * subtitle and data streams. ffmpeg is killed if it runs past the time limit; its folder is removed on any failure.
 */
export async function cleanVideo(path: string, claim: Claim, cleaning: VideoCleaning): Promise<CleanVideo> {
  const limits = cleaning.limits ?? mediaLimits;
  const tools = cleaning.tools;
  if (!tools) throw refusedFile('video-unavailable');
  const { size } = await stat(path);
  if (size > limits.videoBytes) throw refusedFile('file-too-large', { max: Math.floor(limits.videoBytes / 1048576) });
  const type = await sniffType(await readHead(path), claim);
  if (!videoTypes.has(type)) throw refusedFile('file-type-refused');
  checkProbe(await probe(tools, path), limits);

  const folder = await mkdtemp(join(cleaning.workRoot, 'video-'));
  const dispose = () => rm(folder, { recursive: true, force: true });
  try {
    const output = join(folder, 'video.mp4');
    await reencode(tools, path, output, limits);
    const cleaned = await probe(tools, output);
    const video = cleaned.streams.find((s) => s.codec_type === 'video');
    return {
      name: 'video.mp4',
      contentType: 'video/mp4',
      path: output,
      size: (await stat(output)).size,
      width: video?.width ?? 0,
      height: video?.height ?? 0,
      seconds: Number(cleaned.format.duration ?? 0),
      sha256: await hashFile(output),
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}

async function reencode(tools: VideoTools, input: string, output: string, limits: MediaLimits): Promise<void> {
  const side = videoLongSide;
  // Scale the longer side down to `side` (never up), keep the aspect, and keep both sides even for H.264.
  const scale = `scale='if(gte(iw,ih),min(${side},iw),-2)':'if(gte(iw,ih),-2,min(${side},ih))',format=yuv420p`;
  const args = [
    ...['-nostdin', '-hide_banner', '-loglevel', 'error', '-y', '-i', input],
    ...['-map', '0:v:0', '-map', '0:a:0?', '-dn', '-sn'],
    ...['-map_metadata', '-1', '-map_metadata:s:v', '-1', '-map_metadata:s:a', '-1', '-map_chapters', '-1'],
    ...['-fflags', '+bitexact', '-flags:v', '+bitexact', '-flags:a', '+bitexact'],
    ...['-vf', scale, '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '26', '-maxrate', '2500k', '-bufsize', '5000k'],
    ...['-c:a', 'aac', '-b:a', '128k', '-ac', '2'],
    ...['-t', String(limits.videoSeconds), '-fs', String(limits.videoBytes), '-movflags', '+faststart', output],
  ];
  try {
    await run(tools.ffmpeg, args, { timeout: limits.cleanMillis, killSignal: 'SIGKILL', maxBuffer: 1024 * 1024 });
  } catch (error) {
    if (error instanceof Error && 'killed' in error && error.killed) throw refusedFile('video-too-slow');
    throw refusedFile('file-damaged');
  }
}

interface Probe {
  format: { format_name?: string; duration?: string };
  streams: { codec_type?: string; width?: number; height?: number }[];
}

async function probe(tools: VideoTools, path: string): Promise<Probe> {
  try {
    const args = ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', path];
    const { stdout } = await run(tools.ffprobe, args, { timeout: 60_000, killSignal: 'SIGKILL', maxBuffer: 8 << 20 });
    return JSON.parse(stdout) as Probe;
  } catch {
    throw refusedFile('file-damaged');
  }
}

function checkProbe(found: Probe, limits: MediaLimits): void {
  const format = found.format.format_name ?? '';
  if (!/\b(mov|mp4|webm)\b/.test(format)) throw refusedFile('file-type-refused');
  const video = found.streams.find((s) => s.codec_type === 'video');
  if (!video?.width || !video.height) throw refusedFile('file-damaged');
  if (video.width * video.height > limits.videoPixels) {
    throw refusedFile('image-too-many-pixels', { max: Math.floor(limits.videoPixels / 1_000_000) });
  }
  const seconds = Number(found.format.duration);
  if (!Number.isFinite(seconds) || seconds <= 0) throw refusedFile('file-damaged');
  if (seconds > limits.videoSeconds) {
    throw refusedFile('video-too-long', { max: Math.floor(limits.videoSeconds / 60) });
  }
}

/** hashFile is the SHA-256 of a file, read as a stream so a long video is never held whole. */
export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
