import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** ffmpeg and ffprobe, from FFMPEG_PATH/FFPROBE_PATH or Debian's package. */
export const FFMPEG = process.env.FFMPEG_PATH ?? '/usr/bin/ffmpeg';
export const FFPROBE = process.env.FFPROBE_PATH ?? '/usr/bin/ffprobe';

/**
 * Runs ffmpeg with `args`, where the input is `input` (or none) and the output file is `out.<ext>`
 * in a temp dir, and returns the output bytes.
 */
export async function ffmpegToBuffer(input: Buffer | null, args: string[], ext: string): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'emu-video-'));
  try {
    const inFile = join(dir, 'in.bin');
    const outFile = join(dir, `out${ext}`);
    if (input) await writeFile(inFile, input);
    const inputArgs = input ? ['-i', inFile] : [];
    await run(FFMPEG, ['-hide_banner', '-loglevel', 'error', '-y', ...inputArgs, ...args, outFile]);
    return await readFile(outFile);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs ffprobe (`-v error … -of json`) on `bytes` with the given `-show_entries`-style args; null on failure. */
export async function ffprobeJson(bytes: Buffer, args: string[]): Promise<unknown> {
  const dir = await mkdtemp(join(tmpdir(), 'emu-probe-'));
  try {
    const file = join(dir, 'in.bin');
    await writeFile(file, bytes);
    const { stdout } = await run(FFPROBE, ['-v', 'error', ...args, '-of', 'json', file]);
    return JSON.parse(stdout) as unknown;
  } catch {
    return null;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Width, height and duration (seconds) of a video, or null when ffprobe finds no video stream. */
export async function probeVideo(
  bytes: Buffer,
): Promise<{ width: number; height: number; duration: number } | null> {
  const info = (await ffprobeJson(bytes, [
    '-select_streams',
    'v:0',
    '-show_entries',
    'stream=width,height:format=duration',
  ])) as { streams?: { width?: number; height?: number }[]; format?: { duration?: string } } | null;
  const stream = info?.streams?.[0];
  const duration = Number(info?.format?.duration);
  if (!stream?.width || !stream.height || !Number.isFinite(duration)) return null;
  return { width: stream.width, height: stream.height, duration };
}

const clips = new Map<string, Promise<Buffer>>();

export interface ClipSpec {
  seconds: number;
  width: number;
  height: number;
}

/** Test clips, made once per process on first use (0.1–0.3 s each): H.264 testsrc2 at 15 fps. */
export const SITE_CLIPS: Record<string, ClipSpec> = {
  '/videos/clip.mp4': { seconds: 2, width: 320, height: 180 },
  '/videos/short.mp4': { seconds: 0.2, width: 320, height: 180 }, // under HitPaw's 0.5 s minimum
  '/videos/tiny.mp4': { seconds: 3, width: 160, height: 90 }, // longer than a 2 s preview, cheap to upscale
  '/videos/fullhd.mp4': { seconds: 0.2, width: 1920, height: 1080 }, // 2,073,600 px: over a 1280x720 limit
};

export function siteClip(path: string): Promise<Buffer> | undefined {
  const spec = SITE_CLIPS[path];
  if (spec === undefined) return undefined;
  let clip = clips.get(path);
  if (!clip) {
    const source = `testsrc2=size=${spec.width}x${spec.height}:rate=15:duration=${spec.seconds}`;
    const encode = [
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
      '-movflags',
      '+faststart',
    ];
    clip = ffmpegToBuffer(null, ['-f', 'lavfi', '-i', source, ...encode], '.mp4');
    clips.set(path, clip);
  }
  return clip;
}
