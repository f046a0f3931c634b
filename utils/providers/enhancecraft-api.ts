import ky, { TimeoutError } from 'ky';
import { z } from 'zod';
import { ProviderError } from '../errors';
import { recordBudget, spendBudget } from './enhancecraft-budget';
import { enhancecraftError, type CallContext } from './enhancecraft-errors';
import { imageType, uploadFile } from './enhancecraft-files';
import { PROVIDER_HOSTS } from './hosts';
import { createClient, malformed, REQUEST_TIMEOUT_MS, send, type RawResponse } from './http';
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
  /** Requests of the budget this call must leave unspent (see spendBudget). */
  reserve: number;
  json?: unknown;
  body?: FormData;
}

export async function enhancecraftCall(ctx: ProviderContext, call: Call): Promise<RawResponse> {
  await spendBudget(ctx, call.reserve);
  const { method, path, json, body } = call;
  const raw = await send(ENHANCECRAFT, () =>
    client(path, { method, json, body, headers: bearer(ctx), signal: ctx.signal }),
  );
  await recordBudget(ctx, raw.headers);
  if (raw.status < 200 || raw.status >= 300) throw enhancecraftError(raw, call.context, clock(ctx));
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
export async function uploadImage(bytes: Blob, ctx: ProviderContext): Promise<string> {
  const { file, filename } = await uploadFile(bytes);
  const form = new FormData();
  form.append('file', file, filename);
  // Reserve 1: the job call that follows must still fit in the window.
  const raw = await enhancecraftCall(ctx, {
    method: 'post',
    path: 'api/v1/upload/api',
    context: 'upload',
    reserve: 1,
    body: form,
  });
  const parsed = uploadSchema.safeParse(raw.json);
  const key = parsed.success ? (parsed.data.storage_key ?? parsed.data.data?.storage_key) : undefined;
  if (!key) throw malformed(ENHANCECRAFT, 'the upload answer has no storage_key');
  return key;
}

/** Like `send`, for a body read as bytes: network trouble and timeouts become `network` errors. */
async function fetchResult(url: URL, ctx: ProviderContext): Promise<Response> {
  const headers = sendsKeyTo(url) ? bearer(ctx) : undefined;
  try {
    return await ky.get(url, {
      timeout: REQUEST_TIMEOUT_MS,
      retry: 0,
      throwHttpErrors: false,
      headers,
      signal: ctx.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    const message =
      error instanceof TimeoutError
        ? 'The EnhanceCraft result did not arrive in time. The extension will try again.'
        : 'Could not fetch the EnhanceCraft result. Check your connection; the extension will try again.';
    throw new ProviderError({ kind: 'network', retryable: true, message });
  }
}

function linkError(status: number): ProviderError {
  if (status === 429 || status >= 500) {
    const kind = status === 429 ? 'rate_limited' : 'provider_failure';
    const message = `The result's server is busy (HTTP ${status}). The extension will try again.`;
    return new ProviderError({ kind, retryable: true, message, httpStatus: status });
  }
  const message = 'The EnhanceCraft result link no longer works (it may have expired).';
  return new ProviderError({ kind: 'not_found', retryable: false, message, httpStatus: status });
}

/** GETs a result; only EnhanceCraft's API host gets the key (and counts against its budget). */
export async function downloadResult(url: string, ctx: ProviderContext): Promise<Blob> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw malformed(ENHANCECRAFT, 'the result address is not a URL');
  }
  if (target.protocol !== 'https:' && target.protocol !== 'http:') {
    throw malformed(ENHANCECRAFT, 'the result address is not http(s)');
  }
  const ours = sendsKeyTo(target);
  if (ours) await spendBudget(ctx, 0);
  const response = await fetchResult(target, ctx);
  if (ours) await recordBudget(ctx, response.headers);
  if (!response.ok) {
    if (!ours) throw linkError(response.status);
    const text = await response.text().catch(() => '');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const raw = { status: response.status, headers: response.headers, json, text };
    throw enhancecraftError(raw, 'result', clock(ctx));
  }
  const blob = await response.blob();
  const declared = response.headers.get('content-type');
  const type = await imageType(blob, declared);
  if (!type) {
    if (/json|html|text\//i.test(declared ?? ''))
      throw malformed(ENHANCECRAFT, 'the result link sent no image');
    return blob;
  }
  return blob.type === type ? blob : new Blob([blob], { type });
}
