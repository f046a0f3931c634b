/**
 * EnhanceCraft helpers for the contract tests, on top of test-client.ts. Not a test file.
 */
import { buildMultipart } from './enhancecraft/multipart';
import { startEmulator, type Emulator } from './index';
import { call, SITE, type Answer } from './test-client';

export const EC_API = 'https://api.enhancecraft.com';

/**
 * For `beforeAll`: one throw-away start pays the once-per-process costs (openssl certificate, sharp
 * start-up, site images) outside the tests, so each test's own time is what it measures.
 */
export async function warmUp(): Promise<void> {
  await (await startEmulator()).close();
}

export const RATE_HEADERS = [
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  'x-ratelimit-limit-month',
  'x-ratelimit-remaining-month',
] as const;

const bearer = (key: string | null): Record<string, string> =>
  key === null ? {} : { Authorization: `Bearer ${key}` };

/** Any request to api.enhancecraft.com with `Authorization: Bearer <key>` (omitted when key is null). */
export function ec(
  emu: Emulator,
  method: string,
  path: string,
  key: string | null,
  init: { json?: unknown; body?: Buffer | string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const json: Record<string, string> = init.json === undefined ? {} : { 'content-type': 'application/json' };
  const body = init.json === undefined ? init.body : JSON.stringify(init.json);
  return call(emu, EC_API + path, { method, headers: { ...bearer(key), ...json, ...init.headers }, body });
}

/** Bytes of a test-site image (e.g. `logo.png` 160x100, `photo.jpg` 200x150). */
export async function siteImage(emu: Emulator, name: string): Promise<Buffer> {
  const answer = await call(emu, `${SITE}/images/${name}`);
  if (answer.status !== 200) throw new Error(`GET ${name} → ${answer.status}`);
  return answer.body;
}

/** POST /api/v1/upload/api with the bytes in the multipart field `file`. */
export function upload(
  emu: Emulator,
  key: string | null,
  data: Buffer | string,
  filename = 'image.png',
  contentType = 'image/png',
  field = 'file',
): Promise<Answer> {
  const form = buildMultipart([{ name: field, filename, contentType, data }]);
  return ec(emu, 'POST', '/api/v1/upload/api', key, {
    body: form.body,
    headers: { 'content-type': form.contentType },
  });
}

/** Uploads a site image and returns its storage key; fails the test on a non-200 answer. */
export async function uploadSite(
  emu: Emulator,
  key: string,
  name = 'logo.png',
  filename = name,
): Promise<string> {
  const type = name.endsWith('.png') ? 'image/png' : name.endsWith('.webp') ? 'image/webp' : 'image/jpeg';
  const answer = await upload(emu, key, await siteImage(emu, name), filename, type);
  if (answer.status !== 200) throw new Error(`upload failed: ${answer.status} ${answer.body.toString()}`);
  return answer.json().storage_key as string;
}

export interface JobBody {
  id: string;
  status: 'queued' | 'processing' | 'completed' | 'failed';
  input_url: string;
  output_url: string | null;
  error_message: string | null;
  created_at: string;
  updated_at: string;
}

export type Op = { type: string; params?: Record<string, unknown> };

export function createJob(
  emu: Emulator,
  key: string | null,
  inputKey: string,
  operations: Op[],
  headers = {},
) {
  return ec(emu, 'POST', '/api/v1/jobs/api', key, { json: { input_key: inputKey, operations }, headers });
}

/** Creates a job and returns its body; fails the test on a non-201 answer. */
export async function submit(
  emu: Emulator,
  key: string,
  inputKey: string,
  operations: Op[],
): Promise<JobBody> {
  const answer = await createJob(emu, key, inputKey, operations);
  if (answer.status !== 201) throw new Error(`create failed: ${answer.status} ${answer.body.toString()}`);
  return answer.json() as JobBody;
}

export async function getJob(emu: Emulator, key: string, id: string): Promise<JobBody> {
  const answer = await ec(emu, 'GET', `/api/v1/jobs/api/${id}`, key);
  if (answer.status !== 200) throw new Error(`poll failed: ${answer.status} ${answer.body.toString()}`);
  return answer.json() as JobBody;
}

/** Polls until `completed`/`failed` (at most `max` polls); returns every status seen and the last body. */
export async function pollJob(emu: Emulator, key: string, id: string, max = 20) {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    const job = await getJob(emu, key, id);
    seen.push(job.status);
    if (job.status === 'completed' || job.status === 'failed') return { seen, job };
  }
  throw new Error(`job ${id} not done after ${max} polls: ${seen.join(' ')}`);
}

/** Upload → job → poll → download (key form, Bearer): the whole documented flow. */
export async function runJob(emu: Emulator, key: string, operations: Op[], image = 'logo.png') {
  const job = await submit(emu, key, await uploadSite(emu, key, image), operations);
  const { job: done } = await pollJob(emu, key, job.id);
  if (done.status !== 'completed') throw new Error(`job failed: ${done.error_message}`);
  // The extension's decision: a storage key is resolved against the API base, fetched with the Bearer key.
  const url = new URL(done.output_url!, EC_API);
  const file = await call(emu, url.href, { headers: bearer(key) });
  if (file.status !== 200) throw new Error(`download failed: ${file.status}`);
  return { job: done, file };
}
