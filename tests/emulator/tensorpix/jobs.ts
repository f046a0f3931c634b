import type { MLModel } from './models';
import type { Enhanced } from './process-video';
import type { VideoInfo } from './probe';
import type { JobOptions } from './validate';

/** Documented job status: 0 In Queue · 1 Processing · 2 Finished · -1 Failed · -2 Canceled. */
export type JobStatus = 0 | 1 | 2 | -1 | -2;
export type ForcedOutcome = -1 | -2;

/** The string forms of `GET /api/jobs/history/{id}/`. */
export const STATUS_NAMES: Record<JobStatus, string> = {
  0: 'IN_QUEUE',
  1: 'PROCESSING',
  2: 'FINISHED',
  [-1]: 'FAILED',
  [-2]: 'CANCELED',
};
export const STATUS_LABELS: Record<JobStatus, string> = {
  0: 'In Queue',
  1: 'Processing',
  2: 'Finished',
  [-1]: 'Failed',
  [-2]: 'Canceled',
};

/** Result files on the CDN (paths, not URLs: links are signed per response). */
export interface Published {
  enhanced: Enhanced;
  file: string;
  thumbnail: string;
  before?: string;
  name: string;
  createdAt: number;
}

/** What one response shows: the status, progress and ETA at a given poll. */
export interface JobState {
  status: JobStatus;
  progress: number;
  eta: number;
}

export interface Job {
  id: number;
  key: string;
  userId: number;
  email: string;
  inputId: number;
  outputId: number;
  inputUrl: string;
  inputName: string;
  input: VideoInfo;
  models: MLModel[];
  options: JobOptions;
  cost: number;
  createdAt: number;
  finishedAt: number | null;
  /** Polls at status 0, then at status 1; the poll after those reports the outcome. */
  spinUp: number;
  processing: number;
  /** Forced −1/−2 instead of 2 (then no processing runs). */
  outcome?: ForcedOutcome;
  /** First ETA estimate, seconds. */
  etaBase: number;
  polls: number;
  /** What the last detail/history GET reported; list pages show this without counting a poll. */
  shown: JobState;
  /** Processing, started at submit; null when it failed. The Finished poll awaits it. */
  work: Promise<Published | null>;
  result?: Published | null;
}

/** A read-only view for tests: `emu.tensorpix.jobs()`. */
export interface TensorPixJobSnapshot {
  id: number;
  key: string;
  inputUrl: string;
  modelIds: number[];
  preview: boolean;
  /** Credits charged (0 for previews). */
  cost: number;
  polls: number;
  status: JobStatus;
  progress: number;
  /** The enhanced file's CDN path once finished. */
  outputPath: string | null;
}

/** A small, deterministic wobble (±10 %) so that `eta_s` "fluctuates" as documented, the same on every run. */
const wobble = (id: number, poll: number) => 1 + 0.1 * Math.sin(id * 7.3 + poll * 2.1);

/** While queued the estimate also covers the GPU spin-up (emulator figure: 30 s). */
export const queuedEta = (job: Pick<Job, 'etaBase'>) => job.etaBase + 30;

/**
 * The state reported at poll `n` (0-based), counted in polls rather than time so tests are
 * deterministic: `spinUp` polls at 0, then `processing` polls at 1 with progress 0, 1/p, 2/p …,
 * then the outcome. The Finished poll waits for processing to end; if it failed, the job is −1.
 */
export async function stateAt(job: Job, n: number): Promise<JobState> {
  if (n < job.spinUp) return { status: 0, progress: 0, eta: queuedEta(job) };
  const k = n - job.spinUp;
  if (k < job.processing) {
    const progress = Math.round((k / job.processing) * 10000) / 10000;
    const eta = Math.max(1, Math.round(job.etaBase * (1 - progress) * wobble(job.id, n)));
    return { status: 1, progress, eta };
  }
  const last = job.processing > 0 ? Math.round(((job.processing - 1) / job.processing) * 10000) / 10000 : 0;
  if (job.outcome) return { status: job.outcome, progress: last, eta: 0 };
  job.result = await job.work;
  return job.result ? { status: 2, progress: 1, eta: 0 } : { status: -1, progress: last, eta: 0 };
}

export class JobTable {
  private readonly jobs = new Map<number, Job>();
  private nextJob = 1001;
  private nextMedia = 5001;

  newIds(): { id: number; inputId: number; outputId: number } {
    return { id: this.nextJob++, inputId: this.nextMedia++, outputId: this.nextMedia++ };
  }

  add(job: Job): void {
    this.jobs.set(job.id, job);
  }

  /** The job if it exists and belongs to `key`; another key's job is "Not found." as DRF querysets scope it. */
  find(id: number, key: string): Job | undefined {
    const job = this.jobs.get(id);
    return job && job.key === key ? job : undefined;
  }

  /** A key's jobs, newest first. */
  ofKey(key: string): Job[] {
    return [...this.jobs.values()].filter((j) => j.key === key).sort((a, b) => b.id - a.id);
  }

  /** Counts one poll and returns what it reports; terminal states stay. */
  async poll(job: Job, now: () => number): Promise<JobState> {
    const n = job.polls;
    job.polls += 1;
    const state = await stateAt(job, n);
    if (state.status !== 0 && state.status !== 1 && job.finishedAt === null) job.finishedAt = now();
    job.shown = state;
    return state;
  }

  /** Bytes of a key's stored outputs (what counts against its storage quota). */
  storageUsed(key: string): number {
    return this.ofKey(key).reduce((sum, j) => sum + (j.result?.enhanced.output.bytes.length ?? 0), 0);
  }

  snapshots(): TensorPixJobSnapshot[] {
    return [...this.jobs.values()].map((j) => ({
      id: j.id,
      key: j.key,
      inputUrl: j.inputUrl,
      modelIds: j.models.map((m) => m.id),
      preview: j.options.preview,
      cost: j.cost,
      polls: j.polls,
      status: j.shown.status,
      progress: j.shown.progress,
      outputPath: j.result?.file ?? null,
    }));
  }
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A presigned absolute URL for a CDN path, fresh on every call. */
export type Signer = (path: string) => string;

/** Options of the history variant. */
export interface HistoryStyle {
  statusNames: Record<JobStatus, string>;
}

/**
 * The documented Job object, field for field. `output_video` is null until status 2, and its
 * `file`, `thumbnail` and preview links are signed anew on every render. The history variant
 * (`GET /api/jobs/history/{id}/`) has `status` as a string and adds `container`, `crf`, `qscale`,
 * `prores_profile`.
 */
export function renderJob(
  job: Job,
  state: JobState,
  sign: Signer,
  history?: HistoryStyle,
): Record<string, unknown> {
  const { input, options } = job;
  const published = state.status === 2 ? job.result : null;
  const out = published?.enhanced.info;
  const body: Record<string, unknown> = {
    id: job.id,
    started: iso(job.createdAt),
    preview: options.preview,
    description: options.description,
    cost_usd: job.cost.toFixed(2),
    status: history ? history.statusNames[state.status] : state.status,
    eta_s: state.eta,
    finished:
      job.finishedAt === null || state.status === 0 || state.status === 1 ? null : iso(job.finishedAt),
    processing_progress: state.progress,
    input_video: {
      id: job.inputId,
      name: job.inputName,
      width: input.width,
      height: input.height,
      created_at: iso(job.createdAt),
      n_frames: input.n_frames,
      framerate: input.framerate,
      size: input.size,
      owner: job.email,
      thumbnail: null, // "null if the video was enhanced with the /jobs/from-url endpoint"
      external_url: job.inputUrl,
      bitrate: input.bitrate,
      codec_id: input.codec_id,
      bit_depth: input.bit_depth,
      chroma_subsampling: input.chroma_subsampling,
      color_space: input.color_space,
      file: null, // from-url inputs are not stored
    },
    output_video:
      published && out
        ? {
            id: job.outputId,
            job_id: job.id,
            preview_videos: {
              before_video: published.before ? sign(published.before) : null,
              after_video: published.before ? sign(published.file) : null,
            },
            name: published.name,
            created_at: iso(published.createdAt),
            width: out.width,
            height: out.height,
            owner: job.userId,
            deleted: null,
            framerate: out.framerate,
            n_frames: out.n_frames,
            bitrate: out.bitrate,
            codec_id: out.codec_id,
            bit_depth: out.bit_depth,
            chroma_subsampling: out.chroma_subsampling,
            color_space: out.color_space,
            size: out.size,
            file: sign(published.file),
            thumbnail: sign(published.thumbnail),
            quality_score: null,
          }
        : null,
    ml_models: job.models,
    grain: options.grain,
    codec: options.codec,
    output_resolution: options.output_resolution,
    comparison: options.comparison,
    stabilization_smoothing: options.stabilization_smoothing,
    fps_interpolation_factor: options.fps_interpolation_factor,
    playback_speed: options.playback_speed,
    sharpen_strength: options.sharpen_strength,
    start_frame: options.start_frame,
    end_frame: options.end_frame,
  };
  if (history) {
    const prores = options.codec === 'prores_ks';
    Object.assign(body, {
      container: prores ? 'mov' : 'mp4',
      crf: prores ? null : 18,
      qscale: prores ? 9 : null,
      prores_profile: prores ? 3 : null,
    });
  }
  return body;
}
