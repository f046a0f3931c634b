import type { Clock } from '../core/clock';
import type { FileStore } from '../core/files';
import type { StoredFile } from '../core/http';
import type { HitPawConfig } from './config';
import { fail, ok, type ErrorCode, type Reply } from './envelope';
import { parseScenario, type ForcedOutcome, type InputSource } from './input';
import { planJob, type InputState, type JobKind, type JobTable, type Outputs } from './jobs';
import type { KeyStore } from './keys';

/** What the submit endpoints share: state, the clock, the CDN store and the input sources. */
export interface SubmitEnv {
  config: () => HitPawConfig;
  keys: KeyStore;
  jobs: JobTable;
  clock: Clock;
  store: FileStore;
  cdnOrigin: string;
  sources: readonly InputSource[];
  forced: ForcedOutcome[];
  /** Durations (ms) for the next jobs, one each, taken in submit order (`forceNextDuration`). */
  durations: number[];
  /** The noise of timed jobs: a seeded sequence, reset when `timing` is configured. */
  random: () => number;
}

/** The outcome of fetching and sizing the input (step 6) for one endpoint. */
export interface Prepared {
  input: InputState;
  coins: number;
  /** The fetched input's size, for timed jobs. */
  megapixels?: number;
  limitError?: ErrorCode;
  /** Produces the result files; given a `publish` that puts one on the CDN and returns its URL. */
  process?: (publish: (name: string, file: StoredFile) => string) => Promise<Outputs>;
}

/**
 * Steps 6–7 and job creation: limit errors, balance (402 110402000), demo tries (402 110402004),
 * then coins are deducted and the job's course is fixed. Processing starts now, as on the real
 * service; an input that could not be fetched or was forced to fail is never processed.
 */
export function finishSubmit(
  env: SubmitEnv,
  key: string,
  request: { kind: JobKind; model: string | null; url: string; scenarioHeader: string | undefined },
  prepared: Prepared,
): Reply {
  const config = env.config();
  if (prepared.limitError) return fail(config, prepared.limitError);
  const record = env.keys.get(key)!;
  if (record.coins < prepared.coins) return fail(config, 110402000);
  if (record.kind === 'demo' && record.demoTries <= 0) return fail(config, 110402004);
  record.coins -= prepared.coins;
  if (record.kind === 'demo') record.demoTries -= 1;

  const scenario = parseScenario(request.url, request.scenarioHeader);
  const outcome = scenario.outcome ?? env.forced.shift();
  const id = env.jobs.newId();
  const publish = (name: string, file: StoredFile) => {
    const path = `/hitpaw/${id}/${name}`;
    env.store.put(path, file, env.clock.now() + env.config().retentionMs);
    return `${env.cdnOrigin}${path}`;
  };
  const work: Promise<Outputs> =
    prepared.input === 'ok' && !outcome && prepared.process
      ? prepared.process(publish).catch(() => null)
      : Promise.resolve(null);
  const timing = config.timing;
  const forcedMs = env.durations.shift();
  const noise = timing ? 1 + timing.noise * (2 * env.random() - 1) : 1;
  const durationMs =
    forcedMs ??
    (timing ? Math.round((timing.fixedMs + timing.perMpMs * (prepared.megapixels ?? 0)) * noise) : undefined);
  const createdAt = env.clock.now();
  env.jobs.create({
    ...(durationMs === undefined ? {} : { doneAt: createdAt + durationMs }),
    id,
    key,
    kind: request.kind,
    model: request.model,
    inputUrl: request.url,
    createdAt,
    coins: prepared.coins,
    plan: planJob(config, prepared.input, outcome, scenario.slow),
    work,
  });
  return ok(config, { job_id: id, consume_coins: prepared.coins });
}
