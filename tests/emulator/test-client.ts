/**
 * A tiny HTTPS client for the contract tests: it connects to the emulator's port while naming the
 * real host in SNI and Host, as Chromium does under --host-resolver-rules. Not a test file.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import sharp from 'sharp';
import type { Emulator } from './index';

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON shapes
  json(): any;
}

export interface RequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer | object;
  signal?: AbortSignal;
  /** Override the TLS server name (to test SNI/Host mismatches). */
  servername?: string;
}

export function call(emu: Emulator, url: string, init: RequestInit = {}): Promise<Answer> {
  const target = new URL(url);
  const body =
    init.body === undefined || typeof init.body === 'string' || Buffer.isBuffer(init.body)
      ? init.body
      : JSON.stringify(init.body);
  const secure = target.protocol === 'https:';
  const options = {
    host: '127.0.0.1',
    port: emu.port,
    method: init.method ?? (body === undefined ? 'GET' : 'POST'),
    path: target.pathname + target.search,
    headers: { host: target.hostname, ...init.headers },
    servername: init.servername ?? target.hostname,
    rejectUnauthorized: false,
    agent: false as const,
    signal: init.signal,
  };
  return new Promise((resolve, reject) => {
    const req = (secure ? httpsRequest : httpRequest)(options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: bytes,
          json: () => JSON.parse(bytes.toString()),
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const API = 'https://api-base.hitpaw.com';
export const SITE = 'https://gallery.example.org';

/** POST a JSON body to a HitPaw path with an `Apikey` header (omitted when key is null). */
export function hitpaw(
  emu: Emulator,
  path: string,
  body: unknown,
  key: string | null,
  headers: Record<string, string> = {},
) {
  const auth: Record<string, string> = key === null ? {} : { Apikey: key };
  return call(emu, API + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Submits a photo job and returns its id; fails the test on a non-200 answer. */
export async function submitPhoto(
  emu: Emulator,
  key: string,
  fields: Record<string, unknown> = {},
): Promise<string> {
  const answer = await hitpaw(
    emu,
    '/api/photo-enhancer',
    { model_name: 'general_2x', img_url: `${SITE}/images/logo.png`, extension: '.png', ...fields },
    key,
  );
  if (answer.status !== 200) throw new Error(`submit failed: ${answer.status} ${answer.body.toString()}`);
  return answer.json().data.job_id as string;
}

export interface StatusData {
  job_id: string;
  status: string;
  res_url: string;
  original_url: string;
  mask_url?: string;
}

export async function poll(emu: Emulator, key: string, jobId: string): Promise<StatusData> {
  const answer = await hitpaw(emu, '/api/task-status', { job_id: jobId }, key);
  if (answer.status !== 200) throw new Error(`poll failed: ${answer.status} ${answer.body.toString()}`);
  return answer.json().data as StatusData;
}

const TERMINAL = new Set(['COMPLETED', 'ERROR', 'TIMEOUT', 'NSFW', 'REJECT', 'CANCEL']);

/** Polls until a terminal status (at most `max` polls) and returns every status seen plus the last data. */
export async function pollToEnd(emu: Emulator, key: string, jobId: string, max = 40) {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    const data = await poll(emu, key, jobId);
    seen.push(data.status);
    if (TERMINAL.has(data.status)) return { seen, data };
  }
  throw new Error(`job ${jobId} not done after ${max} polls: ${seen.join(' ')}`);
}

/** Downloads a URL from the emulator and decodes it with sharp. */
export async function fetchImage(emu: Emulator, url: string) {
  const answer = await call(emu, url);
  if (answer.status !== 200) throw new Error(`GET ${url} → ${answer.status}`);
  return { answer, meta: await sharp(answer.body).metadata() };
}

/** Waits for a condition without fixed sleeps: re-checks on each turn of the event loop. */
export async function waitFor(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('waitFor: condition not met in time');
    await new Promise((resolve) => setImmediate(resolve));
  }
}
