import { z } from 'zod';
import {
  looseNumber,
  looseString,
  tensorpixRequest,
  TENSORPIX_BASE_URL,
  type TensorpixCall,
} from './tensorpix-api';
import type { ProviderMemory } from './types';
import { t } from '../i18n';

/**
 * TensorPix's model list, `GET /api/ml-models/` (used by third-party clients; no official page shows
 * it, its fields are the `ml_models` entries of the Job object). Model ids are never hard-coded: the
 * list is fetched at runtime, cached per key for a day, and searched by task and upscale factor. Pages
 * are DRF `{count, next, previous, results}`; a bare array is accepted too.
 */
export interface TensorpixModel {
  id: number;
  name: string;
  task: number | null;
  upscaleFactor: number | null;
  /** Largest input the model takes, in pixels (width × height); null when not stated. */
  maxResolution: number | null;
  costWeight: number | null;
  priority: number | null;
}

export const MODELS_PATH = 'api/ml-models/';
export const MODELS_CACHE_TTL_MS = 24 * 60 * 60_000;
const PAGE_SIZE = 100;
const MAX_PAGES = 20; // 2,000 models: far more than TensorPix offers, and a stop for a `next` that loops

const apiModelSchema = z.looseObject({
  id: z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/).transform(Number)]),
  name: looseString,
  task: looseNumber,
  upscale_factor: looseNumber,
  max_resolution: looseNumber,
  cost_weight: looseNumber,
  priority: looseNumber,
});

const pageSchema = z.union([
  z.array(z.unknown()),
  z.looseObject({ results: z.array(z.unknown()), next: looseString }),
]);

const modelSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  task: z.number().nullable(),
  upscaleFactor: z.number().nullable(),
  maxResolution: z.number().nullable(),
  costWeight: z.number().nullable(),
  priority: z.number().nullable(),
});
const cacheSchema = z.object({ fetchedAt: z.number(), models: z.array(modelSchema) });

function toModel(item: unknown): TensorpixModel[] {
  const parsed = apiModelSchema.safeParse(item);
  if (!parsed.success) return []; // one odd entry does not hide the others
  const m = parsed.data;
  return [
    {
      id: m.id,
      name: m.name ?? `model ${m.id}`,
      task: m.task,
      upscaleFactor: m.upscale_factor,
      maxResolution: m.max_resolution,
      costWeight: m.cost_weight,
      priority: m.priority,
    },
  ];
}

/**
 * A `next` link becomes a path on the TensorPix host: only its path and query are used, so the key is
 * never sent to whatever host a link names (DRF may also spell it `http://` behind a proxy).
 */
export function nextPagePath(next: string | null): string | null {
  if (!next) return null;
  let url: URL;
  try {
    url = new URL(next, TENSORPIX_BASE_URL);
  } catch {
    return null;
  }
  return /^\/api\/ml-models\/?$/.test(url.pathname) ? `${MODELS_PATH}${url.search}` : null;
}

/** Fetches every page of the model list. */
export async function fetchModels(call: TensorpixCall): Promise<TensorpixModel[]> {
  const models: TensorpixModel[] = [];
  const seen = new Set<string>();
  let path: string | null = `${MODELS_PATH}?limit=${PAGE_SIZE}`;
  for (let page = 0; path && page < MAX_PAGES && !seen.has(path); page++) {
    seen.add(path);
    const body: z.infer<typeof pageSchema> = await tensorpixRequest('get', path, pageSchema, call, {
      notFound: t('tp_models_not_found'),
    });
    const items = Array.isArray(body) ? body : body.results;
    models.push(...items.flatMap(toModel));
    path = Array.isArray(body) ? null : nextPagePath(body.next);
  }
  return models;
}

/** A short, non-reversible name for the key: the cache is per key, but the key itself is never stored. */
export async function modelsCacheName(key: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key));
  const hex = [...new Uint8Array(digest).slice(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `tensorpix:models:${hex}`;
}

export interface ModelList {
  models: TensorpixModel[];
  /** True when the list came from the cache (it may be up to a day old). */
  cached: boolean;
}

/** The cached list when younger than a day; otherwise (or with `fresh`) a new fetch, then cached. */
export async function tensorpixModels(
  call: TensorpixCall & { memory: ProviderMemory },
  options: { fresh?: boolean } = {},
): Promise<ModelList> {
  const now = (call.now ?? Date.now)();
  const name = await modelsCacheName(call.key);
  if (!options.fresh) {
    const stored = await call.memory.get(name);
    const cache = stored ? cacheSchema.safeParse(safeJson(stored)) : undefined;
    const age = cache?.success ? now - cache.data.fetchedAt : Infinity;
    if (cache?.success && age >= 0 && age < MODELS_CACHE_TTL_MS && cache.data.models.length > 0) {
      return { models: cache.data.models, cached: true };
    }
  }
  const models = await fetchModels(call);
  // An empty list is not remembered: the next job asks again.
  if (models.length > 0) await call.memory.set(name, JSON.stringify({ fetchedAt: now, models }));
  return { models, cached: false };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export interface ModelWish {
  task: number;
  upscaleFactor?: number;
}

export type ModelPick =
  | { ok: true; model: TensorpixModel }
  | { ok: false; reason: 'none' }
  | { ok: false; reason: 'too_large'; maxResolution: number };

const orNull = (value: number | null) => value ?? Number.POSITIVE_INFINITY;

/**
 * The model for a task (and upscale factor): among those that accept the input's pixel count, the
 * lowest `cost_weight`, then the lowest `priority`, then the lowest id (stable). A same-size task prefers
 * models that do not also upscale.
 */
export function pickModel(
  models: readonly TensorpixModel[],
  wish: ModelWish,
  pixels: number | null,
): ModelPick {
  const candidates = models.filter(
    (m) =>
      m.task === wish.task && (wish.upscaleFactor === undefined || m.upscaleFactor === wish.upscaleFactor),
  );
  if (candidates.length === 0) return { ok: false, reason: 'none' };
  const fits = (m: TensorpixModel) =>
    pixels === null || m.maxResolution === null || m.maxResolution <= 0 || pixels <= m.maxResolution;
  const fitting = candidates.filter(fits);
  if (fitting.length === 0) {
    return {
      ok: false,
      reason: 'too_large',
      maxResolution: Math.max(...candidates.map((m) => m.maxResolution ?? 0)),
    };
  }
  const upscales = (m: TensorpixModel) =>
    wish.upscaleFactor === undefined && (m.upscaleFactor ?? 1) > 1 ? 1 : 0;
  const [best] = [...fitting].sort(
    (a, b) =>
      upscales(a) - upscales(b) ||
      orNull(a.costWeight) - orNull(b.costWeight) ||
      orNull(a.priority) - orNull(b.priority) ||
      a.id - b.id,
  );
  return { ok: true, model: best! };
}
