import { z } from 'zod';
import { takeBudget, unanswered, type Ticket } from './enhancecraft-budget';
import { enhancecraftError, type CallContext } from './enhancecraft-errors';
import { uploadFile } from './enhancecraft-files';
import { PROVIDER_HOSTS } from './hosts';
import { MAX_CACHED_BYTES } from '../jobs/blobs';
import { checkProviderUrl } from '../provider-url';
import { readCapped, readImageResult } from '../read-capped';
import {
  createClient,
  deadline,
  isRedirect,
  malformed,
  redirectRefused,
  send,
  transportError,
  type RawResponse,
} from './http';
import { downloadImage, openProviderUrl } from './result-download';
import type { ProviderContext } from './types';

/**
 * EnhanceCraft transport, as its API docs page describes it: `Authorization: Bearer <key>`, every answer's
 * X-RateLimit-* headers into the shared budget, HTTP errors mapped by status.
 */
export const ENHANCECRAFT = 'EnhanceCraft';
export const ENHANCECRAFT_BASE_URL = `https://${PROVIDER_HOSTS.enhancecraft}/`;
const client = createClient(ENHANCECRAFT_BASE_URL);

const clock = (ctx: ProviderContext) => (ctx.now ?? Date.now)();
const bearer = (ctx: ProviderContext) => ({ Authorization: `Bearer ${ctx.key}` });

/** The key goes to EnhanceCraft's own API host over https, and to no other address. */
export function sendsKeyTo(url: URL): boolean {
  return url.protocol === 'https:' && url.host === PROVIDER_HOSTS.enhancecraft;
}

export interface Call {
  method: 'get' | 'post';
  /** Relative to the API base, without a leading slash. */
  path: string;
  context: CallContext;
  /** Requests of the budget this call must leave unspent (see takeBudget). */
  reserve: number;
  /** Taken already, with the calls that must follow it (a submit's upload and job call). */
  ticket?: Ticket;
  json?: unknown;
  body?: FormData;
}

export async function enhancecraftCall(ctx: ProviderContext, call: Call): Promise<RawResponse> {
  const ticket = call.ticket ?? (await takeBudget(ctx, 1, call.reserve));
  const { method, path, json, body } = call;
  const raw = await send(
    ENHANCECRAFT,
    (signal) => client(path, { method, json, body, headers: bearer(ctx), signal }),
    ctx,
  ).catch(unanswered(ticket));
  await ticket.answered(raw.headers);
  if (raw.status < 200 || raw.status >= 300) throw enhancecraftError(raw, call.context, clock(ctx), ctx.key);
  return raw;
}

const uploadSchema = z.looseObject({
  storage_key: z.string().min(1).optional().catch(undefined),
  data: z
    .looseObject({ storage_key: z.string().min(1).optional().catch(undefined) })
    .optional()
    .catch(undefined),
});

/** `POST /api/v1/upload/api`, multipart field `file` → the storage key a job takes as `input_key`. */
export async function uploadImage(bytes: Blob, ctx: ProviderContext, ticket: Ticket): Promise<string> {
  const { file, filename } = await uploadFile(bytes);
  const form = new FormData();
  form.append('file', file, filename);
  // The ticket also holds the job call's request: an upload is only sent when that call can follow.
  const raw = await enhancecraftCall(ctx, {
    method: 'post',
    path: 'api/v1/upload/api',
    context: 'upload',
    reserve: 0,
    body: form,
    ticket,
  });
  const parsed = uploadSchema.safeParse(raw.json);
  const key = parsed.success ? (parsed.data.storage_key ?? parsed.data.data?.storage_key) : undefined;
  if (!key) throw malformed(ENHANCECRAFT, 'the upload answer has no storage_key');
  return key;
}

/** An error answer from the API host, read like any other (small, under the same deadline). */
async function errorAnswer(response: Response, signal: AbortSignal): Promise<RawResponse> {
  const body = await readCapped(response, 64 * 1024, signal);
  const text = body ? await body.text() : '';
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, json, text };
}

/**
 * GETs a result. A link elsewhere is public: downloaded without the key (redirects followed, the final
 * address checked). EnhanceCraft's own host gets the key, counts against its budget, and is never
 * followed through a redirect, which would carry the key along.
 */
export async function downloadResult(url: string, ctx: ProviderContext): Promise<Blob> {
  const checked = checkProviderUrl(url);
  const ours = checked !== null && sendsKeyTo(new URL(checked));
  const what = 'result';
  if (!ours) return downloadImage(url, { from: ENHANCECRAFT, what, maxBytes: MAX_CACHED_BYTES, limits: ctx });
  const ticket = await takeBudget(ctx, 1);
  const limit = deadline(ctx);
  try {
    const signal = limit.signal;
    const response = await openProviderUrl(checked, {
      from: ENHANCECRAFT,
      what,
      signal,
      headers: bearer(ctx),
    }).catch(unanswered(ticket));
    await ticket.answered(response.headers);
    if (isRedirect(response)) throw redirectRefused(ENHANCECRAFT);
    if (!response.ok)
      throw enhancecraftError(await errorAnswer(response, signal), 'result', clock(ctx), ctx.key);
    return await readImageResult(response, { maxBytes: MAX_CACHED_BYTES, signal, from: ENHANCECRAFT, what });
  } catch (error) {
    throw transportError(ENHANCECRAFT, error, limit);
  }
}
