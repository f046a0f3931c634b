import type { Clock } from '../core/clock';
import type { FileStore } from '../core/files';
import { sendReply, type HostModule, type RequestContext } from '../core/http';
import { applyPatch, defaultConfig, type HitPawConfig, type HitPawConfigPatch } from './config';
import { defaultFaultBody, fail, ok, type Reply } from './envelope';
import { FaultQueue, type Fault } from './faults';
import type { ForcedOutcome, InputSource } from './input';
import { JobTable, seededRandom, type JobSnapshot } from './jobs';
import { KeyStore, type KeyOptions } from './keys';
import { createSigner, OSS_HOST, ossFail, presignPut, presignPutBatch, type PresignEnv } from './oss';
import { handleBucket, type OssObject } from './oss-bucket';
import { preparePhoto, prepareSegmentation, prepareVideo } from './prepare';
import { finishSubmit, type SubmitEnv } from './submit';
import { parseJson, validatePhoto, validateSegmentation, validateStatus, validateVideo } from './validate';

export const HITPAW_HOST = 'api-base.hitpaw.com';

/** Test-side control of the HitPaw emulator (`emu.hitpaw`). */
export interface HitPawControl {
  /** Adds or replaces a key. Keys not added are invalid (400 110400000). */
  addKey(key: string, options?: KeyOptions): void;
  /** Current balance of a key. */
  coins(key: string): number;
  /** Every job submitted so far. */
  jobs(): JobSnapshot[];
  /** Merges switches into the configuration; affects jobs submitted afterwards. */
  configure(patch: HitPawConfigPatch): void;
  config(): Readonly<HitPawConfig>;
  /** Replaces the answers to the next `times` requests on `path` (e.g. '/api/task-status'). */
  inject(path: string, fault: Fault, times?: number): void;
  /** The next job submitted (without its own `#emu=` scenario) ends with this status instead of COMPLETED. */
  forceNextOutcome(outcome: ForcedOutcome): void;
  /**
   * The next job submitted is done `ms` after its submit (emulator clock), whatever `timing` says:
   * one job per call, in submit order. Its snapshot's `doneAt` says when.
   */
  forceNextDuration(ms: number): void;
  /** Every object stored through a presigned PUT, oldest first. */
  uploads(): OssObject[];
}

interface Deps {
  clock: Clock;
  store: FileStore;
  sources: readonly InputSource[];
  cdnOrigin: string;
}

type Endpoint = (body: Record<string, unknown>, key: string, ctx: RequestContext) => Promise<Reply>;

/**
 * The api-base.hitpaw.com virtual host (photo enhancer, segmentation, video enhancer, task status, OSS
 * presign) and the OSS bucket host its presigned uploads go to. Uploaded objects are read at their
 * access_url on the CDN, which the submit endpoints' input fetching already reaches.
 */
export function createHitPaw(deps: Deps): { module: HostModule; control: HitPawControl } {
  let config = defaultConfig();
  const keys = new KeyStore(deps.clock);
  const jobs = new JobTable();
  const faults = new FaultQueue();
  const forced: ForcedOutcome[] = [];
  const durations: number[] = [];
  const env: SubmitEnv = {
    ...deps,
    config: () => config,
    keys,
    jobs,
    forced,
    durations,
    random: seededRandom(1),
  };
  const scenarioOf = (ctx: RequestContext) => ctx.req.headers['x-emu-scenario'] as string | undefined;
  const signer = createSigner();
  const uploads: OssObject[] = [];
  const presignEnv = (): PresignEnv => ({
    clock: deps.clock,
    signer,
    accessOrigin: deps.cdnOrigin,
    contentTypeFrom: config.ossContentTypeFrom,
  });
  const bucketEnv = {
    clock: deps.clock,
    signer,
    store: deps.store,
    retentionMs: () => config.ossRetentionMs,
  };
  const ossEndpoints: Record<string, (body: Record<string, unknown>) => Reply> = {
    '/api/oss/presign-put': (body) => presignPut(presignEnv(), body),
    '/api/oss/presign-put/batch': (body) => presignPutBatch(presignEnv(), body),
  };

  const endpoints: Record<string, Endpoint> = {
    '/api/photo-enhancer': async (body, key, ctx) => {
      const v = validatePhoto(body, config);
      if (!v.ok) return fail(config, v.code);
      const request = {
        kind: 'photo' as const,
        model: v.value.model,
        url: v.value.url,
        scenarioHeader: scenarioOf(ctx),
      };
      return finishSubmit(env, key, request, await preparePhoto(deps.sources, v.value));
    },
    '/api/image-segmentation': async (body, key, ctx) => {
      const v = validateSegmentation(body);
      if (!v.ok) return fail(config, v.code);
      const request = {
        kind: 'segmentation' as const,
        model: null,
        url: v.value.url,
        scenarioHeader: scenarioOf(ctx),
      };
      return finishSubmit(env, key, request, await prepareSegmentation(deps.sources, v.value.url));
    },
    '/api/video-enhancer': async (body, key, ctx) => {
      const v = validateVideo(body, config);
      if (!v.ok) return fail(config, v.code);
      const request = {
        kind: 'video' as const,
        model: v.value.model,
        url: v.value.url,
        scenarioHeader: scenarioOf(ctx),
      };
      return finishSubmit(env, key, request, await prepareVideo(deps.sources, v.value));
    },
    '/api/task-status': async (body, key) => {
      const v = validateStatus(body);
      if (!v.ok) return fail(config, v.code);
      const job = jobs.get(v.value);
      // Another key's job is reported as unknown too (assumption: the docs do not say).
      if (!job || job.key !== key || deps.clock.now() - job.createdAt > config.jobTtlMs)
        return fail(config, 110400002);
      const { status, outputs } = await jobs.poll(job, deps.clock.now());
      const data: Record<string, string> = {
        job_id: job.id,
        status,
        res_url: outputs?.resUrl ?? '',
        original_url: job.inputUrl,
      };
      if (job.kind === 'segmentation') data.mask_url = outputs?.maskUrl ?? '';
      return ok(config, data);
    },
  };

  /**
   * The OSS endpoints answer by HTTP status only ("400/401/500" in their docs): a key that is missing,
   * unknown or expired is 401, a bad body 400. They share the key's rate bucket (assumption).
   */
  function routeOss(ctx: RequestContext, endpoint: (body: Record<string, unknown>) => Reply): Reply {
    const key = ctx.req.headers.apikey as string | undefined;
    const record = keys.get(key);
    if (!record || record.kind === 'expired') return ossFail(401, 'Authentication failed');
    if (!keys.take(record, config.rateLimit)) return fail(config, 100429000);
    const parsed = parseJson(ctx.body);
    if (!parsed.ok) return ossFail(400, 'invalid JSON body');
    return endpoint(parsed.value);
  }

  // Auth, then the key's rate bucket, then the body: an unknown key has no bucket to drain.
  async function route(ctx: RequestContext): Promise<Reply> {
    const oss = ossEndpoints[ctx.path];
    if (oss && ctx.method === 'POST') return routeOss(ctx, oss);
    const endpoint = endpoints[ctx.path];
    if (!endpoint || ctx.method !== 'POST') return { status: 404, body: '404 page not found' };
    const key = ctx.req.headers.apikey as string | undefined; // Node lower-cases: Apikey, APIKEY, ApiKey
    const record = keys.get(key);
    if (!record || key === undefined) return fail(config, 110400000);
    if (record.kind === 'expired') return fail(config, 100401000);
    if (!keys.take(record, config.rateLimit)) return fail(config, 100429000);
    const parsed = parseJson(ctx.body);
    if (!parsed.ok) return fail(config, parsed.code);
    return endpoint(parsed.value, key, ctx);
  }

  const module: HostModule = {
    hosts: [HITPAW_HOST, OSS_HOST],
    async handle(ctx) {
      if (ctx.host === OSS_HOST) return handleBucket(bucketEnv, ctx, uploads);
      const fault = faults.take(ctx.path);
      const reply = !fault || fault.commit ? await route(ctx) : undefined;
      if (fault?.hang) return; // leave the request open: the client must time out and abort
      sendReply(
        ctx,
        fault
          ? { status: fault.status ?? 500, body: fault.body ?? defaultFaultBody(config, fault.status ?? 500) }
          : reply!,
      );
    },
  };

  const control: HitPawControl = {
    addKey: (key, options) => keys.add(key, options),
    coins: (key) => keys.coins(key),
    jobs: () => jobs.snapshots(),
    configure: (patch) => {
      config = applyPatch(config, patch);
      if (patch.timing) env.random = seededRandom(patch.timing.seed ?? 1);
    },
    config: () => config,
    inject: (path, fault, times = 1) => faults.add(path, fault, times),
    forceNextOutcome: (outcome) => void forced.push(outcome),
    forceNextDuration: (ms) => {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`forceNextDuration: bad duration ${ms}`);
      durations.push(ms);
    },
    uploads: () => uploads.map((u) => ({ ...u })),
  };
  return { module, control };
}
