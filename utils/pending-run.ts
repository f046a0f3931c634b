import { storage } from 'wxt/utils/storage';
import { z } from 'zod';

/**
 * The click that opened Options for a missing key, kept so that once the key is saved the person can run
 * what they asked for without going back to the page. It lives in storage.session: memory only, gone
 * when the browser closes, and not readable by content scripts (Chrome's default access level). One click
 * is kept, the latest; it expires after PENDING_RUN_TTL_MS, and running it removes it.
 */
export const PENDING_RUN_TTL_MS = 10 * 60_000;

export const pendingRunSchema = z.object({
  /** The key that was missing. */
  credential: z.enum(['hitpaw', 'enhancecraft', 'tensorpix']),
  /** The `<provider>:<operation>` menu id that was chosen (a Repeat already resolved). */
  menuItemId: z.string().min(1).max(200),
  /** What the person right-clicked (or picked), as the click gave it. */
  srcUrl: z.string().min(1),
  tabId: z.number().int().nonnegative(),
  frameId: z.number().int().nonnegative(),
  /** The URL of the frame the click was in, to tell whether that page is still there. */
  pageUrl: z.string().optional(),
  mediaType: z.enum(['image', 'video']).optional(),
  /** When it was clicked (ms since the epoch). */
  at: z.number().finite(),
});
export type PendingRun = z.infer<typeof pendingRunSchema>;

export const pendingRunItem = storage.defineItem<PendingRun | null>('session:pendingRun', {
  fallback: null,
});

export async function rememberPendingRun(run: PendingRun): Promise<void> {
  await pendingRunItem.setValue(pendingRunSchema.parse(run));
}

/** A stored click is usable while younger than the TTL (and not from the future: a clock set back). */
export function isFresh(run: Pick<PendingRun, 'at'>, now: number): boolean {
  return run.at <= now && now - run.at < PENDING_RUN_TTL_MS;
}

/** The kept click, when there is one, well-formed, fresh and (if given) for that key; expired ones go. */
export async function readPendingRun(now: number, credential?: string): Promise<PendingRun | undefined> {
  const parsed = pendingRunSchema.safeParse(await pendingRunItem.getValue());
  if (!parsed.success || !isFresh(parsed.data, now)) {
    if ((await pendingRunItem.getValue()) !== null) await pendingRunItem.removeValue();
    return undefined;
  }
  return credential === undefined || parsed.data.credential === credential ? parsed.data : undefined;
}

/** Reads the kept click and removes it, so one click runs at most once however often "Run" is pressed. */
export async function takePendingRun(now: number, credential?: string): Promise<PendingRun | undefined> {
  const run = await readPendingRun(now, credential);
  if (run) await pendingRunItem.removeValue();
  return run;
}
