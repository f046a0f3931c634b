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

/** Width, height and duration (seconds) of a video, or null when ffprobe finds no video stream. */
export async function probeVideo(
  bytes: Buffer,
): Promise<{ width: number; height: number; duration: number } | null> {
  const dir = await mkdtemp(join(tmpdir(), 'emu-probe-'));
  try {
    const file = join(dir, 'in.bin');
    await writeFile(file, bytes);
    const { stdout } = await run(FFPROBE, [
      '-v',
      'error',
      '-select_streams',
      'v:0',
      '-show_entries',
      'stream=width,height:format=duration',
      '-of',
      'json',
      file,
    ]);
    const info = JSON.parse(stdout) as {
      streams?: { width?: number; height?: number }[];
      format?: { duration?: string };
    };
    const stream = info.streams?.[0];
    const duration = Number(info.format?.duration);
    if (!stream?.width || !stream.height || !Number.isFinite(duration)) return null;
    return { width: stream.width, height: stream.height, duration };
  } catch {
    return null;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const clips = new Map<string, Promise<Buffer>>();

/** Test clips, made once per process on first use (about 0.2 s each): H.264, 320x180, 15 fps. */
export const SITE_CLIPS: Record<string, number> = {
  '/videos/clip.mp4': 2, // seconds
  '/videos/short.mp4': 0.2, // under HitPaw's 0.5 s minimum
};

export function siteClip(path: string): Promise<Buffer> | undefined {
  const seconds = SITE_CLIPS[path];
  if (seconds === undefined) return undefined;
  let clip = clips.get(path);
  if (!clip) {
    const source = `testsrc2=size=320x180:rate=15:duration=${seconds}`;
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
