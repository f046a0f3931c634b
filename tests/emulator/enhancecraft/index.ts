import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { Clock } from '../core/clock';
import { FaultQueue, type Fault } from '../core/faults';
import type { FileStore } from '../core/files';
import {
  sendFile,
  sendReply,
  type HostModule,
  type Reply,
  type RequestContext,
  type StoredFile,
} from '../core/http';
import { Accounts, type Account, type KeyOptions } from './accounts';
import { applyPatch, defaultConfig, type EnhanceCraftConfig, type EnhanceCraftConfigPatch } from './config';
import { defaultFaultBody, detail, isGatewayStatus, unprocessable } from './errors';
import { JobTable, planJob, type Job, type JobSnapshot, type WorkResult } from './jobs';
import { parseMultipart } from './multipart';
import { parseJobBody } from './operations';
import { JobFailure, runPipeline } from './pipeline';
import { FORMATS, ObjectStore, UPLOAD_FORMATS } from './storage';

export const ENHANCECRAFT_HOST = 'api.enhancecraft.com';

/** Where `absolute`-form outputs live on the CDN host: `/enhancecraft/outputs/<user>/<id>.<ext>`. */
const CDN_PREFIX = '/enhancecraft/';

/** Outcomes a test can force: through `forceNextOutcome`, `emu-fail` in the upload's filename, or `X-Emu-Scenario: fail`. */
export type EnhanceCraftOutcome = 'failed';

/** Test-side control of the EnhanceCraft emulator (`emu.enhancecraft`). */
export interface EnhanceCraftControl {
  /** Adds or replaces a key (any string; real ones look like `sk_live_…`). Keys not added get 401. */
  addKey(key: string, options?: KeyOptions): void;
  /** Current credit balance of a key. */
  credits(key: string): number;
  /** Every job created so far. */
  jobs(): JobSnapshot[];
  /** Merges switches into the configuration. */
  configure(patch: EnhanceCraftConfigPatch): void;
  config(): Readonly<EnhanceCraftConfig>;
  /**
   * Replaces the answers to the next `times` requests on `path`: an exact path
   * (`/api/v1/jobs/api/<id>`) or a route template (`/api/v1/upload/api`, `/api/v1/jobs/api`,
   * `/api/v1/jobs/api/{job_id}`, `/{storage_key}`). Exact paths are consumed first.
   */
  inject(path: string, fault: Fault, times?: number): void;
  /** The next job created (without its own scenario) ends `failed` with `message` (default `config.failureMessage`). */
  forceNextOutcome(outcome: EnhanceCraftOutcome, message?: string): void;
  /** Storage keys held: `uploads/…` and `outputs/…`. */
  objects(): string[];
}

interface Deps {
  clock: Clock;
  /** The CDN's file store, for `absolute`-form outputs. */
  cdn: FileStore;
  cdnOrigin: string;
}

/** A handler's answer: JSON (or a verbatim string, `''` for none) with extra headers, or a stored file. */
type Answer = (Reply & { headers?: Record<string, string> }) | { file: StoredFile };

interface Route {
  template: string;
  methods: readonly string[];
  match: (path: string) => RegExpExecArray | null;
  /** EMULATOR-ONLY routes add CORS: the page may load a result with fetch + Bearer. */
  cors?: boolean;
  handler: (ctx: RequestContext, account: Account, params: RegExpExecArray) => Promise<Answer> | Answer;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const RATE_HEADERS =
  'X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, X-RateLimit-Limit-Month, X-RateLimit-Remaining-Month';
const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': `Content-Length, ${RATE_HEADERS}`,
};

/**
 * The api.enhancecraft.com virtual host (../README.md says how it reads EnhanceCraft's docs): upload,
 * create job, job status, plus the EMULATOR-ONLY storage-key download route. Every answer carries the
 * five rate-limit headers. Order per request: rate window of the key → route (404/405) → auth (401) →
 * handler.
 */
export function createEnhanceCraft(deps: Deps): { module: HostModule; control: EnhanceCraftControl } {
  let config = defaultConfig();
  const accounts = new Accounts(deps.clock);
  const objects = new ObjectStore();
  const jobs = new JobTable();
  const faults = new FaultQueue();
  const forced: string[] = [];

  function jobBody(job: Job) {
    const output =
      job.outputKey === null
        ? null
        : config.outputUrlForm === 'absolute'
          ? `${deps.cdnOrigin}${CDN_PREFIX}${job.outputKey}`
          : job.outputKey;
    return {
      id: job.id,
      status: job.status,
      input_url: job.inputKey,
      output_url: output,
      error_message: job.errorMessage,
      created_at: iso(job.createdAt),
      updated_at: iso(job.updatedAt),
    };
  }

  async function upload(ctx: RequestContext, account: Account): Promise<Answer> {
    const parts = parseMultipart(ctx.body, ctx.req.headers['content-type']);
    if (parts === 'malformed') return detail(400, 'There was an error parsing the body');
    const file = parts?.find((p) => p.name === 'file');
    if (!file)
      return unprocessable([{ type: 'missing', loc: ['body', 'file'], msg: 'Field required', input: null }]);
    if (file.filename === undefined) {
      const msg = "Value error, Expected UploadFile, received: <class 'str'>";
      return unprocessable([
        { type: 'value_error', loc: ['body', 'file'], msg, input: file.data.toString('utf8', 0, 64) },
      ]);
    }
    if (file.data.length > config.maxUploadBytes) {
      const mb = Math.round((config.maxUploadBytes / 1024 / 1024) * 100) / 100;
      return detail(413, `File too large. Maximum size is ${mb} MB`);
    }
    let format: string | undefined;
    try {
      format = (await sharp(file.data).metadata()).format;
      await sharp(file.data).raw().toBuffer(); // decode it all: a truncated file is not an image
    } catch {
      return detail(400, 'Invalid image file');
    }
    if (!format || !(UPLOAD_FORMATS as readonly string[]).includes(format))
      return detail(400, `Unsupported image format: ${format ?? 'unknown'}`);
    const { ext, type } = FORMATS[format]!;
    const storageKey = `uploads/${account.user}/${randomUUID()}.${ext}`;
    objects.put(storageKey, { bytes: file.data, type, user: account.user, filename: file.filename });
    return {
      status: 200,
      body: { storage_key: storageKey, filename: file.filename, size: file.data.length, content_type: type },
    };
  }

  async function createJob(ctx: RequestContext, account: Account): Promise<Answer> {
    // FastAPI reads JSON when the content type says JSON or is absent; anything else is not an object.
    const contentType = ctx.req.headers['content-type'];
    if (contentType && !/json/i.test(contentType)) {
      const msg = 'Input should be a valid dictionary or object to extract fields from';
      const input = ctx.body.toString('utf8', 0, 64);
      return unprocessable([{ type: 'model_attributes_type', loc: ['body'], msg, input }]);
    }
    let body: unknown;
    try {
      body = JSON.parse(ctx.body.toString('utf8'));
    } catch {
      return unprocessable([{ type: 'json_invalid', loc: ['body', 0], msg: 'JSON decode error', input: {} }]);
    }
    const parsed = parseJobBody(body);
    if (!parsed.ok) return unprocessable(parsed.errors);
    const { inputKey, operations } = parsed.value;
    const input = objects.read(inputKey, account.user);
    if (!input) return detail(config.inputNotFoundStatus, 'Input not found');
    for (const op of operations) {
      const key = op.params.background_image_key;
      if (
        op.type === 'replace-background' &&
        op.params.background_type === 'image' &&
        !objects.read(String(key), account.user)
      )
        return detail(404, 'Background image not found');
    }
    const cost = operations.reduce((sum, op) => sum + config.costs[op.type], 0);
    if (account.credits < cost) return detail(402, 'Insufficient credits');
    account.credits -= cost;

    // Scenario hooks (not part of the real API): `X-Emu-Scenario: fail,slow`, or `emu-fail` /
    // `emu-slow` in the uploaded file's name.
    const words = [
      ...String(ctx.req.headers['x-emu-scenario'] ?? '').split(','),
      ...[...input.filename.matchAll(/emu[-=]([a-z]+)/gi)].map((m) => m[1]!),
    ].map((w) => w.trim().toLowerCase());
    const scenarioFails = words.includes('fail');
    const forcedError = scenarioFails ? config.failureMessage : forced.shift();
    const id = jobs.newId();
    const now = deps.clock.now();
    const env = {
      readObject: (key: string) => objects.read(key, account.user)?.bytes,
      maxOutputPixels: config.maxOutputPixels,
      maskSize: config.maskSize,
    };
    const work: Promise<WorkResult> =
      forcedError !== undefined
        ? Promise.resolve({ error: forcedError })
        : (async () => {
            const inputFormat = (await sharp(input.bytes).metadata()).format ?? 'png';
            const result = await runPipeline(input.bytes, inputFormat, operations, env);
            const outputKey = `outputs/${account.user}/${id}.${result.format}`;
            const file = { bytes: result.bytes, type: result.type };
            objects.put(outputKey, { ...file, user: account.user, filename: `${id}.${result.format}` });
            deps.cdn.put(`${CDN_PREFIX}${outputKey}`, file, deps.clock.now() + config.cdnRetentionMs);
            return { outputKey };
          })().catch((error: unknown) => ({
            error: error instanceof JobFailure ? error.message : config.failureMessage,
          }));
    const per = config.pollsPerStep * (words.includes('slow') ? config.slowFactor : 1);
    const job = jobs.create({
      id,
      user: account.user,
      apiKey: account.key,
      inputKey,
      operations,
      credits: cost,
      createdAt: now,
      updatedAt: now,
      plan: planJob(per, forcedError !== undefined),
      forcedError,
      work,
    });
    return { status: 201, body: jobBody(job) };
  }

  async function getJob(_ctx: RequestContext, account: Account, params: RegExpExecArray): Promise<Answer> {
    const job = jobs.get(decodeURIComponent(params[1]!), account.user);
    if (!job) return detail(404, 'Job not found');
    return { status: 200, body: jobBody(await jobs.poll(job, deps.clock.now())) };
  }

  // EMULATOR-ONLY (the extension's decision, undocumented upstream): a storage key resolved against
  // the API base (`new URL(key, base)`) is downloaded here with the same Bearer header. Only the
  // owner's keys are served; anything else is 404.
  function download(ctx: RequestContext, account: Account): Answer {
    let key: string;
    try {
      key = decodeURIComponent(ctx.path.slice(1));
    } catch {
      return detail(404, 'Not Found');
    }
    const object = objects.read(key, account.user);
    return object ? { file: object } : detail(404, 'Not Found');
  }

  const routes: Route[] = [
    {
      template: '/api/v1/upload/api',
      methods: ['POST'],
      match: (p) => /^\/api\/v1\/upload\/api$/.exec(p),
      handler: upload,
    },
    {
      template: '/api/v1/jobs/api',
      methods: ['POST'],
      match: (p) => /^\/api\/v1\/jobs\/api$/.exec(p),
      handler: createJob,
    },
    {
      template: '/api/v1/jobs/api/{job_id}',
      methods: ['GET'],
      match: (p) => /^\/api\/v1\/jobs\/api\/([^/]+)$/.exec(p),
      handler: getJob,
    },
    {
      template: '/{storage_key}',
      methods: ['GET', 'HEAD'],
      match: (p) => /^\/(?:uploads|outputs)\/[^/]+\/[^/]+$/.exec(p),
      cors: true,
      handler: download,
    },
  ];

  async function route(
    ctx: RequestContext,
    account: Account | undefined,
    refused: false | 'minute' | 'month',
  ): Promise<Answer> {
    if (account && refused)
      return detail(429, refused === 'month' ? 'Monthly rate limit exceeded' : 'Rate limit exceeded');
    const found = routes.map((r) => ({ r, m: r.match(ctx.path) })).find((x) => x.m !== null);
    if (!found) {
      const bare = ctx.path.replace(/\/+$/, '');
      if (bare !== ctx.path && routes.some((r) => r.match(bare))) {
        const query = ctx.query.toString();
        const search = query ? `?${query}` : '';
        return {
          status: 307,
          body: '',
          headers: { Location: `https://${ENHANCECRAFT_HOST}${bare}${search}` },
        };
      }
      return detail(404, 'Not Found');
    }
    const { r, m } = found;
    if (ctx.method === 'OPTIONS' && r.cors) {
      const headers = {
        'Access-Control-Allow-Headers': 'Authorization',
        'Access-Control-Allow-Methods': r.methods.join(', '),
        'Access-Control-Max-Age': '600',
      };
      return { status: 204, body: '', headers };
    }
    if (!r.methods.includes(ctx.method))
      return { ...detail(405, 'Method Not Allowed'), headers: { Allow: r.methods.join(', ') } };
    if (!account)
      return { status: 401, body: config.authErrorBody, headers: { 'WWW-Authenticate': 'Bearer' } };
    return r.handler(ctx, account, m!);
  }

  const module: HostModule = {
    hosts: [ENHANCECRAFT_HOST],
    async handle(ctx) {
      // `Authorization: Bearer <key>`; the scheme is case-insensitive, as in FastAPI's HTTPBearer.
      const auth = /^Bearer\s+(\S+)\s*$/i.exec(ctx.req.headers.authorization ?? '')?.[1];
      const account = accounts.get(auth);
      const { refused, headers: rate } = accounts.admit(account);
      const matched = routes.find((r) => r.match(ctx.path));
      const cors = matched?.cors ? CORS : {};
      const fault = faults.take(ctx.path) ?? (matched ? faults.take(matched.template) : undefined);
      const answer = !fault || fault.commit ? await route(ctx, account, refused) : undefined;
      if (fault?.hang) return; // leave the request open: the client must time out and abort
      if (fault) {
        const status = fault.status ?? 500;
        const body = fault.body ?? defaultFaultBody(status);
        // A gateway page comes from a proxy in front of the app: no app headers on it.
        return sendReply(ctx, { status, body }, isGatewayStatus(status) ? {} : { ...rate, ...cors });
      }
      const done = answer!;
      if ('file' in done) return sendFile(ctx, done.file, { ...rate, ...cors });
      const { headers: extra = {}, ...reply } = done;
      if (reply.body === '') {
        ctx.res.writeHead(reply.status, { ...rate, ...cors, ...extra, 'Content-Length': '0' });
        return void ctx.res.end();
      }
      sendReply(ctx, reply, { ...rate, ...cors, ...extra });
    },
  };

  const control: EnhanceCraftControl = {
    addKey: (key, options) => accounts.add(key, options),
    credits: (key) => accounts.credits(key),
    jobs: () => jobs.snapshots(),
    configure: (patch) => void (config = applyPatch(config, patch)),
    config: () => config,
    inject: (path, fault, times = 1) => faults.add(path, fault, times),
    forceNextOutcome: (_outcome, message) => void forced.push(message ?? config.failureMessage),
    objects: () => objects.keys(),
  };
  return { module, control };
}
