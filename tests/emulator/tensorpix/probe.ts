import { ffprobeJson } from '../site/video';

/** What TensorPix reports about a video (the Job's `input_video`/`output_video` media fields). */
export interface VideoInfo {
  width: number;
  height: number;
  framerate: number;
  n_frames: number;
  duration: number;
  size: number;
  bitrate: number | null;
  codec_id: string;
  bit_depth: number | null;
  chroma_subsampling: string | null;
  color_space: string | null;
}

interface Probe {
  streams?: {
    codec_name?: string;
    width?: number;
    height?: number;
    pix_fmt?: string;
    color_space?: string;
    avg_frame_rate?: string;
    r_frame_rate?: string;
    nb_frames?: string;
    bit_rate?: string;
  }[];
  format?: { format_name?: string; duration?: string; bit_rate?: string };
}

const rate = (r: string | undefined) => {
  const [n, d] = (r ?? '').split('/').map(Number);
  return n && d ? n / d : 0;
};

/**
 * Probes bytes with ffprobe, as "could not be parsed as a video" implies the service does. Still
 * images (image2 / *_pipe demuxers, which ffprobe also opens) and anything without a video stream
 * or a positive duration are not videos.
 */
export function probeVideoInfo(bytes: Buffer): Promise<VideoInfo | null> {
  // The site's clips are the same Buffer on every fetch: probe each once (an emulator shortcut).
  let probed = probes.get(bytes);
  if (!probed) {
    probed = probe(bytes);
    probes.set(bytes, probed);
  }
  return probed;
}

const probes = new WeakMap<Buffer, Promise<VideoInfo | null>>();

async function probe(bytes: Buffer): Promise<VideoInfo | null> {
  const info = (await ffprobeJson(bytes, [
    '-select_streams',
    'v:0',
    '-show_entries',
    'stream=codec_name,width,height,pix_fmt,color_space,avg_frame_rate,r_frame_rate,nb_frames,bit_rate:format=format_name,duration,bit_rate',
  ])) as Probe | null;
  const stream = info?.streams?.[0];
  const format = info?.format?.format_name ?? '';
  const duration = Number(info?.format?.duration);
  if (!stream?.width || !stream.height || /(^|,)(image2|\w+_pipe)(,|$)/.test(format)) return null;
  if (!Number.isFinite(duration) || duration <= 0) return null;
  const framerate = rate(stream.avg_frame_rate) || rate(stream.r_frame_rate);
  const frames = Number(stream.nb_frames);
  const pix = stream.pix_fmt ?? '';
  const depth = /p(\d+)(le|be)$/.exec(pix)?.[1];
  const chroma = /4(20|22|44)/.exec(pix)?.[0];
  const bitrate = Number(stream.bit_rate ?? info?.format?.bit_rate);
  return {
    width: stream.width,
    height: stream.height,
    framerate: Math.round(framerate * 1000) / 1000,
    n_frames: Number.isFinite(frames) && frames > 0 ? frames : Math.round(duration * framerate),
    duration,
    size: bytes.length,
    bitrate: Number.isFinite(bitrate) && bitrate > 0 ? Math.round(bitrate) : null,
    codec_id: stream.codec_name ?? 'unknown',
    bit_depth: pix === '' ? null : depth ? Number(depth) : 8,
    chroma_subsampling: chroma ? `4:${chroma[1]}:${chroma[2]}` : null,
    color_space: stream.color_space ?? null,
  };
}
