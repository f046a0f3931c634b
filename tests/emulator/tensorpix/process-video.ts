import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { StoredFile } from '../core/http';
import { FFMPEG } from '../site/video';
import { TASK, type MLModel } from './models';
import { probeVideoInfo, type VideoInfo } from './probe';
import type { Codec, JobOptions } from './validate';

/** What a job asks for, with the input as probed at submit. */
export interface EnhanceSpec {
  models: readonly MLModel[];
  options: JobOptions;
  input: VideoInfo;
  previewSeconds: number;
}

export interface Enhanced {
  output: StoredFile;
  info: VideoInfo;
  thumbnail: StoredFile;
  /** Preview jobs only: the same segment, not enhanced, at the output size. */
  before?: StoredFile;
}

const run = promisify(execFile);
const even = (n: number) => Math.max(2, Math.floor(n / 2) * 2);
const has = (models: readonly MLModel[], task: number) => models.some((m) => m.task === task);

/**
 * Output size: the input × the Super Resolution model's `upscale_factor`, or, when
 * `output_resolution` is set, that width with the input's aspect ratio. Odd sizes are rounded
 * down to even (H.264/H.265 4:2:0 need it).
 */
export function outputSize(spec: Pick<EnhanceSpec, 'models' | 'options' | 'input'>): [number, number] {
  const { width, height } = spec.input;
  if (spec.options.output_resolution > 0) {
    const w = spec.options.output_resolution;
    return [even(w), even((w * height) / width)];
  }
  const factor = spec.models.find((m) => m.task === TASK.superResolution)?.upscale_factor ?? 1;
  return [even(width * factor), even(height * factor)];
}

/** Seconds of input the job enhances: the frame range, then the preview cut. */
export function processedSeconds(spec: EnhanceSpec): number {
  const { framerate, n_frames } = spec.input;
  const start = spec.options.start_frame ?? 0;
  const end = Math.min(spec.options.end_frame ?? n_frames - 1, n_frames - 1);
  const seconds = Math.max(0, end - start + 1) / (framerate || 1);
  return spec.options.preview ? Math.min(seconds, spec.previewSeconds) : seconds;
}

const CONTAINERS: Record<Codec, { ext: string; type: string; args: string[] }> = {
  libx264: {
    ext: '.mp4',
    type: 'video/mp4',
    args: [
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-crf',
      '18',
      '-pix_fmt',
      'yuv420p',
      '-movflags',
      '+faststart',
    ],
  },
  libx265: {
    ext: '.mp4',
    type: 'video/mp4',
    args: [
      '-c:v',
      'libx265',
      '-preset',
      'ultrafast',
      '-crf',
      '18',
      '-x265-params',
      'log-level=error',
      '-tag:v',
      'hvc1',
      '-pix_fmt',
      'yuv420p',
      '-movflags',
      '+faststart',
    ],
  },
  prores_ks: {
    ext: '.mov',
    type: 'video/quicktime',
    args: ['-c:v', 'prores_ks', '-profile:v', '3', '-pix_fmt', 'yuv422p10le'],
  },
};

export function containerOf(codec: Codec): { ext: string; type: string } {
  return CONTAINERS[codec];
}

const FONT = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
].find((f) => existsSync(f));

/** A translucent band, plus text when a font is installed: the preview watermark. */
function watermark(): string {
  const band = 'drawbox=x=0:y=ih*2/5:w=iw:h=ih/5:color=black@0.55:t=fill';
  if (!FONT) return band;
  return `${band},drawtext=fontfile=${FONT}:text='TensorPix PREVIEW':fontcolor=white@0.9:fontsize=h/12:x=(w-tw)/2:y=(h-th)/2`;
}

/** Stand-in filters per task, cheap on tiny clips; lower `priority` runs first. */
function taskFilter(model: MLModel, options: JobOptions): string | null {
  switch (model.task) {
    case TASK.filmDamage:
      return 'hqdn3d=2:1:3:3';
    case TASK.denoise:
      return 'hqdn3d';
    case TASK.sharpen:
      return `unsharp=5:5:${(0.3 + options.sharpen_strength * 1.2).toFixed(2)}`;
    case TASK.deinterlace:
      return 'yadif';
    case TASK.faceEnhance:
      return 'unsharp=3:3:0.4';
    case TASK.stabilization: {
      // "Video may be zoomed in": crop by up to 8 % with the smoothing, scaled back later.
      const keep = (1 - 0.08 * options.stabilization_smoothing).toFixed(3);
      return `crop=trunc(iw*${keep}/2)*2:trunc(ih*${keep}/2)*2`;
    }
    case TASK.lowLight:
      return 'eq=brightness=0.05:gamma=1.15';
    default:
      return null; // SR, FPS and slow motion are size and time changes, handled below
  }
}

/**
 * A real, small re-encode standing in for the AI models: frame range and preview cut, slow motion
 * (`setpts` by 1/playback_speed, re-timed to the source rate), FPS interpolation (the `framerate`
 * filter's blending at factor× the rate), per-task filters, grain, the output size, the side-by-side
 * comparison and the preview watermark. Options whose model is absent are ignored, as documented.
 * Audio is kept only when the timing is untouched. One ffmpeg run writes the video, its thumbnail
 * and (previews) the before clip; one ffprobe run measures the result.
 */
export async function enhanceVideo(input: Buffer, spec: EnhanceSpec): Promise<Enhanced> {
  const { models, options, input: info } = spec;
  const [w, h] = outputSize(spec);
  const pre: string[] = [];
  if (options.start_frame !== null || options.end_frame !== null) {
    const end = options.end_frame === null ? '' : `:end_frame=${options.end_frame + 1}`;
    pre.push(`trim=start_frame=${options.start_frame ?? 0}${end}`, 'setpts=PTS-STARTPTS');
  }
  if (options.preview) pre.push(`trim=duration=${spec.previewSeconds}`, 'setpts=PTS-STARTPTS');
  const slow = has(models, TASK.slowMotion) && options.playback_speed !== 1;
  const fpsFactor = has(models, TASK.fpsInterpolation) ? options.fps_interpolation_factor : 1;
  if (slow) pre.push(`setpts=PTS/${options.playback_speed}`);
  if (slow || fpsFactor !== 1)
    pre.push(`framerate=fps=${Math.round(info.framerate * fpsFactor * 1000) / 1000}`);
  const timed = pre.length > 0;

  const enhance = [...models]
    .sort((a, b) => a.priority - b.priority)
    .map((m) => taskFilter(m, options))
    .filter((f): f is string => f !== null);
  if (options.grain > 0) enhance.push(`noise=alls=${Math.round(options.grain * 40)}:allf=t`);
  enhance.push(`scale=${w}:${h}:flags=lanczos`, 'setsar=1');

  const chain = (filters: string[]) => (filters.length > 0 ? filters.join(',') : 'null');
  const original = `scale=${w}:${h}:flags=neighbor,setsar=1`;
  // Branches of the source after the time edits: the enhanced one, the original for a side-by-side
  // comparison, and the original again for a preview's before clip.
  const branches = ['e', ...(options.comparison ? ['o'] : []), ...(options.preview ? ['b'] : [])];
  const graph = [
    `[0:v]${chain(pre)},split=${branches.length}${branches.map((b) => `[${b}]`).join('')}`,
    `[e]${chain(enhance)}[e2]`,
    ...(options.comparison ? [`[o]${original}[o2]`, '[o2][e2]hstack=inputs=2[c]'] : []),
    `[${options.comparison ? 'c' : 'e2'}]${options.preview ? `${watermark()},` : ''}split=2[v][t0]`,
    '[t0]scale=320:-2[t]',
    ...(options.preview ? [`[b]${original}[bv]`] : []),
  ].join(';');
  const container = CONTAINERS[options.codec];
  const audio = timed || options.codec === 'prores_ks' ? ['-an'] : ['-map', '0:a?', '-c:a', 'aac'];
  const outputs = [
    { ext: container.ext, args: ['-map', '[v]', ...audio, ...container.args] },
    { ext: '.jpg', args: ['-map', '[t]', '-frames:v', '1'] },
    ...(options.preview ? [{ ext: '.mp4', args: ['-map', '[bv]', '-an', ...CONTAINERS.libx264.args] }] : []),
  ];
  const [bytes, thumb, before] = await ffmpegOutputs(input, ['-filter_complex', graph], outputs);
  const probed = await probeVideoInfo(bytes!);
  if (!probed) throw new Error('the enhanced video does not probe');
  return {
    output: { bytes: bytes!, type: container.type },
    info: probed,
    thumbnail: { bytes: thumb!, type: 'image/jpeg' },
    before: before ? { bytes: before, type: 'video/mp4' } : undefined,
  };
}

/** One ffmpeg run with several outputs (`out0.ext`, `out1.ext`, …) in a temp dir; returns their bytes. */
async function ffmpegOutputs(
  input: Buffer,
  args: string[],
  outputs: { ext: string; args: string[] }[],
): Promise<Buffer[]> {
  const dir = await mkdtemp(join(tmpdir(), 'emu-tensorpix-'));
  try {
    const inFile = join(dir, 'in.bin');
    await writeFile(inFile, input);
    const files = outputs.map((o, i) => join(dir, `out${i}${o.ext}`));
    const outArgs = outputs.flatMap((o, i) => [...o.args, files[i]!]);
    await run(FFMPEG, ['-hide_banner', '-loglevel', 'error', '-y', '-i', inFile, ...args, ...outArgs]);
    return await Promise.all(files.map((f) => readFile(f)));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
