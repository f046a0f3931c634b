import type { StoredFile } from '../core/http';
import { ffmpegToBuffer } from '../site/video';

const TYPES: Record<string, string> = {
  '.mp4': 'video/mp4',
  '.m4v': 'video/x-m4v',
  '.mov': 'video/quicktime',
  '.mkv': 'video/x-matroska',
  '.avi': 'video/x-msvideo',
  '.gif': 'image/gif',
};

/**
 * A stand-in for video super-resolution: a real re-encode at the requested resolution with ffmpeg.
 * H.264 with 4:2:0 chroma needs even sizes, so odd sizes are rounded down by one pixel (assumption;
 * the docs say nothing). Audio, if any, is re-encoded to AAC (dropped for .gif and .avi).
 */
export async function enhanceVideo(
  input: Buffer,
  [width, height]: [number, number],
  extension: string,
): Promise<StoredFile> {
  const w = width - (width % 2);
  const h = height - (height % 2);
  const scale = ['-vf', `scale=${w}:${h}:flags=lanczos,setsar=1`];
  let codec: string[];
  if (extension === '.gif') codec = ['-an'];
  else if (extension === '.avi') codec = ['-c:v', 'mpeg4', '-q:v', '3', '-an'];
  else {
    codec = [
      '-map',
      '0:v:0',
      '-map',
      '0:a?',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
    ];
    if (extension !== '.mkv') codec.push('-movflags', '+faststart');
  }
  const bytes = await ffmpegToBuffer(input, [...scale, ...codec], extension);
  return { type: TYPES[extension] ?? 'application/octet-stream', bytes };
}
