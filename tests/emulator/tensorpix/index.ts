import type { Clock } from '../core/clock';
import { FaultQueue, type Fault } from '../core/faults';
import type { FileStore } from '../core/files';
import { send, type HostModule, type RequestContext } from '../core/http';
import type { InputSource } from '../core/input';
import { applyPatch, defaultConfig, type TensorPixConfig, type TensorPixConfigPatch } from './config';
import {
  authenticate,
  detail,
  DJANGO_404,
  DJANGO_500,
  NOT_FOUND,
  paginate,
  throttle,
  throttled,
  type Reply,
} from './drf';
import {
  JobTable,
  renderJob,
  STATUS_LABELS,
  STATUS_NAMES,
  type ForcedOutcome,
  type TensorPixJobSnapshot,
} from './jobs';
import { KeyStore, type TensorPixKeyOptions } from './keys';
import { ML_MODELS, type MLModel } from './models';
import { submitFromUrl, type SubmitEnv } from './submit';

export const TENSORPIX_HOST = 'backend.tensorpix.ai';

/** Test-side control of the TensorPix emulator (`emu.tensorpix`). */
export interface TensorPixControl {
  /** Adds a key (or resets its credits and quota). Keys not added are "Invalid token." (401). */
  addKey(key: string, options?: TensorPixKeyOptions): void;
  /** Current credits of a key. */
  credits(key: string): number;
  /** Bytes of a key's stored outputs, counted against its `storageBytes`. */
  storageUsed(key: string): number;
  /** Every job created so far. */
  jobs(): TensorPixJobSnapshot[];
  /** The model catalogue `GET /api/ml-models/` serves. */
  models(): readonly MLModel[];
  /** Merges switches into the configuration; progression counts apply to jobs created afterwards. */
  configure(patch: TensorPixConfigPatch): void;
  config(): Readonly<TensorPixConfig>;
  /** Replaces the answers to the next `times` requests on an exact path or a path pattern. */
  inject(path: string | RegExp, fault: Fault, times?: number): void;
  /** The next job created (without its own `#emu=fail|cancel`) ends −1 (Failed) or −2 (Canceled). */
  forceNextOutcome(outcome: ForcedOutcome): void;
}

interface Deps {
  clock: Clock;
  store: FileStore;
  sources: readonly InputSource[];
  cdnOrigin: string;
}

type Handler = (ctx: RequestContext, key: string, id: number) => Promise<Reply> | Reply;
interface Route {
  /** The view's name, as DRF's OPTIONS metadata shows it. */
  name: string;
  pattern: RegExp;
  methods: Record<string, Handler>;
}

/**
 * The backend.tensorpix.ai virtual host (Django REST Framework style): ML model list, from-url
 * jobs, job detail/history/list. How it reads TensorPix's docs: ../README.md.
 */
export function createTensorPix(deps: Deps): { module: HostModule; control: TensorPixControl } {
  let config = defaultConfig();
  const keys = new KeyStore();
  const jobs = new JobTable();
  const faults = new FaultQueue();
  const forced: ForcedOutcome[] = [];
  const sign = (path: string) =>
    `${deps.cdnOrigin}${path}?${deps.store.sign(path, deps.clock.now() + config.signatureTtlMs)}`;
  const env: SubmitEnv = { ...deps, config: () => config, keys, jobs, forced, sign };
  const absolute = (ctx: RequestContext) => {
    const url = new URL(`https://${TENSORPIX_HOST}${ctx.path}`);
    url.search = ctx.query.toString();
    return url;
  };

  const jobDetail =
    (history: boolean): Handler =>
    async (_ctx, key, id) => {
      const job = jobs.find(id, key);
      if (!job) return detail(404, NOT_FOUND);
      const state = await jobs.poll(job, deps.clock.now);
      const statusNames = config.historyStatus === 'label' ? STATUS_LABELS : STATUS_NAMES;
      return { status: 200, body: renderJob(job, state, sign, history ? { statusNames } : undefined) };
    };

  const routes: Route[] = [
    {
      name: 'Ml Model List',
      pattern: /^\/api\/ml-models\/$/,
      methods: {
        GET: (ctx) => ({
          status: 200,
          body: config.modelsAsArray ? ML_MODELS : paginate(ML_MODELS, absolute(ctx), config.pageSize),
        }),
      },
    },
    {
      // https://docs.tensorpix.ai/essentials/credits: the account's Credits, as `balance_usd`, a decimal
      // string of at most four places (DRF's DecimalField renders all four: "1000.0000").
      name: 'Profile Balance',
      pattern: /^\/api\/accounts\/profile\/balance\/$/,
      methods: {
        GET: (_ctx, key) => ({ status: 200, body: { balance_usd: keys.get(key).credits.toFixed(4) } }),
      },
    },
    {
      name: 'Job From Url',
      pattern: /^\/api\/jobs\/from-url\/$/,
      methods: {
        POST: async (ctx, key) => {
          const parsed = parseBody(ctx);
          if ('reply' in parsed) return parsed.reply;
          return submitFromUrl(
            env,
            key,
            parsed.data,
            ctx.req.headers['x-emu-scenario'] as string | undefined,
          );
        },
      },
    },
    {
      name: 'Job List',
      pattern: /^\/api\/jobs\/$/,
      methods: {
        // Listing shows each job as its last poll left it: it does not move jobs along.
        GET: (ctx, key) => {
          const page = paginate(jobs.ofKey(key), absolute(ctx), config.pageSize);
          return {
            status: 200,
            body: { ...page, results: page.results.map((j) => renderJob(j, j.shown, sign)) },
          };
        },
      },
    },
    {
      name: 'Job History Detail',
      pattern: /^\/api\/jobs\/history\/([^/.]+)\/$/,
      methods: { GET: jobDetail(true) },
    },
    { name: 'Job Detail', pattern: /^\/api\/jobs\/([^/.]+)\/$/, methods: { GET: jobDetail(false) } },
  ];

  // Django's order: URL resolution (404 page, APPEND_SLASH redirect) → DRF: authentication →
  // throttle → method (405) → the view.
  async function route(ctx: RequestContext): Promise<Reply> {
    const found = routes.find((r) => r.pattern.test(ctx.path));
    if (!found) {
      if (routes.some((r) => r.pattern.test(`${ctx.path}/`))) {
        const search = ctx.query.toString();
        return {
          status: 301,
          body: '',
          headers: { Location: `https://${TENSORPIX_HOST}${ctx.path}/${search ? `?${search}` : ''}` },
        };
      }
      return { status: 404, body: DJANGO_404 };
    }
    const auth = authenticate(ctx.req.headers.authorization, (k) => keys.has(k));
    if (!auth.ok) return auth.reply;
    if (config.throttle) {
      const wait = throttle(keys.get(auth.key).hits, deps.clock.now(), config.throttle.perMinute, 60_000);
      if (wait !== null) return throttled(wait);
    }
    const allow = [...Object.keys(found.methods), ...('GET' in found.methods ? ['HEAD'] : []), 'OPTIONS'];
    if (ctx.method === 'OPTIONS') {
      // DRF's SimpleMetadata, without the per-field "actions" description (multipart is not emulated).
      const parses = ['application/json', 'application/x-www-form-urlencoded'];
      const body = { name: found.name, description: '', renders: ['application/json', 'text/html'], parses };
      return { status: 200, body, headers: { Allow: allow.join(', ') } };
    }
    const handler = found.methods[ctx.method === 'HEAD' ? 'GET' : ctx.method];
    if (!handler) return detail(405, `Method "${ctx.method}" not allowed.`, { Allow: allow.join(', ') });
    const raw = found.pattern.exec(ctx.path)?.[1];
    if (raw !== undefined && !/^\d+$/.test(raw)) return detail(404, NOT_FOUND);
    return handler(ctx, auth.key, Number(raw));
  }

  const module: HostModule = {
    hosts: [TENSORPIX_HOST],
    async handle(ctx) {
      const fault = faults.take(ctx.path);
      const reply = !fault || fault.commit ? await route(ctx) : undefined;
      if (fault?.hang) return; // leave the request open: the client must time out and abort
      write(ctx, fault ? faultReply(fault) : reply!);
    },
  };

  const control: TensorPixControl = {
    addKey: (key, options) => keys.add(key, options),
    credits: (key) => keys.get(key).credits,
    storageUsed: (key) => {
      keys.get(key); // throws for an unknown key
      return jobs.storageUsed(key);
    },
    jobs: () => jobs.snapshots(),
    models: () => ML_MODELS,
    configure: (patch) => void (config = applyPatch(config, patch)),
    config: () => config,
    inject: (path, fault, times = 1) => faults.add(path, fault, times),
    forceNextOutcome: (outcome) => {
      if (outcome !== -1 && outcome !== -2) throw new RangeError('forceNextOutcome: -1 or -2');
      forced.push(outcome);
    },
  };
  return { module, control };
}

/**
 * DRF's parsers: JSON and form-encoded bodies (`ml_models` repeated in a form). Any other type is
 * 415, as DRF answers a `fetch` that sends JSON without `Content-Type: application/json`.
 */
function parseBody(ctx: RequestContext): { data: Record<string, unknown> } | { reply: Reply } {
  const type = (ctx.req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const text = ctx.body.toString('utf8');
  if (type === 'application/json') {
    if (text.trim() === '') return { data: {} };
    try {
      const value: unknown = JSON.parse(text);
      if (value && typeof value === 'object' && !Array.isArray(value))
        return { data: value as Record<string, unknown> };
      const got = Array.isArray(value)
        ? 'list'
        : value === null
          ? 'NoneType'
          : typeof value === 'string'
            ? 'str'
            : typeof value === 'boolean'
              ? 'bool'
              : Number.isInteger(value)
                ? 'int'
                : 'float';
      return {
        reply: {
          status: 400,
          body: { non_field_errors: [`Invalid data. Expected a dictionary, but got ${got}.`] },
        },
      };
    } catch (error) {
      return { reply: detail(400, `JSON parse error - ${(error as Error).message}`) };
    }
  }
  if (type === 'application/x-www-form-urlencoded') {
    const form = new URLSearchParams(text);
    const data: Record<string, unknown> = {};
    for (const name of new Set(form.keys()))
      data[name] = name === 'ml_models' ? form.getAll(name) : form.get(name);
    return { data };
  }
  const shown = ctx.req.headers['content-type'] ?? '';
  return { reply: detail(415, `Unsupported media type "${shown}" in request.`) };
}

/** What an injected fault sends when the test gave no body: DRF's or Django's usual answer. */
function faultReply(fault: Fault): Reply {
  const status = fault.status ?? 500;
  if (fault.body !== undefined)
    return { status, body: fault.body, headers: status === 429 ? { 'Retry-After': '60' } : undefined };
  if (status === 429) return throttled(60);
  if (status >= 502 && status <= 504)
    return { status, body: `<html><body><h1>${status} Gateway Error</h1></body></html>` };
  if (status === 500) return { status, body: DJANGO_500 };
  const details: Record<number, string> = {
    400: 'Malformed request.',
    401: 'Invalid token.',
    403: 'You do not have permission to perform this action.',
    404: NOT_FOUND,
  };
  if (status < 400) return { status, body: {} };
  return detail(status, details[status] ?? 'A server error occurred.');
}

function write(ctx: RequestContext, reply: Reply): void {
  if (typeof reply.body !== 'string') {
    // DRF's JSONRenderer sends exactly `application/json`.
    return send(
      ctx,
      reply.status,
      Buffer.from(JSON.stringify(reply.body)),
      'application/json',
      reply.headers,
    );
  }
  // A verbatim body keeps a plausible type: Django's pages are HTML, truncated JSON still claims JSON.
  const first = reply.body.trimStart()[0];
  const type =
    first === '<' ? 'text/html' : first === '{' || first === '[' ? 'application/json' : 'text/plain';
  send(ctx, reply.status, Buffer.from(reply.body), `${type}; charset=utf-8`, reply.headers);
}
