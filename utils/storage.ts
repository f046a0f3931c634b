import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import { backdropChoiceSchema, type BackdropChoice } from './messages';
import { pipelineSchema, type Pipeline } from './pipeline/enhancecraft-pipeline';

/**
 * Every stored setting, declared once with its fallback and version (WXT storage items over
 * storage.local). Values are zod-checked on read so one bad field never resets the others. Secrets are
 * NOT here (see utils/secrets.ts): storage.local is readable by content scripts.
 */

/**
 * The layout version of data outside the job records; the start-up reconcile runs the steps in
 * utils/jobs/migrate.ts once when the stored value is older. 2: the on-device progress store is gone.
 */
export const DATA_VERSION = 2;
export const dataVersion = storage.defineItem<number>('local:dataVersion', { fallback: 0 });

/** Per provider: small notes such as which spelling of a renamed model worked last time. */
const memorySchema = z.record(z.string(), z.string());
export const providerMemory = storage.defineItem<Record<string, string>>('local:providerMemory', {
  fallback: {},
  version: 1,
});

export async function readProviderMemory(): Promise<Record<string, string>> {
  const parsed = memorySchema.safeParse(await providerMemory.getValue());
  return parsed.success ? parsed.data : {};
}

/** How the transparent area of a background-removal result shows in the page (the file is untouched). */
export const backdropSchema = backdropChoiceSchema;
export type Backdrop = BackdropChoice;
export const cutoutBackdrop = storage.defineItem<Backdrop>('local:cutoutBackdrop', {
  fallback: 'checkerboard',
  version: 1,
});

/** TensorPix: send free, watermarked preview jobs (a short segment) instead of paid full jobs. */
export const tensorpixPreview = storage.defineItem<boolean>('local:tensorpixPreview', {
  fallback: false,
  version: 1,
});

/** Reads an item and falls back field by field: a bad stored value never throws or resets others. */
export async function readSetting<T>(item: { getValue(): Promise<T>; fallback: T }, schema: z.ZodType<T>) {
  const parsed = schema.safeParse(await item.getValue());
  return parsed.success ? parsed.data : item.fallback;
}

export async function readProviderSettings() {
  return { tensorpixPreview: await readSetting(tensorpixPreview, z.boolean()) };
}

/** The person's own EnhanceCraft pipelines (Options), each validated against the documented table. */
export const enhancecraftPipelines = storage.defineItem<Pipeline[]>('local:enhancecraftPipelines', {
  fallback: [],
  version: 1,
});

/** Valid pipelines only: one broken entry is skipped, never the whole list lost. */
export async function readPipelines(): Promise<Pipeline[]> {
  const raw = await enhancecraftPipelines.getValue();
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry) => {
    const parsed = pipelineSchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}

/** Which backend the on-device engine last ran on (shown in Options); null until it first ran. */
export const onDeviceBackend = storage.defineItem<string | null>('local:onDeviceBackend', {
  fallback: null,
  version: 1,
});

/**
 * The most the kept images (results, masks, inputs waiting to upload) may take in IndexedDB, in MB
 * (MiB). At least one largest result (40 MB) must fit; past the budget the oldest finished jobs' copies go.
 */
export const keptBudgetSchema = z.number().int().min(50).max(100_000);
export const keptBudgetMb = storage.defineItem<number>('local:keptBudgetMb', { fallback: 500, version: 1 });

/**
 * The menu id (`<provider>:<operation>`) of the operation last chosen: offered again as the menu's
 * "Repeat: …" item and run by the keyboard shortcut's pick mode. Null until something was chosen.
 */
export const lastOperation = storage.defineItem<string | null>('local:lastOperation', {
  fallback: null,
  version: 1,
});

/** A browser notification when a job finishes or fails while its tab is not in front (on by default). */
export const notifyWhenDone = storage.defineItem<boolean>('local:notifyWhenDone', {
  fallback: true,
  version: 1,
});

/**
 * Finished jobs (and their kept copies) are removed this many days after they finished, by the
 * background on start and once a day (utils/jobs/history.ts). 0 keeps them until cleared by hand.
 */
export const historyDaysSchema = z.number().int().min(0).max(3650);
export const historyDays = storage.defineItem<number>('local:historyDays', { fallback: 30, version: 1 });

/**
 * What "Repeat" at the head of the menu and the keyboard shortcut run: `last` follows the operation last
 * chosen (`lastOperation`); a menu id (`<provider>:<operation>`) fixes that one whatever was run since.
 */
export const DEFAULT_ACTION_LAST = 'last';
export const defaultActionSchema = z.union([
  z.literal(DEFAULT_ACTION_LAST),
  z
    .string()
    .max(200)
    .regex(/^[a-z-]+:[\w-]+$/),
]);
export const defaultAction = storage.defineItem<string>('local:defaultAction', {
  fallback: DEFAULT_ACTION_LAST,
  version: 1,
});

/** The menus list the items of providers whose key is not saved yet, ending in "(add key)" (on by default). */
export const menuShowKeyless = storage.defineItem<boolean>('local:menuShowKeyless', {
  fallback: true,
  version: 1,
});

/**
 * The menus are offered where Chrome saw no image or video under the pointer too — the page, links and
 * frames (an operation chosen there starts pick mode) — and the page menu offers "Enhance all images on
 * this page…" (on by default). Off: they show only on an image or video itself.
 */
export const menuOutsideMedia = storage.defineItem<boolean>('local:menuOutsideMedia', {
  fallback: true,
  version: 1,
});
