/**
 * From a menu click to the submit reaching the provider: the worker's clock just before its click
 * handler is called, to the emulator's journal time of the HitPaw submit request (same machine, same
 * clock). Everything a click does before anything is sent is in between: the key check, the URL guard,
 * the page code's look at the clicked image, the provider's precheck and the write-ahead record.
 * Median of 20 clicks on 20 images (HitPaw takes the URL).
 */
import { click, median, openBench, openGallery, SITE, until } from './browser';
import type { BenchRow } from './row';

const CLICKS = 20;
const MENU = 'hitpaw-photo:general_2x';

export async function clickToSubmitBench(): Promise<BenchRow[]> {
  const bench = await openBench();
  try {
    const paths = Array.from({ length: CLICKS }, (_, i) => `/images/demo-1.jpg?click-${i}`);
    await openGallery(bench.context, paths);
    const times: number[] = [];
    for (const path of paths) {
      const srcUrl = `${SITE}${path}`;
      const clickedAt = await click(await bench.worker(), MENU, srcUrl);
      const submitted = () =>
        bench.emulator.journal
          .find({ path: '/api/photo-enhancer', method: 'POST' })
          .find((e) => (e.body as { img_url?: string } | undefined)?.img_url === srcUrl);
      await until(() => submitted() !== undefined, 30_000, `the submit of ${srcUrl}`);
      times.push(submitted()!.at - clickedAt);
    }
    const value = median(times);
    return [
      {
        name: `Click to submit, HitPaw (median of ${CLICKS})`,
        value,
        unit: 'ms',
        goal: '≤ 50 ms',
        met: value <= 50,
      },
    ];
  } finally {
    await bench.close();
  }
}
