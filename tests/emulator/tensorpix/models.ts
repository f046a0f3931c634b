/**
 * The emulator's ML model catalogue for `GET /api/ml-models/`. The fields are the MLModel object of
 * the Job schema (https://docs.tensorpix.ai/api-reference/jobs/list-jobs); the ids are stable fakes,
 * deliberately unlike the task numbers, so a client that hard-codes ids or confuses `id` with `task`
 * fails (model ids must be picked from this list at run time, never hard-coded). Names, weights,
 * priorities and limits other than the 4x one are invented.
 */
export interface MLModel {
  id: number;
  name: string;
  /** Task enum of the Job schema (TASKS below). */
  task: number;
  /** Impact on the job cost (higher costs more). */
  cost_weight: number;
  /** Super Resolution only; null for every other task. */
  upscale_factor: number | null;
  /** DEPRECATED in favour of the job's `fps_interpolation_factor`; always null here. */
  fps_boost_factor: number | null;
  /** Execution order inside a job: lower runs earlier. */
  priority: number;
  /** Largest input the model accepts, in pixels (width × height). */
  max_resolution: number;
}

/** Task numbers and names, exactly as TensorPix's Job schema lists them. */
export const TASKS: Record<number, string> = {
  1: 'Super Resolution',
  2: 'Film damage',
  3: 'Denoise',
  4: 'Sharpen',
  5: 'VHS Prettify',
  6: 'Dropouts Buster',
  7: 'Auto Color Balance',
  8: 'Decompressor',
  9: 'Deinterlace',
  10: 'FPS Interpolation',
  11: 'Slow Motion',
  12: 'Face Enhance',
  13: 'Stabilization',
  14: 'Audio Denoise',
  15: 'Low Light Enhance',
};

export const TASK = {
  superResolution: 1,
  filmDamage: 2,
  denoise: 3,
  sharpen: 4,
  deinterlace: 9,
  fpsInterpolation: 10,
  slowMotion: 11,
  faceEnhance: 12,
  stabilization: 13,
  lowLight: 15,
} as const;

const P_720 = 1280 * 720; // 921600: "4X upscale models don't support input … higher than 1280x720 px"
const P_1080 = 1920 * 1080; // 2073600
const P_4K = 3840 * 2160; // 8294400

const model = (
  id: number,
  name: string,
  task: number,
  cost_weight: number,
  priority: number,
  max_resolution: number,
  upscale_factor: number | null = null,
): MLModel => ({
  id,
  name,
  task,
  cost_weight,
  upscale_factor,
  fps_boost_factor: null,
  priority,
  max_resolution,
});

/** Listed in id order, as a DRF queryset without an explicit ordering would come back. */
export const ML_MODELS: readonly MLModel[] = [
  model(17, 'Deinterlace', TASK.deinterlace, 0.5, 10, P_4K),
  model(23, 'Film Restoration', TASK.filmDamage, 1.5, 20, P_1080),
  model(31, 'Denoise', TASK.denoise, 1, 30, P_4K),
  model(38, 'Low Light Enhance', TASK.lowLight, 1, 35, P_1080),
  model(42, 'Face Enhance', TASK.faceEnhance, 1.5, 40, P_1080),
  model(54, 'Sharpen', TASK.sharpen, 0.5, 50, P_4K),
  model(61, 'Upscale 2x', TASK.superResolution, 1, 60, P_1080, 2),
  model(64, 'Upscale 4x', TASK.superResolution, 2, 60, P_720, 4),
  model(75, 'Stabilization', TASK.stabilization, 1, 70, P_4K),
  model(86, 'FPS Boost', TASK.fpsInterpolation, 1.5, 80, P_1080),
  model(97, 'Slow Motion', TASK.slowMotion, 1.5, 90, P_1080),
];

export function findModel(id: number): MLModel | undefined {
  return ML_MODELS.find((m) => m.id === id);
}
