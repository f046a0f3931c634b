/**
 * Helpers for the TensorPix contract tests (tensorpix*.test.ts), on top of test-client.ts.
 * Not a test file.
 */
import { siteClip } from './site/video';
import { probeVideoInfo } from './tensorpix/probe';
import { startEmulator, type Emulator } from './index';
import { call, SITE } from './test-client';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON shapes
type Json = any;

export const TPX = 'https://backend.tensorpix.ai';
export const CLIP = `${SITE}/videos/clip.mp4`; // 320x180, 15 fps, 2 s
export const TINY = `${SITE}/videos/tiny.mp4`; // 160x90, 15 fps, 3 s

/** Model ids of the emulator's catalogue, looked up by task (and factor) as a client must. */
export function modelId(emu: Emulator, task: number, upscale?: number): number {
  const found = emu.tensorpix
    .models()
    .find((m) => m.task === task && (upscale === undefined || m.upscale_factor === upscale));
  if (!found) throw new Error(`no model for task ${task}`);
  return found.id;
}

/** A request to backend.tensorpix.ai with `Authorization: Token <key>` (no header when key is null). */
export function tpx(
  emu: Emulator,
  path: string,
  key: string | null,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = key === null ? {} : { authorization: `Token ${key}` };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  return call(emu, path.startsWith('https://') ? path : TPX + path, {
    method: init.method,
    headers: { ...headers, ...init.headers },
    body:
      init.body === undefined
        ? undefined
        : typeof init.body === 'string'
          ? init.body
          : JSON.stringify(init.body),
  });
}

/** POST /api/jobs/from-url/ and return the answer. */
export function fromUrl(emu: Emulator, key: string, body: Record<string, unknown>) {
  return tpx(emu, '/api/jobs/from-url/', key, { method: 'POST', body });
}

/** Creates a 2x upscale job of `url` (plus `fields`) and returns the 201 Job; fails on anything else. */
export async function createJob(
  emu: Emulator,
  key: string,
  fields: Record<string, unknown> = {},
): Promise<Json> {
  const answer = await fromUrl(emu, key, { url: TINY, ml_models: [modelId(emu, 1, 2)], ...fields });
  if (answer.status !== 201) throw new Error(`from-url failed: ${answer.status} ${answer.body.toString()}`);
  return answer.json();
}

export async function getJob(emu: Emulator, key: string, id: number, history = false): Promise<Json> {
  const answer = await tpx(emu, `/api/jobs/${history ? 'history/' : ''}${id}/`, key);
  if (answer.status !== 200) throw new Error(`GET job failed: ${answer.status} ${answer.body.toString()}`);
  return answer.json();
}

const TERMINAL = new Set<unknown>([2, -1, -2, 'FINISHED', 'FAILED', 'CANCELED']);

/** Polls a job until a terminal status (at most `max` polls); returns every job body seen. */
export async function pollJob(emu: Emulator, key: string, id: number, max = 40): Promise<Json[]> {
  const seen = [];
  for (let i = 0; i < max; i++) {
    const job = await getJob(emu, key, id);
    seen.push(job);
    if (TERMINAL.has(job.status)) return seen;
  }
  throw new Error(`job ${id} not done after ${max} polls`);
}

/**
 * For `beforeAll`: makes the per-process fixtures (certificate, site images, the clips and their
 * probes) once, so the first test of a file does not pay for them.
 */
export async function warmUp(): Promise<void> {
  const emu = await startEmulator();
  const clips = ['/videos/tiny.mp4', '/videos/clip.mp4', '/videos/fullhd.mp4'];
  await Promise.all(clips.map(async (path) => probeVideoInfo((await siteClip(path))!)));
  await emu.close();
}
