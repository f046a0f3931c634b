import type { Clock } from '../core/clock';
import type { FileStore } from '../core/files';
import { fetchInput, scenarioWords, type InputSource } from '../core/input';
import type { TensorPixConfig } from './config';
import { detail, type Reply } from './drf';
import {
  queuedEta,
  renderJob,
  type ForcedOutcome,
  type Job,
  type JobTable,
  type Published,
  type Signer,
} from './jobs';
import type { KeyStore } from './keys';
import { containerOf, enhanceVideo, processedSeconds, type EnhanceSpec } from './process-video';
import { probeVideoInfo } from './probe';
import { validateFromUrl } from './validate';

/** What the from-url endpoint needs: state, the clock, the CDN store and the input sources. */
export interface SubmitEnv {
  config: () => TensorPixConfig;
  keys: KeyStore;
  jobs: JobTable;
  clock: Clock;
  store: FileStore;
  sources: readonly InputSource[];
  forced: ForcedOutcome[];
  sign: Signer;
}

/** "YouTube, Instagram, Vimeo and TikTok links are rejected" (the from-url docs): hosts and subdomains. */
const PLATFORM_HOSTS = [
  'youtube.com',
  'youtu.be',
  'youtube-nocookie.com',
  'vimeo.com',
  'tiktok.com',
  'instagram.com',
  'instagr.am',
];

export const MESSAGES = {
  platform:
    'YouTube, Instagram, Vimeo and TikTok links are not supported. Please provide a direct link to a video file.',
  notVideo: 'The provided URL could not be parsed as a video.',
  storage:
    'You have exceeded your storage quota. Delete some of your videos or upgrade your plan to free up storage space.',
  credits: (needed: number, left: number) =>
    `You don't have enough credits to enhance this video (needed ${needed.toFixed(2)}, available ${left.toFixed(2)}). Please top up your credits.`,
  resolution: (w: number, h: number, model: { name: string; max_resolution: number }) =>
    `The input video resolution ${w}x${h} (${w * h} px) exceeds the maximum resolution of the "${model.name}" model (${model.max_resolution} px).`,
};

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * `POST /api/jobs/from-url/`, checked in this order: serializer fields (all errors at once) →
 * platform host → storage quota → fetch and ffprobe of the URL → each model's `max_resolution` →
 * credits (previews are free). Every refusal is HTTP 400, as documented. Credits are taken at
 * submit; processing starts at once, unless the outcome is forced.
 */
export async function submitFromUrl(
  env: SubmitEnv,
  key: string,
  data: Record<string, unknown>,
  scenarioHeader: string | undefined,
): Promise<Reply> {
  const config = env.config();
  const valid = validateFromUrl(data, config.urlField);
  if (!valid.ok) return { status: 400, body: valid.errors };
  const { url, models, options } = valid.value;

  const host = new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  if (PLATFORM_HOSTS.some((p) => host === p || host.endsWith(`.${p}`))) return detail(400, MESSAGES.platform);
  const account = env.keys.get(key);
  if (env.jobs.storageUsed(key) >= account.storageBytes) return detail(400, MESSAGES.storage);

  const fetched = await fetchInput(url, env.sources);
  const input = fetched.state === 'ok' ? await probeVideoInfo(fetched.file.bytes) : null;
  if (fetched.state !== 'ok' || !input) return detail(400, MESSAGES.notVideo);
  const tooSmall = models.find((m) => input.width * input.height > m.max_resolution);
  if (tooSmall) return detail(400, MESSAGES.resolution(input.width, input.height, tooSmall));

  const spec: EnhanceSpec = { models, options, input, previewSeconds: config.previewSeconds };
  // Emulator pricing (undocumented): 0.1 credit per second per unit of cost_weight, at least 0.01.
  const weight = models.reduce((sum, m) => sum + m.cost_weight, 0);
  const cost = options.preview ? 0 : Math.max(0.01, round2(0.1 * weight * processedSeconds(spec)));
  if (cost > account.credits) return detail(400, MESSAGES.credits(cost, account.credits));
  account.credits = round2(account.credits - cost);

  const words = scenarioWords(url, scenarioHeader);
  const scenario: ForcedOutcome | undefined = words.includes('fail')
    ? -1
    : words.includes('cancel')
      ? -2
      : undefined;
  const outcome = scenario ?? env.forced.shift();
  const slow = words.includes('slow') ? config.slowFactor : 1;
  const ids = env.jobs.newIds();
  const inputName = decodeURIComponent(new URL(url).pathname.split('/').pop() || 'video');
  const stem = inputName.replace(/\.[^.]*$/, '') || 'video';
  const name = `${stem}_${options.preview ? 'preview' : 'enhanced'}${containerOf(options.codec).ext}`;

  const publish = async (): Promise<Published | null> => {
    if (fetched.state !== 'ok') return null;
    const enhanced = await enhanceVideo(fetched.file.bytes, spec);
    const base = `/tensorpix/${ids.id}`;
    // Outputs stay until the user deletes them (TensorPix's storage docs); only their links expire.
    const put = (path: string, file: { bytes: Buffer; type: string }) =>
      env.store.put(path, file, Infinity, { signed: true });
    put(`${base}/${name}`, enhanced.output);
    put(`${base}/thumbnail.jpg`, enhanced.thumbnail);
    if (enhanced.before) put(`${base}/${stem}_before.mp4`, enhanced.before);
    return {
      enhanced,
      name,
      file: `${base}/${name}`,
      thumbnail: `${base}/thumbnail.jpg`,
      before: enhanced.before ? `${base}/${stem}_before.mp4` : undefined,
      createdAt: env.clock.now(),
    };
  };

  const job: Job = {
    ...ids,
    key,
    userId: account.userId,
    email: account.email,
    inputUrl: url,
    inputName,
    input,
    models,
    options,
    cost,
    createdAt: env.clock.now(),
    finishedAt: null,
    spinUp: config.spinUpPolls * slow,
    processing: config.processingPolls * slow,
    outcome,
    // Emulator estimate: 30 s plus 20 s per model per processed second.
    etaBase: Math.round(30 + 20 * models.length * processedSeconds(spec)),
    polls: 0,
    shown: { status: 0, progress: 0, eta: 0 },
    work: outcome ? Promise.resolve(null) : publish().catch(() => null),
  };
  job.shown = { status: 0, progress: 0, eta: queuedEta(job) };
  void job.work.then((result) => (job.result = result));
  env.jobs.add(job);
  return { status: 201, body: renderJob(job, job.shown, env.sign) };
}
